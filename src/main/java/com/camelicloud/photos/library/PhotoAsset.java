package com.camelicloud.photos.library;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A library item: a CPLAsset with the CPLMaster it points at (docs/protocol.md §5.15). Identity is
 * (zone, asset recordName); several assets may share one master.
 */
public final class PhotoAsset {

    public static final String ORIGINAL = "resOriginal";
    public static final String ALTERNATIVE = "resOriginalAlt";
    public static final String LIVE_VIDEO = "resOriginalVidCompl";

    private final String zoneName;
    private final CkRecord asset;
    private final CkRecord master;

    public PhotoAsset(String zoneName, CkRecord asset, CkRecord master) {
        this.zoneName = zoneName;
        this.asset = asset;
        this.master = master;
    }

    public String zoneName() {
        return zoneName;
    }

    public CkRecord asset() {
        return asset;
    }

    /** May be null only while an asset-only change waits for its master. */
    public CkRecord master() {
        return master;
    }

    public String assetId() {
        return asset.recordName();
    }

    public String masterId() {
        return master != null ? master.recordName() : asset.reference("masterRef");
    }

    /** The decoded original file name (§5.11), NFC; empty when missing or undecodable. */
    public Optional<String> filename() {
        return master == null ? Optional.empty() : master.decodedText("filenameEnc").filter(name -> !name.isBlank());
    }

    public String itemType() {
        return master == null ? null : master.string("itemType");
    }

    public MediaKind kind() {
        return UniformTypes.kind(itemType(), filename().orElse(null));
    }

    /** §8.1: an image whose master carries a Live Photo motion video. */
    public boolean isLivePhoto() {
        return kind() == MediaKind.IMAGE && master != null && master.has(LIVE_VIDEO + "Res");
    }

    /** Capture time: {@code assetDate}, else {@code addedDate}, else the master's {@code originalCreationDate} (§5.16). */
    public Optional<Instant> captureTime() {
        Long millis = asset.longValue("assetDate");
        if (millis == null) {
            millis = asset.longValue("addedDate");
        }
        if (millis == null && master != null) {
            millis = master.longValue("originalCreationDate");
        }
        return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
    }

    /** Capture-local wall time: the recorded offset when present, else the machine's zone (§5.16). */
    public Optional<ZonedDateTime> localCaptureTime(ZoneId fallbackZone) {
        Long offsetSeconds = asset.longValue("timeZoneOffset");
        ZoneId zone = offsetSeconds != null && Math.abs(offsetSeconds) <= 18 * 3600
                ? ZoneOffset.ofTotalSeconds(offsetSeconds.intValue()) : fallbackZone;
        return captureTime().map(instant -> instant.atZone(zone));
    }

    public boolean isFavorite() {
        return asset.flag("isFavorite");
    }

    public boolean isHidden() {
        return asset.flag("isHidden");
    }

    /** In Recently Deleted (§5.13: 1 means deleted; null or absent means not). */
    public boolean isDeleted() {
        return asset.flag("isDeleted");
    }

    public boolean isExpunged() {
        return asset.flag("isExpunged");
    }

    /** SharedSync: 1 = really deleted, 0 or absent = moved back to someone's personal library (§7.4). */
    public boolean isTrashedForReal() {
        return asset.flag("trashReason");
    }

    public String adjustmentType() {
        return asset.string("adjustmentType");
    }

    public boolean isEdited() {
        return adjustmentType() != null;
    }

    /**
     * A rendition by field prefix, looked up on the asset first, then the master (§5.3). Absent when
     * there is no {@code …Res}, or it has no download URL.
     */
    public Optional<Resource> resource(String field) {
        Optional<Resource> onAsset = resourceOf(asset, field);
        return onAsset.isPresent() || master == null ? onAsset : resourceOf(master, field);
    }

    private Optional<Resource> resourceOf(CkRecord record, String field) {
        JsonNode res = record.value(field + "Res");
        if (res == null || !res.path("downloadURL").isTextual()) {
            return Optional.empty();
        }
        String uti = record.string(field + "FileType");
        if (uti == null && field.equals(ORIGINAL)) {
            uti = itemType();
        }
        long size = res.path("size").asLong(-1);
        Long width = record.longValue(field + "Width");
        Long height = record.longValue(field + "Height");
        return Optional.of(new Resource(field, uti, size, res.path("fileChecksum").asText(null),
                res.path("downloadURL").asText(), width == null ? null : width.intValue(),
                height == null ? null : height.intValue()));
    }

    @Override
    public String toString() {
        return "PhotoAsset[" + zoneName + "/" + assetId() + ", master " + masterId() + "]";
    }
}
