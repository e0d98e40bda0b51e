package com.camelicloud.photos.metadata;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.library.PhotoAsset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What iCloud knows about a photo that belongs in its file: capture time, favourite, location, title, description and
 * keywords (docs/protocol.md §5.4, §5.11, §5.16). Every part is optional: null components mean "unknown", never "empty".
 *
 * @param captureTime   capture-local wall time (no offset applied twice: this is what the camera's clock showed), or
 *                      null
 * @param captureOffset the capture place's offset from UTC, or null when iCloud does not say (the wall time is then in
 *                      the fallback zone and no offset tag is written)
 * @param favorite      the iCloud favourite flag; rating 5 when set, else 0
 * @param location      where it was taken, or null
 * @param title         the iCloud title ({@code captionEnc}), or null
 * @param description   the iCloud description / caption ({@code extendedDescEnc}), or null
 * @param keywords      the iCloud keywords ({@code keywordsEnc}), never null, possibly empty
 */
public record PhotoMetadata(LocalDateTime captureTime, ZoneOffset captureOffset, boolean favorite, Location location,
        String title, String description, List<String> keywords) {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoMetadata.class);
    private static final DateTimeFormatter EXIF_DATE_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    private static final DateTimeFormatter XMP_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    /**
     * A position in WGS 84 degrees.
     *
     * @param latitude  -90 to 90, north positive
     * @param longitude -180 to 180, east positive
     * @param altitude  metres above sea level (negative below), or null
     */
    public record Location(double latitude, double longitude, Double altitude) {

        /**
         * @throws IllegalArgumentException for coordinates outside WGS 84 ranges or not finite; an implausible
         *                                  altitude (beyond ±100 km) is dropped
         */

        public Location {
            if (!validCoordinates(latitude, longitude)) {
                throw new IllegalArgumentException("invalid coordinates " + latitude + ", " + longitude);
            }
            if (altitude != null && !validAltitude(altitude)) {
                altitude = null;
            }
        }

        static boolean validCoordinates(double latitude, double longitude) {
            return Double.isFinite(latitude) && Double.isFinite(longitude) && Math.abs(latitude) <= 90
                    && Math.abs(longitude) <= 180;
        }

        static boolean validAltitude(double altitude) {
            // no photo is taken 100 km above or below sea level: such a value is noise
            return Double.isFinite(altitude) && Math.abs(altitude) <= 100_000;
        }
    }

    public PhotoMetadata {
        title = clean(title);
        description = clean(description);
        keywords = cleanKeywords(keywords);
        if (captureTime == null) {
            captureOffset = null;
        }
    }

    /** Nothing known; rating 0. */
    public static PhotoMetadata empty() {
        return new PhotoMetadata(null, null, false, null, null, null, List.of());
    }

    /** The metadata of an asset, with the machine's zone for assets whose capture offset iCloud does not record. */
    public static PhotoMetadata of(PhotoAsset asset) {
        return of(asset, ZoneId.systemDefault());
    }

    /**
     * The metadata of an asset. Never throws on bad field contents: a field that cannot be decoded is logged at debug
     * level and left out.
     *
     * @param fallbackZone the zone for capture times whose offset iCloud does not record (§5.16)
     */
    public static PhotoMetadata of(PhotoAsset asset, ZoneId fallbackZone) {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(fallbackZone, "fallbackZone");
        CkRecord record = asset.asset();
        LocalDateTime wallTime = null;
        ZoneOffset offset = null;
        Optional<Instant> instant = asset.captureTime();
        if (instant.isPresent()) {
            offset = captureOffset(record, instant.get());
            ZoneId zone = offset != null ? offset : fallbackZone;
            wallTime = LocalDateTime.ofInstant(instant.get(), zone);
            if (wallTime.getYear() < 1 || wallTime.getYear() > 9999) {
                // EXIF and XMP dates have four-digit years; such a timestamp is garbage anyway
                LOG.debug("{}: capture time {} out of range, ignored", record.recordName(), instant.get());
                wallTime = null;
                offset = null;
            }
        }
        return new PhotoMetadata(wallTime, offset, asset.isFavorite(), location(record), record.decodedText("captionEnc")
                .orElse(null), record.decodedText("extendedDescEnc").orElse(null), keywords(record));
    }

    /** 5 for a favourite, else 0 (EXIF Rating, xmp:Rating). */
    public int rating() {
        return favorite ? 5 : 0;
    }

    /** The Windows RatingPercent that goes with {@link #rating()}: 99 for 5 stars, as Windows and ExifTool write. */
    public int ratingPercent() {
        return favorite ? 99 : 0;
    }

    /** The text for EXIF ImageDescription: the description when there is one, else the title. */
    public Optional<String> imageDescription() {
        return Optional.ofNullable(description != null ? description : title);
    }

    /** EXIF date-time, {@code yyyy:MM:dd HH:mm:ss}, capture-local. */
    public Optional<String> exifDateTime() {
        return Optional.ofNullable(captureTime).map(EXIF_DATE_TIME::format);
    }

    /** EXIF OffsetTime* value, {@code +07:00}; empty when the offset is unknown. */
    public Optional<String> exifOffset() {
        if (captureOffset == null) {
            return Optional.empty();
        }
        String id = captureOffset.getId();
        return Optional.of("Z".equals(id) ? "+00:00" : id.length() > 6 ? id.substring(0, 6) : id);
    }

    /** EXIF SubSecTime* value (milliseconds, three digits); empty when the time has none. */
    public Optional<String> exifSubSeconds() {
        if (captureTime == null || captureTime.getNano() == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format("%03d", captureTime.getNano() / 1_000_000));
    }

    /** XMP date ({@code 2018-07-31T14:02:52+07:00}; without offset when it is unknown). */
    public Optional<String> xmpDateTime() {
        if (captureTime == null) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(XMP_DATE_TIME.format(captureTime));
        exifSubSeconds().ifPresent(sub -> text.append('.').append(sub));
        exifOffset().ifPresent(text::append);
        return Optional.of(text.toString());
    }

    /** Whether there is nothing to write at all besides a rating of 0. */
    public boolean isEmpty() {
        return captureTime == null && !favorite && location == null && title == null && description == null
                && keywords.isEmpty();
    }

    // ---- extraction ----

    /** §5.4/§5.16: {@code timeZoneOffset} seconds, else the IANA zone in {@code timeZoneNameEnc}, else unknown. */
    private static ZoneOffset captureOffset(CkRecord record, Instant instant) {
        Long seconds = record.longValue("timeZoneOffset");
        if (seconds != null) {
            if (Math.abs(seconds) <= MAX_OFFSET_SECONDS) {
                return ZoneOffset.ofTotalSeconds(seconds.intValue());
            }
            LOG.debug("{}: timeZoneOffset {} out of range, ignored", record.recordName(), seconds);
        }
        Optional<String> zoneName = record.decodedText("timeZoneNameEnc").map(String::trim);
        if (zoneName.isPresent() && !zoneName.get().isEmpty()) {
            try {
                return ZoneId.of(zoneName.get()).getRules().getOffset(instant);
            } catch (DateTimeException e) {
                LOG.debug("{}: unknown time zone name {}", record.recordName(), zoneName.get());
            }
        }
        return null;
    }

    /** §5.11: {@code locationV2Enc}, then {@code locationEnc}, then the plain DOUBLE fields. */
    static Location location(CkRecord record) {
        for (String field : List.of("locationV2Enc", "locationEnc")) {
            Optional<byte[]> bytes = record.decodedBytes(field);
            if (bytes.isEmpty()) {
                if (record.has(field)) {
                    LOG.debug("{}: {} is not base64, ignored", record.recordName(), field);
                }
                continue;
            }
            try {
                Location location = locationFromPlist(BinaryPlist.parse(bytes.get()));
                if (location != null) {
                    return location;
                }
                LOG.debug("{}: {} holds no usable coordinates", record.recordName(), field);
            } catch (BinaryPlist.FormatException e) {
                LOG.debug("{}: {} is not a readable binary plist: {}", record.recordName(), field, e.getMessage());
            }
        }
        Double latitude = record.doubleValue("locationLatitude");
        Double longitude = record.doubleValue("locationLongitude");
        if (latitude != null && longitude != null && usable(latitude, longitude)) {
            return new Location(latitude, longitude, null);
        }
        return null;
    }

    static Location locationFromPlist(Object plist) {
        if (!(plist instanceof Map<?, ?> map)) {
            return null;
        }
        Double latitude = number(map.get("lat"));
        Double longitude = number(map.get("lon"));
        if (longitude == null) {
            longitude = number(map.get("lng"));
        }
        if (latitude == null || longitude == null || !usable(latitude, longitude)) {
            return null;
        }
        // Core Location marks an invalid fix with a negative accuracy
        Double horizontalAccuracy = number(map.get("horzAcc"));
        if (horizontalAccuracy != null && horizontalAccuracy < 0) {
            return null;
        }
        Double altitude = number(map.get("alt"));
        Double verticalAccuracy = number(map.get("vertAcc"));
        if (verticalAccuracy != null && verticalAccuracy < 0) {
            altitude = null;
        }
        return new Location(latitude, longitude, altitude);
    }

    /** Valid WGS 84 and not exactly (0, 0), which is what a missing fix looks like far more often than a real one. */
    private static boolean usable(double latitude, double longitude) {
        return Location.validCoordinates(latitude, longitude) && !(latitude == 0 && longitude == 0);
    }

    private static Double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : null;
    }

    /** §5.11: {@code keywordsEnc} is a binary plist array of strings. */
    static List<String> keywords(CkRecord record) {
        if (!record.has("keywordsEnc")) {
            return List.of();
        }
        Optional<byte[]> bytes = record.decodedBytes("keywordsEnc");
        if (bytes.isEmpty()) {
            LOG.debug("{}: keywordsEnc is not base64, ignored", record.recordName());
            return List.of();
        }
        try {
            Object plist = BinaryPlist.parse(bytes.get());
            if (plist instanceof List<?> items) {
                List<String> keywords = new ArrayList<>();
                for (Object item : items) {
                    if (item instanceof String keyword) {
                        keywords.add(keyword);
                    }
                }
                return keywords;
            }
            LOG.debug("{}: keywordsEnc is not an array", record.recordName());
        } catch (BinaryPlist.FormatException e) {
            LOG.debug("{}: keywordsEnc is not a readable binary plist: {}", record.recordName(), e.getMessage());
        }
        return List.of();
    }

    // ---- normalisation ----

    /**
     * Trims, NFC-normalises and drops characters that XML 1.0 and EXIF ASCII fields cannot carry (C0 controls other
     * than tab and line breaks, NUL, unpaired surrogates, U+FFFE/U+FFFF). Blank becomes null.
     */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(normalised.length());
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < normalised.length()
                    && Character.isLowSurrogate(normalised.charAt(i + 1))) {
                out.append(c).append(normalised.charAt(++i));
            } else if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF
                    || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                continue;
            } else {
                out.append(c);
            }
        }
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static List<String> cleanKeywords(List<String> keywords) {
        if (keywords == null || keywords.isEmpty()) {
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String keyword : keywords) {
            String cleaned = clean(keyword);
            if (cleaned != null) {
                unique.add(cleaned.replaceAll("\\s+", " "));
            }
        }
        return List.copyOf(unique);
    }
}
