package com.camelicloud.photos.cloudkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.camelicloud.photos.cloudkit.CloudKitPages.ChangedZone;
import com.camelicloud.photos.cloudkit.CloudKitPages.DatabaseChanges;
import com.camelicloud.photos.cloudkit.CloudKitPages.QueryPage;
import com.camelicloud.photos.cloudkit.CloudKitPages.ZoneChangesPage;
import com.camelicloud.photos.http.ApiRequest;
import com.camelicloud.photos.http.ApiResponse;
import com.camelicloud.photos.http.HttpTransport;
import com.camelicloud.photos.http.Json;
import com.camelicloud.photos.http.RetryPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Photos CloudKit database service (docs/protocol.md §3): one method per endpoint, with the error
 * handling of §3.13 and §9.2 — throttling retried with backoff honouring {@code Retry-After}, 421 answered
 * with fresh connections, an expired session renewed down the sign-in ladder (at most three times per
 * cycle), and everything else raised as a {@link CloudKitException} naming the endpoint.
 */
public final class CloudKitClient {

    private static final Logger LOG = LoggerFactory.getLogger(CloudKitClient.class);
    /** §1.4: build numbers from the icloud.com bundle; not enforced, sent for fidelity. */
    private static final String CLIENT_BUILD_NUMBER = "2522Project44";
    private static final String CLIENT_MASTERING_NUMBER = "2522B2";
    private static final int MAX_RENEWALS = 3;
    /** §3.8: kei looks records up 100 names at a time. */
    public static final int LOOKUP_BATCH = 100;
    /** §4.1 row 13: the server caps pages at 200 records whatever we ask. */
    public static final int PAGE_LIMIT = 200;
    /** The {@code albumType} of a folder of albums (§5.5). */
    public static final long ALBUM_FOLDER = 3;
    /** §3.12: at most this many records per records/modify request. */
    public static final int MODIFY_BATCH = 100;

    private final HttpTransport http;
    private final CloudKitSession session;
    private final RetryPolicy retryPolicy;
    private final AtomicInteger renewals = new AtomicInteger();
    private final List<ThrottleListener> throttleListeners = new CopyOnWriteArrayList<>();

    public CloudKitClient(HttpTransport http, CloudKitSession session, RetryPolicy retryPolicy) {
        this.http = http;
        this.session = session;
        this.retryPolicy = retryPolicy;
    }

    /** A new sync cycle may renew the session again (the per-cycle budget of §9.2). */
    public void resetRenewalBudget() {
        renewals.set(0);
    }

    public void addThrottleListener(ThrottleListener listener) {
        throttleListeners.add(listener);
    }

    /** {@code zones/list} (§3.2): the zones of a database, without deleted ones. */
    public List<ZoneId> listZones(Database database) {
        JsonNode answer = call(database, "zones/list", false, Json.object());
        List<ZoneId> zones = new ArrayList<>();
        for (JsonNode zone : answer.path("zones")) {
            if (!zone.path("deleted").asBoolean(false)) {
                zones.add(zoneId(zone.path("zoneID"), database));
            }
        }
        return zones;
    }

    /**
     * The photo libraries of the account (§7.2): the {@code PrimarySync} and {@code SharedSync-…} zones of both
     * databases, a zone present in both read from the private one; other zones are no libraries (§7.6).
     */
    public List<ZoneId> photoLibraries() {
        Map<String, ZoneId> libraries = new LinkedHashMap<>();
        for (Database database : List.of(Database.PRIVATE, Database.SHARED)) {
            for (ZoneId zone : listZones(database)) {
                if (zone.isPhotoLibrary()) {
                    libraries.putIfAbsent(zone.zoneName(), zone);
                } else {
                    LOG.debug("Ignoring zone {} (not a photo library)", zone.zoneName());
                }
            }
        }
        return new ArrayList<>(libraries.values());
    }

