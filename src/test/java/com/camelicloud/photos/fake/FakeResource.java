package com.camelicloud.photos.fake;

import java.io.InputStream;

/**
 * One downloadable rendition (a {@code res…Res} ASSETID value). Immutable; its bytes are generated from
 * {@link #seed} whenever they are asked for, never stored.
 */
public final class FakeResource {

    private final Variant variant;
    private final MediaKind kind;
    private final long size;
    private final int width;
    private final int height;
    private final long seed;
    private final String fileChecksum;
    private final String referenceChecksum;
    private final String wrappingKey;

    FakeResource(Variant variant, MediaKind kind, long size, int width, int height, long seed) {
        this.variant = variant;
        this.kind = kind;
        this.size = size;
        this.width = width;
        this.height = height;
        this.seed = seed;
        this.fileChecksum = Ids.checksum(seed, "file");
        this.referenceChecksum = Ids.checksum(seed, "reference");
        this.wrappingKey = Ids.wrappingKey(seed);
    }

    public Variant variant() {
        return variant;
    }

    public MediaKind kind() {
        return kind;
    }

    /** The UTI sent as {@code …FileType}. */
    public String fileType() {
        return kind.uti();
    }

    public long size() {
        return size;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Also the {@code …Fingerprint}, and for {@link Variant#ORIGINAL} the CPLMaster recordName. */
    public String fileChecksum() {
        return fileChecksum;
    }

    public String referenceChecksum() {
        return referenceChecksum;
    }

    public String wrappingKey() {
        return wrappingKey;
    }

    /** The exact bytes the CDN serves for this resource. Only for resources that fit in memory. */
    public byte[] content() {
        return media().bytes();
    }

    public InputStream openStream() {
        return media().open();
    }

    MediaContent media() {
        return MediaContent.of(kind, size, seed);
    }

    /** The path segment after {@code /B/}: base64url(fileChecksum) followed by base64url(referenceChecksum) (§5.14). */
    String cdnKey() {
        return Ids.toBase64Url(fileChecksum) + Ids.toBase64Url(referenceChecksum);
    }
}
