package com.camelicloud.photos.fake;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A CPLMaster version: the original file and its derived renditions (§5.2). */
final class MasterState implements RecordState {

    final String recordName;
    final MediaKind kind;
    final Map<Variant, FakeResource> resources;
    final long importDate;
    String filename;
    boolean filenameAsString;
    boolean deleted;
    boolean expunged;
    List<String> contributors;

    MasterState(MediaKind kind, Map<Variant, FakeResource> resources, String filename, long importDate) {
        this.recordName = resources.get(Variant.ORIGINAL).fileChecksum();
        this.kind = kind;
        this.resources = new EnumMap<>(resources);
        this.filename = filename;
        this.importDate = importDate;
    }

    private MasterState(MasterState other) {
        this.recordName = other.recordName;
        this.kind = other.kind;
        this.resources = other.resources;
        this.importDate = other.importDate;
        this.filename = other.filename;
        this.filenameAsString = other.filenameAsString;
        this.deleted = other.deleted;
        this.expunged = other.expunged;
        this.contributors = other.contributors;
    }

    MasterState copy() {
        return new MasterState(this);
    }

    @Override
    public String recordName() {
        return recordName;
    }

    @Override
    public String recordType() {
        return "CPLMaster";
    }

    boolean isLivePhoto() {
        return resources.containsKey(Variant.ORIGINAL_VID_COMPL);
    }
}
