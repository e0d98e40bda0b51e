package com.camelicloud.photos.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.metadata.JpegMetadataWriter.Problem;
import com.camelicloud.photos.metadata.JpegSegments.Segment;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.common.RationalNumber;
import org.apache.commons.imaging.formats.jpeg.JpegImageParser;
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

/**
 * Plans the EXIF changes of a JPEG rewrite: dates with their offsets and sub-seconds, rating, GPS position and
 * description, each only where the file lacks it or differs, plus the GPSVersionID a rewrite would otherwise drop.
 */
final class ExifEdits {

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

    private ExifEdits() {
    }

    /** One EXIF field this run writes, and the bytes it must read back as. */
    record ExifEdit(String name, int directory, int tag, byte[] data) {
    }

    /** Where a field lives: directory type and tag. */
    record FieldKey(int directory, int tag) {
    }

    /**
     * The EXIF rewrite: the output set, the edits, and the fields the file had before (as Commons Imaging read them),
     * which must all read back unchanged unless edited.
     */
    record ExifPlan(TiffOutputSet set, List<ExifEdit> edits, Map<FieldKey, byte[]> before) {
    }

    static ExifPlan plan(Path file, JpegSegments original, PhotoMetadata metadata, MetadataOptions options,
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
    static Map<FieldKey, byte[]> snapshot(TiffOutputSet set) {
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
}