    /** {@code records/query} with {@code CheckIndexingState} (§3.3): {@code FINISHED} when the library is ready. */
    public String indexingState(ZoneId zone) {
        ObjectNode body = Json.object();
        body.putObject("query").put("recordType", "CheckIndexingState");
        body.set("zoneID", zoneJson(zone));
        JsonNode answer = call(zone.database(), "records/query", true, body);
        return new CkRecord(answer.path("records").path(0)).string("state");
    }

    /** {@code HyperionIndexCountLookup} (§3.7): for progress and diagnostics only, never a completeness proof. */
    public OptionalLong count(ZoneId zone, String indexCountId) {
        ObjectNode body = Json.object();
        ObjectNode entry = body.putArray("batch").addObject();
        entry.put("resultsLimit", 1);
        ObjectNode query = entry.putObject("query");
        ObjectNode filter = query.putObject("filterBy");
        filter.put("fieldName", "indexCountID");
        ObjectNode value = filter.putObject("fieldValue");
        value.put("type", "STRING_LIST");
        value.putArray("value").add(indexCountId);
        filter.put("comparator", "IN");
        query.put("recordType", "HyperionIndexCountLookup");
        entry.put("zoneWide", true);
        entry.set("zoneID", zoneJson(zone));
        JsonNode answer = call(zone.database(), "internal/records/query/batch", true, body);
        Long count = new CkRecord(answer.path("batch").path(0).path("records").path(0)).longValue("itemCount");
        return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }

    /** One page of an asset listing (§3.4), walked by {@code startRank}. */
    public QueryPage queryPage(ZoneId zone, String recordType, long startRank, List<ObjectNode> extraFilters) {
        ObjectNode body = Json.object();
        ObjectNode query = body.putObject("query");
        ArrayNode filters = query.putArray("filterBy");
        filters.add(filter("startRank", "INT64", startRank));
        filters.add(filter("direction", "STRING", "ASCENDING"));
        extraFilters.forEach(filters::add);
        query.put("recordType", recordType);
        body.put("resultsLimit", PAGE_LIMIT);
        ArrayNode keys = body.putArray("desiredKeys");
        PhotoFields.DESIRED_KEYS.forEach(keys::add);
        body.set("zoneID", zoneJson(zone));
        JsonNode answer = call(zone.database(), "records/query", true, body);
        return new QueryPage(records(answer.path("records")), textOrNull(answer.path("continuationMarker")),
                textOrNull(answer.path("syncToken")));
    }

    /**
     * Every album and folder of a zone in index order, each folder followed by what it holds, as Photos shows them
     * ({@code CPLAlbumByPositionLive}, §3.6): those outside any folder, and the children of each folder (a
     * {@code parentId} filter), down to any depth. A record answered twice (a server that also answers nested ones
     * unfiltered) counts once; a deleted folder is not looked into. Zones without an album index (Shared Libraries
     * answer {@code BAD_REQUEST}) have none.
     */
    public List<CkRecord> albumTree(ZoneId zone) {
        Map<String, CkRecord> tree = new LinkedHashMap<>();
        addAlbums(zone, null, tree);
        return List.copyOf(tree.values());
    }

    private void addAlbums(ZoneId zone, String parentId, Map<String, CkRecord> tree) {
        for (CkRecord album : albums(zone, parentId)) {
            if (tree.putIfAbsent(album.recordName(), album) == null && !album.flag("isDeleted")
                    && Long.valueOf(ALBUM_FOLDER).equals(album.longValue("albumType"))) {
                addAlbums(zone, album.recordName(), tree);
            }
        }
    }

    /** Those outside any folder, or the children of the folder {@code parentId}, following {@code continuationMarker}. */
    private List<CkRecord> albums(ZoneId zone, String parentId) {
        List<CkRecord> albums = new ArrayList<>();
        String marker = null;
        for (int page = 0; page < 1_000; page++) {
            ObjectNode body = Json.object();
            ObjectNode query = body.putObject("query");
            query.put("recordType", "CPLAlbumByPositionLive");
            if (parentId != null) {
                query.putArray("filterBy").add(equalsFilter("parentId", parentId));
            }
            body.set("zoneID", zoneJson(zone));
            if (marker != null) {
                body.put("continuationMarker", marker);
            }
            JsonNode answer;
            try {
                answer = call(zone.database(), "records/query", true, body);
            } catch (CloudKitException e) {
                if (e.is(CloudKitException.BAD_REQUEST)) {
                    return List.of();
                }
                throw e;
            }
            records(answer.path("records")).stream().filter(r -> r.isType(CkRecord.ALBUM)).forEach(albums::add);
            marker = textOrNull(answer.path("continuationMarker"));
            if (marker == null) {
                break;
            }
        }
        return albums;
    }

