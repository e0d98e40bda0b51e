package com.camelicloud.photos.metadata;

import java.util.List;
import java.util.Objects;

/**
 * What {@link MetadataWriter#apply} did to one file.
 *
 * @param status          what happened to the bytes
 * @param format          the file's format as users know it ({@code JPEG}, {@code HEIC}, {@code MOV}…, or the UTI when
 *                        it has no common name)
 * @param written         the tags written into the file, ExifTool-style names ({@code EXIF:DateTimeOriginal},
 *                        {@code EXIF:Rating}, {@code XMP}…); empty unless the status is {@link Status#WRITTEN}
 * @param sidecarFallback whether some metadata that was asked for could not go into the file, so a {@code .xmp}
 *                        sidecar should carry it (see {@link #needsSidecar})
 * @param reason          one human sentence saying what happened and why
 */
public record Outcome(Status status, String format, List<String> written, boolean sidecarFallback, String reason) {

    /** What happened to the file's bytes. */
    public enum Status {
        /** The file was rewritten (atomically) with the tags in {@link Outcome#written()}. */
        WRITTEN,
        /** Nothing was asked, or the file already carries everything asked: the file is untouched. */
        UNCHANGED,
        /** The format cannot be edited safely: the file is untouched. */
        UNSUPPORTED,
        /** Editing failed (unreadable input, I/O error, failed verification): the file is untouched. */
        FAILED
    }

    public Outcome {
        Objects.requireNonNull(status, "status");
        written = written == null ? List.of() : List.copyOf(written);
        reason = reason == null ? "" : reason;
    }

    /** Whether the file's bytes changed. */
    public boolean modified() {
        return status == Status.WRITTEN;
    }

    /** Whether a sidecar should be written: asked for with {@code --xmp-sidecar}, or as the fallback. */
    public boolean needsSidecar(MetadataOptions options) {
        return sidecarFallback || options.xmpSidecar();
    }

    static Outcome unchanged(String format, String reason) {
        return new Outcome(Status.UNCHANGED, format, List.of(), false, reason);
    }

    static Outcome unsupported(String format, boolean fallback, String reason) {
        return new Outcome(Status.UNSUPPORTED, format, List.of(), fallback, reason);
    }

    static Outcome failed(String format, boolean fallback, String reason) {
        return new Outcome(Status.FAILED, format, List.of(), fallback, reason);
    }
}
