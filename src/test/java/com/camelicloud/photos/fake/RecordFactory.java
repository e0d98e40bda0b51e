package com.camelicloud.photos.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * Renders change-log versions as CloudKit records in the recorded shapes (docs/protocol.md §3.1, §5): the full envelope
 * with {@code pluginFields}, {@code created}, {@code modified}, {@code recordChangeTag}, {@code deleted} and
 * {@code zoneID}; fields as {@code {"value", "type"}} wrappers; download URLs signed at render time. Call under the
 * library read lock.
 */
final class RecordFactory {

    private static final String ZONE_TYPE = "REGULAR_CUSTOM_ZONE";

    private final ServerState server;

    RecordFactory(ServerState server) {
        this.server = server;
    }

    /** {@code zoneID} as listed by zones/list and echoed by changes/zone. */
    static ObjectNode zoneId(FakeZone zone) {
        ObjectNode id = Json.object();
        id.put("zoneName", zone.name());
        id.put("ownerRecordName", zone.ownerRecordName());
        id.put("zoneType", ZONE_TYPE);
        return id;
    }

    /** Renders a version; {@code desiredKeys} (or {@code null} for all) filters the fields, never the envelope. */
    ObjectNode render(FakeZone zone, ChangeLog.Version version, Set<String> desiredKeys) {
        RecordState state = version.state();
        ObjectNode record = Json.object();
        record.put("recordName", state.recordName());
        if (version.isTombstone()) {
            record.putNull("recordType");
            record.put("deleted", true);
            record.put("recordChangeTag", version.changeTag());
            return record;
        }
        record.put("recordType", state.recordType());
        Fields fields = new Fields(record.putObject("fields"), desiredKeys);
        if (state instanceof MasterState m) {
            master(zone, m, version, fields);
        } else if (state instanceof AssetState a) {
            asset(zone, a, fields);
        } else if (state instanceof AlbumState a) {
            album(a, fields);
        } else if (state instanceof RecordState.Relation r) {
            fields.string("containerId", r.albumId()).string("itemId", r.assetId())
                    .int64("isKeyAsset", r.keyAsset() ? 1 : 0).int64("position", r.position())
                    .timestamp("recordModificationDate", r.modificationDate());
        } else if (state instanceof RecordState.LibraryInfo) {
            libraryInfo(zone, fields);
        } else if (state instanceof RecordState.Quota q) {
            fields.int64("contributedQuotaInSharedLibrary", zone.contributedBytes(q.contributor()));
        } else if (state instanceof RecordState.Ignorable i) {
            fields.encrypted(i.field(), i.base64Value());
        }
        record.putObject("pluginFields");
        record.put("recordChangeTag", version.changeTag());
        record.set("created", stamp(version.created()));
        record.set("modified", stamp(version.modified()));
        record.put("deleted", false);
        ObjectNode zoneId = record.putObject("zoneID");
        zoneId.put("zoneName", zone.name());
        zoneId.put("ownerRecordName", zone.ownerRecordName());
        return record;
    }

    /** A record as the deleted-by-name shape of records/lookup: {@code {"recordName", "serverErrorCode", "reason"}}. */
    static ObjectNode notFound(String recordName) {
        ObjectNode n = Json.object();
        n.put("recordName", recordName);
        n.put("serverErrorCode", "NOT_FOUND");
        n.put("reason", "Record not found");
        return n;
    }

    private void master(FakeZone zone, MasterState m, ChangeLog.Version version, Fields f) {
        if (m.filename != null) {
            if (m.filenameAsString) {
                f.string("filenameEnc", m.filename);
            } else {
                f.encrypted("filenameEnc", Ids.base64(m.filename));
            }
        }
        f.string("itemType", m.kind.uti()).int64("dataClassType", 1).int64("originalOrientation", 1);
        m.resources.forEach((variant, resource) -> resource(zone, resource, f));
        f.timestamp("importDate", m.importDate).timestamp("recordModificationDate", version.modified().timestamp());
        if (m.deleted) {
            f.int64("isDeleted", 1);
        }
        if (m.expunged) {
            f.int64("isExpunged", 1);
        }
        if (m.contributors != null) {
            f.references("contributors", m.contributors);
        }
    }

