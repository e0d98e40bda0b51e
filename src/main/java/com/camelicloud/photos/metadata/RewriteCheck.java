package com.camelicloud.photos.metadata;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.properties.XMPProperty;
import com.camelicloud.photos.metadata.ExifEdits.ExifEdit;
import com.camelicloud.photos.metadata.ExifEdits.ExifPlan;
import com.camelicloud.photos.metadata.ExifEdits.FieldKey;
import com.camelicloud.photos.metadata.JpegSegments.Segment;
import com.camelicloud.photos.metadata.XmpEmbedding.XmpPlan;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.jpeg.JpegImageParser;
import org.apache.commons.imaging.formats.jpeg.JpegImagingParameters;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffImagingParameters;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Checks a rewritten JPEG against its original before it replaces it: every segment and image byte is kept except
 * the rewritten ones, and what was written reads back.
 */
final class RewriteCheck {

    private RewriteCheck() {
    }

    /**
     * Checks the rewritten file before it replaces the original: its structure parses; every segment except the
     * ones rewritten (EXIF, XMP) is byte-identical and in the same order; the image data from SOS to the end is
     * byte-identical; a multi-picture index keeps its distance to the end of the file; the EXIF fields written read
     * back with Commons Imaging; the XMP packet reads back with xmpcore.
     */
    static void verify(Path originalFile, JpegSegments original, Path result, ExifPlan exif, XmpPlan xmp)
            throws IOException, ImagingException, XMPException {
        JpegSegments rewritten = JpegSegments.read(result);
        try (FileChannel before = FileChannel.open(originalFile, StandardOpenOption.READ);
                FileChannel after = FileChannel.open(result, StandardOpenOption.READ)) {
            List<Segment> keptBefore = kept(original, exif != null, xmp != null);
            List<Segment> keptAfter = kept(rewritten, exif != null, xmp != null);
            if (keptBefore.size() != keptAfter.size()) {
                throw new IOException("segments were added or lost");
            }
            for (int i = 0; i < keptBefore.size(); i++) {
                Segment a = keptBefore.get(i);
                Segment b = keptAfter.get(i);
                if (a.marker() != b.marker() || a.length() != b.length()
                        || !JpegSegments.sameBytes(before, a.offset(), after, b.offset(), a.end() - a.offset())) {
                    throw new IOException(String.format("segment FF%02X changed", a.marker()));
                }
            }
            long tail = original.size() - original.sosOffset();
            if (rewritten.size() - rewritten.sosOffset() != tail
                    || !JpegSegments.sameBytes(before, original.sosOffset(), after, rewritten.sosOffset(), tail)) {
                throw new IOException("image data changed");
            }
            Segment mpfBefore = original.mpf();
            if (mpfBefore != null) {
                Segment mpfAfter = rewritten.mpf();
                if (mpfAfter == null || original.size() - mpfBefore.offset() != rewritten.size() - mpfAfter.offset()) {
                    throw new IOException("multi-picture index no longer matches its images");
                }
            }
        }
        if (exif != null) {
            TiffImageMetadata readBack = new JpegImageParser().getExifMetadata(ByteSource.path(result),
                    new TiffImagingParameters());
            if (readBack == null) {
                throw new IOException("EXIF missing after rewrite");
            }
            TiffOutputSet set = readBack.getOutputSet();
            Map<FieldKey, byte[]> after = ExifEdits.snapshot(set);
            Set<FieldKey> edited = new HashSet<>();
            for (ExifEdit edit : exif.edits()) {
                FieldKey key = new FieldKey(edit.directory(), edit.tag());
                edited.add(key);
                // null: a field Commons Imaging cannot read back (GPSVersionID, tag 0)
                if (edit.data() != null && !Arrays.equals(after.get(key), edit.data())) {
                    throw new IOException("EXIF " + edit.name() + " does not read back");
                }
            }
            for (Map.Entry<FieldKey, byte[]> field : exif.before().entrySet()) {
                if (!edited.contains(field.getKey()) && !Arrays.equals(after.get(field.getKey()), field.getValue())) {
                    throw new IOException(String.format("EXIF tag 0x%04x changed", field.getKey().tag()));
                }
            }
        }
        if (xmp != null) {
            String xml = new JpegImageParser().getXmpXml(ByteSource.path(result), new JpegImagingParameters());
            if (xml == null) {
                throw new IOException("XMP missing after rewrite");
            }
            XMPMeta meta = XmpPackets.parse(xml);
            Integer rating = meta.getPropertyInteger(XMPConst.NS_XMP, "Rating");
            if (rating == null || rating != xmp.rating()) {
                throw new IOException("XMP rating does not read back");
            }
            if (xmp.title() != null) {
                XMPProperty title = meta.getLocalizedText(XMPConst.NS_DC, "title", "", XMPConst.X_DEFAULT);
                if (title == null || !xmp.title().equals(title.getValue())) {
                    throw new IOException("XMP title does not read back");
                }
            }
        }
    }

    /** The segments a rewrite must keep byte for byte. */
    private static List<Segment> kept(JpegSegments segments, boolean exifRewritten, boolean xmpRewritten) {
        return segments.segments().stream()
                .filter(segment -> !(exifRewritten && segment.isExif()) && !(xmpRewritten && segment.isXmp()))
                .toList();
    }
}
