package com.camelicloud.photos.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.camelicloud.photos.fake.CdnFault;
import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.FakeResource;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.fake.Variant;
import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.testing.ChildCli;
import com.camelicloud.photos.testing.ChildCli.Child;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Kill the process at any instant (kill -9) and the next run finishes the job: no file missing, duplicated or corrupt,
 * no completed file downloaded again, no temp file left behind."
 * <p>
 * Each case runs a sync of the real CLI in a child JVM that {@link CrashConfiguration} halts at one instant (no shutdown
 * hook and no finally block runs, as with SIGKILL), sometimes twice in a row, then runs the sync again to completion in
 * this JVM and compares the destination with the fake's library and with an uninterrupted sync of the same library.
 * A file already under its final name when a run starts must not be fetched from the CDN by that run; afterwards a
 * sync with nothing new must cost one CloudKit request, which proves the stored tokens ended consistent with the files.
 * <p>
 * To run some cases only: {@code -Dcrash.only=<part of their names>}; {@code -Dcrash.trace=true} makes the child print
 * every endpoint event (shown when a case fails).
 */
class CrashResumeTest extends EndToEndTest {

    /**
     * A first sync of 230 items (212 visible): three records/query pages of at most 100 items, whose zone token is
     * stored only with the last. Every case syncs the same account (this library never changes) into its own folder
     * with its own state, so the reference, an uninterrupted sync of that account, has exactly the names a resumed sync
     * must have: which of two same-name, same-time photos gets the {@code -<size>} name depends on record names, and
     * those depend on the account.
     */
    private static final Library FIRST = new Library("first", 7_301L, 230, false, List.of());
    /**
     * An incremental cycle after a clean first sync of 12 items: five items trashed (and quarantined), then 110 added,
     * two changes/zone pages. Each case has its own account, since it changes the library; the reference is a twin
     * account given the same seed and the same change, whose names are the same as this library has no same-name,
     * same-time photos.
     */
    private static final Library INCREMENTAL = new Library("incremental", 7_302L, 12, true,
            List.of("--on-delete", "quarantine"));

    private static final String TEMP_SUFFIX = ".icloud-tmp";
    private static final String TEMP_FOLDER = ".icloud-photos-tmp";
    /** Slow enough for an 8–100 KB download to be seen half-written (the child looks every 2 ms). */
    private static final long SLOW_CDN_BYTES_PER_SECOND = 40_000;
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

    private static final String SYNC_PAGE = "direct://sync-page";
    private static final String COMMIT_START = "sql://classpath:sql/upsert-master.sql";
    private static final String COMMIT_FILES = "sql://classpath:sql/upsert-media-file.sql";
    private static final String PLACEMENTS = "sql://classpath:sql/update-file-placement.sql";
    private static final String ZONE_TOKEN = "sql://classpath:sql/upsert-zone-token.sql";
    /** The whole commit route: sent once its transaction committed. */
    private static final String COMMIT = "direct://sync-commit";
    private static final String DATABASE_TOKEN = "sql://classpath:sql/upsert-database-token.sql";
    /** The state a page's commit writes. */
    private static final List<String> STATE_TABLES = List.of("master", "asset", "media_file", "album", "album_member",
            "library", "zone_token", "database_token");

    /** The Apple ID of the account every FIRST case syncs. */
    private static String firstAccount;
    /** Uninterrupted syncs of each library, relative path → SHA-256, made once per class. */
    private static final Map<Library, Map<String, String>> REFERENCE = new HashMap<>();
    private static final Map<String, Map<String, FakeResource>> BY_SHA = new HashMap<>();
    private static final Map<String, Map<String, Long>> EXPECTED = new HashMap<>();

    @TempDir
    static Path references;

    /** A library the test syncs, generated from a seed; an incremental one is changed after a first clean sync. */
    private record Library(String name, long seed, int assets, boolean incremental, List<String> flags) {
        String[] flagArray() {
            return flags.toArray(String[]::new);
        }
    }

