package com.camelicloud.photos.fake;

import java.util.List;

/** A CPLAsset version: one library entry pointing at a master, with its flags and edits (§5.4). */
final class AssetState implements RecordState {

    /** The rendered edit of an asset: {@code adjustmentType} plus a {@code resJPEGFull} or {@code resVidFull}. */
    record Adjustment(String type, FakeResource rendition, long timestamp) {
    }

    final String recordName;
    String masterId;
    long assetDate;
    long addedDate;
    Integer timeZoneOffset;
    boolean favorite;
    boolean hidden;
    boolean deleted;
    /** {@code null} = absent, 0 or 1 (§5.13: restore sets it back to null). */
    Integer expunged = 0;
    /** When the asset went to Recently Deleted; orders the deleted index, never emitted. */
    long trashedAt;
    Integer trashReason;
    String deletedBy;
    List<String> contributors;
    Adjustment adjustment;
    String caption;
    Double latitude;
    Double longitude;
    Double duration;
    /** A Live Photo: the asset carries the {@code vidCompl…} timing fields. */
    boolean live;
    int subtype;
    int subtypeV2;

    AssetState(String recordName, String masterId, long assetDate, long addedDate) {
        this.recordName = recordName;
        this.masterId = masterId;
        this.assetDate = assetDate;
        this.addedDate = addedDate;
    }

    AssetState copy() {
        AssetState c = new AssetState(recordName, masterId, assetDate, addedDate);
        c.copyFlagsFrom(this);
        return c;
    }

    /** A copy under another record name, as iOS "Duplicate" or a move into another zone creates. */
    AssetState copyAs(String newRecordName) {
        AssetState c = new AssetState(newRecordName, masterId, assetDate, addedDate);
        c.copyFlagsFrom(this);
        return c;
    }

    private void copyFlagsFrom(AssetState o) {
        timeZoneOffset = o.timeZoneOffset;
        favorite = o.favorite;
        hidden = o.hidden;
        deleted = o.deleted;
        expunged = o.expunged;
        trashedAt = o.trashedAt;
        trashReason = o.trashReason;
        deletedBy = o.deletedBy;
        contributors = o.contributors;
        adjustment = o.adjustment;
        caption = o.caption;
        latitude = o.latitude;
        longitude = o.longitude;
        duration = o.duration;
        live = o.live;
        subtype = o.subtype;
        subtypeV2 = o.subtypeV2;
    }

    @Override
    public String recordName() {
        return recordName;
    }

    @Override
    public String recordType() {
        return "CPLAsset";
    }

    boolean visible() {
        return !deleted && !hidden && !isExpunged();
    }

    boolean isExpunged() {
        return expunged != null && expunged == 1;
    }
}
