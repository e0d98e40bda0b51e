package com.camelicloud.photos.metadata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which metadata to write, one switch per kei flag (see the package documentation).
 *
 * @param setExifDateTime    {@code --set-exif-datetime}: EXIF DateTimeOriginal, CreateDate, ModifyDate and their
 *                           OffsetTime and SubSecTime tags, each only when missing
 * @param setExifRating      {@code --set-exif-rating}: EXIF Rating (0x4746) and RatingPercent (0x4749): 5 / 99 for a
 *                           favourite, 0 otherwise
 * @param setExifGps         {@code --set-exif-gps}: EXIF GPS position, only when the file has none
 * @param setExifDescription {@code --set-exif-description}: EXIF ImageDescription from the iCloud description, else
 *                           the title
 * @param embedXmp           {@code --embed-xmp}: an XMP packet in the file, merged into any packet already there
 * @param xmpSidecar         {@code --xmp-sidecar}: a {@code .xmp} file next to every media file
 */
public record MetadataOptions(boolean setExifDateTime, boolean setExifRating, boolean setExifGps,
        boolean setExifDescription, boolean embedXmp, boolean xmpSidecar) {

    private static final MetadataOptions NONE = new MetadataOptions(false, false, false, false, false, false);
    private static final MetadataOptions ALL = new MetadataOptions(true, true, true, true, true, true);

    /** Nothing written: files are published exactly as downloaded. */
    public static MetadataOptions none() {
        return NONE;
    }

    /** Every switch on. */
    public static MetadataOptions all() {
        return ALL;
    }

    /** Whether any switch is on. */
    public boolean any() {
        return anyInFile() || xmpSidecar;
    }

    /** Whether any switch asks to change the media file's own bytes. */
    public boolean anyInFile() {
        return anyExif() || embedXmp;
    }

    /** Whether any EXIF tag is asked for. */
    public boolean anyExif() {
        return setExifDateTime || setExifRating || setExifGps || setExifDescription;
    }

    /**
     * An identity of what these options write of {@code metadata} into a file or its sidecar and would write
     * differently once iCloud's values change: the rating, the description, XMP's title, description and keywords.
     * Capture date and location are left out: they are only written where a file has none, so a rewrite cannot
     * change them. Null when no option is on.
     */
    public String digest(PhotoMetadata metadata) {
        if (!any()) {
            return null;
        }
        StringBuilder fields = new StringBuilder(toString());
        if (setExifRating || embedXmp || xmpSidecar) {
            fields.append("|rating=").append(metadata.rating());
        }
        if (setExifDescription) {
            fields.append("|imageDescription=").append(metadata.imageDescription().orElse(null));
        }
        if (embedXmp || xmpSidecar) {
            fields.append("|title=").append(metadata.title()).append("|description=").append(metadata.description())
                    .append("|keywords=").append(metadata.keywords());
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(fields.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