    /**
     * {@code changes/database} (§3.9), following {@code moreComing}. A null or empty token asks for every zone.
     */
    public DatabaseChanges changedZones(Database database, String databaseToken) {
        List<ChangedZone> zones = new ArrayList<>();
        String token = databaseToken == null || databaseToken.isEmpty() ? null : databaseToken;
        for (int page = 0; page < 1_000; page++) {
            ObjectNode body = Json.object();
            if (token != null) {
                body.put("syncToken", token);
            }
            JsonNode answer = call(database, "changes/database", true, body);
            for (JsonNode zone : answer.path("zones")) {
                zones.add(new ChangedZone(zoneId(zone.path("zoneID"), database), textOrNull(zone.path("syncToken"))));
            }
            token = textOrNull(answer.path("syncToken"));
            if (!answer.path("moreComing").asBoolean(false)) {
                return new DatabaseChanges(token, zones);
            }
        }
        throw new CloudKitException("changes/database", 200, null, "changes/database kept answering moreComing "
                + "for 1,000 pages; giving up this cycle");
    }

    /**
     * One {@code changes/zone} page (§3.10). A null token walks the full history; an empty stored token is
     * treated as none, because {@code ""} means "caught up" to the server (§4.1 row 6).
     */
    public ZoneChangesPage zoneChanges(ZoneId zone, String zoneToken) {
        ObjectNode body = Json.object();
        ObjectNode entry = body.putArray("zones").addObject();
        entry.set("zoneID", zoneJson(zone));
        if (zoneToken != null && !zoneToken.isEmpty()) {
            entry.put("syncToken", zoneToken);
        }
        entry.put("resultsLimit", PAGE_LIMIT);
        JsonNode answer = call(zone.database(), "changes/zone", true, body);
        JsonNode result = answer.path("zones").path(0);
        String error = textOrNull(result.path("serverErrorCode"));
        if (error != null) {
            throw new CloudKitException("changes/zone", 200, error, "changes/zone for " + zone.zoneName()
                    + " answered " + error + ": " + reason(result));
        }
        if (!result.has("syncToken")) {
            throw new CloudKitException("changes/zone", 200, null, "changes/zone for " + zone.zoneName()
                    + " answered without a syncToken");
        }
        return new ZoneChangesPage(zone, records(result.path("records")), textOrNull(result.path("syncToken")),
                result.path("moreComing").asBoolean(false));
    }

    /**
     * {@code records/lookup} (§3.8) in batches of {@value #LOOKUP_BATCH}. Returns the records the server
     * answered, including tombstones and per-record errors; names it left out are simply absent.
     */
    public List<CkRecord> lookup(ZoneId zone, List<String> recordNames) {
        List<CkRecord> found = new ArrayList<>();
        for (int from = 0; from < recordNames.size(); from += LOOKUP_BATCH) {
            ObjectNode body = Json.object();
            ArrayNode records = body.putArray("records");
            recordNames.subList(from, Math.min(recordNames.size(), from + LOOKUP_BATCH))
                    .forEach(name -> records.addObject().put("recordName", name));
            body.set("zoneID", zoneJson(zone));
            ArrayNode keys = body.putArray("desiredKeys");
            PhotoFields.DESIRED_KEYS.forEach(keys::add);
            JsonNode answer = call(zone.database(), "records/lookup", true, body);
            for (CkRecord record : records(answer.path("records"))) {
                String recordZone = record.zoneName();
                if (recordZone != null && !recordZone.equals(zone.zoneName())) {
                    LOG.warn("records/lookup answered {} from zone {} while {} was asked; ignoring it",
                            record.recordName(), recordZone, zone.zoneName());
                    continue;
                }
                found.add(record);
            }
        }
        return found;
    }

