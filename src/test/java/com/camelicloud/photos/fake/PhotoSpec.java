package com.camelicloud.photos.fake;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What a test wants added to a zone. Everything not set is derived from the seed (or, for dates, the fake's clock), so
 * the same spec with the same seed always yields the same record names and bytes.
 */
public final class PhotoSpec {

    /** The shape of the new item: the original's format and any companion resources. */
    public enum Kind {
        JPEG,
        HEIC,
        PNG,
        DNG,
        MOV,
        MP4,
        /** HEIC original plus a MOV in {@code resOriginalVidCompl}. */
        LIVE_PHOTO,
        /** CR2 original with a JPEG {@code resOriginalAlt}. */
        RAW_PLUS_JPEG,
        /** JPEG original with a DNG {@code resOriginalAlt}. */
        JPEG_PLUS_RAW
    }

    /** Camera subtypes (rclone's enum reading of §5.17). */
    public enum Subtype {
        NONE,
        SCREENSHOT,
        PANORAMA,
        SLOMO,
        TIMELAPSE
    }

    final Kind kind;
    String filename;
    boolean filenameAsString;
    Instant takenAt;
    Instant addedAt;
    Integer timeZoneOffset;
    Long size;
    boolean favorite;
    boolean hidden;
    String caption;
    Double latitude;
    Double longitude;
    Subtype subtype = Subtype.NONE;
    Long seed;

    private PhotoSpec(Kind kind, String filename) {
        this.kind = Objects.requireNonNull(kind);
        this.filename = filename;
    }

    public static PhotoSpec of(Kind kind, String filename) {
        return new PhotoSpec(kind, filename);
    }

    /** A still photo whose format follows the extension: JPG/JPEG, HEIC, PNG or DNG. */
    public static PhotoSpec photo(String filename) {
        String ext = filename.substring(filename.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
        Kind kind = switch (ext) {
            case "JPG", "JPEG" -> Kind.JPEG;
            case "HEIC" -> Kind.HEIC;
            case "PNG" -> Kind.PNG;
            case "DNG" -> Kind.DNG;
            default -> throw new IllegalArgumentException("not a still-photo extension: " + filename);
        };
        return new PhotoSpec(kind, filename);
    }

    /** A MOV or MP4 video, by extension. */
    public static PhotoSpec video(String filename) {
        return new PhotoSpec(filename.toUpperCase(Locale.ROOT).endsWith(".MP4") ? Kind.MP4 : Kind.MOV, filename);
    }

    public static PhotoSpec livePhoto(String filename) {
        return new PhotoSpec(Kind.LIVE_PHOTO, filename);
    }

    public static PhotoSpec rawPlusJpeg(String filename) {
        return new PhotoSpec(Kind.RAW_PLUS_JPEG, filename);
    }

    /** Capture time ({@code assetDate}); default: now on the fake's clock. */
    public PhotoSpec takenAt(Instant when) {
        this.takenAt = when;
        return this;
    }

    /** {@code addedDate}; default: the capture time. */
    public PhotoSpec addedAt(Instant when) {
        this.addedAt = when;
        return this;
    }

    /** Capture-local offset from UTC in seconds, east positive. */
    public PhotoSpec timeZoneOffset(int seconds) {
        this.timeZoneOffset = seconds;
        return this;
    }

    /**
     * Size in bytes of the original (and of the RAW+JPEG alternative and the Live Photo video); at least 4,096 for
     * images. Default: a seeded size between 8 and 100 KB. Derived renditions and edits stay small.
     */
    public PhotoSpec size(long bytes) {
        this.size = bytes;
        return this;
    }

    public PhotoSpec favorite(boolean favorite) {
        this.favorite = favorite;
        return this;
    }

    public PhotoSpec hidden(boolean hidden) {
        this.hidden = hidden;
        return this;
    }

    public PhotoSpec caption(String caption) {
        this.caption = caption;
        return this;
    }

    /** Emitted as {@code locationLatitude}/{@code locationLongitude} DOUBLE fields. */
    public PhotoSpec location(double latitude, double longitude) {
        this.latitude = latitude;
        this.longitude = longitude;
        return this;
    }

    public PhotoSpec subtype(Subtype subtype) {
        this.subtype = Objects.requireNonNull(subtype);
        return this;
    }

    /** The master carries no {@code filenameEnc} at all. */
    public PhotoSpec noFilename() {
        this.filename = null;
        return this;
    }

    /** Send {@code filenameEnc} as type STRING with the plain name instead of ENCRYPTED_BYTES. */
    public PhotoSpec filenameAsString() {
        this.filenameAsString = true;
        return this;
    }

    /** Fixes record names and bytes; without it the zone draws the next seed of its own deterministic sequence. */
    public PhotoSpec seed(long seed) {
        this.seed = seed;
        return this;
    }
}
