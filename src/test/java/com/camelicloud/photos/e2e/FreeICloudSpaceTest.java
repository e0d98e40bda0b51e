package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.camelicloud.photos.fake.CdnFault;
import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.fake.Variant;
import com.camelicloud.photos.testing.ChildCli;
import com.camelicloud.photos.testing.ChildCli.Child;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --delete-after-download and --keep-icloud-recent-days: items whose copy is verified move to iCloud's Recently Deleted
 * (records/modify, docs/protocol.md §3.12), their copies stay whatever the deletion policies say, and what iCloud does
 * not confirm is moved by the next run.
 */
class FreeICloudSpaceTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Synced(String appleId, FakeAccount account, FakeZone zone, CliRunner cli) {
    }

    @AfterEach
    void resetFaults() {
        fake.faults().reset();
    }

    /** An account with a generated library, synced once (with {@code flags}), its counters reset. */
    private Synced synced(String appleId, int assets, String... flags) throws IOException {
        FakeAccount account = account(appleId, assets);
        CliRunner cli = signedIn(appleId);
        sync(cli, flags);
        fake.resetCounters();
        return new Synced(appleId, account, account.primaryZone(), cli);
    }

    /** A sync that must succeed; moves to Recently Deleted are not paced, to keep the tests quick. */
    private Result sync(CliRunner cli, String... flags) throws IOException {
        Result result = run(cli, flags);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private Result run(CliRunner cli, String... flags) throws IOException {
        Path config = home.resolve("no-pause.properties");
        Files.writeString(config, "policy.icloud-delete-interval=0\n");
        List<String> all = new ArrayList<>(List.of(flags));
        all.addAll(List.of("--config", config.toString()));
        return cli.sync(photos(), "", all.toArray(String[]::new));
    }

    private StateDb state(String appleId) {
        return StateDb.of(home.resolve("state"), appleId);
    }

    /** The asset ids of the audit log's lines with {@code reason}. */
    private Set<String> audited(String appleId, String reason) throws IOException {
        Path log = home.resolve("state").resolve(appleId + ".audit.jsonl");
        if (!Files.exists(log)) {
            return Set.of();
        }
        Set<String> ids = new java.util.HashSet<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode entry = JSON.readTree(line);
            if (entry.path("reason").asText().equals(reason)) {
                ids.add(entry.path("assetId").asText());
            }
        }
        return ids;
    }

    private static Set<String> ids(List<FakeAsset> assets) {
        return assets.stream().map(FakeAsset::id).collect(Collectors.toSet());
    }

    /** The ids of the zone's assets that are in Recently Deleted. */
    private static Set<String> trashed(FakeZone zone) {
        return ids(zone.assets().stream().filter(FakeAsset::isDeleted).toList());
    }

    private String pathOf(String appleId, FakeAsset asset) {
        return (String) state(appleId).rows("SELECT path FROM media_file WHERE file_key = ?", asset.masterId() + "/original")
                .get(0).get("path");
    }

    @Test
    void onlyItemsWhoseEveryFileIsVerifiedMoveAndTheirCopiesStay() throws IOException {
        Synced synced = synced("verified@example.com", 24, "--skip-videos");
        Set<String> before = trashed(synced.zone());
        List<FakeAsset> visible = synced.zone().liveAssets();
        Set<String> videos = ids(visible.stream().filter(FakeAsset::isVideo).toList());
        Set<String> hidden = ids(synced.zone().assets().stream().filter(FakeAsset::isHidden).toList());
        String failing = synced.zone().addPhoto("FAILS_0001.JPG");
        fake.faults().cdn(CdnFault.htmlBody());
        Map<String, String> files = LocalFiles.published(photos());
        Path events = home.resolve("events.txt");
        Path script = Files.writeString(home.resolve("notify.sh"), "#!/bin/sh\necho \"$ICLOUD_PHOTOS_EVENT "
                + "$ICLOUD_PHOTOS_FREED\" >> '" + events + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path report = home.resolve("report.json");

        Result result = run(synced.cli(), "--skip-videos", "--keep-icloud-recent-days", "0", "--max-retries", "0",
                "--report-json", report.toString(), "--notification-script", script.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        Set<String> moved = ids(visible.stream().filter(asset -> !asset.isVideo()).toList());
        assertThat(trashed(synced.zone())).as(result.toString()).containsAll(moved).doesNotContain(failing)
                .doesNotContainAnyElementsOf(videos).doesNotContainAnyElementsOf(hidden);
        assertThat(trashed(synced.zone())).hasSize(before.size() + moved.size());
        assertThat(LocalFiles.published(photos())).isEqualTo(files);
        assertThat(audited("verified@example.com", "freed-icloud-space")).isEqualTo(moved);
        assertThat(result.stderr()).contains(moved.size() + " items moved to iCloud's Recently Deleted");
        assertThat(JSON.readTree(report.toFile()).path("itemsFreedInICloud").asLong()).isEqualTo(moved.size());
        assertThat(Files.readAllLines(events)).contains("sync_complete " + moved.size());
        for (String id : moved) {
            assertThat(state("verified@example.com").asset("PrimarySync", id)).containsEntry("freeing", "freed")
                    .containsEntry("status", "trashed");
        }
    }

    /** The SHA-256 recorded is the published file's, after the metadata was written into it. */
    @Test
    void filesWithMetadataWrittenIntoThemAreVerifiedAsWritten() throws IOException {
        Synced synced = synced("metadata-free@example.com", 0);
        String jpeg = synced.zone().addPhoto(PhotoSpec.photo("EXIF_0001.JPG").caption("Harbour at dawn"));
        sync(synced.cli(), "--set-exif-datetime", "--set-exif-description");
        Path file = photos().resolve(pathOf("metadata-free@example.com", synced.zone().asset(jpeg)));
        assertThat(Files.size(file)).isNotEqualTo(synced.zone().asset(jpeg).resource(Variant.ORIGINAL).size());

        sync(synced.cli(), "--set-exif-datetime", "--set-exif-description", "--keep-icloud-recent-days", "0");

        assertThat(trashed(synced.zone())).containsExactly(jpeg);
    }

    @Test
    void deleteAfterDownloadMovesWhatTheRunDownloadedOnly() throws IOException {
        Synced synced = synced("after-download@example.com", 6);
        Set<String> before = trashed(synced.zone());
        String first = synced.zone().addPhoto("NEW_0001.JPG");
        String second = synced.zone().addLivePhoto("NEW_0002.HEIC");

        sync(synced.cli(), "--delete-after-download");

        assertThat(trashed(synced.zone())).containsExactlyInAnyOrderElementsOf(plus(before, first, second));
        sync(synced.cli(), "--delete-after-download");
        assertThat(trashed(synced.zone())).hasSize(before.size() + 2);
        assertThat(fake.calls(Endpoint.RECORDS_MODIFY)).isEqualTo(1);
    }

    @Test
    void aDamagedFileKeepsItsItemInICloudUntilTheNextSyncFetchesItAgain() throws IOException {
        Synced synced = synced("damaged@example.com", 0);
        String cut = synced.zone().addPhoto("CUT_0001.JPG");
        String altered = synced.zone().addPhoto("ALTERED_0001.JPG");
        String intact = synced.zone().addPhoto("INTACT_0001.JPG");
        sync(synced.cli());
        Path cutFile = photos().resolve(pathOf("damaged@example.com", synced.zone().asset(cut)));
        byte[] original = Files.readAllBytes(cutFile);
        Files.write(cutFile, java.util.Arrays.copyOf(original, original.length / 2));
        Path alteredFile = photos().resolve(pathOf("damaged@example.com", synced.zone().asset(altered)));
        byte[] unaltered = Files.readAllBytes(alteredFile);
        byte[] bytes = unaltered.clone();
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(alteredFile, bytes);

        Result result = sync(synced.cli(), "--keep-icloud-recent-days", "0");

        assertThat(trashed(synced.zone())).as(result.toString()).containsExactly(intact);
        Result repair = sync(synced.cli(), "--keep-icloud-recent-days", "0");
        assertThat(Files.readAllBytes(cutFile)).as(repair.toString()).isEqualTo(original);
        assertThat(Files.readAllBytes(alteredFile)).isEqualTo(unaltered);
        assertThat(trashed(synced.zone())).containsExactlyInAnyOrder(intact, cut, altered);
    }

    @Test
    void keepICloudRecentDaysKeepsWhatWasTakenWithinThatManyDays() throws IOException {
        Synced synced = synced("recent@example.com", 0);
        Instant boundary = Instant.now().minus(Duration.ofDays(30));
        String older = synced.zone().addPhoto(PhotoSpec.photo("OLDER_0001.JPG").takenAt(boundary.minus(Duration.ofHours(1))));
        String younger = synced.zone().addPhoto(PhotoSpec.photo("YOUNGER_0001.JPG").takenAt(boundary.plus(Duration.ofHours(1))));
        String recent = synced.zone().addPhoto(PhotoSpec.photo("RECENT_0001.JPG").takenAt(Instant.now().minus(Duration.ofHours(12))));
        sync(synced.cli());

        sync(synced.cli(), "--keep-icloud-recent-days", "30");

        assertThat(trashed(synced.zone())).containsExactly(older);
        sync(synced.cli(), "--keep-icloud-recent-days", "1");
        assertThat(trashed(synced.zone())).containsExactlyInAnyOrder(older, younger);
        assertThat(synced.zone().asset(recent).isDeleted()).isFalse();
    }

    @Test
    void aRecordChangedBetweenReadAndMoveIsReadAndDecidedAgain() throws IOException {
        Synced synced = synced("conflict@example.com", 12);
        List<FakeAsset> visible = synced.zone().liveAssets();
        FakeAsset favourited = visible.get(0);
        FakeAsset hidden = visible.get(1);
        fake.faults().beforeNextModify(() -> {
            synced.zone().favourite(favourited.id());
            synced.zone().hide(hidden.id());
        });

        Result result = sync(synced.cli(), "--keep-icloud-recent-days", "0");

        assertThat(trashed(synced.zone())).as(result.toString()).containsAll(minus(ids(visible), hidden.id()))
                .doesNotContain(hidden.id());
        assertThat(fake.calls(Endpoint.RECORDS_MODIFY)).isEqualTo(2);
        assertThat(result.stderr()).contains((visible.size() - 1) + " items moved to iCloud's Recently Deleted");
    }

    @Test
    void sharedLibraryItemsStayInICloud() throws IOException {
        FakeAccount account = account("shared-free@example.com", 0);
        FakeZone primary = account.primaryZone();
        String personal = primary.addPhoto("PERSONAL_0001.JPG");
        String mine = primary.addPhoto("MINE_SHARED_0001.JPG");
        FakeZone shared = account.createSharedZone();
        String mineInShared = primary.moveToShared(mine, shared);
        String theirs = shared.otherMemberAdds(LibraryGenerator.OTHER_MEMBER, PhotoSpec.photo("THEIRS_0001.JPG"));
        CliRunner cli = signedIn("shared-free@example.com");
        sync(cli, "--library", "all");

        sync(cli, "--keep-icloud-recent-days", "0");

        assertThat(trashed(primary)).isEmpty();
        sync(cli, "--library", "all", "--keep-icloud-recent-days", "0");
        assertThat(trashed(primary)).containsExactly(personal);
        assertThat(trashed(shared)).isEmpty();
        assertThat(shared.asset(mineInShared).isDeleted()).isFalse();
        assertThat(shared.asset(theirs).isDeleted()).isFalse();
    }

    /** In a child JVM: the log lines are what a dry run shows, and they go to the process's own stderr. */
    @Test
    void aDryRunMovesNothingAndSaysWhatItWouldMove() throws Exception {
        Synced synced = synced("dry-free@example.com", 8);
        Set<String> before = trashed(synced.zone());
        List<FakeAsset> visible = synced.zone().liveAssets();

        Child dry = new ChildCli(fake, home.resolve("state"), "dry-free@example.com").sync(photos(),
                Files.createTempFile(home, "dry-", ".log"), "--dry-run", "--keep-icloud-recent-days", "0");

        assertThat(dry.awaitExit(120)).as(dry.output()).isZero();
        assertThat(fake.calls(Endpoint.RECORDS_MODIFY)).isZero();
        assertThat(trashed(synced.zone())).isEqualTo(before);
        for (FakeAsset asset : visible) {
            assertThat(dry.output()).contains("Dry run: would move PrimarySync/" + asset.id() + " to iCloud's Recently "
                    + "Deleted; its copy stays: " + photos().resolve(pathOf("dry-free@example.com", asset)));
        }
        assertThat(state("dry-free@example.com").rows("SELECT 1 FROM asset WHERE freeing IS NOT NULL")).isEmpty();
        assertThat(audited("dry-free@example.com", "freed-icloud-space")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete", "quarantine"})
    void theNextSyncsKeepTheCopiesWhateverTheDeletionPoliciesSay(String onDelete) throws IOException {
        String appleId = "policies-" + onDelete + "@example.com";
        Synced synced = synced(appleId, 10, "--on-delete", onDelete);
        List<FakeAsset> visible = synced.zone().liveAssets();
        Map<String, String> files = LocalFiles.published(photos());
        sync(synced.cli(), "--on-delete", onDelete, "--keep-icloud-recent-days", "0");
        assertThat(trashed(synced.zone())).containsAll(ids(visible));

        sync(synced.cli(), "--on-delete", onDelete, "--on-purge", "delete");
        visible.forEach(asset -> synced.zone().purge(asset.id()));
        sync(synced.cli(), "--on-delete", onDelete, "--on-purge", "delete");

        assertThat(LocalFiles.published(photos())).isEqualTo(files);
        assertThat(photos().resolve(".deleted")).doesNotExist();
        assertThat(audited(appleId, "trashed")).isEmpty();
        assertThat(audited(appleId, "purged")).isEmpty();
    }

    @Test
    void anItemTheUserRestoresIsTheirsAgainAndNeverMovedAgain() throws IOException {
        Synced synced = synced("restored@example.com", 6, "--on-delete", "delete");
        FakeAsset item = synced.zone().liveAssets().get(0);
        Path copy = photos().resolve(pathOf("restored@example.com", item));
        sync(synced.cli(), "--on-delete", "delete", "--keep-icloud-recent-days", "0");
        synced.zone().restore(item.id());

        sync(synced.cli(), "--on-delete", "delete", "--keep-icloud-recent-days", "0");

        assertThat(synced.zone().asset(item.id()).isDeleted()).isFalse();
        assertThat(copy).exists();
        assertThat(state("restored@example.com").asset("PrimarySync", item.id())).containsEntry("freeing", "restored");
        synced.zone().trash(item.id());
        sync(synced.cli(), "--on-delete", "delete");
        assertThat(copy).doesNotExist();
    }

    /**
     * iCloud made the moves but its answer never arrived: the items were chosen before iCloud was asked, so the soft
     * deletes the next sync sees leave their copies alone.
     */
    @Test
    void aMoveWhoseAnswerWasLostStillKeepsTheCopies() throws IOException {
        Synced synced = synced("lost-answer@example.com", 8, "--on-delete", "delete");
        Set<String> visible = ids(synced.zone().liveAssets());
        Map<String, String> files = LocalFiles.published(photos());
        fake.faults().loseNextModifyAnswer();

        Result lost = sync(synced.cli(), "--on-delete", "delete", "--keep-icloud-recent-days", "0");

        assertThat(trashed(synced.zone())).containsAll(visible);
        assertThat(lost.stderr()).contains(visible.size() + " left in iCloud for the next run");
        sync(synced.cli(), "--on-delete", "delete", "--keep-icloud-recent-days", "0");
        assertThat(LocalFiles.published(photos())).isEqualTo(files);
        assertThat(audited("lost-answer@example.com", "trashed")).isEmpty();
    }

    @Test
    void whatICloudDoesNotConfirmIsMovedByTheNextRun() throws IOException {
        Synced synced = synced("unconfirmed@example.com", 12);
        Set<String> visible = ids(synced.zone().liveAssets());
        fake.faults().failNext(Endpoint.RECORDS_MODIFY, 503, 0, 4);

        Result throttled = sync(synced.cli(), "--keep-icloud-recent-days", "0");

        assertThat(trashed(synced.zone())).doesNotContainAnyElementsOf(visible);
        assertThat(throttled.stderr()).contains(visible.size() + " left in iCloud for the next run");
        String partial = visible.iterator().next();
        fake.faults().failRecordOnNextModify(partial, "INTERNAL_ERROR");

        sync(synced.cli(), "--keep-icloud-recent-days", "0");

        assertThat(trashed(synced.zone())).containsAll(minus(visible, partial)).doesNotContain(partial);
        sync(synced.cli(), "--keep-icloud-recent-days", "0");
        assertThat(trashed(synced.zone())).containsAll(visible);
    }

    @Test
    void anAtomicFailureLeavesTheWholeBatchForTheNextRun() throws IOException {
        Synced synced = synced("atomic@example.com", 12);
        Set<String> before = trashed(synced.zone());
        List<FakeAsset> visible = synced.zone().liveAssets();
        FakeAsset raced = visible.get(0);
        fake.faults().modifyAlwaysAtomic(true).beforeNextModify(() -> synced.zone().favourite(raced.id()));

        Result atomic = sync(synced.cli(), "--keep-icloud-recent-days", "0");

        assertThat(trashed(synced.zone())).as(atomic.toString()).containsExactlyInAnyOrderElementsOf(plus(before, raced.id()));
        assertThat(atomic.stderr()).contains((visible.size() - 1) + " left in iCloud for the next run");
        sync(synced.cli(), "--keep-icloud-recent-days", "0");
        assertThat(trashed(synced.zone())).containsAll(ids(visible));
    }

    private static Set<String> plus(Set<String> ids, String... more) {
        Set<String> all = new java.util.HashSet<>(ids);
        all.addAll(List.of(more));
        return all;
    }

    private static Set<String> minus(Set<String> ids, String less) {
        Set<String> rest = new java.util.HashSet<>(ids);
        rest.remove(less);
        return rest;
    }
}
