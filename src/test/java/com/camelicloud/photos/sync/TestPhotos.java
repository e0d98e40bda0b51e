package com.camelicloud.photos.sync;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.Database;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.state.AssetState;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Items, albums and their changes shaped like CloudKit records (docs/protocol.md §5.1-§5.6), for unit tests. */
final class TestPhotos {

    /** 2024-03-10T12:00:00Z, taken at UTC: the items' date folder is {@link #DAY}. */
    static final Instant TAKEN = Instant.parse("2024-03-10T12:00:00Z");
    static final String DAY = "2024/03/10/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestPhotos() {
    }

    /** A JPEG {@code IMG_<id>.JPG} of 1,000 bytes, taken at {@link #TAKEN}: asset {@code A<id>}, master {@code M<id>}. */
    static Photo photo(String id) {
        return new Photo(id);
    }

    /** Builds one item; every setter returns the builder. */
    static final class Photo {
        private final String assetId;
        private String masterId;
        private String zone = ZoneId.PRIMARY;
        private String filename;
        private String uti = "public.jpeg";
        private long size = 1000;
        private boolean withMaster = true;
        private final ObjectNode assetFields = JSON.createObjectNode();

        private Photo(String id) {
            this.assetId = "A" + id;
            this.masterId = "M" + id;
            this.filename = "IMG_" + id + ".JPG";
            assetFields.putObject("assetDate").put("value", TAKEN.toEpochMilli());
            assetFields.putObject("timeZoneOffset").put("value", 0);
        }

        Photo named(String name) {
            this.filename = name;
            return this;
        }

        Photo size(long bytes) {
            this.size = bytes;
            return this;
        }

        /** Another item of the same master (an iOS duplicate, the same photo in the Shared Library). */
        Photo master(String id) {
            this.masterId = id;
            return this;
        }

        Photo inZone(String zoneName) {
            this.zone = zoneName;
            return this;
        }

        Photo video() {
            this.uti = "public.mpeg-4";
            this.filename = filename.replace(".JPG", ".MP4");
            return this;
        }

        /** In Recently Deleted (§5.13). */
        Photo deleted() {
            assetFields.putObject("isDeleted").put("value", 1);
            return this;
        }

        Photo hidden() {
            assetFields.putObject("isHidden").put("value", 1);
            return this;
        }

        /** An asset-only change whose master was not had (records/lookup failed). */
        Photo withoutMaster() {
            this.withMaster = false;
            return this;
        }

        PhotoAsset asset() {
            ObjectNode asset = JSON.createObjectNode();
            asset.put("recordName", assetId);
            asset.put("recordType", "CPLAsset");
            asset.put("recordChangeTag", "t" + assetFields.hashCode());
            ObjectNode fields = asset.putObject("fields");
            fields.putObject("masterRef").putObject("value").put("recordName", masterId);
            fields.setAll(assetFields.deepCopy());
            return new PhotoAsset(zone, new CkRecord(asset), withMaster ? new CkRecord(master()) : null);
        }

        private ObjectNode master() {
            ObjectNode master = JSON.createObjectNode();
            master.put("recordName", masterId);
            master.put("recordType", "CPLMaster");
            ObjectNode fields = master.putObject("fields");
            ObjectNode name = fields.putObject("filenameEnc");
            name.put("value", base64(filename));
            name.put("type", "ENCRYPTED_BYTES");
            fields.putObject("itemType").put("value", uti);
            fields.putObject("resOriginalFileType").put("value", uti);
            ObjectNode original = fields.putObject("resOriginalRes").putObject("value");
            original.put("size", size);
            original.put("fileChecksum", "C" + masterId);
            original.put("downloadURL", "https://cvws.icloud-content.com/B/" + masterId + "/${f}");
            return master;
        }
    }

    static ZoneId zoneOf(PhotoAsset asset) {
        return ZoneId.PRIMARY.equals(asset.zoneName()) ? ZoneId.primary()
                : new ZoneId(asset.zoneName(), Database.PRIVATE);
    }

    /** A new item (or one whose files are missing). */
    static LibraryChange added(PhotoAsset asset) {
        return LibraryChange.ofAsset(ChangeType.ASSET_ADDED, zoneOf(asset), asset, null, Set.of());
    }

    /** A change of a stored item, diffed against what the state holds of it. */
    static LibraryChange changed(ChangeType type, PhotoAsset asset, AssetState stored) {
        return LibraryChange.ofAsset(type, zoneOf(asset), asset, stored, Set.of());
    }

    /** A CPLAlbum created or renamed (§5.5). */
    static LibraryChange album(String albumId, String name) {
        ObjectNode record = JSON.createObjectNode();
        record.put("recordName", albumId);
        record.put("recordType", "CPLAlbum");
        ObjectNode fields = record.putObject("fields");
        fields.putObject("albumNameEnc").put("value", base64(name));
        fields.putObject("albumType").put("value", 0);
        return LibraryChange.ofRecord(ChangeType.ALBUM_CHANGED, ZoneId.primary(), albumId, new CkRecord(record));
    }

    /** A CPLContainerRelation (§5.6): the item put into the album, or taken out of it. */
    static LibraryChange membership(PhotoAsset asset, String albumId, boolean added) {
        String name = asset.assetId() + "-IN-" + albumId;
        ObjectNode record = JSON.createObjectNode();
        record.put("recordName", name);
        record.put("recordType", "CPLContainerRelation");
        ObjectNode fields = record.putObject("fields");
        fields.putObject("itemId").put("value", asset.assetId());
        fields.putObject("containerId").put("value", albumId);
        return LibraryChange.ofRecord(added ? ChangeType.ALBUM_MEMBER_ADDED : ChangeType.ALBUM_MEMBER_REMOVED,
                zoneOf(asset), name, new CkRecord(record));
    }

    /** The bytes a test "downloads" for a file of {@code size} bytes: the same for the same size and seed. */
    static byte[] content(long size, String seed) {
        byte[] bytes = new byte[(int) size];
        byte[] pattern = seed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = pattern[i % pattern.length];
        }
        return bytes;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
