package com.camelicloud.photos.library;

/**
 * One downloadable rendition of a photo (docs/protocol.md §5.3).
 *
 * @param field    the resource's field prefix, e.g. {@code resOriginal} or {@code resOriginalVidCompl}
 * @param uti      the rendition's own type ({@code …FileType})
 * @param checksum {@code fileChecksum}: an identity of the bytes, never an integrity check (§5.14)
 * @param size     the byte count the API promises; downloads must match it (§8.9)
 */
public record Resource(String field, String uti, long size, String checksum, String downloadUrl,
                       Integer width, Integer height) {

    @Override
    public String toString() {
        // The download URL is a bearer credential for an hour: keep it out of logs.
        return "Resource[" + field + ", " + uti + ", " + size + " bytes]";
    }
}
