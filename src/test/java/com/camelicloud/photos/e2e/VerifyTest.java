package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.S3Server;
import com.camelicloud.photos.testing.SftpServer;
import com.camelicloud.photos.testing.StateDb;
import com.camelicloud.photos.testing.WatchProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code verify} on a folder, an S3 bucket (s3proxy) and an SFTP server (MINA SSHD): an intact copy is all well (exit
 * 0); deleted, truncated and corrupted files, left-over temp files and files the state does not know are reported
 * (exit 2), and {@code --repair} fetches exactly the missing and damaged ones again at their paths, removes the temp
 * files and leaves the unknown files alone. {@code --rebuild-state} rebuilds an unusable state without a download.
 */
class VerifyTest extends EndToEndTest {

    private static final String BUCKET = "verify";

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

    /** A destination as a test reaches it behind the tool's back. */
    private interface Copy {
        /** What {@code -d} names. */
        String destination();

        /** The flags that reach it. */
        String[] flags() throws IOException;

        /** Every file, path → SHA-256. */
        Map<String, String> files();

        void delete(String path) throws IOException;

        /** Keeps the first {@code length} bytes. */
        void truncate(String path, int length) throws IOException;

        /** Flips one byte in the middle: the same size, other bytes. */
        void corrupt(String path) throws IOException;
    }

    /** A folder, or the folder an SFTP server serves. */
    private static Copy onDisk(String destination, Path root, String... flags) {
        return new Copy() {
            @Override
            public String destination() {
                return destination;
            }

            @Override
            public String[] flags() {
                return flags;
            }

            @Override
            public Map<String, String> files() {
                return LocalFiles.published(root);
            }

            @Override
            public void delete(String path) throws IOException {
                Files.delete(root.resolve(path));
            }

            @Override
            public void truncate(String path, int length) throws IOException {
                Path file = root.resolve(path);
                Files.write(file, Arrays.copyOf(Files.readAllBytes(file), length));
            }

            @Override
            public void corrupt(String path) throws IOException {
                Path file = root.resolve(path);
                Files.write(file, flipped(Files.readAllBytes(file)));
            }
        };
    }

    private Copy folder() {
        return onDisk(photos().toString(), photos());
    }

    private Copy bucket(String prefix) {
        String keys = prefix + "/";
        return new Copy() {
            @Override
            public String destination() {
                return "s3://" + BUCKET + "/" + prefix;
            }

            @Override
            public String[] flags() {
                return s3.flags(home);
            }

            @Override
            public Map<String, String> files() {
                return s3.objects(BUCKET, keys);
            }

            @Override
            public void delete(String path) {
                s3.remove(BUCKET, keys + path);
            }

            @Override
            public void truncate(String path, int length) {
                s3.put(BUCKET, keys + path, Arrays.copyOf(s3.get(BUCKET, keys + path), length));
            }

            @Override
            public void corrupt(String path) {
                s3.put(BUCKET, keys + path, flipped(s3.get(BUCKET, keys + path)));
            }
        };
    }

    private Copy server(SftpServer sftp) throws IOException {
        return onDisk(sftp.uri("library"), sftp.root().resolve("library"), sftp.flags(home));
    }

    private SftpServer sftpServer() throws IOException {
        return new SftpServer(home.resolve("sftp-root"), home.resolve("sftp-host-key"));
    }

    private static byte[] flipped(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= 0x5A;
        return copy;
    }

    private record Synced(FakeAccount account, CliRunner cli, Copy copy, Map<String, String> files) {
    }

    private Synced synced(String appleId, int assets, Copy copy) throws IOException {
        FakeAccount account = account(appleId, assets);
        CliRunner cli = signedIn(appleId);
        Result first = cli.sync(copy.destination(), "", copy.flags());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        fake.resetCounters();
        return new Synced(account, cli, copy, copy.files());
    }