    /** One kill: where ({@link CrashConfiguration}'s {@code crash.at}), at which occurrence, with a slow CDN or not. */
    private record Crash(String at, int count, boolean slowCdn) {
    }

    /** A test case: a library, the kills in a row, then a run to completion. */
    private record CrashPoint(String name, Library library, List<Crash> crashes) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A trashed item: its asset id, where its file was, and the file's SHA-256. */
    private record Trashed(String assetId, String path, String sha256) {
    }

    /** The account a case syncs, signed in, its library changed if incremental. */
    private record Sync(Library library, String appleId, FakeZone zone, CliRunner cli, List<Trashed> trashed) {
    }

    private static Crash sending(String uriPart, int n) {
        return new Crash("sending:" + uriPart, n, false);
    }

    private static Crash sent(String uriPart, int n) {
        return new Crash("sent:" + uriPart, n, false);
    }

    /** Right after the n-th file is renamed into place (the file: producer is done), before anything records it. */
    private static Crash published(int n) {
        return new Crash("published", n, false);
    }

    /** Right after the last file of the n-th page that downloads anything is renamed into place. */
    private static Crash lastFileOfPage(int n) {
        return new Crash("last-file-of-page", n, false);
    }

    /** While a download is half-written in its temp file (the CDN trickles). */
    private static Crash midDownload() {
        return new Crash("partial-download", 1, true);
    }

    /** While a download that resumes a temp file of the previous run has grown but is not complete. */
    private static Crash midResumedDownload() {
        return new Crash("resumed-download", 1, true);
    }

    static Stream<CrashPoint> crashPoints() {
        return only(Stream.of(
                new CrashPoint("first sync: before the first page", FIRST, List.of(sending(SYNC_PAGE, 1))),
                new CrashPoint("first sync: right after the first file is published", FIRST, List.of(published(1))),
                new CrashPoint("first sync: after 40 files of the first page", FIRST, List.of(published(40))),
                new CrashPoint("first sync: after the last file of the first page, before anything records it", FIRST,
                        List.of(lastFileOfPage(1))),
                new CrashPoint("first sync: first page done, before its commit starts", FIRST,
                        List.of(sending(COMMIT_START, 1))),
                new CrashPoint("first sync: mid-download", FIRST, List.of(midDownload())),
                new CrashPoint("first sync: mid-download, then again in the resumed download", FIRST,
                        List.of(midDownload(), midResumedDownload())),
                new CrashPoint("first sync: inside the second page's commit, between two statements", FIRST,
                        List.of(sending(COMMIT_FILES, 2))),
                new CrashPoint("first sync: inside the last page's commit, before its zone token", FIRST,
                        List.of(sending(ZONE_TOKEN, 1))),
                new CrashPoint("first sync: zone token stored, before the database token", FIRST,
                        List.of(sending(DATABASE_TOKEN, 1))),
                new CrashPoint("first sync: twice in a row, mid-page then before a later page's commit", FIRST,
                        List.of(published(30), sending(COMMIT_START, 2))),
                new CrashPoint("incremental: right after the first file is published", INCREMENTAL, List.of(published(1))),
                new CrashPoint("incremental: first page's moves and downloads done, before its token", INCREMENTAL,
                        List.of(sending(ZONE_TOKEN, 1))),
                new CrashPoint("incremental: first page committed with its token, second page not started", INCREMENTAL,
                        List.of(sent(COMMIT, 1)))));
    }

    /** Kills inside the killed run's first page commit, between two of its statements. */
    static Stream<CrashPoint> insideTheFirstCommit() {
        return only(Stream.of(
                new CrashPoint("first sync: first page's masters and assets written, its files not", FIRST,
                        List.of(sending(COMMIT_FILES, 1))),
                new CrashPoint("incremental: first page's assets written (5 trashed), its file placements not",
                        INCREMENTAL, List.of(sending(PLACEMENTS, 1))),
                new CrashPoint("incremental: first page's rows written, its zone token not", INCREMENTAL,
                        List.of(sending(ZONE_TOKEN, 1)))));
    }

