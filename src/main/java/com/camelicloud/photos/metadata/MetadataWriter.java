package com.camelicloud.photos.metadata;

import java.nio.file.Path;
import java.util.Objects;

import com.camelicloud.photos.library.UniformTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes iCloud metadata into a downloaded file before it is published (docs/protocol.md §8.9: the file is still a private
 * temp file).
 *
 * <p>Only JPEG is edited: EXIF through Apache Commons Imaging's lossless rewriter, XMP built with xmpcore and embedded
 * with Commons Imaging's JPEG XMP rewriter (or, in files with a multi-picture index, spliced in front of it, where the
 * index stays valid). The result is written to a sibling temp file, checked, synced and renamed over the original;
 * the check re-reads the structure and the metadata and requires every other byte (image data, ICC profile, MPF
 * index and secondary images…) to come out unchanged. Anything that fails leaves the original byte for byte.
 *
 * <p>HEIC/HEIF, videos, RAW/DNG, PNG, TIFF, WebP, GIF and unknown types are never touched: the {@link Outcome} asks
 * for a sidecar instead, and the {@link SidecarNotice} says so once per run and type.
 *
 * <p>Thread-safe: one instance serves every download thread of a run.
 */
public final class MetadataWriter {

    /** Larger files are left alone: the rewriters hold the compressed image data in memory. */
    public static final long MAX_REWRITE_BYTES = 256L * 1024 * 1024;

    static final String JPEG_UTI = "public.jpeg";

    private static final Logger LOG = LoggerFactory.getLogger(MetadataWriter.class);

    private final SidecarNotice notice;
    private final JpegMetadataWriter jpeg;

    /** A writer with its own notice: make one per run. */
    public MetadataWriter() {
        this(new SidecarNotice());
    }

    public MetadataWriter(SidecarNotice notice) {
        this.notice = Objects.requireNonNull(notice, "notice");
        this.jpeg = new JpegMetadataWriter(notice);
    }

    public SidecarNotice notice() {
        return notice;
    }

    /**
     * Writes the metadata the options ask for into the file, in place (atomically). Never throws for bad input or
     * I/O trouble: the outcome says what happened, and the file is either fully rewritten and verified or untouched.
     *
     * @param file     a private, complete temp file (nobody else reads or writes it meanwhile)
     * @param uti      the file's type as iCloud names it ({@code public.jpeg}, {@code public.heic}…), or null
     * @param metadata what to write
     * @param options  which metadata to write
     */
    public Outcome apply(Path file, String uti, PhotoMetadata metadata, MetadataOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(options, "options");
        String format = formatName(uti);
        if (!options.anyInFile()) {
            return Outcome.unchanged(format, "No in-file metadata asked");
        }
        if (!JPEG_UTI.equals(uti)) {
            boolean unknown = "unknown".equals(format);
            notice.once("unsupported:" + (uti == null ? "" : uti), (unknown ? "Files of unknown type" : format
                    + " files") + " cannot be edited safely; their metadata goes to .xmp sidecars (said once per run)");
            return Outcome.unsupported(format, true, (unknown ? "A file of unknown type" : format)
                    + " cannot be edited safely; metadata goes to a .xmp sidecar");
        }
        try {
            return jpeg.write(file, metadata, options);
        } catch (RuntimeException e) {
            // a library bug must cost the metadata, never the photo
            LOG.warn("Could not write metadata into {}: {}; the file is unchanged", file.getFileName(), e.toString());
            LOG.debug("Metadata failure", e);
            return Outcome.failed(format, true, "Unexpected error (" + e + "); file left unchanged, metadata goes to "
                    + "a .xmp sidecar");
        }
    }

    /** Whether files of this type are edited (JPEG); others get a sidecar instead. */
    public static boolean edits(String uti) {
        return JPEG_UTI.equals(uti);
    }

    /** The name users know a format by: the extension for known UTIs ({@code JPEG} for JPEG), else the UTI. */
    static String formatName(String uti) {
        if (uti == null || uti.isBlank()) {
            return "unknown";
        }
        if (JPEG_UTI.equals(uti)) {
            return "JPEG";
        }
        return UniformTypes.extension(uti).orElse(uti);
    }
}
