package com.camelicloud.photos.metadata;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;
import com.adobe.internal.xmp.properties.XMPProperty;

/**
 * Builds XMP packets with xmpcore: the same fields for embedded packets and sidecars.
 *
 * <p>Fields: {@code dc:title}, {@code dc:description} (x-default), {@code dc:subject} (keywords), {@code xmp:Rating},
 * {@code exif:DateTimeOriginal} and {@code photoshop:DateCreated}, {@code exif:GPSLatitude}/{@code GPSLongitude}/
 * {@code GPSAltitude}/{@code GPSAltitudeRef}/{@code GPSVersionID}.
 *
 * <p>Merging into an existing packet follows the EXIF rules: title, description and rating are iCloud's (they are what
 * the user set there); keywords are added to those already present; dates and GPS are only filled in when missing.
 */
final class XmpPackets {

    /** The largest packet one JPEG APP1 segment can hold (XMP specification part 3, §1.1.3.1). */
    static final int MAX_JPEG_PACKET_BYTES = 65_502;

    private static final int EMBEDDED_PADDING = 2048;

    private XmpPackets() {
    }

    /** A new packet with every known field. */
    static XMPMeta create(PhotoMetadata metadata) throws XMPException {
        XMPMeta meta = XMPMetaFactory.create();
        merge(meta, metadata);
        return meta;
    }

    static XMPMeta parse(String xml) throws XMPException {
        return XMPMetaFactory.parseFromString(xml);
    }

    static XMPMeta parse(byte[] xml) throws XMPException {
        return XMPMetaFactory.parseFromBuffer(xml);
    }

    /**
     * Writes the metadata's fields into the packet.
     *
     * @return whether the packet changed
     */
    static boolean merge(XMPMeta meta, PhotoMetadata metadata) throws XMPException {
        boolean changed = false;
        if (metadata.title() != null) {
            changed |= setLocalized(meta, XMPConst.NS_DC, "title", metadata.title());
        }
        if (metadata.description() != null) {
            changed |= setLocalized(meta, XMPConst.NS_DC, "description", metadata.description());
        }
        if (!metadata.keywords().isEmpty()) {
            Set<String> present = new HashSet<>();
            if (meta.doesPropertyExist(XMPConst.NS_DC, "subject")) {
                int count = meta.countArrayItems(XMPConst.NS_DC, "subject");
                for (int i = 1; i <= count; i++) {
                    XMPProperty item = meta.getArrayItem(XMPConst.NS_DC, "subject", i);
                    if (item != null && item.getValue() != null) {
                        present.add(item.getValue());
                    }
                }
            }
            for (String keyword : metadata.keywords()) {
                if (present.add(keyword)) {
                    meta.appendArrayItem(XMPConst.NS_DC, "subject", new PropertyOptions().setArray(true), keyword,
                            null);
                    changed = true;
                }
            }
        }
        String rating = meta.getPropertyString(XMPConst.NS_XMP, "Rating");
        if (!sameNumber(rating, metadata.rating())) {
            meta.setPropertyInteger(XMPConst.NS_XMP, "Rating", metadata.rating());
            changed = true;
        }
        if (metadata.xmpDateTime().isPresent()) {
            String date = metadata.xmpDateTime().get();
            changed |= setIfMissing(meta, XMPConst.NS_EXIF, "DateTimeOriginal", date);
            changed |= setIfMissing(meta, XMPConst.NS_PHOTOSHOP, "DateCreated", date);
        }
        PhotoMetadata.Location location = metadata.location();
        if (location != null && !meta.doesPropertyExist(XMPConst.NS_EXIF, "GPSLatitude")
                && !meta.doesPropertyExist(XMPConst.NS_EXIF, "GPSLongitude")) {
            setIfMissing(meta, XMPConst.NS_EXIF, "GPSVersionID", "2.3.0.0");
            meta.setProperty(XMPConst.NS_EXIF, "GPSLatitude", gpsCoordinate(location.latitude(), true));
            meta.setProperty(XMPConst.NS_EXIF, "GPSLongitude", gpsCoordinate(location.longitude(), false));
            if (location.altitude() != null && !meta.doesPropertyExist(XMPConst.NS_EXIF, "GPSAltitude")) {
                double altitude = location.altitude();
                meta.setProperty(XMPConst.NS_EXIF, "GPSAltitudeRef", altitude < 0 ? "1" : "0");
                meta.setProperty(XMPConst.NS_EXIF, "GPSAltitude", Math.round(Math.abs(altitude) * 100) + "/100");
            }
            changed = true;
        }
        return changed;
    }

    /** The packet for a JPEG APP1 segment: with packet wrapper and padding for later in-place edits when it fits. */
    static byte[] serializeForEmbedding(XMPMeta meta) throws XMPException {
        byte[] padded = XMPMetaFactory.serializeToBuffer(meta, sorted().setPadding(EMBEDDED_PADDING));
        if (padded.length <= MAX_JPEG_PACKET_BYTES) {
            return padded;
        }
        return XMPMetaFactory.serializeToBuffer(meta, sorted().setPadding(0));
    }

    /** The packet for a {@code .xmp} file: plain {@code x:xmpmeta}, UTF-8, as Lightroom and darktable write them. */
    static byte[] serializeForSidecar(XMPMeta meta) throws XMPException {
        return XMPMetaFactory.serializeToBuffer(meta, sorted().setOmitPacketWrapper(true));
    }

    /**
     * Namespaces and properties in sorted order, not in the order they were set: a packet merged into later (a favourite
     * set since) then has the same bytes as one written fresh with the same fields.
     */
    private static SerializeOptions sorted() {
        return new SerializeOptions().setSort(true);
    }

    static String text(byte[] packet) {
        return new String(packet, StandardCharsets.UTF_8);
    }

    /** XMP GPSCoordinate, {@code DDD,MM.mmmmmmK}: degrees, decimal minutes (1e-6 minute ≈ 2 cm) and a hemisphere. */
    static String gpsCoordinate(double degrees, boolean latitude) {
        long microMinutes = Math.round(Math.abs(degrees) * 60_000_000d);
        long whole = microMinutes / 60_000_000L;
        long rest = microMinutes % 60_000_000L;
        char hemisphere = latitude ? (degrees < 0 ? 'S' : 'N') : (degrees < 0 ? 'W' : 'E');
        return String.format(Locale.ROOT, "%d,%d.%06d%c", whole, rest / 1_000_000L, rest % 1_000_000L, hemisphere);
    }

    private static boolean setLocalized(XMPMeta meta, String namespace, String name, String value)
            throws XMPException {
        XMPProperty existing = meta.doesPropertyExist(namespace, name)
                ? meta.getLocalizedText(namespace, name, "", XMPConst.X_DEFAULT) : null;
        if (existing != null && value.equals(existing.getValue())) {
            return false;
        }
        meta.setLocalizedText(namespace, name, "", XMPConst.X_DEFAULT, value);
        return true;
    }

    private static boolean setIfMissing(XMPMeta meta, String namespace, String name, String value)
            throws XMPException {
        String existing = meta.doesPropertyExist(namespace, name) ? meta.getPropertyString(namespace, name) : null;
        if (existing != null && !existing.isBlank()) {
            return false;
        }
        meta.setProperty(namespace, name, value);
        return true;
    }

    private static boolean sameNumber(String text, int value) {
        if (text == null) {
            return false;
        }
        try {
            return Double.parseDouble(text.trim()) == value;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
