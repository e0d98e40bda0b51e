package com.camelicloud.photos.metadata;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.adobe.internal.xmp.XMPException;
import com.camelicloud.photos.metadata.ExifEdits.ExifPlan;
import com.camelicloud.photos.metadata.XmpEmbedding.XmpPlan;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JPEG part of {@link MetadataWriter}: plan, rewrite to sibling temp files, verify, replace. Stateless apart from
 * the notice; every call uses its own parser and rewriter instances.
 */
final class JpegMetadataWriter {

    private static final Logger LOG = LoggerFactory.getLogger(JpegMetadataWriter.class);
    private static final String FORMAT = "JPEG";
    private static final String SIDECAR = "metadata goes to a .xmp sidecar";

    private final SidecarNotice notice;

    JpegMetadataWriter(SidecarNotice notice) {
        this.notice = notice;
    }

    /** Something asked that this file cannot get; its metadata goes to the sidecar. */
    record Problem(String key, String text) {
    }

    Outcome write(Path file, PhotoMetadata metadata, MetadataOptions options) {
        String name = file.getFileName().toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return fail(name, "cannot be read (" + e.getMessage() + ")");
        }
        if (size > MetadataWriter.MAX_REWRITE_BYTES) {
            return Outcome.unsupported(FORMAT, true, "JPEG larger than " + (MetadataWriter.MAX_REWRITE_BYTES >> 20)
                    + " MiB is not edited; " + SIDECAR);
        }
        JpegSegments original;
        try {
            original = JpegSegments.read(file);
        } catch (IOException e) {
            return fail(name, "is not a readable JPEG (" + e.getMessage() + ")");
        }

        List<Problem> problems = new ArrayList<>();
        ExifPlan exif = options.anyExif() ? ExifEdits.plan(file, original, metadata, options, problems) : null;
        XmpPlan xmp = options.embedXmp() ? XmpEmbedding.plan(file, original, metadata, problems) : null;
        if (exif != null && exif.edits().isEmpty()) {
            exif = null;
        }
        if (exif == null && xmp == null) {
            return nothingWritten(name, problems);
        }

        Path exifStage = null;
        Path xmpStage = null;
        try {
            Path current = file;
            if (exif != null) {
                exifStage = AtomicFiles.createSibling(file);
                try {
                    try (OutputStream out = AtomicFiles.output(exifStage)) {
                        new ExifRewriter().updateExifMetadataLossless(file.toFile(), out, exif.set());
                    }
                    current = exifStage;
                } catch (IOException | RuntimeException e) {
                    problems.add(new Problem("exif-rewrite", "its EXIF could not be rewritten (" + e.getMessage()
                            + ")"));
                    exif = null;
                }
            }
            if (xmp != null) {
                xmpStage = AtomicFiles.createSibling(file);
                try {
                    XmpEmbedding.embed(current, xmpStage, xmp.packet());
                    current = xmpStage;
                } catch (IOException | RuntimeException e) {
                    problems.add(new Problem("xmp-rewrite", "its XMP could not be embedded (" + e.getMessage()
                            + ")"));
                    xmp = null;
                }
            }
            if (current == file) {
                return nothingWritten(name, problems);
            }
            RewriteCheck.verify(file, original, current, exif, xmp);
            AtomicFiles.replace(current, file);
        } catch (IOException | XMPException | RuntimeException e) {
            // verification or the final rename failed: the original is untouched
            return fail(name, "could not be rewritten safely (" + e.getMessage() + ")");
        } finally {
            AtomicFiles.deleteQuietly(exifStage);
            AtomicFiles.deleteQuietly(xmpStage);
        }

        List<String> written = new ArrayList<>();
        if (exif != null) {
            exif.edits().forEach(edit -> written.add("EXIF:" + edit.name()));
        }
        if (xmp != null) {
            written.add("XMP");
        }
        StringBuilder reason = new StringBuilder("Wrote ").append(String.join(", ", written));
        if (!problems.isEmpty()) {
            reason.append("; not written because ").append(describe(problems)).append(": ").append(SIDECAR);
            report(name, problems);
        }
        LOG.debug("{}: {}", name, reason);
        return new Outcome(Outcome.Status.WRITTEN, FORMAT, written, !problems.isEmpty(), reason.toString());
    }

    private Outcome nothingWritten(String name, List<Problem> problems) {
        if (problems.isEmpty()) {
            return Outcome.unchanged(FORMAT, "Nothing to change: the file already carries what was asked, or iCloud "
                    + "has nothing to add");
        }
        report(name, problems);
        return Outcome.failed(FORMAT, true, "Nothing written because " + describe(problems)
                + "; file left unchanged, " + SIDECAR);
    }

    private Outcome fail(String name, String what) {
        LOG.warn("{} {}; it is published without embedded metadata, which goes to a .xmp sidecar", name, what);
        return Outcome.failed(FORMAT, true, name + " " + what + "; file left unchanged, " + SIDECAR);
    }

    private void report(String name, List<Problem> problems) {
        for (Problem problem : problems) {
            LOG.debug("{}: {}", name, problem.text());
            notice.once("jpeg:" + problem.key(), "Some JPEG files cannot take all metadata in the file (for example "
                    + name + ": " + problem.text() + "); theirs goes to .xmp sidecars (said once per run)");
        }
    }

    private static String describe(List<Problem> problems) {
        return String.join("; ", problems.stream().map(Problem::text).toList());
    }
}