    private static Result verify(Synced synced, String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of("verify", "-d", synced.copy().destination(), "--no-progress-bar"));
        command.addAll(List.of(synced.copy().flags()));
        command.addAll(List.of(flags));
        return synced.cli().run("", command);
    }

    /** The paths the report lists after {@code label} (missing, damaged, unexpected, temp file). */
    static Set<String> listed(Result result, String label) {
        Set<String> paths = new TreeSet<>();
        for (String line : result.stdout().split("\n")) {
            if (line.startsWith("  " + label + " ")) {
                String rest = line.substring(label.length() + 2).trim();
                int end = rest.indexOf(": ");
                int note = rest.indexOf(" (");
                int cut = end < 0 ? note : note < 0 ? end : Math.min(end, note);
                paths.add(cut < 0 ? rest : rest.substring(0, cut));
            }
        }
        return paths;
    }

    @Test
    void anIntactCopyIsAllWellAndICloudsCountsStandBesideTheState() throws IOException {
        Synced synced = synced("verify-intact@example.com", 20, folder());

        Result result = verify(synced);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Verified " + photos() + ": " + synced.files().size() + " stored files")
                .contains("Missing: 0, damaged: 0, unexpected: 0, left-over temp files: 0.").contains("All well.")
                .doesNotContain("Incomplete");
        long videos = synced.account().primaryZone().liveAssets().stream().filter(a -> a.isVideo()).count();
        long items = synced.account().primaryZone().liveAssets().size();
        assertThat(result.stdout()).containsPattern("PrimarySync +photos +" + (items - videos) + " +" + (items - videos))
                .containsPattern("PrimarySync +videos +" + videos + " +" + videos);
        // Nothing downloaded, nothing asked of iCloud but its two counts.
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(fake.calls(Endpoint.CHANGES_DATABASE)).isZero();
    }

    @Test
    void aFolderThatLostFilesIsRepairedInPlace() throws IOException {
        repairsExactlyTheDeletedAndTruncatedFiles(synced("verify-folder@example.com", 30, folder()));
    }

    @Test
    void anS3BucketThatLostObjectsIsRepairedInPlace() throws IOException {
        repairsExactlyTheDeletedAndTruncatedFiles(synced("verify-s3@example.com", 30, bucket("repair")));
    }

    @Test
    void anSftpServerThatLostFilesIsRepairedInPlace() throws IOException {
        try (SftpServer sftp = sftpServer()) {
            repairsExactlyTheDeletedAndTruncatedFiles(synced("verify-sftp@example.com", 30, server(sftp)));
        }
    }

    /**
     * 10 files deleted and 5 truncated: verify names exactly those and downloads nothing; --repair downloads exactly
     * those 15 again, at their paths (no copy beside a damaged one), asks iCloud for no change; the copy is then as
     * synced, byte for byte, and the next sync has nothing to do.
     */
    private void repairsExactlyTheDeletedAndTruncatedFiles(Synced synced) throws IOException {
        List<String> paths = synced.files().keySet().stream().sorted().toList();
        Set<String> deleted = new TreeSet<>(paths.subList(0, 10));
        Set<String> truncated = new TreeSet<>(paths.subList(10, 15));
        for (String path : deleted) {
            synced.copy().delete(path);
        }
        for (String path : truncated) {
            synced.copy().truncate(path, 100);
        }

        Result found = verify(synced);

        assertThat(found.exitCode()).as(found.toString()).isEqualTo(2);
        assertThat(listed(found, "missing")).isEqualTo(deleted);
        assertThat(listed(found, "damaged")).isEqualTo(truncated);
        assertThat(found.stdout()).contains("Missing: 10, damaged: 5, unexpected: 0, left-over temp files: 0.")
                .contains("verify --repair fetches");
        assertThat(fake.calls(Endpoint.CDN)).isZero();

        Result repaired = verify(synced, "--repair");

        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.stdout()).contains("Repair: 15 of 15 file(s) fetched again at their paths").contains("All well.");
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(15);
        assertThat(fake.calls(Endpoint.CHANGES_DATABASE)).isZero();
        assertThat(synced.copy().files()).isEqualTo(synced.files());

        fake.resetCounters();
        Result checked = verify(synced, "--checksums");
        assertThat(checked.exitCode()).as(checked.toString()).isZero();
        assertThat(checked.stdout()).contains("SHA-256 recomputed for " + synced.files().size());
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        fake.resetCounters();
        Result sync = synced.cli().sync(synced.copy().destination(), "", synced.copy().flags());
        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
    }

    @Test
    void checksumsFindACorruptionOfTheSameSizeAndRepairReplacesIt() throws IOException {
        Synced synced = synced("verify-checksums@example.com", 8, bucket("checksums"));
        String corrupted = synced.files().keySet().stream().sorted().findFirst().orElseThrow();
        synced.copy().corrupt(corrupted);

        Result sizesOnly = verify(synced);
        assertThat(sizesOnly.exitCode()).as(sizesOnly.toString()).isZero();

        Result found = verify(synced, "--checksums");
        assertThat(found.exitCode()).as(found.toString()).isEqualTo(2);
        assertThat(listed(found, "damaged")).containsExactly(corrupted);
        assertThat(found.stdout()).contains("SHA-256 differs");

        Result repaired = verify(synced, "--checksums", "--repair");
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
        assertThat(synced.copy().files()).isEqualTo(synced.files());
        assertThat(verify(synced, "--checksums").exitCode()).isZero();
    }

    @Test
    void leftOverTempFilesAreRemovedByRepairAndAnUnexpectedFileIsOnlyReported() throws IOException {
        Synced synced = synced("verify-leftovers@example.com", 6, folder());
        Path temp = Files.createDirectories(photos().resolve(".icloud-photos-tmp"));
        Files.writeString(temp.resolve("ABCDEF.icloud-tmp"), "half a photo");
        Files.writeString(temp.resolve("sidecar123.xmp"), "<x/>");
        Path unexpected = Files.writeString(Files.createDirectories(photos().resolve("2020")).resolve("notes.txt"), "mine");
        // a user's own dot-folder is left to its owner: neither unexpected nor a temp file
        Files.writeString(Files.createDirectories(photos().resolve(".stfolder")).resolve("marker"), "");

        Result found = verify(synced);

        assertThat(found.exitCode()).as(found.toString()).isEqualTo(2);
        assertThat(listed(found, "temp file")).containsExactly(".icloud-photos-tmp/ABCDEF.icloud-tmp",
                ".icloud-photos-tmp/sidecar123.xmp");
        assertThat(listed(found, "unexpected")).containsExactly("2020/notes.txt");

        Result repaired = verify(synced, "--repair");

        assertThat(repaired.stdout()).contains("0 of 0 file(s) fetched again").contains("2 of 2 temp file(s) removed");
        assertThat(temp).isEmptyDirectory();
        assertThat(unexpected).hasContent("mine");
        // the unexpected file keeps the verdict at "not all well"
        assertThat(repaired.exitCode()).as(repaired.toString()).isEqualTo(2);
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        Files.delete(unexpected);
        assertThat(verify(synced).exitCode()).isZero();
    }

    @Test
    void anUnfinishedS3UploadAndAStagedFileAreLeftOversThatRepairRemoves() throws IOException {
        Synced synced = synced("verify-s3-leftovers@example.com", 4, bucket("leftovers"));
        s3.leaveUnfinishedUpload(BUCKET, "leftovers/2016/01/03/IMG_9999.JPG");
        Path staged = Files.writeString(Files.createDirectories(home.resolve("state")
                .resolve(com.camelicloud.photos.state.DataDirectory.accountKey("verify-s3-leftovers@example.com")
                        + ".staging")).resolve("XYZ.icloud-tmp"), "half a photo");

        Result found = verify(synced);

        assertThat(found.exitCode()).as(found.toString()).isEqualTo(2);
        assertThat(found.stdout()).contains("temp file   2016/01/03/IMG_9999.JPG (unfinished upload)")
                .contains("temp file   " + staged + " (staging folder)");

        Result repaired = verify(synced, "--repair");

        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.stdout()).contains("2 of 2 temp file(s) removed");
        assertThat(s3.unfinishedUploads(BUCKET)).isEmpty();
        assertThat(staged).doesNotExist();
        assertThat(synced.copy().files()).isEqualTo(synced.files());
        assertThat(fake.calls(Endpoint.CDN)).isZero();
    }

    @Test
    void anUploadLeftUnderItsTempNameOnSftpIsALeftOverThatRepairRemoves() throws IOException {
        try (SftpServer sftp = sftpServer()) {
            Synced synced = synced("verify-sftp-leftovers@example.com", 4, server(sftp));
            Path partial = Files.writeString(Files.createDirectories(sftp.root().resolve("library/2016/01/03"))
                    .resolve("IMG_9999.JPG.icloud-tmp"), "half a photo");

            Result found = verify(synced);

            assertThat(found.exitCode()).as(found.toString()).isEqualTo(2);
            assertThat(listed(found, "temp file")).containsExactly("2016/01/03/IMG_9999.JPG.icloud-tmp");
            assertThat(listed(found, "unexpected")).isEmpty();

            Result repaired = verify(synced, "--repair");

            assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
            assertThat(partial).doesNotExist();
            assertThat(fake.calls(Endpoint.CDN)).isZero();
        }
    }

    @Test
    void aQuarantinedFileIsCheckedInItsFolderAndOneThatWentMissingIsReportedAsNotRepairable() throws IOException {
        Synced synced = synced("verify-quarantine@example.com", 6, folder());
        var victim = synced.account().primaryZone().liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst()
                .orElseThrow();
        String path = (String) StateDb.of(home.resolve("state"), "verify-quarantine@example.com")
                .rows("SELECT path FROM media_file WHERE file_key = ?", victim.masterId() + "/original").get(0).get("path");
        synced.account().primaryZone().trash(victim.id());
        Result sync = synced.cli().sync(photos(), "", "--on-delete", "quarantine");
        assertThat(sync.exitCode()).as(sync.toString()).isZero();

        assertThat(verify(synced).exitCode()).isZero();

        Files.delete(photos().resolve(".deleted").resolve(path));
        Result found = verify(synced, "--repair");
        assertThat(found.exitCode()).as(found.toString()).isEqualTo(2);
        assertThat(listed(found, "missing")).containsExactly(".deleted/" + path);
        assertThat(found.stdout()).contains("set aside in .deleted/").contains("0 of 0 file(s) fetched again");
    }

    /**
     * A state database that cannot be read names {@code verify --rebuild-state}, which rebuilds it from a full listing
     * and the files in the destination without a download; the one file lost meanwhile makes its item incomplete,
     * which the verify after the rebuild reports and --repair fetches, alone.
     */
    @Test
    void rebuildStateRebuildsAnUnreadableStateWithoutADownloadAndRepairFetchesWhatItDidNotFind() throws IOException {
        Synced synced = synced("verify-rebuild@example.com", 12, folder());
        Path database = StateDb.fileOf(home.resolve("state"), "verify-rebuild@example.com");
        byte[] junk = new byte[16_384];
        new Random(11).nextBytes(junk);
        Files.write(database, junk);
        for (String journal : new String[] {"-wal", "-shm"}) {
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + journal));
        }
        String lost = synced.files().keySet().stream().sorted().findFirst().orElseThrow();
        synced.copy().delete(lost);

        Result refused = verify(synced);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).contains("the state database " + database + " is not a SQLite database")
                .contains("run `camel-icloud-photos verify --rebuild-state` with the same -u and -d");

        Result rebuilt = verify(synced, "--rebuild-state");

        assertThat(rebuilt.exitCode()).as(rebuilt.toString()).isEqualTo(2);
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(rebuilt.stdout()).contains("not matched: " + lost)
                .contains("Verified " + photos() + ": " + (synced.files().size() - 1) + " stored files")
                .contains("Missing: 0, damaged: 0, unexpected: 0, left-over temp files: 0.")
                .contains("Incomplete: 1 item(s) of the library lack files");
        try (var aside = Files.list(database.getParent())) {
            assertThat(aside.filter(file -> file.getFileName().toString()
                    .startsWith(database.getFileName() + ".before-rebuild-"))).hasSize(1);
        }

        Result repaired = verify(synced, "--repair");

        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.stdout()).contains("Incomplete items: 1 before the repair, 0 after it.").contains("All well.");
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
        assertThat(synced.copy().files()).isEqualTo(synced.files());
    }

    @Test
    void rebuildStateAndRepairAreOneAfterTheOther() throws IOException {
        Synced synced = synced("verify-flags@example.com", 2, folder());

        Result result = verify(synced, "--rebuild-state", "--repair");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("--rebuild-state and --repair go one after the other");
        assertThat(fake.cloudKitCalls()).isZero();
    }

    /**
     * A long-running sync verifies its destination on its first cycle (and then every --verify-interval, a day by
     * default): files deleted and truncated while it was not running are fetched again by that very cycle, in place,
     * and its summary says what was found.
     */
    @Test
    void watchModeVerifiesOnItsFirstCycleAndFetchesWhatWentMissing() throws Exception {
        Synced synced = synced("verify-watch@example.com", 10, folder());
        List<String> paths = synced.files().keySet().stream().sorted().toList();
        synced.copy().delete(paths.get(0));
        synced.copy().delete(paths.get(1));
        synced.copy().truncate(paths.get(2), 100);
        Path log = Files.createTempFile(home, "watch-", ".log");

        try (WatchProcess watch = WatchProcess.start(fake, "verify-watch@example.com", home.resolve("state"), photos(),
                WatchProcess.freePort(), FakeDefaults.PASSWORD, log)) {
            String summary = "Verified " + synced.files().size() + " stored files first: 2 missing and 1 damaged "
                    + "(fetched again in this cycle), 0 unexpected, 0 left-over temp files.";
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!watch.output().contains(summary) && watch.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(watch.output()).contains(summary).contains("3 files downloaded");
            assertThat(synced.copy().files()).isEqualTo(synced.files());
            assertThat(fake.calls(Endpoint.CDN)).isEqualTo(3);
            watch.stop();
        }
    }

    @Test
    void theVerifyIntervalIsForWatchModeAndADurationOrOff() throws IOException {
        Synced synced = synced("verify-interval@example.com", 1, folder());

        Result oneOff = synced.cli().sync(photos(), "", "--verify-interval", "12h");
        Result wrong = synced.cli().sync(photos(), "", "--watch-with-interval", "3600", "--verify-interval", "daily");

        assertThat(oneOff.exitCode()).as(oneOff.toString()).isEqualTo(1);
        assertThat(oneOff.stderr()).contains("--verify-interval is for watch mode");
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.stderr()).contains("--verify-interval").contains("must be a number and a unit (s, m, h or d)")
                .contains("or off, not 'daily'");
        assertThat(fake.cloudKitCalls()).isZero();
    }
}
