package com.camelicloud.photos.metadata;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.properties.XMPProperty;
import com.camelicloud.photos.metadata.JpegSegments.Segment;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.common.RationalNumber;
import org.apache.commons.imaging.formats.jpeg.JpegImageParser;
import org.apache.commons.imaging.formats.jpeg.JpegImagingParameters;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.TiffDirectory;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffImagingParameters;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.GpsTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.MicrosoftTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryType;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfo;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfoAscii;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfoShort;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputField;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
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

    /** EXIF 2.31 offset tags, unknown to Commons Imaging 1.0.0-alpha6: "+07:00" plus NUL. */
    static final TagInfoAscii OFFSET_TIME = new TagInfoAscii("OffsetTime", 0x9010, 7,
            TiffDirectoryType.EXIF_DIRECTORY_EXIF_IFD);
    static final TagInfoAscii OFFSET_TIME_ORIGINAL = new TagInfoAscii("OffsetTimeOriginal", 0x9011, 7,
            TiffDirectoryType.EXIF_DIRECTORY_EXIF_IFD);
    static final TagInfoAscii OFFSET_TIME_DIGITIZED = new TagInfoAscii("OffsetTimeDigitized", 0x9012, 7,
            TiffDirectoryType.EXIF_DIRECTORY_EXIF_IFD);

    private static final int ROOT = TiffDirectoryConstants.DIRECTORY_TYPE_ROOT;
    private static final int EXIF = TiffDirectoryConstants.DIRECTORY_TYPE_EXIF;
    private static final int GPS = TiffDirectoryConstants.DIRECTORY_TYPE_GPS;

    private final SidecarNotice notice;

    JpegMetadataWriter(SidecarNotice notice) {
        this.notice = notice;
    }

    /** One EXIF field this run writes, and the bytes it must read back as. */
    private record ExifEdit(String name, int directory, int tag, byte[] data) {
    }

    /** Where a field lives: directory type and tag. */
    private record FieldKey(int directory, int tag) {
    }

    /**
     * The EXIF rewrite: the output set, the edits, and the fields the file had before (as Commons Imaging read them),
     * which must all read back unchanged unless edited.
     */
    private record ExifPlan(TiffOutputSet set, List<ExifEdit> edits, Map<FieldKey, byte[]> before) {
    }

    private record XmpPlan(byte[] packet, int rating, String title) {
    }

    /** Something asked that this file cannot get; its metadata goes to the sidecar. */
    private record Problem(String key, String text) {
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
        ExifPlan exif = options.anyExif() ? planExif(file, original, metadata, options, problems) : null;
        XmpPlan xmp = options.embedXmp() ? planXmp(file, original, metadata, problems) : null;
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
                    try (OutputStream out = output(exifStage)) {
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
                    embedXmp(current, xmpStage, xmp.packet());
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
            verify(file, original, current, exif, xmp);
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

    private static OutputStream output(Path path) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), 64 * 1024);
    }

    // ---- EXIF ----

    private ExifPlan planExif(Path file, JpegSegments original, PhotoMetadata metadata, MetadataOptions options,
            List<Problem> problems) {
        TiffOutputSet set;
        byte[] gpsVersion = null;
        if (original.count(Segment::isExif) > 0) {
            try {
                JpegImageParser parser = new JpegImageParser();
                TiffImageMetadata exif = parser.getExifMetadata(ByteSource.path(file), new TiffImagingParameters());
                if (exif == null) {
                    throw new ImagingException("no EXIF directory found");
                }
                set = exif.getOutputSet();
                gpsVersion = gpsVersionOf(parser.getExifRawData(ByteSource.path(file)), exif);
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem("exif-unreadable", "its EXIF cannot be read (" + e.getMessage() + ")"));
                return null;
            }
        } else {
            set = new TiffOutputSet();
        }
        Map<FieldKey, byte[]> before = snapshot(set);
        List<ExifEdit> edits = new ArrayList<>();
        try {
            if (options.setExifDateTime()) {
                dates(set, metadata, edits);
            }
            if (options.setExifRating()) {
                setShort(set, MicrosoftTagConstants.EXIF_TAG_RATING, "Rating", metadata.rating(), edits);
                setShort(set, MicrosoftTagConstants.EXIF_TAG_RATING_PERCENT, "RatingPercent",
                        metadata.ratingPercent(), edits);
            }
            if (options.setExifGps()) {
                gps(set, metadata, edits);
            }
            if (options.setExifDescription() && metadata.imageDescription().isPresent()) {
                String text = metadata.imageDescription().get();
                if (!text.equals(ascii(set, ROOT, TiffTagConstants.TIFF_TAG_IMAGE_DESCRIPTION))) {
                    putAscii(set, ROOT, TiffTagConstants.TIFF_TAG_IMAGE_DESCRIPTION, "ImageDescription", text, edits);
                }
            }
            if (!edits.isEmpty()) {
                restoreGpsVersion(set, gpsVersion, edits);
            }
        } catch (ImagingException | RuntimeException e) {
            problems.add(new Problem("exif-plan", "its EXIF cannot be extended (" + e.getMessage() + ")"));
            return null;
        }
        return new ExifPlan(set, edits, before);
    }

    /** Every field of every directory, by place, except pointers (which a rewrite legitimately moves). */
    private static Map<FieldKey, byte[]> snapshot(TiffOutputSet set) {
        Map<FieldKey, byte[]> fields = new HashMap<>();
        for (TiffOutputDirectory directory : set.getDirectories()) {
            for (TiffOutputField field : directory.getFields()) {
                if (field.tagInfo == null || !field.tagInfo.isOffset()) {
                    fields.put(new FieldKey(directory.getType(), field.tag), field.getData().clone());
                }
            }
        }
        return fields;
    }

    /**
     * Commons Imaging's TIFF reader skips tag 0, which in the GPS directory is GPSVersionID: a rewrite would drop it.
     * It is put back with the value the file had ({@link #gpsVersionOf}), or 2.3.0.0 for a GPS directory without
     * one (the EXIF specification requires it there).
     */
    private static void restoreGpsVersion(TiffOutputSet set, byte[] original, List<ExifEdit> edits)
            throws ImagingException {
        TiffOutputDirectory gps = set.getGpsDirectory();
        if (gps != null && gps.findField(GpsTagConstants.GPS_TAG_GPS_VERSION_ID) == null) {
            gps.add(GpsTagConstants.GPS_TAG_GPS_VERSION_ID, original != null ? original : GpsTagConstants.gpsVersion());
            if (original == null) {
                edits.add(new ExifEdit("GPSVersionID", GPS, GpsTagConstants.GPS_TAG_GPS_VERSION_ID.tag, null));
            }
        }
    }

    /**
     * The GPSVersionID bytes of the file's GPS directory, read from the raw TIFF block (Commons Imaging does not
     * report tag 0), or null. Only the standard form, four BYTEs stored inline, is recognised.
     */
    static byte[] gpsVersionOf(byte[] tiff, TiffImageMetadata exif) {
        TiffDirectory gps = exif.findDirectory(GPS);
        if (tiff == null || gps == null || gps.offset < 0 || gps.offset + 2 > tiff.length) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(tiff).order(exif.contents.header.byteOrder);
        int count = buffer.getShort((int) gps.offset) & 0xFFFF;
        for (int i = 0; i < count; i++) {
            long entry = gps.offset + 2 + 12L * i;
            if (entry + 12 > tiff.length) {
                return null;
            }
            int tag = buffer.getShort((int) entry) & 0xFFFF;
            int type = buffer.getShort((int) entry + 2) & 0xFFFF;
            long values = buffer.getInt((int) entry + 4) & 0xFFFFFFFFL;
            if (tag == 0 && type == 1 && values == 4) {
                return Arrays.copyOfRange(tiff, (int) entry + 8, (int) entry + 12);
            }
        }
        return null;
    }

    /** DateTimeOriginal, CreateDate and ModifyDate, each only when missing, with their offset and sub-seconds. */
    private static void dates(TiffOutputSet set, PhotoMetadata metadata, List<ExifEdit> edits)
            throws ImagingException {
        if (metadata.exifDateTime().isEmpty()) {
            return;
        }
        String dateTime = metadata.exifDateTime().get();
        String offset = metadata.exifOffset().orElse(null);
        String subSeconds = metadata.exifSubSeconds().orElse(null);
        dateGroup(set, edits, dateTime, offset, subSeconds, EXIF, ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL,
                "DateTimeOriginal", OFFSET_TIME_ORIGINAL, ExifTagConstants.EXIF_TAG_SUB_SEC_TIME_ORIGINAL);
        dateGroup(set, edits, dateTime, offset, subSeconds, EXIF, ExifTagConstants.EXIF_TAG_DATE_TIME_DIGITIZED,
                "CreateDate", OFFSET_TIME_DIGITIZED, ExifTagConstants.EXIF_TAG_SUB_SEC_TIME_DIGITIZED);
        dateGroup(set, edits, dateTime, offset, subSeconds, ROOT, TiffTagConstants.TIFF_TAG_DATE_TIME, "ModifyDate",
                OFFSET_TIME, ExifTagConstants.EXIF_TAG_SUB_SEC_TIME);
    }

    /**
     * One date tag when missing. Its offset tag is added when missing and the date is ours (written now, or already
     * equal to iCloud's capture time, so iCloud's offset applies to it); sub-seconds only with a date written now.
     */
    private static void dateGroup(TiffOutputSet set, List<ExifEdit> edits, String dateTime, String offset,
            String subSeconds, int dateDirectory, TagInfoAscii dateTag, String dateName, TagInfoAscii offsetTag,
            TagInfoAscii subSecondsTag) throws ImagingException {
        String existing = ascii(set, dateDirectory, dateTag);
        boolean written = false;
        if (isMissingDate(existing)) {
            putAscii(set, dateDirectory, dateTag, dateName, dateTime, edits);
            written = true;
        }
        if (offset != null && (written || dateTime.equals(existing.trim())) && isBlank(ascii(set, EXIF, offsetTag))) {
            putAscii(set, EXIF, offsetTag, offsetTag.name, offset, edits);
        }
        if (written && subSeconds != null && isBlank(ascii(set, EXIF, subSecondsTag))) {
            putAscii(set, EXIF, subSecondsTag, subSecondsName(subSecondsTag), subSeconds, edits);
        }
    }

    private static String subSecondsName(TagInfoAscii tag) {
        if (tag == ExifTagConstants.EXIF_TAG_SUB_SEC_TIME_ORIGINAL) {
            return "SubSecTimeOriginal";
        }
        return tag == ExifTagConstants.EXIF_TAG_SUB_SEC_TIME_DIGITIZED ? "SubSecTimeDigitized" : "SubSecTime";
    }

    /** Absent, blank, or a placeholder such as {@code 0000:00:00 00:00:00} or {@code "    :  :     :  :  "}. */
    static boolean isMissingDate(String value) {
        return value == null || value.chars().allMatch(c -> c == '0' || c == ':' || c == ' ' || c == '-' || c == 0);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Rating and RatingPercent in IFD0, unless already equal. */
    private static void setShort(TiffOutputSet set, TagInfoShort tag, String name, int value, List<ExifEdit> edits)
            throws ImagingException {
        byte[] wanted = tag.encodeValue(set.byteOrder, (short) value);
        TiffOutputField existing = field(set, ROOT, tag);
        if (existing != null && existing.abstractFieldType == tag.dataTypes.get(0)
                && Arrays.equals(existing.getData(), wanted)) {
            return;
        }
        TiffOutputDirectory root = set.getOrCreateRootDirectory();
        root.removeField(tag);
        root.add(tag, (short) value);
        edits.add(new ExifEdit(name, ROOT, tag.tag, root.findField(tag).getData()));
    }

    /** The GPS position, only when the file has none. */
    private static void gps(TiffOutputSet set, PhotoMetadata metadata, List<ExifEdit> edits)
            throws ImagingException {
        PhotoMetadata.Location location = metadata.location();
        if (location == null) {
            return;
        }
        if (field(set, GPS, GpsTagConstants.GPS_TAG_GPS_LATITUDE) != null
                && field(set, GPS, GpsTagConstants.GPS_TAG_GPS_LONGITUDE) != null) {
            return;
        }
        TiffOutputDirectory gps = set.getOrCreateGpsDirectory();
        for (TagInfo tag : List.of(GpsTagConstants.GPS_TAG_GPS_LATITUDE_REF, GpsTagConstants.GPS_TAG_GPS_LATITUDE,
                GpsTagConstants.GPS_TAG_GPS_LONGITUDE_REF, GpsTagConstants.GPS_TAG_GPS_LONGITUDE)) {
            gps.removeField(tag);
        }
        gps.add(GpsTagConstants.GPS_TAG_GPS_LATITUDE_REF, location.latitude() < 0 ? "S" : "N");
        record(gps, GpsTagConstants.GPS_TAG_GPS_LATITUDE_REF, "GPSLatitudeRef", edits);
        gps.add(GpsTagConstants.GPS_TAG_GPS_LATITUDE, degreesMinutesSeconds(location.latitude()));
        record(gps, GpsTagConstants.GPS_TAG_GPS_LATITUDE, "GPSLatitude", edits);
        gps.add(GpsTagConstants.GPS_TAG_GPS_LONGITUDE_REF, location.longitude() < 0 ? "W" : "E");
        record(gps, GpsTagConstants.GPS_TAG_GPS_LONGITUDE_REF, "GPSLongitudeRef", edits);
        gps.add(GpsTagConstants.GPS_TAG_GPS_LONGITUDE, degreesMinutesSeconds(location.longitude()));
        record(gps, GpsTagConstants.GPS_TAG_GPS_LONGITUDE, "GPSLongitude", edits);
        if (location.altitude() != null && gps.findField(GpsTagConstants.GPS_TAG_GPS_ALTITUDE) == null) {
            double altitude = location.altitude();
            gps.removeField(GpsTagConstants.GPS_TAG_GPS_ALTITUDE_REF);
            gps.add(GpsTagConstants.GPS_TAG_GPS_ALTITUDE_REF, (byte) (altitude < 0 ? 1 : 0));
            record(gps, GpsTagConstants.GPS_TAG_GPS_ALTITUDE_REF, "GPSAltitudeRef", edits);
            gps.add(GpsTagConstants.GPS_TAG_GPS_ALTITUDE,
                    new RationalNumber((int) Math.round(Math.abs(altitude) * 100), 100));
            record(gps, GpsTagConstants.GPS_TAG_GPS_ALTITUDE, "GPSAltitude", edits);
        }
    }

    /** Degrees, minutes and seconds as EXIF rationals; seconds in 1/10000 (about 3 mm). */
    static RationalNumber[] degreesMinutesSeconds(double degrees) {
        long units = Math.round(Math.abs(degrees) * 3600 * 10_000);
        int whole = (int) (units / (3600 * 10_000L));
        long rest = units % (3600 * 10_000L);
        int minutes = (int) (rest / (60 * 10_000L));
        int seconds = (int) (rest % (60 * 10_000L));
        return new RationalNumber[] {new RationalNumber(whole, 1), new RationalNumber(minutes, 1),
                new RationalNumber(seconds, 10_000)};
    }

    private static void putAscii(TiffOutputSet set, int directory, TagInfoAscii tag, String name, String value,
            List<ExifEdit> edits) throws ImagingException {
        TiffOutputDirectory target = switch (directory) {
            case ROOT -> set.getOrCreateRootDirectory();
            case EXIF -> set.getOrCreateExifDirectory();
            case GPS -> set.getOrCreateGpsDirectory();
            default -> throw new IllegalArgumentException("directory " + directory);
        };
        target.removeField(tag.tag);
        target.add(tag, value);
        edits.add(new ExifEdit(name, directory, tag.tag, target.findField(tag.tag).getData()));
    }

    private static void record(TiffOutputDirectory directory, TagInfo tag, String name, List<ExifEdit> edits) {
        edits.add(new ExifEdit(name, GPS, tag.tag, directory.findField(tag.tag).getData()));
    }

    private static TiffOutputField field(TiffOutputSet set, int directory, TagInfo tag) {
        TiffOutputDirectory found = set.findDirectory(directory);
        return found == null ? null : found.findField(tag.tag);
    }

    /** An ASCII field's text (UTF-8 tolerated, as cameras and ExifTool write it), or null. */
    private static String ascii(TiffOutputSet set, int directory, TagInfo tag) {
        TiffOutputField found = field(set, directory, tag);
        if (found == null) {
            return null;
        }
        byte[] data = found.getData();
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    // ---- XMP ----

    private XmpPlan planXmp(Path file, JpegSegments original, PhotoMetadata metadata, List<Problem> problems) {
        long packets = original.count(Segment::isXmp);
        if (packets > 1) {
            problems.add(new Problem("xmp-several", "it holds more than one XMP packet"));
            return null;
        }
        Segment mpf = original.mpf();
        Segment existing = original.xmp();
        if (mpf != null && existing != null && existing.offset() > mpf.offset()) {
            problems.add(new Problem("xmp-after-mpf", "its XMP sits after its multi-picture index, which rewriting "
                    + "it would break"));
            return null;
        }
        try {
            XMPMeta meta;
            if (packets == 1) {
                String xml = new JpegImageParser().getXmpXml(ByteSource.path(file), new JpegImagingParameters());
                meta = XmpPackets.parse(Objects.requireNonNull(xml, "XMP segment without a packet"));
            } else {
                meta = XMPMetaFactory.create();
            }
            if (!XmpPackets.merge(meta, metadata)) {
                return null;
            }
            byte[] packet = XmpPackets.serializeForEmbedding(meta);
            if (packet.length > XmpPackets.MAX_JPEG_PACKET_BYTES) {
                problems.add(new Problem("xmp-too-large", "its XMP packet would not fit one JPEG segment"));
                return null;
            }
            return new XmpPlan(packet, metadata.rating(), metadata.title());
        } catch (XMPException | IOException | RuntimeException e) {
            problems.add(new Problem("xmp-unreadable", "its XMP packet cannot be read (" + e.getMessage() + ")"));
            return null;
        }
    }

    /**
     * Embeds the packet. Without a multi-picture index, Commons Imaging's rewriter does it (it puts the packet after
     * the last APPn segment). With one, that would move the secondary images away from the offsets the index gives,
     * so the packet replaces the existing one in place or goes right after the leading APP0/APP1 segments, in front
     * of the index: the index and everything after it then move together.
     */
    private static void embedXmp(Path input, Path output, byte[] packet) throws IOException, ImagingException {
        JpegSegments segments = JpegSegments.read(input);
        Segment mpf = segments.mpf();
        if (mpf == null) {
            try (OutputStream out = output(output)) {
                new JpegXmpRewriter().updateXmpXml(input.toFile(), out, XmpPackets.text(packet));
            }
            return;
        }
        Segment existing = segments.xmp();
        long cutFrom;
        long cutTo;
        if (existing != null) {
            if (existing.offset() > mpf.offset()) {
                throw new IOException("XMP after the multi-picture index");
            }
            cutFrom = existing.offset();
            cutTo = existing.end();
        } else {
            cutFrom = 2;
            for (Segment segment : segments.segments()) {
                if (segment.offset() > mpf.offset()) {
                    break;
                }
                if (segment.marker() == 0xE0 || segment.marker() == JpegSegments.APP1) {
                    cutFrom = segment.end();
                }
            }
            cutTo = cutFrom;
        }
        byte[] segment = xmpSegment(packet);
        try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(output, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            copy(in, 0, cutFrom, out);
            ByteBuffer buffer = ByteBuffer.wrap(segment);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            copy(in, cutTo, in.size() - cutTo, out);
        }
    }

    /** An APP1 segment holding a standard XMP packet. */
    static byte[] xmpSegment(byte[] packet) {
        int length = 2 + JpegSegments.XMP_ID.length + packet.length;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("XMP packet too large for one segment");
        }
        ByteBuffer segment = ByteBuffer.allocate(2 + length).order(ByteOrder.BIG_ENDIAN);
        segment.put((byte) 0xFF).put((byte) JpegSegments.APP1).putShort((short) length).put(JpegSegments.XMP_ID)
                .put(packet);
        return segment.array();
    }

    private static void copy(FileChannel in, long position, long count, FileChannel out) throws IOException {
        long done = 0;
        while (done < count) {
            long n = in.transferTo(position + done, count - done, out);
            if (n <= 0) {
                throw new IOException("short copy at offset " + (position + done));
            }
            done += n;
        }
    }

    // ---- verification ----

    /**
     * Checks the rewritten file before it replaces the original: its structure parses; every segment except the
     * ones rewritten (EXIF, XMP) is byte-identical and in the same order; the image data from SOS to the end is
     * byte-identical; a multi-picture index keeps its distance to the end of the file; the EXIF fields written read
     * back with Commons Imaging; the XMP packet reads back with xmpcore.
     */
    private static void verify(Path originalFile, JpegSegments original, Path result, ExifPlan exif, XmpPlan xmp)
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
            Map<FieldKey, byte[]> after = snapshot(set);
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
