package com.camelicloud.photos.fake;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Read-only view of one CPLAsset together with its CPLMaster, as they are in the zone right now. */
public final class FakeAsset {

    private final String zoneName;
    private final AssetState asset;
    private final MasterState master;

    FakeAsset(String zoneName, AssetState asset, MasterState master) {
        this.zoneName = zoneName;
        this.asset = asset;
        this.master = master;
    }

    /** The CPLAsset recordName. */
    public String id() {
        return asset.recordName;
    }

    /** The CPLMaster recordName (= the original's fileChecksum, the cross-zone dedup key). */
    public String masterId() {
        return asset.masterId;
    }

    public String zoneName() {
        return zoneName;
    }

    /** The name in {@code filenameEnc}, exactly as stored (NFD stays NFD), or {@code null} if the master has none. */
    public String filename() {
        return master.filename;
    }

    /** The original's UTI. */
    public String itemType() {
        return master.kind.uti();
    }

    public boolean isVideo() {
        return master.kind.isVideo();
    }

    public boolean isLivePhoto() {
        return master.isLivePhoto();
    }

    public Instant assetDate() {
        return Instant.ofEpochMilli(asset.assetDate);
    }

    public Instant addedDate() {
        return Instant.ofEpochMilli(asset.addedDate);
    }

    /** Seconds east of UTC, or {@code null} when the asset has no offset. */
    public Integer timeZoneOffset() {
        return asset.timeZoneOffset;
    }

    public boolean isFavorite() {
        return asset.favorite;
    }

    public boolean isHidden() {
        return asset.hidden;
    }

    /** In Recently Deleted (or, in a Shared Library, removed by a member). */
    public boolean isDeleted() {
        return asset.deleted;
    }

    public boolean isExpunged() {
        return asset.isExpunged();
    }

    public boolean isEdited() {
        return asset.adjustment != null;
    }

    public String adjustmentType() {
        return asset.adjustment == null ? null : asset.adjustment.type();
    }

    public String caption() {
        return asset.caption;
    }

    /** Shared Library contributors (user record names), empty elsewhere. */
    public List<String> contributors() {
        return asset.contributors == null ? List.of() : asset.contributors;
    }

    /** The resource for a variant, looked up on the asset first, then on the master (§5.3); {@code null} if absent. */
    public FakeResource resource(Variant variant) {
        return resources().get(variant);
    }

    public Map<Variant, FakeResource> resources() {
        Map<Variant, FakeResource> all = new EnumMap<>(master.resources);
        if (asset.adjustment != null) {
            all.put(asset.adjustment.rendition().variant(), asset.adjustment.rendition());
        }
        return Collections.unmodifiableMap(all);
    }

    /** The exact bytes the CDN serves for a variant. */
    public byte[] content(Variant variant) {
        FakeResource r = resource(variant);
        if (r == null) {
            throw new IllegalArgumentException(id() + " has no " + variant);
        }
        return r.content();
    }

    @Override
    public String toString() {
        return id() + " (" + filename() + ")";
    }
}