    private static Stream<CrashPoint> only(Stream<CrashPoint> points) {
        return points.filter(p -> p.name().contains(System.getProperty("crash.only", "")));
    }

    /** The value {@code camel.main.jmxEnabled} had before this class. */
    private static String jmxEnabled;

    @BeforeAll
    static void forgetLibraries() {
        firstAccount = null;
        REFERENCE.clear();
        BY_SHA.clear();
        EXPECTED.clear();
        // The in-process syncs start Camel about 40 times; registering their MBeans was a sixth of this class's time.
        jmxEnabled = System.setProperty("camel.main.jmxEnabled", "false");
    }

    @AfterAll
    static void restoreJmx() {
        if (jmxEnabled == null) {
            System.clearProperty("camel.main.jmxEnabled");
        } else {
            System.setProperty("camel.main.jmxEnabled", jmxEnabled);
        }
    }

    @AfterEach
    void clearFaults() {
        fake.faults().clearCdn();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crashPoints")
    void theNextRunFinishesTheJob(CrashPoint point) throws Exception {
        Map<String, String> reference = reference(point.library());
        Sync sync = prepare(point);

        Map<String, Long> partialBefore = Map.of();
        for (Crash crash : point.crashes()) {
            partialBefore = crash(sync, crash, partialBefore);
        }

        Map<String, String> atLastCrash = LocalFiles.published(photos());
        fake.resetCounters();
        sync(sync);
        assertNothingDownloadedAgain(sync.zone(), atLastCrash, "the run after the kill");

        Map<String, String> published = LocalFiles.published(photos());
        assertThat(LocalFiles.counts(published)).as("nothing missing, duplicated or corrupt")
                .isEqualTo(expectedOriginals(sync.zone()));
        assertThat(difference(published, reference)).as("the names and bytes of an uninterrupted sync").isEmpty();
        assertThat(LocalFiles.leftovers(photos(), TEMP_SUFFIX)).as("temp files left").isEmpty();
        assertThat(partialDownloads()).as("files left in " + TEMP_FOLDER).isEmpty();
        for (Trashed item : sync.trashed()) {
            assertThat(photos().resolve(item.path())).as("trashed, so not at its place").doesNotExist();
            Path quarantined = photos().resolve(".deleted").resolve(item.path());
            assertThat(quarantined).as("trashed, so quarantined").exists();
            assertThat(LocalFiles.sha256(read(quarantined))).as(item.path()).isEqualTo(item.sha256());
        }

        fake.resetCounters();
        sync(sync);
        assertThat(fake.cloudKitCalls()).as("tokens stored: a sync with nothing new costs one CloudKit request").isEqualTo(1);
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(LocalFiles.published(photos())).isEqualTo(published);

        assertRestoreUndoesTheQuarantine(sync);
    }

    /**
     * docs/protocol.md §4.3 rule 1: a page's state rows and its zone token are written in one transaction, so a kill inside
     * the commit leaves none of the page's rows behind and the next run replays the page from scratch.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("insideTheFirstCommit")
    void aKillInsideAPageCommitStoresNoneOfThePage(CrashPoint point) throws Exception {
        reference(point.library());
        Sync sync = prepare(point);
        Map<String, List<Map<String, Object>>> before = stateTables(sync.appleId());

        crash(sync, point.crashes().get(0), Map.of());
        Map<String, List<Map<String, Object>>> after = stateTables(sync.appleId());

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(changedRows(before, after)).as("rows the killed commit left behind").isEmpty();
            softly.check(() -> {
                sync(sync);
                assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(expectedOriginals(sync.zone()));
                assertRestoreUndoesTheQuarantine(sync);
            });
        });
    }

    // ---------------------------------------------------------------- one case

    /** The account of a case, signed in with a state of its own; an incremental library is synced once, then changed. */
    private Sync prepare(CrashPoint point) {
        Library library = point.library();
        if (!library.incremental()) {
            FakeZone zone = fake.account(firstAccount).primaryZone();
            return new Sync(library, firstAccount, zone, signedIn(firstAccount), List.of());
        }
        String appleId = "crash-" + Integer.toHexString(point.name().hashCode()) + "@example.com";
        FakeZone zone = populate(appleId, library);
        CliRunner cli = signedIn(appleId);
        Sync clean = new Sync(library, appleId, zone, cli, List.of());
        sync(clean);
        return new Sync(library, appleId, zone, cli, change(zone, appleId));
    }

    /** One killed run and what it must (not) have done; returns the temp files it left, name → size. */
    private Map<String, Long> crash(Sync sync, Crash crash, Map<String, Long> partialBefore) throws Exception {
        Map<String, String> before = LocalFiles.published(photos());
        Tokens tokensBefore = tokens(sync.appleId());
        if (crash.slowCdn()) {
            fake.faults().cdn(CdnFault.slow(SLOW_CDN_BYTES_PER_SECOND));
        }
        fake.resetCounters();
        String log = crashingSync(sync, crash);
        fake.faults().clearCdn();

        assertNothingDownloadedAgain(sync.zone(), before, "the run killed " + crash + "\n" + log);
        Map<String, String> after = LocalFiles.published(photos());
        if (crash.at().equals("published")) {
            assertThat(after.keySet()).as("files published before the kill\n" + log)
                    .filteredOn(path -> !before.containsKey(path)).hasSizeGreaterThanOrEqualTo(crash.count());
        }
        assertTokens(crash, tokensBefore, tokens(sync.appleId()),
                LocalFiles.counts(after).equals(expectedOriginals(sync.zone())), log);
        Map<String, Long> partial = partialDownloads();
        if (crash.at().equals("partial-download")) {
            assertThat(partial).as("a half-written temp file after the kill\n" + log).isNotEmpty();
            assertPrefixes(sync.zone(), partial);
        }
        if (crash.at().equals("resumed-download")) {
            assertThat(log).as("the temp file was resumed, not started over").contains("halting: resumed download");
            assertThat(partialBefore).as("a download resumed and grew, but did not finish\n" + log)
                    .anySatisfy((name, size) -> assertThat(partial.get(name)).isGreaterThan(size));
            assertPrefixes(sync.zone(), partial);
        }
        return partial;
    }

    /**
     * Restoring the trashed items moves their files back from quarantine without a download, which needs the state to
     * know where the kills left each file.
     */
    private void assertRestoreUndoesTheQuarantine(Sync sync) {
        if (sync.trashed().isEmpty()) {
            return;
        }
        sync.trashed().forEach(item -> sync.zone().restore(item.assetId()));
        fake.resetCounters();
        sync(sync);
        for (Trashed item : sync.trashed()) {
            assertThat(photos().resolve(item.path())).as("restored, so back at its place").exists();
            assertThat(photos().resolve(".deleted").resolve(item.path())).as("restored, so out of quarantine")
                    .doesNotExist();
        }
        assertThat(fake.calls(Endpoint.CDN)).as("a restore moves quarantined files back, it downloads nothing").isZero();
    }

    // ---------------------------------------------------------------- the libraries

    private static FakeZone populate(String appleId, Library library) {
        FakeAccount account = fake.createAccount(appleId, FakeDefaults.PASSWORD).srp("s2k", 1000);
        LibraryGenerator.populate(account.primaryZone(), library.seed(), library.assets());
        return account.primaryZone();
    }

    /**
     * The incremental change, the same for every account: five items trashed, then 110 photos, Live Photos and videos
     * added. Returns the trashed items with their files' paths (from the state database).
     */
    private List<Trashed> change(FakeZone zone, String appleId) {
        StateDb state = StateDb.of(home.resolve("state"), appleId);
        List<Trashed> trashed = new ArrayList<>();
        for (FakeAsset victim : victims(zone)) {
            List<Map<String, Object>> rows = state.rows("SELECT path FROM media_file WHERE file_key = ?",
                    victim.masterId() + "/original");
            assertThat(rows).as("the file of " + victim).hasSize(1);
            trashed.add(new Trashed(victim.id(), (String) rows.get(0).get("path"),
                    LocalFiles.sha256(victim.content(Variant.ORIGINAL))));
            zone.trash(victim.id());
        }
        addPhotos(zone);
        return trashed;
    }

    /** Five still photos with a master and a name of their own, chosen by capture date (not by record name). */
    private static List<FakeAsset> victims(FakeZone zone) {
        List<FakeAsset> live = zone.liveAssets();
        Map<String, Long> perMaster = live.stream().collect(Collectors.groupingBy(FakeAsset::masterId, Collectors.counting()));
        Map<String, Long> perName = live.stream().filter(a -> a.filename() != null)
                .collect(Collectors.groupingBy(FakeAsset::filename, Collectors.counting()));
        List<FakeAsset> candidates = live.stream()
                .filter(a -> !a.isLivePhoto() && !a.isVideo() && !a.isHidden() && a.filename() != null)
                .filter(a -> perMaster.get(a.masterId()) == 1 && perName.get(a.filename()) == 1)
                .sorted(Comparator.comparing(FakeAsset::assetDate).thenComparing(FakeAsset::filename))
                .toList();
        assertThat(candidates).hasSizeGreaterThanOrEqualTo(5);
        return candidates.subList(0, 5);
    }

    private static void addPhotos(FakeZone zone) {
        Instant start = Instant.parse("2024-05-01T09:00:00Z");
        for (int i = 0; i < 110; i++) {
            PhotoSpec spec = switch (i % 10) {
                case 3 -> PhotoSpec.livePhoto(String.format("LIVE_%04d.HEIC", i));
                case 7 -> PhotoSpec.video(String.format("CLIP_%04d.MOV", i));
                default -> PhotoSpec.photo(String.format("NEW_%04d.JPG", i));
            };
            zone.addPhoto(spec.seed(910_000L + i).takenAt(start.plus(Duration.ofMinutes(37L * i))));
        }
    }

    /**
     * What an uninterrupted sync of the library writes: for FIRST, of the account all its cases share (created here);
     * for INCREMENTAL, of a twin account given the same seed and the same change.
     */
    private Map<String, String> reference(Library library) {
        synchronized (REFERENCE) {
            Map<String, String> cached = REFERENCE.get(library);
            if (cached != null) {
                return cached;
            }
            String appleId = (library.incremental() ? "twin-" : "crash-") + library.name() + "@example.com";
            FakeZone zone = populate(appleId, library);
            Path state = references.resolve(library.name() + "-state");
            Path photos = references.resolve(library.name() + "-photos");
            CliRunner cli = new CliRunner(fake, state, appleId);
            Result login = cli.login(FakeDefaults.CODE + "\n");
            assertThat(login.exitCode()).as(login.toString()).isZero();
            Result first = cli.sync(photos, "", library.flagArray());
            assertThat(first.exitCode()).as(first.toString()).isZero();
            if (library.incremental()) {
                victims(zone).forEach(victim -> zone.trash(victim.id()));
                addPhotos(zone);
                Result second = cli.sync(photos, "", library.flagArray());
                assertThat(second.exitCode()).as(second.toString()).isZero();
            } else {
                firstAccount = appleId;
            }
            Map<String, String> files = LocalFiles.published(photos);
            assertThat(LocalFiles.counts(files)).isEqualTo(LocalFiles.expectedOriginals(zone));
            REFERENCE.put(library, files);
            return files;
        }
    }

    // ---------------------------------------------------------------- runs

    /** A sync in this JVM that must succeed. */
    private void sync(Sync sync) {
        Result result = sync.cli().sync(photos(), "", sync.library().flagArray());
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    /** Runs the CLI in a child JVM that the crash configuration kills; returns the end of its output. */
    private String crashingSync(Sync sync, Crash crash) throws IOException, InterruptedException {
        ChildCli cli = new ChildCli(fake, home.resolve("state"), sync.appleId())
                .systemProperty("camel.main.configuration-classes", CrashConfiguration.class.getName())
                .systemProperty("crash.at", crash.at())
                .systemProperty("crash.count", Integer.toString(crash.count()))
                .systemProperty("crash.files", "file://" + photos())
                .systemProperty("crash.temp-dir", photos().resolve(TEMP_FOLDER).toString())
                .systemProperty("crash.temp-suffix", TEMP_SUFFIX)
                .systemProperty("crash.trace", Boolean.toString(Boolean.getBoolean("crash.trace")));
        Child child = cli.sync(photos(), Files.createTempFile(home, "child-", ".log"), sync.library().flagArray());
        int exit = child.awaitExit(CHILD_TIMEOUT.toSeconds());
        String output = tail(child.log());
        assertThat(exit).as("killed at " + crash + "\n" + output).isEqualTo(CrashConfiguration.KILLED);
        return output;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    // ---------------------------------------------------------------- state

    /** The stored sync tokens (null when none). */
    private record Tokens(String zone, String database) {
    }

    private Tokens tokens(String appleId) {
        List<Path> files = new DataDirectory(home.resolve("state")).databaseFiles(appleId);
        if (files.isEmpty()) {
            return new Tokens(null, null);
        }
        StateDb state = StateDb.of(home.resolve("state"), appleId);
        List<Map<String, Object>> database = state.rows("SELECT sync_token FROM database_token");
        return new Tokens(state.zoneToken("PrimarySync"), database.isEmpty() ? null : (String) database.get(0).get("sync_token"));
    }

    /** Every row of the tables a page commit writes, table → rows in a stable order. */
    private Map<String, List<Map<String, Object>>> stateTables(String appleId) {
        boolean synced = !new DataDirectory(home.resolve("state")).databaseFiles(appleId).isEmpty();
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String table : STATE_TABLES) {
            tables.put(table, synced ? StateDb.of(home.resolve("state"), appleId).rows("SELECT * FROM " + table + " ORDER BY 1, 2")
                    : List.of());
        }
        return tables;
    }

    /**
     * Per table whose rows differ: how many rows only one side has. A file's "publishing" row is written as the file
     * is published, before the commit, so that a replay adopts the file instead of fetching it again; it is not
     * part of the commit.
     */
    private static List<String> changedRows(Map<String, List<Map<String, Object>>> before,
                                            Map<String, List<Map<String, Object>>> after) {
        List<String> changes = new ArrayList<>();
        for (String table : before.keySet()) {
            List<Map<String, Object>> added = new ArrayList<>(after.get(table));
            added.removeAll(before.get(table));
            added.removeIf(row -> "publishing".equals(row.get("status")));
            List<Map<String, Object>> gone = new ArrayList<>(before.get(table));
            gone.removeAll(after.get(table));
            if (!added.isEmpty() || !gone.isEmpty()) {
                changes.add(table + ": " + added.size() + " rows written, " + gone.size() + " replaced or deleted");
            }
        }
        return changes;
    }

    /** What the kill left in the state database, for the kills around token writes (docs/protocol.md §4.3). */
    private static void assertTokens(Crash crash, Tokens before, Tokens after, boolean complete, String log) {
        if (crash.at().equals("sending:" + ZONE_TOKEN)) {
            assertThat(after).as("killed before the page's token write: no token moved\n" + log).isEqualTo(before);
        }
        if (crash.at().equals("sent:" + COMMIT)) {
            assertThat(after.zone()).as("the page's token is stored\n" + log).isNotNull().isNotEqualTo(before.zone());
            assertThat(after.database()).as("the database token waits for the whole cycle").isEqualTo(before.database());
            assertThat(complete).as("a later page still had work\n" + log).isFalse();
        }
        if (crash.at().equals("sending:" + DATABASE_TOKEN)) {
            assertThat(after.zone()).as("every page committed\n" + log).isNotNull().isNotEqualTo(before.zone());
            assertThat(after.database()).as("killed before the database token").isEqualTo(before.database());
            assertThat(complete).as("every file published before the database token\n" + log).isTrue();
        }
    }

    // ---------------------------------------------------------------- files

    /** What differs between two folders (relative path → SHA-256), one line per path. */
    private static List<String> difference(Map<String, String> actual, Map<String, String> expected) {
        Set<String> paths = new TreeSet<>(actual.keySet());
        paths.addAll(expected.keySet());
        return paths.stream().filter(path -> !Objects.equals(actual.get(path), expected.get(path)))
                .map(path -> path + ": " + (expected.containsKey(path) ? "expected " + expected.get(path) : "unexpected")
                        + (actual.containsKey(path) ? ", found " + actual.get(path) : ", missing"))
                .toList();
    }

    /** Every file that was under its final name before the run was not fetched from the CDN during it. */
    private static void assertNothingDownloadedAgain(FakeZone zone, Map<String, String> before, String run) {
        Map<String, FakeResource> bySha = resourcesBySha(zone);
        for (Map.Entry<String, String> file : before.entrySet()) {
            FakeResource resource = bySha.get(file.getValue());
            assertThat(resource).as("published file " + file.getKey() + " is one of the library's").isNotNull();
            assertThat(fake.cdnGets(resource)).as(file.getKey() + " was complete before " + run + ", yet downloaded again")
                    .isZero();
        }
    }

    /** {@link LocalFiles#expectedOriginals}, cached while the zone does not change (it generates every file's bytes). */
    private static Map<String, Long> expectedOriginals(FakeZone zone) {
        synchronized (EXPECTED) {
            return EXPECTED.computeIfAbsent(System.identityHashCode(zone) + "@" + zone.changeLogLength(),
                    key -> LocalFiles.expectedOriginals(zone));
        }
    }

    /** The library's downloadable originals by SHA-256 of their bytes (cached while the zone does not change). */
    private static Map<String, FakeResource> resourcesBySha(FakeZone zone) {
        synchronized (BY_SHA) {
            return BY_SHA.computeIfAbsent(System.identityHashCode(zone) + "@" + zone.changeLogLength(),
                    key -> LocalFiles.originalsBySha(zone));
        }
    }

    /** Temp files in the temp folder, name → size. */
    private Map<String, Long> partialDownloads() throws IOException {
        Path folder = photos().resolve(TEMP_FOLDER);
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.collect(Collectors.toMap(p -> p.getFileName().toString(), p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
    }

    /**
     * Each temp file is named after a resource of the library and holds a prefix of its bytes (all of them when the
     * kill came between the last byte and the rename), and at least one is half-written.
     */
    private void assertPrefixes(FakeZone zone, Map<String, Long> partial) {
        Map<String, FakeResource> byTempName = zone.assets().stream()
                .flatMap(a -> a.resources().values().stream())
                .collect(Collectors.toMap(r -> tempName(r.fileChecksum()), Function.identity(), (a, b) -> a));
        partial.forEach((name, size) -> {
            FakeResource resource = byTempName.get(name);
            assertThat(resource).as("temp file " + name + " belongs to a resource").isNotNull();
            assertThat(size).as(name).isLessThanOrEqualTo(resource.size());
            byte[] bytes = read(photos().resolve(TEMP_FOLDER).resolve(name));
            assertThat(bytes).as(name + " is a prefix of the resource").isEqualTo(Arrays.copyOf(resource.content(), bytes.length));
        });
        assertThat(partial).as("a half-written temp file").anySatisfy((name, size) ->
                assertThat(size).isPositive().isLessThan(byTempName.get(name).size()));
    }

    /** The temp file name of a resource: RFC 4648 base32 of its decoded checksum, plus the suffix (docs/protocol.md §8.7). */
    private static String tempName(String fileChecksum) {
        byte[] data = Base64.getDecoder().decode(fileChecksum);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >>> (bits - 5)) & 0x1F));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 0x1F));
        }
        return out + TEMP_SUFFIX;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
