package com.camelicloud.photos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** changes/zone and changes/database token semantics (docs/protocol.md §4.1). */
class ChangesZoneTest {

    private FakeICloud fake;
    private FakeZone primary;
    private FakeClient client;

    @BeforeEach
    void start() {
        fake = FakeICloud.start();
        FakeAccount account = fake.createAccount("jdoe@example.com", "pw").srp("s2k", 1000).twoFactor(false);
        primary = account.primaryZone();
        LibraryGenerator.populate(primary, 3, 120);
        client = new FakeClient(fake);
        client.signInWithTwoFactor("jdoe@example.com", "pw");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void fullHistoryDeliversEveryRecordOnceAtItsLatestStateWithATokenPerPage() {
        List<JsonNode> pages = walk(null);
        Set<String> tokens = new HashSet<>();
        Map<String, JsonNode> latest = new HashMap<>();
        int delivered = 0;
        for (JsonNode page : pages) {
            assertThat(tokens.add(page.path("syncToken").asText())).isTrue();
            assertThat(page.path("records").size()).isLessThanOrEqualTo(200);
            for (JsonNode r : page.path("records")) {
                delivered++;
                latest.put(r.path("recordName").asText(), r);
            }
        }
        assertThat(delivered).isEqualTo(latest.size()); // superseded versions are never delivered
        assertThat(pages.get(pages.size() - 1).path("moreComing").asBoolean()).isFalse();
        for (FakeAsset asset : primary.assets()) {
            JsonNode record = latest.get(asset.id());
            assertThat(record.path("fields").path("isFavorite").path("value").asInt()).isEqualTo(asset.isFavorite() ? 1 : 0);
            assertThat(record.path("fields").has("isDeleted")).isEqualTo(asset.isDeleted());
        }
        assertThat(latest.values()).anyMatch(r -> r.path("deleted").asBoolean() && r.path("recordType").isNull())
                .anyMatch(r -> r.path("recordType").asText().equals("CPLLibraryInfo"))
                .anyMatch(r -> r.path("recordType").asText().equals("CPLContainerRelation"))
                .anyMatch(r -> r.path("recordType").asText().equals("CPLPerson"));

        // The head token is where records/query says the zone is, and calling with it is a no-op.
        String head = pages.get(pages.size() - 1).path("syncToken").asText();
        JsonNode query = client.cloudKit("records/query", CloudKitQueryTest.listing(
                "CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted", 0, 200, "")).json();
        assertThat(query.path("syncToken").asText()).isEqualTo(head);
        JsonNode caughtUp = page(tokenMember(head));
        assertThat(caughtUp.path("records")).isEmpty();
        assertThat(caughtUp.path("moreComing").asBoolean()).isFalse();
        assertThat(caughtUp.path("syncToken").asText()).isEqualTo(head);
    }

    @Test
    void tokensAreReplayableAndResumable() {
        List<JsonNode> pages = walk(null, 50);
        assertThat(pages.size()).isGreaterThan(3);
        JsonNode replay = page(tokenMember(pages.get(1).path("syncToken").asText()), 50);
        assertThat(summary(replay)).isEqualTo(summary(pages.get(2))); // same records and next token
        assertThat(summary(page(tokenMember(pages.get(0).path("syncToken").asText()), 50))).isEqualTo(summary(pages.get(1)));
    }

    /** A page without its freshly signed download URLs: next token, moreComing, record names and change tags. */
    private static List<String> summary(JsonNode page) {
        List<String> out = new ArrayList<>(List.of(page.path("syncToken").asText(), page.path("moreComing").asText()));
        page.path("records").forEach(r -> out.add(r.path("recordName").asText() + "@" + r.path("recordChangeTag").asText()));
        return out;
    }

    @Test
    void incrementalChangesCarryTheUserActionsRecords() {
        String token = head();
        String live = primary.addLivePhoto("IMG_0212.HEIC");
        String trashed = primary.liveAssets().get(5).id();
        primary.trash(trashed);
        JsonNode delta = page(tokenMember(token));
        List<String> types = new ArrayList<>();
        delta.path("records").forEach(r -> types.add(r.path("recordType").asText() + ":" + r.path("recordName").asText()));
        FakeAsset trashedAsset = primary.asset(trashed);
        assertThat(types).containsExactly(
                "CPLMaster:" + primary.asset(live).masterId(), "CPLAsset:" + live,
                "CPLMaster:" + trashedAsset.masterId(), "CPLAsset:" + trashed,
                "CPLLibraryInfo:PrimarySync-0000-LI"); // each record once, at its latest position
        JsonNode asset = delta.path("records").get(3).path("fields");
        assertThat(asset.path("isDeleted").path("value").asInt()).isEqualTo(1);
        assertThat(asset.path("dateExpunged").has("value")).isTrue();
        assertThat(asset.path("dateExpunged").path("value").isNull()).isTrue();
        assertThat(delta.path("records").get(0).path("fields").has("resOriginalVidComplRes")).isTrue();
    }

    @Test
    void compactedHistoryYieldsLongRunsOfEmptyPages() {
        String token = head();
        primary.compactedGap(690);
        primary.favourite(primary.liveAssets().get(0).id());
        fake.faults().scanBudget(10);
        List<JsonNode> pages = walk(tokenMember(token));
        long empty = pages.stream().filter(p -> p.path("records").isEmpty() && p.path("moreComing").asBoolean()).count();
        assertThat(empty).isEqualTo(69);
        assertThat(pages.get(pages.size() - 1).path("records")).hasSize(2); // the asset and CPLLibraryInfo
    }

    @Test
    void badTokensAnswerBadRequestPerZone() {
        String good = walk(null).get(0).path("syncToken").asText();
        assertThat(zoneError(tokenMember("AQAAAAAAAwmVf//////////Kd+LphRdKGbpJMSeRX5Td")))
                .isEqualTo("BAD_REQUEST:Unknown sync continuation type");
        assertThat(zoneError(tokenMember(good.substring(0, 30)))).isEqualTo("BAD_REQUEST:Invalid continuation format");
        assertThat(zoneError(tokenMember("%%%not base64%%%"))).isEqualTo("BAD_REQUEST:Invalid continuation format");
        String dbToken = client.cloudKit("changes/database", "{}").json().path("syncToken").asText();
        assertThat(dbToken).isNotEqualTo(good).startsWith("AQ");
        assertThat(zoneError(tokenMember(dbToken))).startsWith("BAD_REQUEST");

        JsonNode empty = page(tokenMember(""));
        assertThat(empty.path("records")).isEmpty();
        assertThat(empty.path("moreComing").asBoolean()).isFalse();
        fake.faults().strictEmptyToken(true);
        assertThat(zoneError(tokenMember(""))).startsWith("BAD_REQUEST");

        assertThat(page(tokenMember(good)).has("serverErrorCode")).isFalse();
        fake.faults().invalidateZoneTokens();
        assertThat(zoneError(tokenMember(good))).isEqualTo("BAD_REQUEST:Unknown sync continuation type");

        JsonNode unknown = client.cloudKit("changes/zone", "{\"zones\":[{\"zoneID\":{\"zoneName\":\"SharedSync\"}}]}").json();
        assertThat(unknown.path("zones").get(0).path("serverErrorCode").asText()).isEqualTo("ZONE_NOT_FOUND");
    }

    @Test
    void severalZonesInOneCallAndDesiredKeys() {
        String body = "{\"zones\":[{\"zoneID\":{\"zoneName\":\"PrimarySync\",\"ownerRecordName\":\"_defaultOwner\"},"
                + "\"resultsLimit\":10,\"desiredKeys\":[\"isFavorite\"]},{\"zoneID\":{\"zoneName\":\"Nope\"}}]}";
        JsonNode zones = client.cloudKit("changes/zone", body).json().path("zones");
        assertThat(zones).hasSize(2);
        assertThat(zones.get(0).path("records")).hasSize(10);
        zones.get(0).path("records").forEach(r -> assertThat(r.path("fields").fieldNames()).toIterable()
                .isSubsetOf("isFavorite"));
        assertThat(zones.get(1).path("serverErrorCode").asText()).isEqualTo("ZONE_NOT_FOUND");
    }

    @Test
    void changesDatabaseReportsOnlyChangedZonesAndNeverRepeatsATokens() {
        JsonNode all = client.cloudKit("changes/database", "{}").json();
        assertThat(all.path("zones").size()).isEqualTo(3); // PrimarySync, AppLibrarySync-…, CMM-…
        String token = all.path("syncToken").asText();
        JsonNode quiet = client.cloudKit("changes/database", "{\"syncToken\":\"" + token + "\"}").json();
        assertThat(quiet.path("zones")).isEmpty();
        assertThat(quiet.path("moreComing").asBoolean()).isFalse();
        assertThat(quiet.path("syncToken").asText()).isNotEqualTo(token);

        primary.hide(primary.liveAssets().get(0).id());
        JsonNode changed = client.cloudKit("changes/database", "{\"syncToken\":\"" + token + "\"}").json();
        assertThat(changed.path("zones")).hasSize(1);
        assertThat(changed.path("zones").get(0).path("zoneID").path("zoneName").asText()).isEqualTo("PrimarySync");
        assertThat(changed.path("zones").get(0).path("syncToken").asText())
                .isEqualTo(head());
    }

    /** The zone's current token, as the last page of a full walk. */
    private String head() {
        List<JsonNode> pages = walk(null);
        return pages.get(pages.size() - 1).path("syncToken").asText();
    }

    private List<JsonNode> walk(String tokenMember) {
        return walk(tokenMember, 200);
    }

    /** Follows changes/zone from a token (or full history) until moreComing is false. */
    private List<JsonNode> walk(String tokenMember, int limit) {
        List<JsonNode> pages = new ArrayList<>();
        String member = tokenMember;
        for (int guard = 0; guard < 10_000; guard++) {
            JsonNode page = page(member, limit);
            assertThat(page.has("serverErrorCode")).as(page.toString()).isFalse();
            pages.add(page);
            if (!page.path("moreComing").asBoolean()) {
                return pages;
            }
            member = tokenMember(page.path("syncToken").asText());
        }
        throw new AssertionError("no end of changes");
    }

    private JsonNode page(String tokenMember) {
        return page(tokenMember, 200);
    }

    private JsonNode page(String tokenMember, int limit) {
        String body = "{\"zones\":[{\"zoneID\":{\"zoneName\":\"PrimarySync\"}," + (tokenMember == null ? "" : tokenMember + ",")
                + "\"resultsLimit\":" + limit + "}]}";
        return client.cloudKit("changes/zone", body).json().path("zones").get(0);
    }

    private String zoneError(String tokenMember) {
        JsonNode zone = page(tokenMember);
        return zone.path("serverErrorCode").asText() + ":" + zone.path("reason").asText();
    }

    private static String tokenMember(String token) {
        return "\"syncToken\":" + Json.MAPPER.valueToTree(token).toString();
    }
}
