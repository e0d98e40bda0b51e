package com.camelicloud.photos.fake;

/** A resource slot of a CPLMaster or CPLAsset; {@link #prefix()} is the field-name stem, e.g. {@code resOriginal}. */
public enum Variant {
    ORIGINAL("resOriginal"),
    ORIGINAL_ALT("resOriginalAlt"),
    ORIGINAL_VID_COMPL("resOriginalVidCompl"),
    JPEG_FULL("resJPEGFull"),
    JPEG_MED("resJPEGMed"),
    JPEG_THUMB("resJPEGThumb"),
    VID_FULL("resVidFull"),
    VID_MED("resVidMed"),
    VID_SMALL("resVidSmall");

    private final String prefix;

    Variant(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