    /**
     * {@code records/modify} (§3.12): moves each CPLAsset to Recently Deleted ({@code isDeleted} = 1), named with the
     * {@code recordChangeTag} it was read with, so that one changed since is refused ({@code CONFLICT}) instead of
     * overwritten. Not atomic: each record is moved or refused on its own (U34).
     *
     * @param changeTags the asset record names, at most {@value #MODIFY_BATCH}, with their change tags
     * @return the answer's entries: the updated record, or an entry with a {@code serverErrorCode}; an asset missing
     * from them was not confirmed
     */
    public List<CkRecord> moveToRecentlyDeleted(ZoneId zone, Map<String, String> changeTags) {
        if (changeTags.size() > MODIFY_BATCH) {
            throw new IllegalArgumentException("records/modify takes at most " + MODIFY_BATCH + " records, not "
                    + changeTags.size());
        }
        ObjectNode body = Json.object();
        body.put("atomic", false);
        body.putArray("desiredKeys").add("isDeleted");
        body.set("zoneID", zoneJson(zone));
        ArrayNode operations = body.putArray("operations");
        changeTags.forEach((assetId, changeTag) -> {
            ObjectNode operation = operations.addObject();
            operation.put("operationType", "update");
            ObjectNode record = operation.putObject("record");
            record.put("recordName", assetId);
            record.put("recordType", CkRecord.ASSET);
            record.put("recordChangeTag", changeTag);
            record.putObject("fields").putObject("isDeleted").put("value", 1);
        });
        return records(call(zone.database(), "records/modify", true, body).path("records"));
    }

    private JsonNode call(Database database, String endpoint, boolean withParameters, JsonNode body) {
        int attempt = 0;
        int misdirects = 0;
        while (true) {
            ApiResponse response = send(database, endpoint, withParameters, body);
            int status = response.status();
            Optional<JsonNode> json = Json.parse(response.body());
            String code = json.map(j -> textOrNull(j.path("serverErrorCode"))).orElse(null);
            String reason = json.map(CloudKitClient::reason).orElse("");

            if (status == 200 && json.isPresent() && code == null) {
                return json.get();
            }
            if (status == 421) {
                // §9.2: connection pinned to the wrong partition. Fresh pool first, then a fresh account document.
                misdirects++;
                if (misdirects == 1) {
                    http.resetConnections();
                } else if (misdirects == 2) {
                    renew(endpoint, status);
                } else {
                    throw new CloudKitException(endpoint, status, code, endpoint + " kept answering HTTP 421 "
                            + "(misdirected) after fresh connections and a new sign-in");
                }
                continue;
            }
            if ("ACCESS_DENIED".equals(code) && reason.toLowerCase(Locale.ROOT).contains("private db access disabled")) {
                throw session.accessDenied();
            }
            if (status == 401 && reason.toLowerCase(Locale.ROOT).contains("no auth method found")) {
                throw new CloudKitException(endpoint, status, code, "CloudKit refused the session: the account "
                        + "uses security keys (FIDO), which camel-icloud-photos does not support");
            }
            if (status == 401 || status == 450 || status == 423 || (status == 403 && code == null)
                    || (code != null && CloudKitException.AUTH_CODES.contains(code))) {
                renew(endpoint, status);
                continue;
            }
            boolean throttled = status == 429 || status == 503 || (code != null && CloudKitException.THROTTLING_CODES.contains(code));
            boolean transientFailure = throttled || status >= 500 || (code != null && CloudKitException.TRANSIENT_CODES.contains(code))
                    || (status == 200 && json.isEmpty());
            if (transientFailure && attempt < retryPolicy.maxRetries()) {
                Duration wait = retryPolicy.delay(attempt++, response.retryAfter());
                if (throttled) {
                    throttleListeners.forEach(l -> l.onThrottled(endpoint, status, wait));
                }
                LOG.warn("{} answered {}{}; retrying in {} ms", endpoint, status, code == null ? "" : " " + code,
                        wait.toMillis());
                sleep(wait);
                continue;
            }
            if (transientFailure) {
                throw new CloudKitException(endpoint, status, code, endpoint + " is still failing (HTTP " + status
                        + (code == null ? "" : ", " + code) + ") after " + retryPolicy.maxRetries()
                        + " retries; iCloud is throttling or unavailable, try again later");
            }
            throw new CloudKitException(endpoint, status, code, endpoint + " failed: HTTP " + status
                    + (code == null ? "" : ", " + code) + (reason.isEmpty() ? "" : " (" + reason + ")"));
        }
    }

