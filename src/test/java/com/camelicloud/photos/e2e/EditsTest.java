package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.fake.Variant;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/**
 * With {@code --size adjusted}, edits made after a photo was downloaded reach the copy: a new edit is fetched, a
 * newer one replaces it in place, and a revert's leftover follows {@code --on-delete}; the copy then equals a fresh one.
 */
class EditsTest extends EndToEndTest {

    private static final String ORIGINAL = "2024/IMG_0001.JPG";
    private static final String ADJUSTED = "2024/IMG_0001-adjusted.JPG";

    /** One photo, synced once before any edit. */
    private record Library(String appleId, FakeZone zone, String photo, CliRunner cli, String[] flags) {
    }

    private Library synced(String appleId, String... sizeAndPolicyFlags) {
        FakeAccount account = fake.createAccount(appleId, FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        String photo = zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").takenAt(Instant.parse("2024-03-01T10:00:00Z"))
                .timeZoneOffset(0));
        zone.addPhoto(PhotoSpec.photo("IMG_0002.JPG").takenAt(Instant.parse("2024-03-02T10:00:00Z")).timeZoneOffset(0));
        String[] flags = new String[sizeAndPolicyFlags.length + 2];
        flags[0] = "--folder-structure";
        flags[1] = "%Y";
        System.arraycopy(sizeAndPolicyFlags, 0, flags, 2, sizeAndPolicyFlags.length);
        Library library = new Library(appleId, zone, photo, signedIn(appleId), flags);
        sync(library);
        assertThat(files()).containsOnlyKeys(ORIGINAL, "2024/IMG_0002.JPG");
        return library;
    }

    private Result sync(Library library, String... more) {
        String[] all = new String[library.flags().length + more.length];
        System.arraycopy(library.flags(), 0, all, 0, library.flags().length);
        System.arraycopy(more, 0, all, library.flags().length, more.length);
        Result result = library.cli().sync(photos(), "", all);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private Map<String, String> files() {
        return LocalFiles.published(photos());
    }

    private String adjustedSha(Library library) {
        return LocalFiles.sha256(library.zone().asset(library.photo()).content(Variant.JPEG_FULL));
    }

    private List<String> audit(Library library) throws IOException {
        Path log = home.resolve("state").resolve(library.appleId() + ".audit.jsonl");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void anEditIsFetchedAndANewerOneReplacesItInPlace() {
        Library library = synced("edit@example.com", "--size", "original", "--size", "adjusted");
        library.zone().edit(library.photo());

        sync(library);

        assertThat(files()).containsOnlyKeys(ORIGINAL, ADJUSTED, "2024/IMG_0002.JPG")
                .containsEntry(ADJUSTED, adjustedSha(library));
        assertThat(files()).isEqualTo(freshCopy(library.appleId(), library.flags()));

        library.zone().edit(library.photo());
        fake.resetCounters();
        sync(library);

        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
        assertThat(files()).containsOnlyKeys(ORIGINAL, ADJUSTED, "2024/IMG_0002.JPG")
                .containsEntry(ADJUSTED, adjustedSha(library));
        assertThat(files()).isEqualTo(freshCopy(library.appleId(), library.flags()));
    }

    @Test
    void aRevertedEditIsDeletedWithOnDeleteDelete() throws IOException {
        Library library = synced("revert@example.com", "--size", "original", "--size", "adjusted", "--on-delete",
                "delete");
        library.zone().edit(library.photo());
        sync(library);
        assertThat(files()).containsKey(ADJUSTED);

        library.zone().revertEdit(library.photo());
        sync(library);

        assertThat(files()).containsOnlyKeys(ORIGINAL, "2024/IMG_0002.JPG")
                .isEqualTo(freshCopy(library.appleId(), library.flags()));
        assertThat(audit(library)).singleElement().asString().contains("\"path\":\"" + ADJUSTED + "\"",
                "edit-reverted", "on-delete=delete");
        // nothing is left to retry: the item is complete
        fake.resetCounters();
        sync(library);
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
    }

    @Test
    void withAdjustedAloneTheEditTakesThePlaceOfTheOriginalAndARevertBringsItBack() {
        Library library = synced("alone@example.com", "--size", "adjusted", "--on-delete", "quarantine");
        library.zone().edit(library.photo());

        sync(library);

        assertThat(files()).containsOnlyKeys(ADJUSTED, "2024/IMG_0002.JPG")
                .isEqualTo(freshCopy(library.appleId(), library.flags()));
        assertThat(photos().resolve(".deleted").resolve(ORIGINAL)).exists();

        library.zone().revertEdit(library.photo());
        sync(library);

        assertThat(files()).containsOnlyKeys(ORIGINAL, "2024/IMG_0002.JPG")
                .isEqualTo(freshCopy(library.appleId(), library.flags()));
        assertThat(photos().resolve(".deleted").resolve(ADJUSTED)).exists();
    }

    @Test
    void aRevertedEditLeavesItsAlbumsFoldersWithItsFileUnderOnDeleteQuarantine() throws IOException {
        FakeAccount account = fake.createAccount("revert-albums@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        String photo = zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").takenAt(Instant.parse("2024-03-01T10:00:00Z"))
                .timeZoneOffset(0));
        zone.addToAlbum(photo, zone.createAlbum("Family"));
        zone.addToAlbum(photo, zone.createAlbum("Trips"));
        String[] flags = {"--folder-structure", "{album}/%Y", "--size", "original", "--size", "adjusted",
                "--on-delete", "quarantine"};
        CliRunner cli = signedIn("revert-albums@example.com");
        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();
        zone.edit(photo);
        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();
        assertThat(files()).containsOnlyKeys("Family/2024/IMG_0001.JPG", "Family/2024/IMG_0001-adjusted.JPG",
                "Trips/2024/IMG_0001.JPG", "Trips/2024/IMG_0001-adjusted.JPG");

        zone.revertEdit(photo);
        Result result = cli.sync(photos(), "", flags);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(files()).containsOnlyKeys("Family/2024/IMG_0001.JPG", "Trips/2024/IMG_0001.JPG")
                .isEqualTo(freshCopy("revert-albums@example.com", flags));
        assertThat(photos().resolve(".deleted/Family/2024/IMG_0001-adjusted.JPG")).exists();
        assertThat(Files.readAllLines(home.resolve("state").resolve("revert-albums@example.com.audit.jsonl")))
                .filteredOn(line -> line.contains("edit-reverted")).hasSize(2)
                .allMatch(line -> line.contains("on-delete=quarantine"));
    }

    @Test
    void aFullListingFetchesAnEditTheStateKnowsOfButTheCopyLacks() throws IOException {
        Library library = synced("heal@example.com", "--size", "original", "--size", "adjusted");
        library.zone().edit(library.photo());
        sync(library);
        // as an earlier version left it: the edit recorded, its file never fetched
        StateDb state = StateDb.of(home.resolve("state"), library.appleId());
        state.execute("DELETE FROM media_file WHERE rendition = 'adjusted'");
        Files.delete(photos().resolve(ADJUSTED));

        sync(library, "--no-incremental");

        assertThat(files()).containsEntry(ADJUSTED, adjustedSha(library))
                .isEqualTo(freshCopy(library.appleId(), library.flags()));
    }
}
