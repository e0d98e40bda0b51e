package com.camelicloud.photos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** records/query, counts, lookups, zones and request-level faults (docs/protocol.md §3, §7, §9). */
class CloudKitQueryTest {

    private static final String USER = "jdoe@example.com";
    private static final String PASSWORD = "pw";

    private static FakeICloud fake;
    private static FakeAccount account;
    private static FakeZone primary;
    private static FakeZone shared;
    private static FakeClient client;

    @BeforeAll
    static void start() {
        fake = FakeICloud.start();
        account = fake.createAccount(USER, PASSWORD).srp("s2k", 1000);
        primary = account.primaryZone();
        LibraryGenerator.populate(primary, 7, 250);
        shared = account.createSharedZone();
        LibraryGenerator.populate(shared, 8, 30);
        client = new FakeClient(fake);
        client.signInWithTwoFactor(USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @AfterEach
    void resetFaults() {
        fake.faults().reset();
    }

    @Test
    void rankWalkFindsExactlyTheAllPhotosIndex() {
        List<String> expected = primary.liveAssets().stream().map(FakeAsset::id).toList();
        List<String> walked = new ArrayList<>();
        String firstToken = null;
        for (int start = 0; ; start += 100) {
            JsonNode page = client.cloudKit("records/query", listing("CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted",
                    start, 200, "")).json();
            firstToken = firstToken == null ? page.path("syncToken").asText() : firstToken;
            List<JsonNode> records = new ArrayList<>();
            page.path("records").forEach(records::add);
            if (records.isEmpty()) {
                assertThat(page.has("continuationMarker")).isFalse();
                break;
            }
            int firstAsset = indexOfType(records, "CPLAsset");
            assertThat(records.subList(0, firstAsset)).allMatch(r -> r.path("recordType").asText().equals("CPLMaster"));
            assertThat(records.subList(firstAsset, records.size())).allMatch(r -> r.path("recordType").asText().equals("CPLAsset"));
            assertThat(records.size()).isLessThanOrEqualTo(200);
            assertThat(page.has("continuationMarker")).isEqualTo(start + 100 < expected.size());
            records.subList(firstAsset, records.size()).forEach(r -> walked.add(r.path("recordName").asText()));
        }
        assertThat(walked).isEqualTo(expected); // rank 0 = newest
        assertThat(firstToken).hasSize(44).startsWith("AQ");
        assertThat(count("CPLAssetByAssetDateWithoutHiddenOrDeleted")).isEqualTo(expected.size());
    }

    @Test
    void pagesAreCappedAt200RecordsAndFollowContinuationMarkers() {
        JsonNode first = client.cloudKit("records/query",
                listing("CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted", 0, 5000, "")).json();
        assertThat(first.path("records")).hasSizeLessThanOrEqualTo(200);
        assertThat(assetsOf(first)).hasSize(100);
        String body = "{\"query\":{\"recordType\":\"CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted\"},"
                + "\"resultsLimit\":200,\"continuationMarker\":\"" + first.path("continuationMarker").asText()
                + "\",\"zoneID\":{\"zoneName\":\"PrimarySync\"}}";
        JsonNode second = client.cloudKit("records/query", body).json();
        JsonNode byRank = client.cloudKit("records/query",
                listing("CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted", 100, 200, "")).json();
        assertThat(assetsOf(second)).isEqualTo(assetsOf(byRank));
    }

    @Test
    void recordsCarryTheRecordedEnvelopeAndFieldShapes() {
        JsonNode page = client.cloudKit("records/query",
                listing("CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted", 0, 200, "")).json();
        for (JsonNode record : page.path("records")) {
            assertThat(record.fieldNames()).toIterable().contains("recordName", "recordType", "fields", "pluginFields",
                    "recordChangeTag", "created", "modified", "deleted", "zoneID");
            assertThat(record.path("zoneID").path("ownerRecordName").asText()).isEqualTo(account.ownerRecordName());
            assertThat(record.path("created").path("timestamp").isNumber()).isTrue();
        }
        JsonNode master = page.path("records").get(0);
        assertThat(master.path("recordName").asText())
                .isEqualTo(master.path("fields").path("resOriginalRes").path("value").path("fileChecksum").asText())
                .isEqualTo(master.path("fields").path("resOriginalFingerprint").path("value").asText())
                .hasSize(28);
        assertThat(master.path("fields").path("resOriginalRes").path("type").asText()).isEqualTo("ASSETID");
        assertThat(master.path("fields").path("resOriginalRes").path("value").path("downloadURL").asText())
                .startsWith(fake.cdnEndpoint() + "/B/").contains("/${f}?").contains("&e=").contains("&s=");
        JsonNode asset = page.path("records").get(assetsOf(page).size());
        assertThat(asset.path("fields").path("masterRef").path("value").path("action").asText()).isEqualTo("DELETE_SELF");
        assertThat(asset.path("fields").path("masterRef").path("value").path("zoneID").path("zoneName").asText())
                .isEqualTo("PrimarySync");
        assertThat(asset.path("fields").has("filenameEnc")).isFalse();
        assertThat(asset.path("fields").path("isFavorite").path("type").asText()).isEqualTo("INT64");
    }

    @Test
    void otherIndexesSelectByFlagsAndAlbums() {
        long hidden = primary.assets().stream().filter(a -> a.isHidden() && !a.isDeleted()).count();
        long deleted = primary.assets().stream().filter(FakeAsset::isDeleted).count();
        long favourites = primary.liveAssets().stream().filter(FakeAsset::isFavorite).count();
        long videos = primary.liveAssets().stream().filter(FakeAsset::isVideo).count();
        long live = primary.liveAssets().stream().filter(FakeAsset::isLivePhoto).count();
        assertThat(hidden).isPositive();
        assertThat(deleted).isPositive();
        assertThat(assetsOf(query("CPLAssetAndMasterHiddenByAssetDate", ""))).hasSize((int) hidden);
        assertThat(assetsOf(query("CPLAssetAndMasterDeletedByExpungedDate", ""))).hasSize((int) deleted);
        assertThat(assetsOf(query("CPLAssetAndMasterInSmartAlbumByAssetDate", smartAlbum("FAVORITE")))).hasSize((int) favourites);
        assertThat(assetsOf(query("CPLAssetAndMasterInSmartAlbumByAssetDate", smartAlbum("VIDEO")))).hasSize((int) videos);
        assertThat(assetsOf(query("CPLAssetAndMasterInSmartAlbumByAssetDate", smartAlbum("LIVE")))).hasSize((int) live);
        assertThat(count("CPLAssetInSmartAlbumByAssetDate:Favorite")).isEqualTo(favourites);
        assertThat(count("CPLAssetHiddenByAssetDate")).isEqualTo(hidden);

        FakeAlbum holidays = primary.albums().stream().filter(a -> a.name().equals("Holidays")).findFirst().orElseThrow();
        String parent = ",{\"fieldName\":\"parentId\",\"comparator\":\"EQUALS\",\"fieldValue\":{\"type\":\"STRING\",\"value\":\""
                + holidays.id() + "\"}}";
        List<String> members = assetsOf(query("CPLContainerRelationLiveByAssetDate", parent));
        assertThat(members).isNotEmpty().hasSameElementsAs(holidays.assetIds().stream()
                .filter(id -> primary.liveAssets().stream().anyMatch(a -> a.id().equals(id))).toList());
        assertThat(count("CPLContainerRelationNotDeletedByAssetDate:" + holidays.id())).isEqualTo(members.size());
    }

    @Test
    void albumListPagesByMarkerAndFailsOnSharedSync() {
        Set<String> names = albumListing(null);
        FakeAlbum trips = primary.albums().stream().filter(a -> a.name().equals("Trips")).findFirst().orElseThrow();
        List<String> inTrips = primary.albums().stream().filter(a -> trips.id().equals(a.parentId()))
                .map(FakeAlbum::id).toList();
        // Without a parentId filter: everything outside user folders; a folder's children need the filter (§3.6).
        assertThat(inTrips).isNotEmpty();
        assertThat(names).contains("----Root-Folder----", "----Project-Root-Folder----")
                .containsAll(primary.albums().stream().map(FakeAlbum::id).filter(id -> !inTrips.contains(id)).toList())
                .doesNotContainAnyElementsOf(inTrips);
        assertThat(albumListing(trips.id())).containsExactlyElementsOf(inTrips);

        FakeClient.Answer onShared = client.cloudKit("records/query", "{\"query\":{\"recordType\":\"CPLAlbumByPositionLive\"},"
                + "\"zoneID\":{\"zoneName\":\"" + shared.name() + "\"}}");
        assertThat(onShared.status()).isEqualTo(400);
        assertThat(onShared.json().path("reason").asText()).isEqualTo("Index has invalid data");
    }

    @Test
    void indexingStateZonesAndZoneErrors() {
        String check = "{\"query\":{\"recordType\":\"CheckIndexingState\"},\"zoneID\":{\"zoneName\":\"PrimarySync\"}}";
        assertThat(client.cloudKit("records/query", check).json().path("records").get(0).path("fields").path("state")
                .path("value").asText()).isEqualTo("FINISHED");
        fake.faults().indexingNotFinished(true);
        assertThat(client.cloudKit("records/query", check).json().path("records").get(0).path("fields").path("state")
                .path("value").asText()).isEqualTo("NOT_FINISHED");

        List<String> zones = new ArrayList<>();
        client.cloudKit("zones/list", "{}").json().path("zones").forEach(z -> zones.add(z.path("zoneID").path("zoneName").asText()));
        assertThat(zones).contains("PrimarySync", shared.name()).anyMatch(z -> z.startsWith("AppLibrarySync-"))
                .anyMatch(z -> z.startsWith("CMM-"));
        assertThat(client.cloudKit("shared", "zones/list", "{}").json().path("zones")).isEmpty();

        FakeClient.Answer missing = client.cloudKit("records/query",
                "{\"query\":{\"recordType\":\"CheckIndexingState\"},\"zoneID\":{\"zoneName\":\"SharedSync\"}}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("serverErrorCode").asText()).isEqualTo("ZONE_NOT_FOUND");
    }

    @Test
    void participantSeesTheSharedLibraryInTheSharedDatabase() {
        FakeAccount member = fake.createAccount("member@example.com", PASSWORD).srp("s2k", 1000).twoFactor(false);
        member.joinSharedZone(shared);
        FakeClient other = new FakeClient(fake);
        other.signInWithTwoFactor("member@example.com", PASSWORD);
        JsonNode zones = other.cloudKit("shared", "zones/list", "{}").json().path("zones");
        assertThat(zones).hasSize(1);
        assertThat(zones.get(0).path("zoneID").path("ownerRecordName").asText()).isEqualTo(account.ownerRecordName());
        String body = listing("CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted", 0, 200, "")
                .replace("PrimarySync", shared.name());
        assertThat(assetsOf(other.cloudKit("shared", "records/query", body).json())).hasSize(shared.liveAssets().size());
        JsonNode asset = other.cloudKit("shared", "records/lookup", "{\"records\":[{\"recordName\":\""
                + shared.liveAssets().get(0).id() + "\"}],\"zoneID\":{\"zoneName\":\"" + shared.name() + "\"}}")
                .json().path("records").get(0);
        assertThat(asset.path("fields").path("contributors").path("type").asText()).isEqualTo("REFERENCE_LIST");
    }

    @Test
    void lookupAnswersRecordsTombstonesAndNotFound() {
        FakeAsset asset = primary.liveAssets().get(3);
        String purged = primary.addPhoto("IMG_PURGE.JPG");
        primary.purge(purged);
        String body = "{\"records\":[{\"recordName\":\"" + asset.id() + "\"},{\"recordName\":\"" + asset.masterId()
                + "\"},{\"recordName\":\"" + purged + "\"},{\"recordName\":\"NOPE\"}],\"zoneID\":{\"zoneName\":\"PrimarySync\"},"
                + "\"desiredKeys\":[\"isFavorite\",\"resOriginalRes\"]}";
        JsonNode records = client.cloudKit("records/lookup", body).json().path("records");
        assertThat(records.get(0).path("fields").fieldNames()).toIterable().containsExactly("isFavorite");
        assertThat(records.get(1).path("fields").fieldNames()).toIterable().containsExactly("resOriginalRes");
        assertThat(records.get(2).path("deleted").asBoolean()).isTrue();
        assertThat(records.get(2).path("recordType").isNull()).isTrue();
        assertThat(records.get(3).path("serverErrorCode").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void softDeleteThroughRecordsModify() {
        String id = primary.addPhoto("IMG_MODIFY.JPG");
        String tag = client.cloudKit("records/lookup", "{\"records\":[{\"recordName\":\"" + id + "\"}],"
                + "\"zoneID\":{\"zoneName\":\"PrimarySync\"}}").json().path("records").get(0).path("recordChangeTag").asText();
        String modify = "{\"atomic\":true,\"desiredKeys\":[\"isDeleted\"],\"zoneID\":{\"zoneName\":\"PrimarySync\"},"
                + "\"operations\":[{\"operationType\":\"update\",\"record\":{\"recordName\":\"" + id + "\","
                + "\"recordType\":\"CPLAsset\",\"recordChangeTag\":\"%s\",\"fields\":{\"isDeleted\":{\"value\":1}}}}]}";
        JsonNode answer = client.cloudKit("records/modify", modify.formatted(tag)).json();
        assertThat(answer.path("records").get(0).path("fields").path("isDeleted").path("value").asInt()).isEqualTo(1);
        assertThat(answer.path("records").get(0).path("expirationTime").asLong()).isPositive();
        assertThat(primary.asset(id).isDeleted()).isTrue();
        assertThat(client.cloudKit("records/modify", modify.formatted(tag)).json().path("records").get(0)
                .path("serverErrorCode").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void anAtomicModifyFailsAsAWholeAndANonAtomicOneRecordByRecord() {
        String fresh = primary.addPhoto("IMG_ATOMIC_1.JPG");
        String stale = primary.addPhoto("IMG_ATOMIC_2.JPG");
        String freshTag = tagOf(fresh);
        String staleTag = tagOf(stale);
        primary.favourite(stale);

        JsonNode atomic = client.cloudKit("records/modify", trash(true, fresh, freshTag, stale, staleTag)).json();

        assertThat(codes(atomic)).containsExactly("ATOMIC_ERROR", "CONFLICT");
        assertThat(primary.asset(fresh).isDeleted()).isFalse();

        JsonNode separate = client.cloudKit("records/modify", trash(false, fresh, freshTag, stale, staleTag)).json();

        assertThat(codes(separate)).containsExactly("", "CONFLICT");
        assertThat(primary.asset(fresh).isDeleted()).isTrue();
        assertThat(primary.asset(stale).isDeleted()).isFalse();
    }

    @Test
    void injectedModifyFaultsFailOneRecordOrMakeEveryRequestAtomic() {
        String first = primary.addPhoto("IMG_FAULT_1.JPG");
        String second = primary.addPhoto("IMG_FAULT_2.JPG");
        fake.faults().failRecordOnNextModify(second, "INTERNAL_ERROR").modifyAlwaysAtomic(true);

        JsonNode atomic = client.cloudKit("records/modify", trash(false, first, tagOf(first), second, tagOf(second))).json();

        assertThat(codes(atomic)).containsExactly("ATOMIC_ERROR", "INTERNAL_ERROR");
        fake.faults().modifyAlwaysAtomic(false).beforeNextModify(() -> primary.hide(first));

        JsonNode raced = client.cloudKit("records/modify", trash(false, first, tagOf(first), second, tagOf(second))).json();

        assertThat(codes(raced)).containsExactly("CONFLICT", "");
        assertThat(primary.asset(second).isDeleted()).isTrue();
    }

    @Test
    void aSoftDeleteReachesTheChangeFeedAsMasterAndAssetMarkedDeleted() {
        String id = primary.addPhoto("IMG_FEED.JPG");
        String before = client.cloudKit("changes/zone", "{\"zones\":[{\"zoneID\":{\"zoneName\":\"PrimarySync\"}}]}")
                .json().path("zones").get(0).path("syncToken").asText();
        while (true) {
            JsonNode page = client.cloudKit("changes/zone", changesFrom(before)).json().path("zones").get(0);
            before = page.path("syncToken").asText();
            if (!page.path("moreComing").asBoolean()) {
                break;
            }
        }
        String master = primary.asset(id).masterId();

        client.cloudKit("records/modify", trash(true, id, tagOf(id), null, null));

        JsonNode changes = client.cloudKit("changes/zone", changesFrom(before)).json().path("zones").get(0);
        List<String> deleted = new ArrayList<>();
        changes.path("records").forEach(record -> {
            if (record.path("fields").path("isDeleted").path("value").asInt() == 1 && !record.path("deleted").asBoolean()) {
                deleted.add(record.path("recordType").asText() + " " + record.path("recordName").asText());
            }
        });
        assertThat(deleted).containsExactlyInAnyOrder("CPLMaster " + master, "CPLAsset " + id);
    }

    private static String tagOf(String recordName) {
        return client.cloudKit("records/lookup", "{\"records\":[{\"recordName\":\"" + recordName + "\"}],"
                + "\"zoneID\":{\"zoneName\":\"PrimarySync\"}}").json().path("records").get(0)
                .path("recordChangeTag").asText();
    }

    /** A records/modify body that moves one or two CPLAssets to Recently Deleted (§3.12). */
    private static String trash(boolean atomic, String first, String firstTag, String second, String secondTag) {
        String operation = "{\"operationType\":\"update\",\"record\":{\"recordName\":\"%s\",\"recordType\":\"CPLAsset\","
                + "\"recordChangeTag\":\"%s\",\"fields\":{\"isDeleted\":{\"value\":1}}}}";
        return "{\"atomic\":" + atomic + ",\"desiredKeys\":[\"isDeleted\"],\"zoneID\":{\"zoneName\":\"PrimarySync\"},"
                + "\"operations\":[" + operation.formatted(first, firstTag)
                + (second == null ? "" : "," + operation.formatted(second, secondTag)) + "]}";
    }

    /** Each answered record's serverErrorCode, "" for a record that was changed. */
    private static List<String> codes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.path("records").forEach(record -> codes.add(record.path("serverErrorCode").asText("")));
        return codes;
    }

    private static String changesFrom(String token) {
        return "{\"zones\":[{\"zoneID\":{\"zoneName\":\"PrimarySync\"},\"syncToken\":\"" + token + "\"}]}";
    }

    @Test
    void injectedFailuresAndMisdirection() {
        fake.faults().failNext(Endpoint.RECORDS_QUERY, 503, 7, 2);
        FakeClient.Answer throttled = client.cloudKit("records/query", listing("CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted", 0, 200, ""));
        assertThat(throttled.status()).isEqualTo(503);
        assertThat(throttled.header("Retry-After")).isEqualTo("7");
        assertThat(throttled.json().path("serverErrorCode").asText()).isEqualTo("TRY_AGAIN_LATER");
        assertThat(client.cloudKit("records/query", listing("CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted", 0, 200, ""))
                .status()).isEqualTo(503);
        assertThat(client.cloudKit("records/query", listing("CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted", 0, 200, ""))
                .status()).isEqualTo(200);

        fake.faults().misdirect421Next(1);
        assertThat(client.cloudKit("zones/list", "{}").status()).isEqualTo(421);
        assertThat(client.cloudKit("zones/list", "{}").status()).isEqualTo(200);
        assertThat(fake.requestLog()).anyMatch(r -> r.status() == 421 && r.endpoint() == Endpoint.ZONES_LIST);
        assertThat(fake.cloudKitCalls()).isGreaterThanOrEqualTo(fake.calls(Endpoint.RECORDS_QUERY) + 2);
    }

    private static JsonNode query(String recordType, String extraFilters) {
        return client.cloudKit("records/query", listing(recordType, 0, 200, extraFilters)).json();
    }

    private static long count(String countId) {
        String body = "{\"batch\":[{\"resultsLimit\":1,\"query\":{\"filterBy\":{\"fieldName\":\"indexCountID\","
                + "\"fieldValue\":{\"type\":\"STRING_LIST\",\"value\":[\"" + countId + "\"]},\"comparator\":\"IN\"},"
                + "\"recordType\":\"HyperionIndexCountLookup\"},\"zoneWide\":true,\"zoneID\":{\"zoneName\":\"PrimarySync\"}}]}";
        return client.cloudKit("internal/records/query/batch", body).json().path("batch").get(0).path("records").get(0)
                .path("fields").path("itemCount").path("value").asLong();
    }

    static String listing(String recordType, int startRank, int limit, String extraFilters) {
        return "{\"query\":{\"filterBy\":[{\"fieldName\":\"startRank\",\"fieldValue\":{\"type\":\"INT64\",\"value\":" + startRank
                + "},\"comparator\":\"EQUALS\"},{\"fieldName\":\"direction\",\"fieldValue\":{\"type\":\"STRING\",\"value\":"
                + "\"ASCENDING\"},\"comparator\":\"EQUALS\"}" + extraFilters + "],\"recordType\":\"" + recordType + "\"},"
                + "\"resultsLimit\":" + limit + ",\"zoneID\":{\"zoneName\":\"PrimarySync\"}}";
    }

    /** Every record name of the album listing, followed page by page; optionally of one folder's children. */
    private Set<String> albumListing(String parentId) {
        Set<String> names = new LinkedHashSet<>();
        String marker = null;
        do {
            String body = "{\"query\":{\"recordType\":\"CPLAlbumByPositionLive\""
                    + (parentId == null ? "" : ",\"filterBy\":[{\"fieldName\":\"parentId\",\"comparator\":\"EQUALS\","
                    + "\"fieldValue\":{\"type\":\"STRING\",\"value\":\"" + parentId + "\"}}]")
                    + "},\"resultsLimit\":2," + (marker == null ? "" : "\"continuationMarker\":\"" + marker + "\",")
                    + "\"zoneID\":{\"zoneName\":\"PrimarySync\"}}";
            JsonNode page = client.cloudKit("records/query", body).json();
            page.path("records").forEach(r -> names.add(r.path("recordName").asText()));
            marker = page.has("continuationMarker") ? page.path("continuationMarker").asText() : null;
        } while (marker != null);
        return names;
    }

    private static String smartAlbum(String name) {
        return ",{\"fieldName\":\"smartAlbum\",\"comparator\":\"EQUALS\",\"fieldValue\":{\"type\":\"STRING\",\"value\":\""
                + name + "\"}}";
    }

    private static List<String> assetsOf(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("records").forEach(r -> {
            if (r.path("recordType").asText().equals("CPLAsset")) {
                ids.add(r.path("recordName").asText());
            }
        });
        return ids;
    }

    private static int indexOfType(List<JsonNode> records, String type) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).path("recordType").asText().equals(type)) {
                return i;
            }
        }
        return records.size();
    }
}
