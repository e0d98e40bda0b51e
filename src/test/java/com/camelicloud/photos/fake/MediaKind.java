package com.camelicloud.photos.fake;

/** The file formats the fake can synthesise, each with its UTI (docs/protocol.md §5.12). */
public enum MediaKind {
    JPEG("public.jpeg", false),
    HEIC("public.heic", false),
    PNG("public.png", false),
    DNG("com.adobe.raw-image", false),
    CR2("com.canon.cr2-raw-image", false),
    MOV("com.apple.quicktime-movie", true),
    MP4("public.mpeg-4", true);

    private final String uti;
    private final boolean video;

    MediaKind(String uti, boolean video) {
        this.uti = uti;
        this.video = video;
    }

    public String uti() {
        return uti;
    }

    public boolean isVideo() {
        return video;
    }

    public boolean isRaw() {
        return uti.contains("raw");
    }
}
