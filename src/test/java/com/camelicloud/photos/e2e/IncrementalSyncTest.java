package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.http.Json;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/** After the first sync: what each change in iCloud costs and what it does to the local copy (docs/protocol.md §4, §6). */
class IncrementalSyncTest extends EndToEndTest {

    /** An account synced once, ready for changes. */
    private record Synced(FakeAccount account, FakeZone zone, CliRunner cli) {
    }

    private Synced synced(String appleId, int assets, String... flags) {
        FakeAccount account = account(appleId, assets);
        CliRunner cli = signedIn(appleId);
        Result first = cli.sync(photos(), "", flags);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        fake.resetCounters();
        return new Synced(account, account.primaryZone(), cli);
    }

    private Result sync(Synced synced, String... flags) {
        Result result = synced.cli().sync(photos(), "", flags);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private StateDb state(String appleId) {
        return StateDb.of(home.resolve("state"), appleId);
    }

    private String pathOf(String appleId, FakeAsset asset) {
        return (String) state(appleId).rows("SELECT path FROM media_file WHERE file_key = ?", asset.masterId() + "/original")
                .get(0).get("path");
    }

    private List<String> audit(String appleId) throws IOException {
        Path log = home.resolve("state").resolve(appleId + ".audit.jsonl");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void nothingChangedCostsOneRequest() {
        Synced synced = synced("nochange@example.com", 20);

        sync(synced);

        assertThat(fake.cloudKitCalls()).isEqualTo(1);
        assertThat(fake.calls(Endpoint.CHANGES_DATABASE)).isEqualTo(1);
        assertThat(fake.calls(Endpoint.SIGNIN_INIT)).isZero();
    }

    @Test
    void oneNewPhotoCostsTwoRequestsAndItsDownload() {
        Synced synced = synced("onephoto@example.com", 20);
        synced.zone().addPhoto("NEW_0001.HEIC");

        sync(synced);

        assertThat(fake.cloudKitCalls()).isEqualTo(2);
        assertThat(fake.calls(Endpoint.CHANGES_ZONE)).isEqualTo(1);
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
        assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(LocalFiles.expectedOriginals(synced.zone()));
        sync(synced);
        assertThat(fake.cloudKitCalls()).isEqualTo(3);
    }

    @Test
    void fiveDeletionsAndTwoAdditionsArriveOnOnePageAndAreRoutedToTheirBranches() throws IOException {
        Synced synced = synced("mixed@example.com", 30, "--on-delete", "quarantine");
        List<FakeAsset> victims = synced.zone().liveAssets().stream().filter(a -> !a.isLivePhoto()).limit(5).toList();
        List<String> victimPaths = victims.stream().map(a -> pathOf("mixed@example.com", a)).toList();
        victims.forEach(a -> synced.zone().trash(a.id()));
        synced.zone().addPhoto("ADD_0001.JPG");
        synced.zone().addPhoto("ADD_0002.JPG");

        sync(synced, "--on-delete", "quarantine");

        assertThat(fake.calls(Endpoint.CHANGES_ZONE)).isEqualTo(1);
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(2);
        for (String path : victimPaths) {
            assertThat(photos().resolve(path)).doesNotExist();
            assertThat(photos().resolve(".deleted").resolve(path)).exists();
        }
        assertThat(audit("mixed@example.com")).hasSize(5).allMatch(line -> line.contains("\"reason\":\"trashed\""));
        assertThat(LocalFiles.published(photos()).keySet()).anyMatch(p -> p.endsWith("ADD_0001.JPG"))
                .anyMatch(p -> p.endsWith("ADD_0002.JPG"));
        for (FakeAsset victim : victims) {
            assertThat(state("mixed@example.com").asset("PrimarySync", victim.id())).containsEntry("status", "trashed");
        }
    }

    @Test
    void restoringUndoesTheQuarantine() throws IOException {
        Synced synced = synced("restore@example.com", 10, "--on-delete", "quarantine");
        FakeAsset victim = synced.zone().liveAssets().get(0);
        String path = pathOf("restore@example.com", victim);
        Map<String, String> before = LocalFiles.published(photos());
        synced.zone().trash(victim.id());
        sync(synced, "--on-delete", "quarantine");
        assertThat(photos().resolve(path)).doesNotExist();

        synced.zone().restore(victim.id());
        sync(synced, "--on-delete", "quarantine");

        assertThat(LocalFiles.published(photos())).isEqualTo(before);
        assertThat(audit("restore@example.com")).hasSize(2);
        assertThat(state("restore@example.com").asset("PrimarySync", victim.id())).containsEntry("status", "active");
    }

    @Test
    void theDeletePolicyDeletesAndARestoreDownloadsAgain() {
        Synced synced = synced("delete@example.com", 10, "--on-delete", "delete");
        FakeAsset victim = synced.zone().liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst().orElseThrow();
        String path = pathOf("delete@example.com", victim);
        synced.zone().trash(victim.id());
        sync(synced, "--on-delete", "delete");
        assertThat(photos().resolve(path)).doesNotExist();
        assertThat(photos().resolve(".deleted")).doesNotExist();
        fake.resetCounters();

        synced.zone().restore(victim.id());
        sync(synced, "--on-delete", "delete");

        assertThat(photos().resolve(path)).exists();
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
    }

    @Test
    void theDefaultKeepsTrashedPhotos() {
        Synced synced = synced("keep@example.com", 10);
        Map<String, String> before = LocalFiles.published(photos());
        synced.zone().liveAssets().stream().limit(3).forEach(a -> synced.zone().trash(a.id()));

        sync(synced);

        assertThat(LocalFiles.published(photos())).isEqualTo(before);
    }

    @Test
    void hidingQuarantinesAndUnhidingBringsBack() {
        Synced synced = synced("hide@example.com", 10, "--on-hidden", "quarantine");
        FakeAsset asset = synced.zone().liveAssets().get(1);
        String path = pathOf("hide@example.com", asset);
        synced.zone().hide(asset.id());
        sync(synced, "--on-hidden", "quarantine");
        assertThat(photos().resolve(".hidden").resolve(path)).exists();
        assertThat(photos().resolve(path)).doesNotExist();

        synced.zone().unhide(asset.id());
        sync(synced, "--on-hidden", "quarantine");

        assertThat(photos().resolve(path)).exists();
        assertThat(photos().resolve(".hidden").resolve(path)).doesNotExist();
    }

    /**
     * A photo set aside in .hidden/ that is then deleted (unhidden and deleted, or purged, between two syncs) is a
     * deleted photo: --on-delete quarantine puts it under .deleted/, as a copy that saw each step has it.
     */
    @Test
    void aHiddenQuarantinedPhotoDeletedSinceGoesUnderDeleted() {
        String[] flags = {"--on-hidden", "quarantine", "--on-delete", "quarantine"};
        Synced synced = synced("hidethendelete@example.com", 10, flags);
        List<FakeAsset> assets = synced.zone().liveAssets().stream().filter(a -> !a.isLivePhoto()).limit(2).toList();
        List<String> paths = assets.stream().map(a -> pathOf("hidethendelete@example.com", a)).toList();
        assets.forEach(a -> synced.zone().hide(a.id()));
        sync(synced, flags);
        paths.forEach(path -> assertThat(photos().resolve(".hidden").resolve(path)).exists());
        assets.forEach(a -> {
            synced.zone().unhide(a.id());
            synced.zone().trash(a.id());
        });
        synced.zone().purge(assets.get(1).id());

        sync(synced, flags);

        for (String path : paths) {
            assertThat(photos().resolve(".deleted").resolve(path)).exists();
            assertThat(photos().resolve(".hidden").resolve(path)).doesNotExist();
            assertThat(photos().resolve(path)).doesNotExist();
        }
    }

    /** A hidden photo deleted and restored is hidden again: under --on-hidden quarantine it goes back to .hidden/. */
    @Test
    void aHiddenPhotoDeletedThenRestoredIsSetAsideAsHiddenAgain() {
        String[] flags = {"--on-hidden", "quarantine", "--on-delete", "quarantine"};
        Synced synced = synced("hiddenrestored@example.com", 10, flags);
        FakeAsset asset = synced.zone().liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst().orElseThrow();
        String path = pathOf("hiddenrestored@example.com", asset);
        synced.zone().hide(asset.id());
        sync(synced, flags);
        synced.zone().trash(asset.id());
        sync(synced, flags);
        assertThat(photos().resolve(".deleted").resolve(path)).exists();
        fake.resetCounters();

        synced.zone().restore(asset.id());
        sync(synced, flags);

        assertThat(photos().resolve(".hidden").resolve(path)).exists();
        assertThat(photos().resolve(".deleted").resolve(path)).doesNotExist();
        assertThat(photos().resolve(path)).doesNotExist();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
    }

    @Test
    void keptHiddenPhotosAreInTheCopyWhetherListedOrSeenInTheChangeFeed() {
        FakeAccount account = account("hiddenkeep@example.com", 5);
        FakeZone zone = account.primaryZone();
        zone.addPhoto(PhotoSpec.photo("SECRET_0001.JPG").hidden(true));
        CliRunner cli = signedIn("hiddenkeep@example.com");
        Result first = cli.sync(photos(), "");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(LocalFiles.published(photos()).keySet()).as("a full listing").anyMatch(p -> p.endsWith("SECRET_0001.JPG"));

        zone.addPhoto(PhotoSpec.photo("SECRET_0002.JPG").hidden(true));
        FakeAsset hiddenLater = zone.liveAssets().get(0);
        String hiddenPath = pathOf("hiddenkeep@example.com", hiddenLater);
        zone.hide(hiddenLater.id());
        Result incremental = cli.sync(photos(), "");

        assertThat(incremental.exitCode()).as(incremental.toString()).isZero();
        assertThat(LocalFiles.published(photos())).isEqualTo(freshCopy("hiddenkeep@example.com")).containsKey(hiddenPath)
                .satisfies(files -> assertThat(files.keySet()).anyMatch(p -> p.endsWith("SECRET_0002.JPG")));
        fake.resetCounters();
        Result listed = cli.sync(photos(), "", "--no-incremental");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
    }

    @Test
    void skipNeverDownloadsHiddenPhotosUntilTheyAreUnhidden() {
        Synced synced = synced("skip@example.com", 5, "--on-hidden", "skip");
        String hidden = synced.zone().addPhoto(com.camelicloud.photos.fake.PhotoSpec.photo("SECRET_0001.JPG").hidden(true));
        sync(synced, "--on-hidden", "skip");
        assertThat(LocalFiles.published(photos()).keySet()).noneMatch(p -> p.endsWith("SECRET_0001.JPG"));

        synced.zone().unhide(hidden);
        sync(synced, "--on-hidden", "skip");

        assertThat(LocalFiles.published(photos()).keySet()).anyMatch(p -> p.endsWith("SECRET_0001.JPG"));
    }

    @Test
    void favouritesAndEditsDownloadNothingAndAreRecorded() {
        Synced synced = synced("meta@example.com", 10);
        FakeAsset favourite = synced.zone().liveAssets().get(0);
        FakeAsset edited = synced.zone().liveAssets().get(1);
        synced.zone().favourite(favourite.id());
        synced.zone().edit(edited.id());
        Map<String, String> before = LocalFiles.published(photos());

        sync(synced);

        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(fake.calls(Endpoint.RECORDS_LOOKUP)).isZero();
        assertThat(LocalFiles.published(photos())).isEqualTo(before);
        assertThat(state("meta@example.com").asset("PrimarySync", favourite.id())).containsEntry("is_favorite", 1);
        assertThat(state("meta@example.com").asset("PrimarySync", edited.id()).get("adjustment_type")).isNotNull();
    }

    @Test
    void purgesKeepByDefaultAndDeleteWhenAsked() {
        Synced synced = synced("purge@example.com", 10);
        FakeAsset kept = synced.zone().liveAssets().get(0);
        FakeAsset deleted = synced.zone().liveAssets().get(1);
        String keptPath = pathOf("purge@example.com", kept);
        String deletedPath = pathOf("purge@example.com", deleted);
        synced.zone().trash(kept.id());
        synced.zone().purge(kept.id());
        sync(synced);
        assertThat(photos().resolve(keptPath)).exists();
        assertThat(state("purge@example.com").asset("PrimarySync", kept.id())).containsEntry("status", "purged");

        synced.zone().trash(deleted.id());
        synced.zone().purge(deleted.id());
        sync(synced, "--on-purge", "delete");

        assertThat(photos().resolve(deletedPath)).doesNotExist();
        assertThat(photos().resolve(keptPath)).exists();
    }

    @Test
    void aPurgeIsOneChangeWhenItsTombstonesArriveOnTwoPages() throws IOException {
        Synced synced = synced("purgeonce@example.com", 8, "--on-purge", "delete");
        FakeAsset victim = synced.zone().liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst().orElseThrow();
        String path = pathOf("purgeonce@example.com", victim);
        synced.zone().trash(victim.id());
        synced.zone().purge(victim.id());
        Path report = home.resolve("report.json");

        // One log position per changes/zone page: the asset's tombstone and its master's come on two pages.
        fake.faults().scanBudget(1);
        try {
            sync(synced, "--on-purge", "delete", "--report-json", report.toString());
        } finally {
            fake.faults().scanBudget(5_000);
        }

        assertThat(photos().resolve(path)).doesNotExist();
        assertThat(Json.MAPPER.readTree(report.toFile()).path("changes").path("ASSET_PURGED").asInt()).isEqualTo(1);
        assertThat(audit("purgeonce@example.com")).singleElement().asString().contains("\"reason\":\"purged\"");
    }

    @Test
    void theLastPurgedDuplicateDoesNotPurgeTheFirstAgain() throws IOException {
        Synced synced = synced("purgedup@example.com", 4);
        FakeAsset original = synced.zone().liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst().orElseThrow();
        String copy = synced.zone().duplicate(original.id());
        sync(synced);
        synced.zone().trash(original.id());
        synced.zone().purge(original.id());
        sync(synced);
        synced.zone().trash(copy);
        synced.zone().purge(copy);
        Path report = home.resolve("report.json");

        // The copy's tombstone and the shared master's: the master's must not purge the original a second time.
        sync(synced, "--report-json", report.toString());

        assertThat(Json.MAPPER.readTree(report.toFile()).path("changes").path("ASSET_PURGED").asInt()).isEqualTo(1);
    }

    @Test
    void purgeAfterDaysWaitsForTheGracePeriod() {
        Synced synced = synced("grace@example.com", 10);
        FakeAsset asset = synced.zone().liveAssets().get(0);
        String path = pathOf("grace@example.com", asset);
        synced.zone().trash(asset.id());
        synced.zone().purge(asset.id());
        sync(synced, "--on-purge", "delete", "--purge-after-days", "3");
        assertThat(photos().resolve(path)).exists();

        long fourDaysAgo = System.currentTimeMillis() - 4L * 24 * 3600 * 1000;
        state("grace@example.com").execute("UPDATE asset SET purged_at = ? WHERE asset_id = ?", fourDaysAgo, asset.id());
        sync(synced, "--on-purge", "delete", "--purge-after-days", "3");

        assertThat(photos().resolve(path)).doesNotExist();
    }

    @Test
    void aPhotoDeletedAndPurgedBetweenTwoSyncsMeetsTheDeletionPolicyFirst() throws IOException {
        String[] flags = {"--on-delete", "quarantine", "--on-purge", "delete", "--purge-after-days", "3"};
        Synced synced = synced("unseen@example.com", 6, flags);
        FakeAsset asset = synced.zone().liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst().orElseThrow();
        String path = pathOf("unseen@example.com", asset);
        synced.zone().trash(asset.id());
        synced.zone().purge(asset.id());

        sync(synced, flags);

        assertThat(photos().resolve(path)).doesNotExist();
        assertThat(photos().resolve(".deleted").resolve(path)).as("quarantined during the grace period").exists();
        assertThat(audit("unseen@example.com")).singleElement().asString().contains("\"reason\":\"trashed\"",
                "on-delete=quarantine");

        long fourDaysAgo = System.currentTimeMillis() - 4L * 24 * 3600 * 1000;
        state("unseen@example.com").execute("UPDATE asset SET purged_at = ? WHERE asset_id = ?", fourDaysAgo, asset.id());
        sync(synced, flags);

        assertThat(photos().resolve(".deleted").resolve(path)).doesNotExist();
        assertThat(audit("unseen@example.com")).hasSize(2).last().asString().contains("\"reason\":\"purged\"");
    }

    @Test
    void longRunsOfEmptyPagesNeverEndTheWalk() {
        Synced synced = synced("empty@example.com", 5);
        synced.zone().compactedGap(70 * 5_000);
        synced.zone().addPhoto("AFTER_GAP.JPG");

        sync(synced);

        assertThat(fake.calls(Endpoint.CHANGES_ZONE)).isGreaterThanOrEqualTo(70);
        assertThat(LocalFiles.published(photos()).keySet()).anyMatch(p -> p.endsWith("AFTER_GAP.JPG"));
    }

    @Test
    void pairsSplitAcrossPagesArePairedBeforeTheTokenMoves() {
        Synced synced = synced("split@example.com", 3);
        fake.faults().scanBudget(3);
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(synced.zone().addPhoto("SPLIT_" + i + ".JPG"));
        }

        sync(synced);

        fake.faults().scanBudget(5_000);
        assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(LocalFiles.expectedOriginals(synced.zone()));
        for (String id : added) {
            assertThat(state("split@example.com").asset("PrimarySync", id)).containsEntry("files_complete", 1);
        }
    }

    @Test
    void anInvalidTokenFallsBackToAFullListingThatDownloadsNothingPresent() {
        Synced synced = synced("badtoken@example.com", 25);
        String oldToken = state("badtoken@example.com").zoneToken("PrimarySync");
        fake.faults().invalidateZoneTokens();
        synced.zone().favourite(synced.zone().liveAssets().get(0).id());

        sync(synced);

        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(fake.calls(Endpoint.RECORDS_QUERY)).isPositive();
        assertThat(state("badtoken@example.com").zoneToken("PrimarySync")).isNotEqualTo(oldToken);
        fake.resetCounters();
        sync(synced);
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
    }
}
