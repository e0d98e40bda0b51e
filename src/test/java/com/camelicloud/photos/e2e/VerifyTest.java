package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/**
 * {@code verify} on a folder: an intact copy is all well; deleted, truncated and corrupted files, left-over temp files
 * and files the state does not know are reported, and {@code --repair} fetches exactly the missing and damaged ones
 * again at their paths, removes the temp files and leaves the unknown files alone.
 */
class VerifyTest extends EndToEndTest {

    private record Synced(FakeAccount account, CliRunner cli, Map<String, String> files) {
    }

    private Synced synced(String appleId, int assets) {
        FakeAccount account = account(appleId, assets);
        CliRunner cli = signedIn(appleId);
        Result first = cli.sync(photos(), "");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        fake.resetCounters();
        return new Synced(account, cli, LocalFiles.published(photos()));
    }

    private Result verify(Synced synced, String... flags) {
        List<String> command = new ArrayList<>(List.of("verify", "-d", photos().toString(), "--no-progress-bar"));
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
    void anIntactCopyIsAllWellAndICloudsCountsStandBesideTheState() {
        Synced synced = synced("verify-intact@example.com", 20);

        Result result = verify(synced);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Verified " + photos() + ": " + synced.files().size() + " stored files")
                .contains("Missing: 0, damaged: 0, unexpected: 0, left-over temp files: 0.").contains("All well.");
        long videos = synced.account().primaryZone().liveAssets().stream().filter(a -> a.isVideo()).count();
        long items = synced.account().primaryZone().liveAssets().size();
        assertThat(result.stdout()).containsPattern("PrimarySync +photos +" + (items - videos) + " +" + (items - videos))
                .containsPattern("PrimarySync +videos +" + videos + " +" + videos);
        // Nothing downloaded, nothing asked of iCloud but its two counts.
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(fake.calls(Endpoint.CHANGES_DATABASE)).isZero();
    }

    @Test
    void deletedAndTruncatedFilesAreReportedAndRepairRestoresExactlyThoseInPlace() throws IOException {
        Synced synced = synced("verify-repair@example.com", 30);
        List<String> paths = synced.files().keySet().stream().sorted().toList();
        Set<String> deleted = new TreeSet<>(paths.subList(0, 10));
        Set<String> truncated = new TreeSet<>(paths.subList(10, 15));
        for (String path : deleted) {
            Files.delete(photos().resolve(path));
        }
        for (String path : truncated) {
            Path file = photos().resolve(path);
            Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 100));
        }

        Result found = verify(synced);

        assertThat(found.exitCode()).as(found.toString()).isEqualTo(2);
        assertThat(listed(found, "missing")).isEqualTo(deleted);
        assertThat(listed(found, "damaged")).isEqualTo(truncated);
        assertThat(found.stdout()).contains("Missing: 10, damaged: 5, unexpected: 0, left-over temp files: 0.");
        assertThat(fake.calls(Endpoint.CDN)).isZero();

        Result repaired = verify(synced, "--repair");

        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.stdout()).contains("Repair: 15 of 15 file(s) fetched again at their paths").contains("All well.");
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(15);
        assertThat(fake.calls(Endpoint.CHANGES_DATABASE)).isZero();
        assertThat(LocalFiles.published(photos())).isEqualTo(synced.files());

        fake.resetCounters();
        Result after = verify(synced);
        assertThat(after.exitCode()).as(after.toString()).isZero();
        Result sync = synced.cli().sync(photos(), "");
        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(fake.cloudKitCalls()).isEqualTo(1 + 2);
    }

    @Test
    void checksumsFindACorruptionOfTheSameSizeAndRepairReplacesIt() throws IOException {
        Synced synced = synced("verify-checksums@example.com", 8);
        String corrupted = synced.files().keySet().stream().sorted().findFirst().orElseThrow();
        Path file = photos().resolve(corrupted);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(file, bytes);

        Result sizesOnly = verify(synced);
        assertThat(sizesOnly.exitCode()).as(sizesOnly.toString()).isZero();

        Result found = verify(synced, "--checksums");
        assertThat(found.exitCode()).as(found.toString()).isEqualTo(2);
        assertThat(listed(found, "damaged")).containsExactly(corrupted);
        assertThat(found.stdout()).contains("SHA-256 differs");

        Result repaired = verify(synced, "--checksums", "--repair");
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
        assertThat(LocalFiles.published(photos())).isEqualTo(synced.files());
        assertThat(verify(synced, "--checksums").exitCode()).isZero();
    }

    @Test
    void leftOverTempFilesAreRemovedByRepairAndAnUnexpectedFileIsOnlyReported() throws IOException {
        Synced synced = synced("verify-leftovers@example.com", 6);
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
    void aQuarantinedFileIsCheckedInItsFolderAndOneThatWentMissingIsReportedAsNotRepairable() throws IOException {
        Synced synced = synced("verify-quarantine@example.com", 6);
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
}
