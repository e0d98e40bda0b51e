package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.fake.Variant;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/** The iCloud Shared Photo Library (docs/protocol.md §7): its own zone and token, dedup with PrimarySync, trashReason. */
class SharedLibraryTest extends EndToEndTest {

    private static final String MEMBER = LibraryGenerator.OTHER_MEMBER;

    private Result sync(CliRunner cli, String... flags) {
        Result result = cli.sync(photos(), "", flags);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void ownPhotosAreStoredOnceAndOtherMembersPhotosGoUnderTheLibraryFolder() {
        FakeAccount account = account("family@example.com", 8);
        FakeZone shared = account.createSharedZone("00000000-1111-2222-3333-444444444444");
        FakeAsset mine = account.primaryZone().liveAssets().get(0);
        account.primaryZone().moveToShared(mine.id(), shared);
        shared.otherMemberAdds(MEMBER, PhotoSpec.photo("THEIRS_0001.JPG"));
        CliRunner cli = signedIn("family@example.com");

        sync(cli, "--library", "all");

        Map<String, String> files = LocalFiles.published(photos());
        String mineSha = LocalFiles.sha256(mine.content(Variant.ORIGINAL));
        assertThat(files.values().stream().filter(mineSha::equals)).hasSize(1);
        assertThat(files.keySet()).anyMatch(path -> path.startsWith("SharedSync-00000000/") && path.endsWith("THEIRS_0001.JPG"));
        assertThat(files.keySet().stream().filter(path -> path.startsWith("SharedSync-"))).hasSize(1);
        StateDb state = StateDb.of(home.resolve("state"), "family@example.com");
        assertThat(state.zoneToken("PrimarySync")).isNotNull();
        assertThat(state.zoneToken(shared.name())).isNotNull().isNotEqualTo(state.zoneToken("PrimarySync"));
    }

    @Test
    void aMoveBackToAPersonalLibraryIsNotADeletion() {
        FakeAccount account = account("moves@example.com", 3);
        FakeZone shared = account.createSharedZone();
        String movedOut = shared.otherMemberAdds(MEMBER, PhotoSpec.photo("MOVED_0001.JPG"));
        String deleted = shared.otherMemberAdds(MEMBER, PhotoSpec.photo("DELETED_0001.JPG"));
        CliRunner cli = signedIn("moves@example.com");
        sync(cli, "--library", "all", "--on-delete", "quarantine");

        shared.otherMemberMovesOut(movedOut, MEMBER);
        shared.otherMemberDeletes(deleted, MEMBER);
        sync(cli, "--library", "all", "--on-delete", "quarantine");

        Map<String, String> files = LocalFiles.published(photos());
        assertThat(files.keySet()).anyMatch(path -> path.endsWith("MOVED_0001.JPG") && !path.startsWith("."));
        assertThat(files.keySet()).noneMatch(path -> path.endsWith("DELETED_0001.JPG"));
        assertThat(photos().resolve(".deleted")).isDirectory();
        StateDb state = StateDb.of(home.resolve("state"), "moves@example.com");
        assertThat(state.asset(shared.name(), movedOut)).containsEntry("status", "removed");
        assertThat(state.asset(shared.name(), deleted)).containsEntry("status", "trashed");
    }

    @Test
    void aSharedLibraryTheUserLeftIsMarkedGoneAndItsFilesStay() {
        FakeAccount account = account("leaver@example.com", 3);
        FakeZone shared = account.createSharedZone();
        shared.otherMemberAdds(MEMBER, PhotoSpec.photo("KEEP_ME.JPG"));
        CliRunner cli = signedIn("leaver@example.com");
        sync(cli, "--library", "all");
        Map<String, String> before = LocalFiles.published(photos());

        account.leaveSharedZone(shared);
        Result result = sync(cli, "--library", "all");

        assertThat(LocalFiles.published(photos())).isEqualTo(before);
        StateDb state = StateDb.of(home.resolve("state"), "leaver@example.com");
        assertThat(state.rows("SELECT status FROM library WHERE zone_name = ?", shared.name()))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("status", "gone"));
        assertThat(result.exitCode()).isZero();
        sync(cli, "--library", "all");
    }

    @Test
    void oneSharedLibraryCanBeSyncedAlone() {
        FakeAccount account = account("onlyshared@example.com", 5);
        FakeZone shared = account.createSharedZone("99999999-1111-2222-3333-444444444444");
        shared.otherMemberAdds(MEMBER, PhotoSpec.photo("ONLY_SHARED.JPG"));
        CliRunner cli = signedIn("onlyshared@example.com");

        sync(cli, "--library", shared.name());

        assertThat(LocalFiles.published(photos()).keySet()).singleElement()
                .satisfies(path -> assertThat(path).startsWith("SharedSync-99999999/").endsWith("ONLY_SHARED.JPG"));
    }
}