    private void renew(String endpoint, int status) {
        if (renewals.incrementAndGet() > MAX_RENEWALS) {
            throw new CloudKitException(endpoint, status, null, "CloudKit keeps rejecting the session (HTTP "
                    + status + ") after " + MAX_RENEWALS + " renewals; if Advanced Data Protection is on, "
                    + "turn on \"Access iCloud Data on the Web\"");
        }
        LOG.info("{} answered HTTP {}; renewing the iCloud session", endpoint, status);
        session.renew();
    }

    private ApiResponse send(Database database, String endpoint, boolean withParameters, JsonNode body) {
        StringBuilder url = new StringBuilder(trimSlash(session.databaseUrl()))
                .append("/database/1/com.apple.photos.cloud/production/").append(database.path()).append('/')
                .append(endpoint);
        if (withParameters) {
            url.append("?clientBuildNumber=").append(CLIENT_BUILD_NUMBER)
                    .append("&clientMasteringNumber=").append(CLIENT_MASTERING_NUMBER)
                    .append("&clientId=").append(encode(session.clientId()));
            if (session.dsid() != null) {
                url.append("&dsid=").append(encode(session.dsid()));
            }
            url.append("&getCurrentSyncToken=true&remapEnums=true");
        }
        try {
            return http.execute(ApiRequest.post(URI.create(url.toString()), endpoint,
                    Map.of("Content-Type", "text/plain"), Json.write(body)));
        } catch (IOException e) {
            throw new CloudKitException(endpoint, -1, null, endpoint + " could not reach iCloud: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudKitException(endpoint, -1, null, endpoint + " interrupted");
        }
    }

    static ObjectNode zoneJson(ZoneId zone) {
        ObjectNode node = Json.object();
        node.put("zoneName", zone.zoneName());
        if (zone.ownerRecordName() != null) {
            node.put("ownerRecordName", zone.ownerRecordName());
        }
        return node;
    }

    private static ZoneId zoneId(JsonNode zoneId, Database database) {
        return new ZoneId(zoneId.path("zoneName").asText(), database, textOrNull(zoneId.path("ownerRecordName")));
    }

    private static ObjectNode filter(String field, String type, Object value) {
        ObjectNode node = Json.object();
        node.put("fieldName", field);
        ObjectNode fieldValue = node.putObject("fieldValue");
        fieldValue.put("type", type);
        if (value instanceof Long l) {
            fieldValue.put("value", l);
        } else {
            fieldValue.put("value", String.valueOf(value));
        }
        node.put("comparator", "EQUALS");
        return node;
    }

    /** An extra {@code filterBy} entry for album and smart-album listings (§3.4). */
    public static ObjectNode equalsFilter(String field, String value) {
        return filter(field, "STRING", value);
    }

    private static List<CkRecord> records(JsonNode array) {
        List<CkRecord> records = new ArrayList<>(array.size());
        array.forEach(node -> records.add(new CkRecord(node)));
        return records;
    }

    private static String reason(JsonNode node) {
        return node.path("reason").asText(node.path("serverErrorMessage").asText(""));
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudKitException("retry", -1, null, "interrupted while waiting to retry");
        }
    }

    /** Told about every throttled answer, for metrics and notifications. */
    @FunctionalInterface
    public interface ThrottleListener {
        void onThrottled(String endpoint, int status, Duration wait);
    }
}
