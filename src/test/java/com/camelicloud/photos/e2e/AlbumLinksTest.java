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
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/**
 * {album} layouts follow album changes incrementally: a photo is stored once, in the folder of its first album by
 * name, and linked into the others; later membership changes, renames and deletions move only those links.
 */
class AlbumLinksTest extends EndToEndTest {

    private static final String LAYOUT = "{album}/%Y";

    /**
     * Two photos: {@code beach} only in Trips (stored in Trips/), {@code party} in Family and Trips (stored in
     * Family/, the first by name, and linked into Trips/).
     */
    private record Library(String appleId, FakeZone zone, CliRunner cli, String beach, String party, String trips,
                           String family) {
    }

    private Library synced(String appleId, String... flags) {
        FakeAccount account = fake.createAccount(appleId, FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        String beach = zone.addPhoto(PhotoSpec.photo("BEACH.JPG").takenAt(Instant.parse("2024-07-01T12:00:00Z"))
                .timeZoneOffset(0));
        String party = zone.addPhoto(PhotoSpec.photo("PARTY.JPG").takenAt(Instant.parse("2024-12-24T20:00:00Z"))
                .timeZoneOffset(0));
        String trips = zone.createAlbum("Trips");
        String family = zone.createAlbum("Family");
        zone.addToAlbum(beach, trips);
        zone.addToAlbum(party, family);
        zone.addToAlbum(party, trips);
        Library library = new Library(appleId, zone, signedIn(appleId), beach, party, trips, family);
        sync(library, flags);
        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG", "Family/2024/PARTY.JPG", "Trips/2024/PARTY.JPG");
        return library;
    }

    private Result sync(Library library, String... flags) {
        String[] all = new String[flags.length + 2];
        all[0] = "--folder-structure";
        all[1] = LAYOUT;
        System.arraycopy(flags, 0, all, 2, flags.length);
        Result result = library.cli().sync(photos(), "", all);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private Map<String, String> files() {
        return LocalFiles.published(photos());
    }

    private Path file(String relative) {
        return photos().resolve(relative);
    }

    private StateDb state(Library library) {
        return StateDb.of(home.resolve("state"), library.appleId());
    }

    private List<String> audit(Library library) throws IOException {
        Path log = home.resolve("state").resolve(library.appleId() + ".audit.jsonl");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void aPhotoAddedToAnotherAlbumIsHardLinkedIntoItsFolder() throws IOException {
        Library library = synced("added@example.com");
        String years = library.zone().createAlbum("Years");
        library.zone().addToAlbum(library.beach(), years);

        sync(library);

        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG", "Family/2024/PARTY.JPG", "Trips/2024/PARTY.JPG",
                "Years/2024/BEACH.JPG");
        assertThat(Files.isSameFile(file("Years/2024/BEACH.JPG"), file("Trips/2024/BEACH.JPG"))).as("hard link").isTrue();
        assertThat(state(library).rows("SELECT path FROM album_link WHERE album_id = ? AND asset_id = ?",
                years, library.beach())).containsExactly(Map.of("path", "Years/2024/BEACH.JPG"));
        assertThat(audit(library)).singleElement().asString()
                .contains("\"target\":\"Years/2024/BEACH.JPG\"", "added-to-album", "album-link=hardlink");
    }

    @Test
    void aPhotoAddedToAnAlbumThatSortsFirstMovesThereAndIsLinkedFromWhereItWas() throws IOException {
        Library library = synced("homeadded@example.com");
        library.zone().addToAlbum(library.beach(), library.family());
        fake.resetCounters();

        sync(library);

        assertThat(fake.calls(Endpoint.CDN)).as("moved, not downloaded").isZero();
        assertThat(files()).containsOnlyKeys("Family/2024/BEACH.JPG", "Trips/2024/BEACH.JPG", "Family/2024/PARTY.JPG",
                "Trips/2024/PARTY.JPG").isEqualTo(freshCopy(library.appleId(), "--folder-structure", LAYOUT));
        assertThat(Files.isSameFile(file("Family/2024/BEACH.JPG"), file("Trips/2024/BEACH.JPG"))).as("hard link").isTrue();
        assertThat(state(library).rows("SELECT path FROM media_file WHERE asset_id = ?", library.beach()))
                .containsExactly(Map.of("path", "Family/2024/BEACH.JPG"));
        assertThat(state(library).rows("SELECT path FROM album_link WHERE asset_id = ?", library.beach()))
                .containsExactly(Map.of("path", "Trips/2024/BEACH.JPG"));
        assertThat(audit(library)).anySatisfy(line -> assertThat(line).contains("\"path\":\"Trips/2024/BEACH.JPG\"",
                "\"target\":\"Family/2024/BEACH.JPG\"", "album-home"));
    }

    @Test
    void aNewAlbumWithPhotosAlreadyStoredGetsCopiesInCopyMode() throws IOException {
        Library library = synced("copy@example.com", "--album-link", "copy");
        String pets = library.zone().createAlbum("Pets");
        library.zone().addToAlbum(library.beach(), pets);
        library.zone().addToAlbum(library.party(), pets);

        sync(library, "--album-link", "copy");

        assertThat(files()).containsEntry("Pets/2024/BEACH.JPG", files().get("Trips/2024/BEACH.JPG"))
                .containsEntry("Pets/2024/PARTY.JPG", files().get("Family/2024/PARTY.JPG")).hasSize(5);
        assertThat(Files.isSameFile(file("Pets/2024/BEACH.JPG"), file("Trips/2024/BEACH.JPG"))).as("a copy").isFalse();
    }

    @Test
    void removalFromAnAlbumRemovesItsLinkAndKeepsTheStoredCopyAndOtherAlbums() throws IOException {
        Library library = synced("removed@example.com");
        library.zone().removeFromAlbum(library.party(), library.trips());

        sync(library);

        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG", "Family/2024/PARTY.JPG");
        assertThat(state(library).rows("SELECT * FROM album_link")).isEmpty();
        assertThat(audit(library)).singleElement().asString()
                .contains("\"path\":\"Trips/2024/PARTY.JPG\"", "\"target\":null", "removed-from-album");
    }

    @Test
    void aMovedFileTakesItsSidecar() {
        FakeZone zone = fake.createAccount("sidecarmoved@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000)
                .primaryZone();
        String beach = zone.addPhoto(PhotoSpec.photo("BEACH.JPG").takenAt(Instant.parse("2024-07-01T12:00:00Z"))
                .timeZoneOffset(0));
        zone.addToAlbum(beach, zone.createAlbum("Trips"));
        CliRunner cli = signedIn("sidecarmoved@example.com");
        String[] flags = {"--folder-structure", LAYOUT, "--xmp-sidecar"};
        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();
        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG", "Trips/2024/BEACH.JPG.xmp");
        zone.addToAlbum(beach, zone.createAlbum("Family"));

        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();

        assertThat(files()).containsOnlyKeys("Family/2024/BEACH.JPG", "Family/2024/BEACH.JPG.xmp", "Trips/2024/BEACH.JPG")
                .isEqualTo(freshCopy("sidecarmoved@example.com", flags));
    }

    @Test
    void aHiddenPhotoKeptIsInNoAlbumsFolderUntilItIsUnhidden() throws IOException {
        Library library = synced("hiddenkept@example.com");
        Map<String, String> before = files();
        library.zone().hide(library.party());
        fake.resetCounters();

        sync(library);

        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(files()).as("iCloud's albums do not show hidden photos").containsOnlyKeys("Trips/2024/BEACH.JPG",
                "2024/PARTY.JPG").isEqualTo(freshCopy(library.appleId(), "--folder-structure", LAYOUT));
        assertThat(state(library).rows("SELECT * FROM album_link")).isEmpty();

        library.zone().unhide(library.party());
        sync(library);

        assertThat(files()).isEqualTo(before);
        assertThat(Files.isSameFile(file("Trips/2024/PARTY.JPG"), file("Family/2024/PARTY.JPG"))).isTrue();
    }

    @Test
    void removalFromTheAlbumItIsStoredUnderMovesItToItsNextAlbumOrItsDateFolder() {
        Library library = synced("home@example.com");
        library.zone().removeFromAlbum(library.party(), library.family());
        library.zone().removeFromAlbum(library.beach(), library.trips());
        fake.resetCounters();

        sync(library);

        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(files()).containsOnlyKeys("2024/BEACH.JPG", "Trips/2024/PARTY.JPG")
                .isEqualTo(freshCopy(library.appleId(), "--folder-structure", LAYOUT));
        assertThat(state(library).rows("SELECT * FROM album_link")).isEmpty();
    }

    @Test
    void aPhotoDeletedWithItsAlbumAndRestoredLaterMovesToItsDateFolder() {
        Library library = synced("restoredhome@example.com");
        library.zone().trash(library.beach());
        library.zone().deleteAlbum(library.trips());
        sync(library);
        library.zone().restore(library.beach());

        sync(library);

        assertThat(files()).isEqualTo(freshCopy(library.appleId(), "--folder-structure", LAYOUT));
    }

    @Test
    void aFileTheUserPutInPlaceOfALinkIsLeftAlone() throws IOException {
        Library library = synced("user@example.com");
        Files.delete(file("Trips/2024/PARTY.JPG"));
        Files.writeString(file("Trips/2024/PARTY.JPG"), "my own edit");
        Files.writeString(file("Trips/2024/notes.txt"), "mine");
        library.zone().removeFromAlbum(library.party(), library.trips());
        library.zone().deleteAlbum(library.trips());

        sync(library);

        assertThat(file("Trips/2024/PARTY.JPG")).hasContent("my own edit");
        assertThat(file("Trips/2024/notes.txt")).hasContent("mine");
        assertThat(file("2024/BEACH.JPG")).as("its album is gone: stored by date").exists();
    }

    @Test
    void aRenamedAlbumsLinksMoveToTheNewName() throws IOException {
        Library library = synced("renamed@example.com");
        library.zone().renameAlbum(library.trips(), "Voyages");

        sync(library);

        // BEACH is stored under Trips/: it moves to the new name.
        assertThat(files()).containsOnlyKeys("Family/2024/PARTY.JPG", "Voyages/2024/PARTY.JPG", "Voyages/2024/BEACH.JPG")
                .isEqualTo(freshCopy(library.appleId(), "--folder-structure", LAYOUT));
        assertThat(Files.isSameFile(file("Voyages/2024/PARTY.JPG"), file("Family/2024/PARTY.JPG"))).isTrue();
        assertThat(state(library).rows("SELECT path FROM album_link ORDER BY path"))
                .containsExactly(Map.of("path", "Voyages/2024/PARTY.JPG"));
    }

    @Test
    void aDeletedAlbumsLinksAreRemoved() throws IOException {
        Library library = synced("deleted@example.com");
        library.zone().deleteAlbum(library.trips());

        sync(library);

        // BEACH, stored under Trips/, is in no album now: it moves to its date folder.
        assertThat(files()).containsOnlyKeys("2024/BEACH.JPG", "Family/2024/PARTY.JPG")
                .isEqualTo(freshCopy(library.appleId(), "--folder-structure", LAYOUT));
        assertThat(audit(library)).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("\"path\":\"Trips/2024/PARTY.JPG\"", "album-deleted"))
                .anySatisfy(line -> assertThat(line).contains("\"target\":\"2024/BEACH.JPG\"", "album-home"));
    }

    @Test
    void anAlbumPurgedForGoodLosesItsLinksLikeADeletedOne() throws IOException {
        Library library = synced("purgedalbum@example.com");
        library.zone().purgeAlbum(library.trips());

        sync(library);

        assertThat(files()).containsOnlyKeys("2024/BEACH.JPG", "Family/2024/PARTY.JPG");
        assertThat(audit(library)).filteredOn(line -> line.contains("album-deleted")).singleElement().asString()
                .contains("Trips/2024/PARTY.JPG");
        assertThat(state(library).rows("SELECT is_deleted FROM album WHERE album_id = '" + library.trips() + "'"))
                .containsExactly(Map.of("is_deleted", 1));
    }

    @Test
    void aPageReplayedAfterItsFilesWereWrittenAddsNoDuplicate() {
        Library library = synced("replay@example.com");
        StateDb state = state(library);
        List<Map<String, Object>> zoneTokens = state.rows("SELECT * FROM zone_token");
        List<Map<String, Object>> databaseTokens = state.rows("SELECT * FROM database_token");
        library.zone().addToAlbum(library.beach(), library.family());
        library.zone().removeFromAlbum(library.party(), library.trips());
        sync(library);
        // The files were written, the page's commit was lost: the next run replays the page.
        state.execute("DELETE FROM album_link WHERE album_id = ?", library.family());
        state.execute("INSERT INTO album_link (zone_name, album_id, path, asset_id, file_key, updated_at) "
                + "SELECT zone_name, ?, 'Trips/2024/PARTY.JPG', asset_id, file_key, 0 FROM media_file WHERE asset_id = ?",
                library.trips(), library.party());
        state.execute("DELETE FROM album_member WHERE album_id = ? AND asset_id = ?", library.family(), library.beach());
        state.execute("INSERT INTO album_member (zone_name, album_id, asset_id, updated_at) VALUES ('PrimarySync', ?, ?, 0)",
                library.trips(), library.party());
        zoneTokens.forEach(row -> state.execute("UPDATE zone_token SET sync_token = ? WHERE zone_name = ?",
                row.get("sync_token"), row.get("zone_name")));
        databaseTokens.forEach(row -> state.execute("UPDATE database_token SET sync_token = ? WHERE database_name = ?",
                row.get("sync_token"), row.get("database_name")));

        sync(library);

        // BEACH moved to Family (its first album now), linked from Trips.
        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG", "Family/2024/PARTY.JPG", "Family/2024/BEACH.JPG")
                .isEqualTo(freshCopy(library.appleId(), "--folder-structure", LAYOUT));
        assertThat(state.rows("SELECT path FROM album_link")).containsExactly(Map.of("path", "Trips/2024/BEACH.JPG"));
    }

    @Test
    void aDryRunWritesNothingAndPrintsTheLinksItWouldPlace() throws IOException {
        Library library = synced("dry@example.com");
        Map<String, String> before = files();
        library.zone().addToAlbum(library.beach(), library.family());
        library.zone().removeFromAlbum(library.party(), library.trips());

        Result printed = sync(library, "--only-print-filenames");
        Result dry = sync(library, "--dry-run");

        assertThat(printed.stdout().strip()).isEqualTo(file("Family/2024/BEACH.JPG").toString());
        assertThat(dry.exitCode()).isZero();
        assertThat(files()).isEqualTo(before);
        assertThat(audit(library)).isEmpty();
    }

    @Test
    void aTrashedPhotoDeletedByPolicyLeavesEveryAlbumsFolder() throws IOException {
        Library library = synced("trash@example.com", "--on-delete", "delete");
        library.zone().trash(library.party());

        sync(library, "--on-delete", "delete");

        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG");
        assertThat(state(library).rows("SELECT * FROM album_link")).isEmpty();
        assertThat(audit(library)).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("\"path\":\"Family/2024/PARTY.JPG\"", "trashed",
                        "on-delete=delete"))
                .anySatisfy(line -> assertThat(line).contains("\"path\":\"Trips/2024/PARTY.JPG\"", "\"target\":null",
                        "trashed", "on-delete=delete"));
    }

    @Test
    void aPurgedPhotoDeletedByPolicyLeavesEveryAlbumsFolder() {
        Library library = synced("purge@example.com");
        library.zone().trash(library.party());
        sync(library);
        library.zone().purge(library.party());

        sync(library, "--on-purge", "delete");

        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG");
        assertThat(state(library).rows("SELECT * FROM album_link")).isEmpty();
    }

    @Test
    void aQuarantinedPhotoLeavesItsAlbumsFoldersAndARestoreLinksItAgain() throws IOException {
        Library library = synced("quarantine@example.com", "--on-delete", "quarantine");
        Map<String, String> before = files();
        library.zone().trash(library.party());
        sync(library, "--on-delete", "quarantine");
        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG");
        assertThat(photos().resolve(".deleted/Family/2024/PARTY.JPG")).exists();
        assertThat(state(library).rows("SELECT * FROM album_link")).isEmpty();

        library.zone().restore(library.party());
        sync(library, "--on-delete", "quarantine");

        assertThat(files()).isEqualTo(before);
        assertThat(Files.isSameFile(file("Trips/2024/PARTY.JPG"), file("Family/2024/PARTY.JPG"))).as("hard link").isTrue();
        assertThat(state(library).rows("SELECT path FROM album_link WHERE album_id = ? AND asset_id = ?",
                library.trips(), library.party())).containsExactly(Map.of("path", "Trips/2024/PARTY.JPG"));
        assertThat(audit(library)).filteredOn(line -> line.contains("\"target\":\"Trips/2024/PARTY.JPG\""))
                .singleElement().asString().contains("restored", "album-link=hardlink");
    }

    @Test
    void aHiddenPhotoLeavesItsAlbumsFoldersAndComesBackWhenUnhidden() {
        Library library = synced("hidden@example.com", "--on-hidden", "quarantine");
        Map<String, String> before = files();
        library.zone().hide(library.party());
        sync(library, "--on-hidden", "quarantine");
        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG");

        library.zone().unhide(library.party());
        sync(library, "--on-hidden", "quarantine");

        assertThat(files()).isEqualTo(before);
        assertThat(state(library).rows("SELECT path FROM album_link")).containsExactly(
                Map.of("path", "Trips/2024/PARTY.JPG"));
    }

    @Test
    void aFileTheUserPutInPlaceOfALinkSurvivesThePolicy() throws IOException {
        Library library = synced("userpolicy@example.com", "--on-delete", "delete");
        Files.delete(file("Trips/2024/PARTY.JPG"));
        Files.writeString(file("Trips/2024/PARTY.JPG"), "my own edit");
        library.zone().trash(library.party());

        sync(library, "--on-delete", "delete");

        assertThat(file("Trips/2024/PARTY.JPG")).hasContent("my own edit");
        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG", "Trips/2024/PARTY.JPG");
        assertThat(state(library).rows("SELECT * FROM album_link")).isEmpty();
    }

    @Test
    void aDryRunOfAPolicyLeavesTheLinksAndTheirRecords() throws IOException {
        Library library = synced("drypolicy@example.com", "--on-delete", "delete");
        Map<String, String> before = files();
        library.zone().trash(library.party());

        Result dry = sync(library, "--on-delete", "delete", "--dry-run");

        assertThat(dry.exitCode()).isZero();
        assertThat(files()).isEqualTo(before);
        assertThat(audit(library)).isEmpty();
        assertThat(state(library).rows("SELECT path FROM album_link")).containsExactly(
                Map.of("path", "Trips/2024/PARTY.JPG"));
    }

    @Test
    void anAlbumInAFolderIsFiledUnderTheFolderAndSelectedByItsName() {
        FakeAccount account = fake.createAccount("nested@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        String rome = zone.addPhoto(PhotoSpec.photo("ROME.JPG").takenAt(Instant.parse("2024-05-02T12:00:00Z"))
                .timeZoneOffset(0));
        zone.addPhoto(PhotoSpec.photo("HOME.JPG").takenAt(Instant.parse("2024-05-03T12:00:00Z")).timeZoneOffset(0));
        String trips = zone.createFolder("Trips");
        zone.addToAlbum(rome, zone.createAlbum("Trip to Rome", trips));
        CliRunner cli = signedIn("nested@example.com");

        Result result = cli.sync(photos(), "", "--folder-structure", LAYOUT, "-a", "Trip to Rome");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(files()).containsOnlyKeys("Trips/Trip to Rome/2024/ROME.JPG");
        assertThat(freshCopy("nested@example.com", "--folder-structure", LAYOUT, "-a", "Trips")).isEqualTo(files());
    }

    @Test
    void albumsInFoldersFollowTheRenamesMovesAndDeletionOfTheirFolders() throws IOException {
        Library library = synced("folders@example.com");
        FakeZone zone = library.zone();
        String events = zone.createFolder("Events");
        String christmas = zone.createAlbum("Christmas", events);
        zone.addToAlbum(library.party(), christmas);
        sync(library);
        assertThat(files()).containsKey("Events/Christmas/2024/PARTY.JPG");
        assertThat(Files.isSameFile(file("Events/Christmas/2024/PARTY.JPG"), file("Family/2024/PARTY.JPG"))).isTrue();

        zone.renameAlbum(events, "Holidays");
        sync(library);
        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG", "Family/2024/PARTY.JPG", "Trips/2024/PARTY.JPG",
                "Holidays/Christmas/2024/PARTY.JPG");
        assertThat(files()).isEqualTo(freshCopy(library.appleId(), "--folder-structure", LAYOUT));

        zone.moveAlbum(events, zone.createFolder("Archive"));
        sync(library);
        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG", "Family/2024/PARTY.JPG", "Trips/2024/PARTY.JPG",
                "Archive/Holidays/Christmas/2024/PARTY.JPG");
        assertThat(files()).isEqualTo(freshCopy(library.appleId(), "--folder-structure", LAYOUT));
        assertThat(audit(library)).filteredOn(line -> line.contains("album-home"))
                .anySatisfy(line -> assertThat(line).contains("\"target\":\"Events/Christmas/2024/PARTY.JPG\""))
                .anySatisfy(line -> assertThat(line).contains("\"target\":\"Family/2024/PARTY.JPG\""));

        zone.deleteAlbum(zone.albums().stream().filter(a -> a.name().equals("Archive")).findFirst().orElseThrow().id());
        sync(library);
        assertThat(files()).containsOnlyKeys("Trips/2024/BEACH.JPG", "Family/2024/PARTY.JPG", "Trips/2024/PARTY.JPG");
        assertThat(files()).isEqualTo(freshCopy(library.appleId(), "--folder-structure", LAYOUT));
    }

    @Test
    void otherLayoutsLeaveFilesAloneWhenAlbumsChange() {
        FakeAccount account = fake.createAccount("dated@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        String photo = zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").takenAt(Instant.parse("2024-01-10T12:00:00Z"))
                .timeZoneOffset(0));
        String trips = zone.createAlbum("Trips");
        zone.addToAlbum(photo, trips);
        CliRunner cli = signedIn("dated@example.com");
        assertThat(cli.sync(photos(), "").exitCode()).isZero();
        zone.addToAlbum(photo, zone.createAlbum("Family"));
        zone.renameAlbum(trips, "Voyages");

        Result result = cli.sync(photos(), "");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(files()).containsOnlyKeys("2024/01/10/IMG_0001.JPG");
    }
}