    private void asset(FakeZone zone, AssetState a, Fields f) {
        ObjectNode ref = Json.object();
        ref.put("recordName", a.masterId);
        ref.put("action", "DELETE_SELF");
        ref.set("zoneID", zoneId(zone));
        f.put("masterRef", ref, "REFERENCE");
        f.timestamp("assetDate", a.assetDate).timestamp("addedDate", a.addedDate);
        if (a.timeZoneOffset != null) {
            f.int64("timeZoneOffset", a.timeZoneOffset);
        }
        f.int64("isFavorite", a.favorite ? 1 : 0).int64("isHidden", a.hidden ? 1 : 0);
        if (a.deleted) {
            f.int64("isDeleted", 1);
            f.nullValue("dateExpunged");
        }
        if (a.expunged != null) {
            f.int64("isExpunged", a.expunged);
        }
        if (a.trashReason != null) {
            f.int64("trashReason", a.trashReason);
        }
        if (a.deletedBy != null) {
            ObjectNode by = Json.object();
            by.put("recordName", a.deletedBy);
            by.put("action", "NONE");
            f.put("deletedBy", by, "REFERENCE");
        }
        if (a.contributors != null) {
            f.references("contributors", a.contributors);
        }
        f.int64("orientation", 1).int64("assetSubtype", a.subtype).int64("assetSubtypeV2", a.subtypeV2)
                .int64("assetHDRType", 0);
        if (a.duration != null) {
            f.dbl("duration", a.duration);
        }
        if (a.live) {
            f.int64("vidComplDurValue", 2_768_333_333L).int64("vidComplDurScale", 1_000_000_000L)
                    .int64("vidComplDispValue", 1_384_166_666L).int64("vidComplDispScale", 1_000_000_000L)
                    .int64("vidComplVisibilityState", 1);
        }
        if (a.adjustment != null) {
            AssetState.Adjustment adj = a.adjustment;
            f.string("adjustmentType", adj.type()).string("adjustmentCreatorCode", "com.apple.mobileslideshow")
                    .string("adjustmentCompoundVersion", "1.9.1").int64("adjustmentRenderType", 19968)
                    .int64("adjustmentSourceType", 0)
                    .encrypted("adjustmentTimestampEnc",
                            Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(adj.timestamp()).array()))
                    .encrypted("adjustmentSimpleDataEnc", deflatedJson("{\"metadata\":{\"orientation\":1}}"));
            if (adj.rendition().variant() == Variant.JPEG_FULL) {
                f.int64("customRenderedValue", 10);
            }
            resource(zone, adj.rendition(), f);
        }
        if (a.caption != null) {
            f.encrypted("captionEnc", Ids.base64(a.caption));
        }
        if (a.latitude != null) {
            f.dbl("locationLatitude", a.latitude).dbl("locationLongitude", a.longitude);
        }
    }

    private static void album(AlbumState a, Fields f) {
        if (a.name != null) {
            f.encrypted("albumNameEnc", Ids.base64(a.name));
        }
        f.int64("albumType", a.albumType).int64("sortAscending", 1).int64("sortType", 0).int64("position", a.position)
                .timestamp("recordModificationDate", a.modificationDate);
        if (a.parentId != null) {
            f.string("parentId", a.parentId);
        }
        if (a.deleted) {
            f.int64("isDeleted", 1);
        }
    }

    private static void libraryInfo(FakeZone zone, Fields f) {
        Map<String, Long> counts = zone.libraryCounts();
        counts.forEach(f::int64);
        f.int64("v2PhotosCount", counts.get("photosCount")).int64("v2VideosCount", counts.get("videosCount"))
                .int64("featureVersion", 9).int64("libraryInfoVersion", 1);
        List<String> linked = zone.owner().privateZones().stream()
                .filter(z -> z.kind() == FakeZone.Kind.SHARED_LIBRARY).map(FakeZone::name).toList();
        if (zone.kind() == FakeZone.Kind.PRIMARY && !linked.isEmpty()) {
            ArrayNode names = Json.array();
            linked.forEach(names::add);
            f.put("linkedShareZoneNameList", names, "STRING_LIST");
        }
    }

    /** The six fields of one resource (§5.3), with a freshly signed download URL. */
    private void resource(FakeZone zone, FakeResource r, Fields f) {
        String prefix = r.variant().prefix();
        ObjectNode value = Json.object();
        value.put("fileChecksum", r.fileChecksum());
        value.put("size", r.size());
        value.put("wrappingKey", r.wrappingKey());
        value.put("referenceChecksum", r.referenceChecksum());
        value.put("downloadURL", server.cdnUrls.downloadUrl(r, zone.name()));
        f.put(prefix + "Res", value, "ASSETID")
                .string(prefix + "FileType", r.fileType())
                .int64(prefix + "Width", r.width())
                .int64(prefix + "Height", r.height())
                .string(prefix + "Fingerprint", r.fileChecksum())
                .int64(prefix + "FileSize", r.size());
    }

    private static ObjectNode stamp(ChangeLog.Stamp stamp) {
        ObjectNode n = Json.object();
        n.put("timestamp", stamp.timestamp());
        n.put("userRecordName", stamp.userRecordName());
        n.put("deviceID", SrpServer.hex(SrpServer.sha256(stamp.userRecordName().getBytes(StandardCharsets.UTF_8)))
                .toUpperCase(java.util.Locale.ROOT));
        return n;
    }

    /** Raw-deflate (no zlib header) JSON, one of the recorded encodings of {@code adjustmentSimpleDataEnc} (§5.11). */
    private static String deflatedJson(String json) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(json.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** Writes {@code {"value", "type"}} wrappers, skipping names outside {@code desiredKeys}. */
    private static final class Fields {
        private final ObjectNode node;
        private final Set<String> desired;

        Fields(ObjectNode node, Set<String> desired) {
            this.node = node;
            this.desired = desired;
        }

        Fields put(String name, JsonNode value, String type) {
            if (desired == null || desired.contains(name)) {
                ObjectNode wrapper = node.putObject(name);
                wrapper.set("value", value);
                wrapper.put("type", type);
            }
            return this;
        }

        Fields int64(String name, long value) {
            return put(name, LongNode.valueOf(value), "INT64");
        }

        Fields dbl(String name, double value) {
            return put(name, DoubleNode.valueOf(value), "DOUBLE");
        }

        Fields string(String name, String value) {
            return put(name, TextNode.valueOf(value), "STRING");
        }

        Fields timestamp(String name, long millis) {
            return put(name, LongNode.valueOf(millis), "TIMESTAMP");
        }

        Fields encrypted(String name, String base64) {
            return put(name, TextNode.valueOf(base64), "ENCRYPTED_BYTES");
        }

        /** A REFERENCE_LIST of user references, as {@code contributors} (§7.3). */
        Fields references(String name, List<String> userRecordNames) {
            ArrayNode list = Json.array();
            for (String user : userRecordNames) {
                list.addObject().put("recordName", user).put("action", "NONE");
            }
            return put(name, list, "REFERENCE_LIST");
        }

        /** {@code {"value": null}} without a type, as recorded for {@code dateExpunged} (§3.1). */
        Fields nullValue(String name) {
            if (desired == null || desired.contains(name)) {
                node.putObject(name).putNull("value");
            }
            return this;
        }
    }
}
