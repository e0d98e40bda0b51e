package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.S3Server;
import com.camelicloud.photos.testing.SftpServer;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Syncing into an S3 bucket (a real s3proxy) and onto an SFTP server (a real Apache MINA SSHD): the same
 * files as a folder would get, the same policies, and a destination that fails half-way loses nothing.
 */
class DestinationsTest extends EndToEndTest {

    private static final String BUCKET = "photos";

    private static S3Server s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new S3Server();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    /** S3 keys go in a settings file, as a user would keep them out of the shell history. */
    private String[] s3Flags(String... more) throws IOException {
        Path config = home.resolve("s3.properties");
        Files.writeString(config, String.join("\n",
                "destination.s3.access-key=" + S3Server.ACCESS_KEY,
                "destination.s3.secret-key=" + S3Server.SECRET_KEY,
                ""));
        String[] base = {"--config", config.toString(), "--s3-endpoint", s3.endpoint()};
        String[] flags = new String[base.length + more.length];
        System.arraycopy(base, 0, flags, 0, base.length);
        System.arraycopy(more, 0, flags, base.length, more.length);
        return flags;
    }

    private String[] sftpFlags(SftpServer sftp, String... more) throws IOException {
        Path password = Files.writeString(home.resolve("sftp-password"), SftpServer.PASSWORD + "\n");
        Path knownHosts = sftp.knownHosts(home.resolve("known_hosts"));
        String[] base = {"--sftp-password-file", password.toString(), "--sftp-known-hosts", knownHosts.toString()};
        String[] flags = new String[base.length + more.length];
        System.arraycopy(base, 0, flags, 0, base.length);
        System.arraycopy(more, 0, flags, base.length, more.length);
        return flags;
    }

    private SftpServer sftpServer() throws IOException {
        return new SftpServer(home.resolve("sftp-root"), home.resolve("sftp-host-key"));
    }

    private static String sftpUri(SftpServer sftp) {
        return "sftp://" + SftpServer.USER + "@127.0.0.1:" + sftp.port() + "/library";
    }

    private StateDb state(String appleId) {
        return StateDb.of(home.resolve("state"), appleId);
    }

    private String pathOf(String appleId, FakeAsset asset) {
        return (String) state(appleId).rows("SELECT path FROM media_file WHERE file_key = ?", asset.masterId() + "/original")
                .get(0).get("path");
    }

