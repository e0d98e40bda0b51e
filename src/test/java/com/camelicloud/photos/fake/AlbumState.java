package com.camelicloud.photos.fake;

/** A CPLAlbum version (§5.5): an album (type 0), a folder (3) or one of the root-folder sentinels. */
final class AlbumState implements RecordState {

    static final String ROOT_FOLDER = "----Root-Folder----";
    static final String PROJECT_ROOT_FOLDER = "----Project-Root-Folder----";
    static final int ALBUM = 0;
    static final int FOLDER = 3;

    final String recordName;
    final String name;
    final int albumType;
    final long position;
    final String parentId;
    boolean deleted;
    long modificationDate;

    AlbumState(String recordName, String name, int albumType, long position, String parentId, long modificationDate) {
        this.recordName = recordName;
        this.name = name;
        this.albumType = albumType;
        this.position = position;
        this.parentId = parentId;
        this.modificationDate = modificationDate;
    }

    AlbumState touched(long when) {
        AlbumState c = new AlbumState(recordName, name, albumType, position, parentId, when);
        c.deleted = deleted;
        return c;
    }

    @Override
    public String recordName() {
        return recordName;
    }

    @Override
    public String recordType() {
        return "CPLAlbum";
    }

    boolean isSentinel() {
        return name == null;
    }
}
