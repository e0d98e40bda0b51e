package com.camelicloud.photos.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The CloudKit database service, {@code /database/1/com.apple.photos.cloud/production/{private|shared}/<operation>}
 * (docs/protocol.md §3, §4, §7). Authenticates by the {@code X-APPLE-WEBAUTH-TOKEN} cookie, ignores the content type and
 * the build-number parameters, and answers in the recorded shapes, with {@code syncToken}s only when
 * {@code getCurrentSyncToken} is truthy (zones/list and changes/* always carry theirs).
 */
final class CloudKitHandler extends ServiceHandler {

    static final String PREFIX = "/database/1/com.apple.photos.cloud/production/";

    private static final int MAX_RECORDS = 200;
    private static final String INDEX_INVALID = "Index has invalid data";

    private final RecordFactory records;

    CloudKitHandler(ServerState server) {
        super(server);
        this.records = new RecordFactory(server);
    }

    /** What one request is about: the caller's account and database, and the request body. */
    private record Request(HttpCall call, FakeAccount account, Database database, JsonNode body) {
        boolean wantsToken() {
            return call.queryFlag("getCurrentSyncToken");
        }
    }

    /** An error answered as a whole-request body with an HTTP status (§3.13). */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Failure(int status, String code, String reason) {
            super(reason, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    @Override
    Endpoint route(HttpCall call) {
        String rest = tail(call.path, PREFIX);
        String op = rest.contains("/") ? rest.substring(rest.indexOf('/') + 1) : "";
        return switch (op) {
            case "zones/list" -> Endpoint.ZONES_LIST;
            case "records/query" -> Endpoint.RECORDS_QUERY;
            case "internal/records/query/batch" -> Endpoint.QUERY_BATCH;
            case "records/lookup" -> Endpoint.RECORDS_LOOKUP;
            case "changes/database" -> Endpoint.CHANGES_DATABASE;
            case "changes/zone" -> Endpoint.CHANGES_ZONE;
            case "records/modify" -> Endpoint.RECORDS_MODIFY;
            default -> Endpoint.OTHER;
        };
    }

    @Override
    void serve(HttpCall call, Endpoint endpoint) throws IOException {
        call.header("X-Apple-CloudKit-Version", "1.0");
        call.header("X-Apple-Request-UUID", UUID.randomUUID().toString());
        call.header("X-Responding-Instance", "ckdatabasews:fake:1");
        if (server.faults.takeMisdirect()) {
            call.send(421, "text/plain", "Missing X-APPLE-WEBAUTH-USER cookie".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            Request request = authenticate(call);
            ObjectNode answer = switch (endpoint) {
                case ZONES_LIST -> server.read(() -> zonesList(request));
                case RECORDS_QUERY -> server.read(() -> query(request));
                case QUERY_BATCH -> server.read(() -> batch(request));
                case RECORDS_LOOKUP -> server.read(() -> lookup(request));
                case CHANGES_DATABASE -> server.read(() -> changesDatabase(request));
                case CHANGES_ZONE -> server.read(() -> changesZone(request));
                case RECORDS_MODIFY -> {
                    server.faults.takeBeforeModify().ifPresent(Runnable::run);
                    yield server.write(() -> modify(request));
                }
                default -> throw new Failure(404, "BAD_REQUEST", "Unknown operation");
            };
            if (endpoint == Endpoint.RECORDS_MODIFY && server.faults.takeLostModifyAnswer()) {
                return; // the changes are made; the connection closes with no answer
            }
            call.json(200, answer);
        } catch (Failure f) {
            call.json(f.status, Json.error(f.code, f.getMessage()));
        }
    }

    private Request authenticate(HttpCall call) throws IOException {
        String rest = tail(call.path, PREFIX);
        Database database = Database.fromPath(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
        if (database == null) {
            throw new Failure(400, "BAD_REQUEST", "Unknown database");
        }
        Sessions.Session session = server.sessions.webAuth(call.cookie(SetupHandler.WEBAUTH_TOKEN));
        if (session == null) {
            throw new Failure(401, "AUTHENTICATION_REQUIRED", "Request requires authentication");
        }
        FakeAccount account = session.account();
        if (!session.verified()) {
            throw new Failure(401, "AUTHENTICATION_REQUIRED",
                    account.fido() ? "no auth method found" : "Two-factor authentication required");
        }
        if (account.adp() || account.webAccessDisabled()) {
            throw new Failure(403, "ACCESS_DENIED", "private db access disabled for this account");
        }
        return new Request(call, account, database, call.json());
    }

    // ---------------------------------------------------------------- zones/list, changes/database

    private ObjectNode zonesList(Request r) {
        ObjectNode answer = Json.object();
        answer.put("moreComing", false);
        answer.put("syncToken", databaseToken(r));
        ArrayNode zones = answer.putArray("zones");
        for (FakeZone zone : r.account().zones(r.database())) {
            ObjectNode entry = zones.addObject();
            entry.set("zoneID", RecordFactory.zoneId(zone));
            entry.put("deleted", false);
        }
        return answer;
    }

    private ObjectNode changesDatabase(Request r) {
        long since = 0;
        String token = Json.text(r.body(), "syncToken");
        if (token != null && !token.isEmpty()) {
            SyncTokens.Decoded decoded = server.tokens.decodeDatabase(token, r.database(), accountIdentity(r),
                    server.changeClock());
            if (!decoded.ok()) {
                throw new Failure(400, "BAD_REQUEST", decoded.error());
            }
            since = decoded.position();
        }
        ObjectNode answer = Json.object();
        answer.put("syncToken", databaseToken(r));
        answer.put("moreComing", false);
        ArrayNode zones = answer.putArray("zones");
        for (FakeZone zone : r.account().zones(r.database())) {
            if (zone.lastChange() > since) {
                ObjectNode entry = zones.addObject();
                entry.set("zoneID", RecordFactory.zoneId(zone));
                entry.put("syncToken", zoneToken(r, zone, zone.log().head()));
            }
        }
        for (FakeAccount.RemovedZone removed : r.account().removedZones()) {
            if (removed.database() == r.database() && removed.tick() > since) {
                ObjectNode entry = zones.addObject();
                entry.set("zoneID", RecordFactory.zoneId(removed.zone()));
                entry.put("deleted", true);
            }
        }
        return answer;
    }

    // ---------------------------------------------------------------- changes/zone

    private ObjectNode changesZone(Request r) {
        ObjectNode answer = Json.object();
        ArrayNode out = answer.putArray("zones");
        for (JsonNode entry : r.body().path("zones")) {
            String zoneName = entry.path("zoneID").path("zoneName").asText("");
            FakeZone zone = r.account().zone(r.database(), zoneName);
            if (zone == null) {
                ObjectNode error = out.addObject();
                error.putObject("zoneID").put("zoneName", zoneName);
                error.put("serverErrorCode", "ZONE_NOT_FOUND");
                error.put("reason", "Zone does not exist");
                continue;
            }
            long head = zone.log().head();
            JsonNode tokenNode = entry.get("syncToken");
            long after = 0;
            String error = null;
            if (tokenNode != null && !tokenNode.isNull()) {
                String token = tokenNode.asText();
                if (token.isEmpty()) {
                    after = head;
                    error = server.faults.strictEmptyToken() ? SyncTokens.INVALID : null;
                } else {
                    SyncTokens.Decoded decoded = server.tokens.decodeZone(token, r.database(), zone.identity(), head);
                    after = decoded.position();
                    error = decoded.error();
                }
            }
            ObjectNode result = out.addObject();
            result.set("zoneID", RecordFactory.zoneId(zone));
            if (error != null) {
                result.put("serverErrorCode", "BAD_REQUEST");
                result.put("reason", error);
                continue;
            }
            int limit = limit(entry.has("resultsLimit") ? entry : r.body());
            Set<String> desired = Json.stringSet(entry.has("desiredKeys") ? entry.path("desiredKeys")
                    : r.body().path("desiredKeys"));
            ChangeLog.Scan scan = zone.log().scan(after, limit, server.faults.scanBudget());
            result.put("syncToken", zoneToken(r, zone, scan.reached()));
            result.put("moreComing", scan.reached() < head);
            ArrayNode list = result.putArray("records");
            scan.versions().forEach(v -> list.add(records.render(zone, v, desired)));
        }
        return answer;
    }

    // ---------------------------------------------------------------- records/query

    private ObjectNode query(Request r) {
        FakeZone zone = zone(r, r.body());
        JsonNode query = r.body().path("query");
        String recordType = query.path("recordType").asText("");
        Map<String, JsonNode> filters = filters(query.path("filterBy"));
        Set<String> desired = Json.stringSet(r.body().path("desiredKeys"));
        ObjectNode answer = switch (recordType) {
            case "CheckIndexingState" -> indexingState(zone);
            case "CPLAlbumByPositionLive" -> albums(r, zone, filters, desired);
            default -> assetPage(r, zone, listIndex(recordType, filters), filters, desired);
        };
        if (r.wantsToken()) {
            answer.put("syncToken", zoneToken(r, zone, zone.log().head()));
        }
        return answer;
    }

    private ObjectNode indexingState(FakeZone zone) {
        requirePhotoZone(zone);
        boolean finished = !server.faults.indexingNotFinished();
        ObjectNode record = Json.object();
        record.put("recordName", "_" + Ids.uuid(Ids.mix(0, zone.identity())).toLowerCase(Locale.ROOT));
        record.put("recordType", "CheckIndexingState");
        ObjectNode fields = record.putObject("fields");
        fields.putObject("progress").put("value", finished ? 100 : 42).put("type", "INT64");
        fields.putObject("state").put("value", finished ? "FINISHED" : "NOT_FINISHED").put("type", "STRING");
        record.putObject("pluginFields");
        record.put("recordChangeTag", "0");
        record.put("deleted", false);
        record.putObject("zoneID").put("zoneName", zone.name()).put("ownerRecordName", zone.ownerRecordName());
        ObjectNode answer = Json.object();
        answer.putArray("records").add(record);
        return answer;
    }

    /** One page of an asset listing: the ranks' CPLMasters first (each once), then their CPLAssets (§3.4, §3.11). */
    private ObjectNode assetPage(Request r, FakeZone zone, FakeZone.IndexSpec spec, Map<String, JsonNode> filters,
            Set<String> desired) {
        List<AssetState> index = zone.index(spec);
        int pairs = Math.max(1, Math.min(MAX_RECORDS, limit(r.body())) / 2);
        String marker = Json.text(r.body(), "continuationMarker");
        long start = marker != null ? decodeMarker(marker) : filterLong(filters, "startRank", 0);
        boolean descending = "DESCENDING".equalsIgnoreCase(filterText(filters, "direction"));
        int step = descending ? -1 : 1;
        Map<String, ChangeLog.Version> masters = new LinkedHashMap<>();
        List<ChangeLog.Version> assets = new ArrayList<>();
        long rank = start;
        for (int i = 0; i < pairs && rank >= 0 && rank < index.size(); i++, rank += step) {
            AssetState asset = index.get((int) rank);
            masters.putIfAbsent(asset.masterId, zone.log().get(asset.masterId));
            assets.add(zone.log().get(asset.recordName));
        }
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("records");
        masters.values().forEach(v -> list.add(records.render(zone, v, desired)));
        assets.forEach(v -> list.add(records.render(zone, v, desired)));
        if (rank >= 0 && rank < index.size() && !assets.isEmpty()) {
            answer.put("continuationMarker", encodeMarker(rank));
        }
        return answer;
    }

    /** The album list, paged by {@code continuationMarker} only; SharedSync and ignorable zones refuse it (§3.6). */
    private ObjectNode albums(Request r, FakeZone zone, Map<String, JsonNode> filters, Set<String> desired) {
        if (zone.kind() != FakeZone.Kind.PRIMARY) {
            throw new Failure(400, "BAD_REQUEST", INDEX_INVALID);
        }
        List<AlbumState> albums = zone.albumListing(filterText(filters, "parentId"));
        String marker = Json.text(r.body(), "continuationMarker");
        int from = (int) Math.min(albums.size(), marker == null ? 0 : decodeMarker(marker));
        int to = Math.min(albums.size(), from + limit(r.body()));
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("records");
        for (AlbumState album : albums.subList(from, to)) {
            list.add(records.render(zone, zone.log().get(album.recordName), desired));
        }
        if (to < albums.size()) {
            answer.put("continuationMarker", encodeMarker(to));
        }
        return answer;
    }

    // ---------------------------------------------------------------- counts, lookup, modify

    private ObjectNode batch(Request r) {
        ObjectNode answer = Json.object();
        ArrayNode out = answer.putArray("batch");
        for (JsonNode entry : r.body().path("batch")) {
            FakeZone zone = r.account().zone(r.database(), entry.path("zoneID").path("zoneName").asText(""));
            if (zone == null) {
                out.add(Json.error("ZONE_NOT_FOUND", "Zone does not exist"));
                continue;
            }
            if (!"HyperionIndexCountLookup".equals(entry.path("query").path("recordType").asText())) {
                out.add(Json.error("BAD_REQUEST", "Unknown query type"));
                continue;
            }
            ObjectNode result = out.addObject();
            ArrayNode list = result.putArray("records");
            JsonNode ids = filters(entry.path("query").path("filterBy")).get("indexCountID");
            if (ids != null) {
                for (JsonNode id : ids.isArray() ? ids : Json.array().add(ids)) {
                    FakeZone.IndexSpec spec = countIndex(id.asText());
                    list.add(countRecord(zone, id.asText(), spec == null ? 0 : zone.index(spec).size()));
                }
            }
            if (r.wantsToken()) {
                result.put("syncToken", zoneToken(r, zone, zone.log().head()));
            }
        }
        return answer;
    }

    private ObjectNode lookup(Request r) {
        FakeZone zone = zone(r, r.body());
        Set<String> desired = Json.stringSet(r.body().path("desiredKeys"));
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("records");
        for (JsonNode wanted : r.body().path("records")) {
            String name = wanted.path("recordName").asText("");
            ChangeLog.Version version = zone.log().get(name);
            list.add(version == null ? RecordFactory.notFound(name) : records.render(zone, version, desired));
        }
        if (r.wantsToken()) {
            answer.put("syncToken", zoneToken(r, zone, zone.log().head()));
        }
        return answer;
    }

    /**
     * Soft delete and flag changes on CPLAssets ({@code isDeleted}, {@code isFavorite}, {@code isHidden}), §3.12. An
     * {@code update} names the record's current change tag, or is refused with {@code CONFLICT} (U26). With
     * {@code "atomic": true} (CloudKit's default when the member is missing) one refused record fails the whole request:
     * it answers its own error, every other record {@code ATOMIC_ERROR}, and nothing changes; with {@code false} each
     * record succeeds or fails on its own, unless {@link Faults#modifyAlwaysAtomic(boolean)} says Photos ignores that
     * (U34).
     */
    private ObjectNode modify(Request r) {
        FakeZone zone = zone(r, r.body());
        Set<String> desired = Json.stringSet(r.body().path("desiredKeys"));
        boolean atomic = r.body().path("atomic").asBoolean(true) || server.faults.modifyAlwaysAtomic();
        List<String> names = new ArrayList<>();
        Map<String, ObjectNode> refused = new HashMap<>();
        for (JsonNode operation : r.body().path("operations")) {
            JsonNode record = operation.path("record");
            String name = record.path("recordName").asText("");
            names.add(name);
            ObjectNode error = refusal(zone, operation, name);
            if (error != null) {
                refused.put(name, error);
            }
        }
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("records");
        for (JsonNode operation : r.body().path("operations")) {
            String name = operation.path("record").path("recordName").asText("");
            if (refused.containsKey(name)) {
                list.add(refused.get(name));
            } else if (atomic && !refused.isEmpty()) {
                list.add(Json.error("ATOMIC_ERROR", "another record of the atomic request failed").put("recordName", name));
            } else {
                applyFlags(zone, name, (AssetState) zone.log().get(name).state(), operation.path("record").path("fields"));
                ChangeLog.Version updated = zone.log().get(name);
                ObjectNode rendered = records.render(zone, updated, desired);
                if (((AssetState) updated.state()).deleted) {
                    rendered.put("expirationTime", server.now() / 1000 + 40L * 24 * 3600);
                }
                list.add(rendered);
            }
        }
        if (r.wantsToken()) {
            answer.put("syncToken", zoneToken(r, zone, zone.log().head()));
        }
        return answer;
    }

    /** Why one operation of a records/modify is refused, as its per-record error entry; null when it is not. */
    private ObjectNode refusal(FakeZone zone, JsonNode operation, String name) {
        ChangeLog.Version current = zone.log().get(name);
        if (current == null || !(current.state() instanceof AssetState)) {
            return RecordFactory.notFound(name);
        }
        String type = operation.path("operationType").asText("");
        if (!type.equals("update") && !type.equals("forceUpdate")) {
            return Json.error("BAD_REQUEST", "Unsupported operation " + type).put("recordName", name);
        }
        String tag = Json.text(operation.path("record"), "recordChangeTag");
        if (type.equals("update") && tag != null && !tag.equals(current.changeTag())) {
            return Json.error("CONFLICT", "record was modified since the given recordChangeTag").put("recordName", name);
        }
        String injected = server.faults.takeModifyRecordFailure(name);
        return injected == null ? null : Json.error(injected, "injected by the test").put("recordName", name);
    }

    private static void applyFlags(FakeZone zone, String assetId, AssetState current, JsonNode fields) {
        if (fields.has("isDeleted")) {
            boolean delete = fields.path("isDeleted").path("value").asInt(0) == 1;
            if (delete && !current.deleted) {
                zone.trash(assetId);
            } else if (!delete && current.deleted) {
                zone.restore(assetId);
            }
        }
        if (fields.has("isFavorite")) {
            if (fields.path("isFavorite").path("value").asInt(0) == 1) {
                zone.favourite(assetId);
            } else {
                zone.unfavourite(assetId);
            }
        }
        if (fields.has("isHidden")) {
            if (fields.path("isHidden").path("value").asInt(0) == 1) {
                zone.hide(assetId);
            } else {
                zone.unhide(assetId);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static FakeZone zone(Request r, JsonNode body) {
        FakeZone zone = r.account().zone(r.database(), body.path("zoneID").path("zoneName").asText(""));
        if (zone == null) {
            throw new Failure(404, "ZONE_NOT_FOUND", "Zone does not exist");
        }
        return zone;
    }

    private static void requirePhotoZone(FakeZone zone) {
        if (!zone.holdsPhotos()) {
            throw new Failure(400, "BAD_REQUEST", INDEX_INVALID);
        }
    }

    private static FakeZone.IndexSpec listIndex(String recordType, Map<String, JsonNode> filters) {
        FakeZone.Index index = switch (recordType) {
            case "CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted" -> FakeZone.Index.ALL_BY_ASSET_DATE;
            case "CPLAssetAndMasterByAddedDate" -> FakeZone.Index.ALL_BY_ADDED_DATE;
            case "CPLAssetAndMasterHiddenByAssetDate" -> FakeZone.Index.HIDDEN;
            case "CPLAssetAndMasterDeletedByExpungedDate" -> FakeZone.Index.DELETED;
            case "CPLAssetAndMasterInSmartAlbumByAssetDate" -> FakeZone.Index.SMART_ALBUM;
            case "CPLBurstStackAssetAndMasterByAssetDate" -> FakeZone.Index.BURST;
            case "CPLContainerRelationLiveByAssetDate" -> FakeZone.Index.ALBUM;
            default -> throw new Failure(400, "BAD_REQUEST", "Unknown index " + recordType);
        };
        String argument = switch (index) {
            case SMART_ALBUM -> filterText(filters, "smartAlbum");
            case ALBUM -> filterText(filters, "parentId");
            default -> null;
        };
        return new FakeZone.IndexSpec(index, argument);
    }

    /** The index behind an {@code indexCountID} (§3.4 table), or {@code null} for ids the fake does not know. */
    private static FakeZone.IndexSpec countIndex(String countId) {
        int colon = countId.indexOf(':');
        String base = colon < 0 ? countId : countId.substring(0, colon);
        String argument = colon < 0 ? null : countId.substring(colon + 1);
        return switch (base) {
            case "CPLAssetByAssetDateWithoutHiddenOrDeleted" -> new FakeZone.IndexSpec(FakeZone.Index.ALL_BY_ASSET_DATE, null);
            case "CPLAssetByAddedDate" -> new FakeZone.IndexSpec(FakeZone.Index.ALL_BY_ADDED_DATE, null);
            case "CPLAssetHiddenByAssetDate" -> new FakeZone.IndexSpec(FakeZone.Index.HIDDEN, null);
            case "CPLAssetDeletedByExpungedDate" -> new FakeZone.IndexSpec(FakeZone.Index.DELETED, null);
            case "CPLAssetBurstStackAssetByAssetDate" -> new FakeZone.IndexSpec(FakeZone.Index.BURST, null);
            case "CPLAssetInSmartAlbumByAssetDate" -> argument == null ? null
                    : new FakeZone.IndexSpec(FakeZone.Index.SMART_ALBUM, argument.toUpperCase(Locale.ROOT));
            case "CPLContainerRelationNotDeletedByAssetDate" -> argument == null ? null
                    : new FakeZone.IndexSpec(FakeZone.Index.ALBUM, argument);
            default -> null;
        };
    }

    private static ObjectNode countRecord(FakeZone zone, String countId, int count) {
        ObjectNode record = Json.object();
        record.put("recordName", countId);
        record.put("recordType", "IndexCountResult");
        record.putObject("fields").putObject("itemCount").put("value", count).put("type", "INT64");
        record.putObject("pluginFields");
        record.put("recordChangeTag", "0");
        record.put("deleted", false);
        record.putObject("zoneID").put("zoneName", zone.name()).put("ownerRecordName", zone.ownerRecordName());
        return record;
    }

    /** {@code filterBy} as name → {@code fieldValue.value}; accepts an array of filters or a single filter object. */
    private static Map<String, JsonNode> filters(JsonNode filterBy) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode f : filterBy.isArray() ? filterBy : Json.array().add(filterBy)) {
            if (f.has("fieldName")) {
                out.put(f.path("fieldName").asText(), f.path("fieldValue").path("value"));
            }
        }
        return out;
    }

    private static String filterText(Map<String, JsonNode> filters, String name) {
        JsonNode v = filters.get(name);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    private static long filterLong(Map<String, JsonNode> filters, String name, long fallback) {
        JsonNode v = filters.get(name);
        return v == null || !v.canConvertToLong() && !v.isTextual() ? fallback : v.asLong(fallback);
    }

    private static int limit(JsonNode holder) {
        int requested = holder.path("resultsLimit").asInt(MAX_RECORDS);
        return Math.max(1, Math.min(MAX_RECORDS, requested));
    }

    /** An opaque marker holding the next rank (or album offset): protobuf-looking bytes, base64. */
    private static String encodeMarker(long position) {
        return Base64.getEncoder().withoutPadding()
                .encodeToString(ByteBuffer.allocate(10).put((byte) 0x12).put((byte) 0x08).putLong(position).array());
    }

    private static long decodeMarker(String marker) {
        try {
            byte[] raw = Base64.getDecoder().decode(marker);
            if (raw.length == 10 && raw[0] == 0x12 && raw[1] == 0x08) {
                return ByteBuffer.wrap(raw, 2, 8).getLong();
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new Failure(400, "BAD_REQUEST", "Invalid continuation marker");
    }

    private String zoneToken(Request r, FakeZone zone, long seq) {
        return server.tokens.zoneToken(r.database(), zone.identity(), seq);
    }

    private String databaseToken(Request r) {
        return server.tokens.databaseToken(r.database(), accountIdentity(r), server.changeClock());
    }

    private static String accountIdentity(Request r) {
        return r.account().ownerRecordName();
    }
}