    /** An album photo: {@code PARTY.JPG} in the albums Family and Trips. Returns its id and the Trips album's. */
    private static String[] photoInTwoAlbums(FakeZone zone) {
        String party = zone.addPhoto(PhotoSpec.photo("PARTY.JPG").takenAt(Instant.parse("2024-12-24T20:00:00Z"))
                .timeZoneOffset(0));
        String family = zone.createAlbum("Family");
        String trips = zone.createAlbum("Trips");
        zone.addToAlbum(party, family);
        zone.addToAlbum(party, trips);
        return new String[] {party, trips};
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void s3GetsEveryOriginalOnceWithTheItemsIdentity() throws IOException {
        FakeAccount account = account("s3-first@example.com", 12);
        CliRunner cli = signedIn("s3-first@example.com");

        ok(cli.sync("s3://" + BUCKET + "/alice", "", s3Flags()));

        Map<String, String> objects = s3.objects(BUCKET, "alice/");
        assertThat(LocalFiles.counts(objects)).isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        FakeAsset first = account.primaryZone().liveAssets().get(0);
        String key = "alice/" + pathOf("s3-first@example.com", first);
        assertThat(s3.userMetadata(BUCKET, key)).containsEntry("asset-id", first.id())
                .containsEntry("master-id", first.masterId()).containsKey("capture-date");
        // Nothing is left in the staging folder once the objects are up.
        assertThat(LocalFiles.published(home.resolve("state"))).allSatisfy((path, sha) ->
                assertThat(path).doesNotContain(".staging"));
    }

    @Test
    void s3QuarantinesTrashedItemsUnderTheirPrefixAndAddsNewOnes() throws IOException {
        FakeAccount account = account("s3-policy@example.com", 8);
        FakeZone zone = account.primaryZone();
        CliRunner cli = signedIn("s3-policy@example.com");
        ok(cli.sync("s3://" + BUCKET + "/bob", "", s3Flags("--on-delete", "quarantine")));
        FakeAsset victim = zone.liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst().orElseThrow();
        String path = pathOf("s3-policy@example.com", victim);
        zone.trash(victim.id());
        zone.addPhoto("S3_NEW_0001.JPG");

        ok(cli.sync("s3://" + BUCKET + "/bob", "", s3Flags("--on-delete", "quarantine")));

        Map<String, String> objects = s3.objects(BUCKET, "bob/");
        assertThat(objects).doesNotContainKey(path).containsKey(".deleted/" + path);
        assertThat(objects.keySet()).anyMatch(key -> key.endsWith("S3_NEW_0001.JPG"));
        objects.keySet().removeIf(key -> key.startsWith(".deleted/"));
        assertThat(LocalFiles.counts(objects)).isEqualTo(LocalFiles.expectedOriginals(zone));
    }

    @Test
    void s3KeepsTrashedItemsByDefaultAndDeletesPurgedOnesWithOnPurgeDelete() throws IOException {
        FakeAccount account = account("s3-keep@example.com", 6);
        FakeZone zone = account.primaryZone();
        CliRunner cli = signedIn("s3-keep@example.com");
        ok(cli.sync("s3://" + BUCKET + "/dave", "", s3Flags()));
        FakeAsset victim = zone.liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst().orElseThrow();
        String path = pathOf("s3-keep@example.com", victim);

        zone.trash(victim.id());
        ok(cli.sync("s3://" + BUCKET + "/dave", "", s3Flags("--on-purge", "delete")));
        assertThat(s3.objects(BUCKET, "dave/")).containsKey(path);

        zone.purge(victim.id());
        ok(cli.sync("s3://" + BUCKET + "/dave", "", s3Flags("--on-purge", "delete")));
        assertThat(s3.objects(BUCKET, "dave/")).doesNotContainKey(path);
        assertThat(Files.readAllLines(home.resolve("state").resolve("s3-keep@example.com.audit.jsonl")))
                .singleElement().asString().contains(path).contains("\"reason\":\"purged\"");
    }

    @Test
    void s3WithWrongKeysFailsNamingTheBucketAndStoresNoToken() throws IOException {
        account("s3-denied@example.com", 3);
        CliRunner cli = signedIn("s3-denied@example.com");
        Path config = Files.writeString(home.resolve("bad.properties"), String.join("\n",
                "destination.s3.access-key=" + S3Server.ACCESS_KEY,
                "destination.s3.secret-key=not-the-secret",
                ""));

        Result result = cli.sync("s3://" + BUCKET + "/carol", "", "--config", config.toString(),
                "--s3-endpoint", s3.endpoint());

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains(BUCKET).doesNotContain("not-the-secret");
        assertThat(state("s3-denied@example.com").zoneToken("PrimarySync")).isNull();
        assertThat(s3.objects(BUCKET, "carol/")).isEmpty();
    }

    @Test
    void s3AlbumLayoutCopiesAPhotoIntoItsOtherAlbumAndRemovesTheCopyWhenItLeaves() throws IOException {
        FakeZone zone = fake.createAccount("s3-album@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000).primaryZone();
        String[] partyInTrips = photoInTwoAlbums(zone);
        CliRunner cli = signedIn("s3-album@example.com");

        ok(cli.sync("s3://" + BUCKET + "/dana", "", s3Flags("--folder-structure", "{album}/%Y")));

        // Stored under the first album by name; the other album gets a copy (S3 has no links).
        Map<String, String> objects = s3.objects(BUCKET, "dana/");
        assertThat(objects).containsOnlyKeys("Family/2024/PARTY.JPG", "Trips/2024/PARTY.JPG");
        assertThat(objects.get("Trips/2024/PARTY.JPG")).isEqualTo(objects.get("Family/2024/PARTY.JPG"));

        zone.removeFromAlbum(partyInTrips[0], partyInTrips[1]);
        ok(cli.sync("s3://" + BUCKET + "/dana", "", s3Flags("--folder-structure", "{album}/%Y")));

        assertThat(s3.objects(BUCKET, "dana/")).containsOnlyKeys("Family/2024/PARTY.JPG");
    }

    @Test
    void sftpAlbumLayoutCopiesAPhotoIntoItsOtherAlbumAndADeletedAlbumLosesTheCopy() throws IOException {
        FakeZone zone = fake.createAccount("sftp-album@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000)
                .primaryZone();
        String[] partyInTrips = photoInTwoAlbums(zone);
        CliRunner cli = signedIn("sftp-album@example.com");
        try (SftpServer sftp = sftpServer()) {
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, "--folder-structure", "{album}/%Y")));

            Path library = sftp.root().resolve("library");
            Map<String, String> files = LocalFiles.published(library);
            assertThat(files).containsOnlyKeys("Family/2024/PARTY.JPG", "Trips/2024/PARTY.JPG");
            assertThat(files.get("Trips/2024/PARTY.JPG")).isEqualTo(files.get("Family/2024/PARTY.JPG"));

            zone.deleteAlbum(partyInTrips[1]);
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, "--folder-structure", "{album}/%Y")));

            assertThat(LocalFiles.published(library)).containsOnlyKeys("Family/2024/PARTY.JPG");
            assertThat(LocalFiles.leftovers(library, ".icloud-tmp")).isEmpty();
        }
    }

    private static final String[] RATED_ALBUMS = {"--folder-structure", "{album}/%Y", "--set-exif-rating",
            "--xmp-sidecar"};

    @Test
    void s3RewritesAFavouriteSetLaterIntoTheStoredObjectAndItsAlbumCopy() throws IOException {
        FakeZone zone = fake.createAccount("s3-rated@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000).primaryZone();
        String party = photoInTwoAlbums(zone)[0];
        CliRunner cli = signedIn("s3-rated@example.com");
        ok(cli.sync("s3://" + BUCKET + "/erin", "", s3Flags(RATED_ALBUMS)));
        Map<String, String> before = s3.objects(BUCKET, "erin/");

        zone.favourite(party);
        fake.resetCounters();
        ok(cli.sync("s3://" + BUCKET + "/erin", "", s3Flags(RATED_ALBUMS)));

        assertThat(fake.calls(Endpoint.CDN)).isZero();
        Map<String, String> objects = s3.objects(BUCKET, "erin/");
        assertThat(objects.get("Family/2024/PARTY.JPG")).isNotEqualTo(before.get("Family/2024/PARTY.JPG"))
                .isEqualTo(objects.get("Trips/2024/PARTY.JPG"));
        ok(freshlySignedIn("s3-rated@example.com").sync("s3://" + BUCKET + "/erin-fresh", "", s3Flags(RATED_ALBUMS)));
        assertThat(objects).isEqualTo(s3.objects(BUCKET, "erin-fresh/"));
    }

    @Test
    void sftpRewritesAFavouriteSetLaterIntoTheStoredFileAndItsAlbumCopy() throws IOException {
        FakeZone zone = fake.createAccount("sftp-rated@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000)
                .primaryZone();
        String party = photoInTwoAlbums(zone)[0];
        CliRunner cli = signedIn("sftp-rated@example.com");
        try (SftpServer sftp = sftpServer()) {
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, RATED_ALBUMS)));
            Path library = sftp.root().resolve("library");
            Map<String, String> before = LocalFiles.published(library);

            zone.favourite(party);
            fake.resetCounters();
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, RATED_ALBUMS)));

            assertThat(fake.calls(Endpoint.CDN)).isZero();
            Map<String, String> files = LocalFiles.published(library);
            assertThat(files.get("Family/2024/PARTY.JPG")).isNotEqualTo(before.get("Family/2024/PARTY.JPG"))
                    .isEqualTo(files.get("Trips/2024/PARTY.JPG"));
            assertThat(LocalFiles.leftovers(library, ".icloud-tmp")).isEmpty();
            assertThat(files).isEqualTo(freshCopy("sftp-rated@example.com", RATED_ALBUMS));
        }
    }

    @Test
    void sftpGetsEveryOriginalAndDeletesWhatIsPurgedWithTheDeletePolicy() throws IOException {
        FakeAccount account = account("sftp-first@example.com", 10);
        FakeZone zone = account.primaryZone();
        CliRunner cli = signedIn("sftp-first@example.com");
        try (SftpServer sftp = sftpServer()) {
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, "--on-delete", "delete")));
            Path library = sftp.root().resolve("library");
            assertThat(LocalFiles.counts(LocalFiles.published(library))).isEqualTo(LocalFiles.expectedOriginals(zone));

            FakeAsset victim = zone.liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst().orElseThrow();
            String path = pathOf("sftp-first@example.com", victim);
            zone.trash(victim.id());
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, "--on-delete", "delete")));

            assertThat(library.resolve(path)).doesNotExist();
            assertThat(LocalFiles.counts(LocalFiles.published(library))).isEqualTo(LocalFiles.expectedOriginals(zone));
            assertThat(LocalFiles.leftovers(library, ".icloud-tmp")).isEmpty();
        }
    }

    @Test
    void sftpQuarantinesTrashedItemsAndARestoreBringsThemBack() throws IOException {
        FakeAccount account = account("sftp-quarantine@example.com", 6);
        FakeZone zone = account.primaryZone();
        CliRunner cli = signedIn("sftp-quarantine@example.com");
        try (SftpServer sftp = sftpServer()) {
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, "--on-delete", "quarantine")));
            Path library = sftp.root().resolve("library");
            Map<String, String> before = LocalFiles.published(library);
            FakeAsset victim = zone.liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst().orElseThrow();
            String path = pathOf("sftp-quarantine@example.com", victim);

            zone.trash(victim.id());
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, "--on-delete", "quarantine")));
            assertThat(library.resolve(path)).doesNotExist();
            assertThat(LocalFiles.sha256(Files.readAllBytes(library.resolve(".deleted").resolve(path))))
                    .isEqualTo(before.get(path));

            zone.restore(victim.id());
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, "--on-delete", "quarantine")));
            assertThat(LocalFiles.published(library)).isEqualTo(before);
            assertThat(library.resolve(".deleted").resolve(path)).doesNotExist();
        }
    }

    @Test
    void sftpUploadsShareTheirConnectionsInsteadOfOpeningOnePerFile() throws IOException {
        FakeAccount account = account("sftp-sessions@example.com", 24);
        CliRunner cli = signedIn("sftp-sessions@example.com");
        try (SftpServer sftp = sftpServer()) {
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, "--threads-num", "2")));

            Path library = sftp.root().resolve("library");
            assertThat(LocalFiles.counts(LocalFiles.published(library)))
                    .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
            // one connection per upload thread at most, plus the destination's own for probes and moves
            assertThat(sftp.sessionsOpened()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void sftpFailingHalfWayKeepsTheTokenAndTheNextRunFinishesWithoutDuplicates() throws IOException {
        FakeAccount account = account("sftp-full@example.com", 10);
        FakeZone zone = account.primaryZone();
        CliRunner cli = signedIn("sftp-full@example.com");
        try (SftpServer sftp = sftpServer()) {
            sftp.failAfter(3);

            Result failed = cli.sync(sftpUri(sftp), "", sftpFlags(sftp));

            assertThat(failed.exitCode()).as(failed.toString()).isNotZero();
            assertThat(failed.stderr()).contains("cannot write to " + sftpUri(sftp)).doesNotContain(SftpServer.PASSWORD);
            assertThat(state("sftp-full@example.com").zoneToken("PrimarySync")).isNull();
            Path library = sftp.root().resolve("library");
            assertThat(LocalFiles.published(library).keySet().stream().filter(path -> !path.endsWith(".icloud-tmp")))
                    .hasSizeLessThan(LocalFiles.expectedOriginals(zone).size());

            sftp.healthy();
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp)));

            assertThat(LocalFiles.counts(LocalFiles.published(library))).isEqualTo(LocalFiles.expectedOriginals(zone));
            assertThat(LocalFiles.leftovers(library, ".icloud-tmp")).isEmpty();
            assertThat(state("sftp-full@example.com").zoneToken("PrimarySync")).isNotNull();
        }
    }

    @Test
    void sftpWithTheHostKeyCheckTurnedOffUploadsAndMovesWithoutAKnownHostsFile() throws IOException {
        FakeAccount account = account("sftp-insecure@example.com", 4);
        FakeZone zone = account.primaryZone();
        CliRunner cli = signedIn("sftp-insecure@example.com");
        try (SftpServer sftp = sftpServer()) {
            Path password = Files.writeString(home.resolve("pw"), SftpServer.PASSWORD + "\n");
            String[] flags = {"--sftp-password-file", password.toString(), "--sftp-known-hosts",
                    home.resolve("no_known_hosts").toString(), "--sftp-insecure-no-host-key-check", "--on-delete", "delete"};
            ok(cli.sync(sftpUri(sftp), "", flags));
            FakeAsset victim = zone.liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst().orElseThrow();
            zone.trash(victim.id());

            ok(cli.sync(sftpUri(sftp), "", flags));

            assertThat(LocalFiles.counts(LocalFiles.published(sftp.root().resolve("library"))))
                    .isEqualTo(LocalFiles.expectedOriginals(zone));
        }
    }

    @Test
    void sftpRefusesAnUnknownHostKeyAndWritesNothing() throws IOException {
        account("sftp-unknown@example.com", 2);
        CliRunner cli = signedIn("sftp-unknown@example.com");
        try (SftpServer sftp = sftpServer()) {
            Path password = Files.writeString(home.resolve("pw"), SftpServer.PASSWORD + "\n");
            Path emptyKnownHosts = Files.writeString(home.resolve("empty_known_hosts"), "");

            Result result = cli.sync(sftpUri(sftp), "", "--sftp-password-file", password.toString(),
                    "--sftp-known-hosts", emptyKnownHosts.toString());

            assertThat(result.exitCode()).as(result.toString()).isNotZero();
            assertThat(result.stderr()).containsIgnoringCase("host key");
            assertThat(LocalFiles.published(sftp.root())).isEmpty();
        }
    }

    /** {@code import-existing} to {@code destination}: the sync's flags and the import's. */
    private static Result importExisting(CliRunner cli, String destination, String... flags) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("import-existing", "-d", destination,
                "--no-progress-bar"));
        args.addAll(java.util.List.of(flags));
        return cli.run("", args);
    }

    /** A damaged state, as if its file were overwritten: a run must be rebuilt from what the destination holds. */
    private void damageState(String appleId) throws IOException {
        Path database = StateDb.fileOf(home.resolve("state"), appleId);
        Files.write(database, new byte[8192]);
        for (String journal : new String[] {"-wal", "-shm"}) {
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + journal));
        }
    }

    @Test
    void s3StateIsRebuiltFromTheObjectsThereWithoutDownloadingThemAgain() throws IOException {
        account("s3-rebuild@example.com", 12);
        CliRunner cli = signedIn("s3-rebuild@example.com");
        String bucket = "s3://" + BUCKET + "/rebuild";
        ok(cli.sync(bucket, "", s3Flags("--set-exif-datetime")));
        Map<String, String> objects = s3.objects(BUCKET, "rebuild/");
        damageState("s3-rebuild@example.com");

        fake.resetCounters();
        Result rebuilt = ok(importExisting(cli, bucket, s3Flags("--set-exif-datetime", "--rebuild-state")));

        assertThat(fake.calls(com.camelicloud.photos.fake.Endpoint.CDN)).isZero();
        assertThat(rebuilt.stdout()).contains("with metadata written into them); 0 not matched; "
                + "0 unexpected file(s) left alone.");
        fake.resetCounters();
        ok(cli.sync(bucket, "", s3Flags("--set-exif-datetime")));
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
        assertThat(s3.objects(BUCKET, "rebuild/")).isEqualTo(objects);
    }

    @Test
    void sftpFilesAreAdoptedWhenTheStateIsLost() throws IOException {
        account("sftp-import@example.com", 12);
        CliRunner cli = signedIn("sftp-import@example.com");
        try (SftpServer sftp = sftpServer()) {
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, "--set-exif-datetime")));
            Path library = sftp.root().resolve("library");
            Map<String, String> files = LocalFiles.published(library);
            Files.delete(StateDb.fileOf(home.resolve("state"), "sftp-import@example.com"));

            fake.resetCounters();
            Result imported = ok(importExisting(cli, sftpUri(sftp), sftpFlags(sftp, "--set-exif-datetime")));

            assertThat(fake.calls(com.camelicloud.photos.fake.Endpoint.CDN)).isZero();
            assertThat(imported.stdout()).contains("with metadata written into them); 0 not matched; "
                    + "0 unexpected file(s) left alone.");
            fake.resetCounters();
            ok(cli.sync(sftpUri(sftp), "", sftpFlags(sftp, "--set-exif-datetime")));
            assertThat(fake.cloudKitCalls()).isEqualTo(1);
            assertThat(LocalFiles.published(library)).isEqualTo(files);
        }
    }
}
