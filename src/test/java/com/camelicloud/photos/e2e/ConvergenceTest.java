package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeAlbum;
import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invariant of the product: a destination kept up to date change by change ends up exactly like a destination
 * synced once, fresh, from the library as it is now — same paths, same bytes (metadata written into them included),
 * same album folders. A generated library goes through random batches of user actions, with an incremental sync after
 * each batch; then the final library is synced fresh (its own state) into a second destination and the two are
 * compared file by file.
 * <p>
 * Where the two differ by design, the rule checked instead is stated: with {@code --on-delete keep} (the default) the
 * incremental copy also keeps the files of items deleted since (they are in Recently Deleted or purged now) and the
 * files an item no longer has (the edit of a photo reverted since); with quarantine policies, what a fresh sync has
 * nowhere to put is in the quarantine folders: under {@code .hidden/} only files of items hidden now, under
 * {@code .deleted/} only files of items deleted now and files their item no longer has. And a name is taken for good
 * when a file is stored ({@code name-size-dedup-with-suffix}): a photo stored while another held its name keeps the
 * size suffix after that one is gone, where a fresh sync gives it the plain name; the bytes must be the same.
 * <p>
 * Seeds: {@code -Dconvergence.seeds=1,2,3} (default 1,2), batches {@code -Dconvergence.batches} (default 4), actions per
 * batch {@code -Dconvergence.actions} (default 8); {@code bench/convergence.sh} runs many more. A failure names its
 * option set and seed, and lists every action applied, so it can be replayed with the same seed.
 */
class ConvergenceTest extends EndToEndTest {

    private static final String MEMBER = LibraryGenerator.OTHER_MEMBER;

    /** The option sets the invariant is checked for. */
    private static final Map<String, List<String>> OPTION_SETS = new LinkedHashMap<>();

    static {
        OPTION_SETS.put("default", List.of());
        OPTION_SETS.put("albums+metadata", List.of("--folder-structure", "{album}/%Y", "--size", "original", "--size",
                "adjusted", "--set-exif-rating", "--xmp-sidecar"));
        OPTION_SETS.put("quarantine", List.of("--on-hidden", "quarantine", "--on-delete", "quarantine"));
        OPTION_SETS.put("all-libraries", List.of("--library", "all"));
    }

    static Stream<Arguments> cases() {
        List<Long> seeds = Arrays.stream(System.getProperty("convergence.seeds", "1,2").split(","))
                .map(String::trim).map(Long::parseLong).toList();
        return OPTION_SETS.keySet().stream().flatMap(set -> seeds.stream().map(seed -> Arguments.of(set, seed)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void anIncrementallyKeptCopyEndsWhereAFreshSyncWould(String optionSet, long seed) {
        List<String> flags = OPTION_SETS.get(optionSet);
        String appleId = "converge-" + optionSet.replace('+', '-') + "-" + seed + "@example.com";
        FakeAccount account = fake.createAccount(appleId, FakeDefaults.PASSWORD).srp("s2k", 1000);
        LibraryGenerator.populate(account.primaryZone(), seed, 24);
        FakeZone shared = flags.contains("all") ? account.createSharedZone() : null;
        if (shared != null) {
            shared.otherMemberAdds(MEMBER, PhotoSpec.photo("THEIRS_0001.JPG"));
        }
        Actions actions = new Actions(new Random(seed), account.primaryZone(), shared);
        CliRunner cli = signedIn(appleId);
        Path kept = home.resolve("kept");
        sync(cli, kept, flags, actions);

        int batches = Integer.getInteger("convergence.batches", 4);
        int perBatch = Integer.getInteger("convergence.actions", 8);
        for (int batch = 0; batch < batches; batch++) {
            for (int i = 0; i < perBatch; i++) {
                actions.applyOne();
            }
            actions.log.add("-- sync");
            sync(cli, kept, flags, actions);
        }
        Path fresh = home.resolve("fresh");
        sync(freshlySignedIn(appleId), fresh, flags, actions);

        String context = optionSet + ", seed " + seed + " (replay: -Dconvergence.seeds=" + seed + "); actions:\n  "
                + String.join("\n  ", actions.log);
        Map<String, String> keptFiles = files(kept);
        Map<String, String> freshFiles = files(fresh);
        StateDb keptState = StateDb.of(home.resolve("state"), appleId);
        Map<String, String> extra = new TreeMap<>(keptFiles);
        freshFiles.keySet().forEach(extra::remove);
        Map<String, String> missing = new TreeMap<>(freshFiles);
        keptFiles.keySet().forEach(missing::remove);
        Map<String, String> differing = new TreeMap<>();
        freshFiles.forEach((path, sha) -> {
            if (keptFiles.containsKey(path) && !keptFiles.get(path).equals(sha)) {
                differing.put(path, sha);
            }
        });
        // A name is taken for good when a file is stored: within the names a photo's name and its size suffix make,
        // the kept copy must hold the bytes the fresh one holds, under whichever of them.
        Map<String, List<String>> groups = new TreeMap<>();
        Stream.concat(keptFiles.keySet().stream(), freshFiles.keySet().stream()).distinct()
                .forEach(path -> groups.computeIfAbsent(withoutSizeSuffix(path), g -> new ArrayList<>()).add(path));
        for (List<String> group : groups.values()) {
            List<String> keptShas = group.stream().map(keptFiles::get).filter(Objects::nonNull)
                    .collect(Collectors.toCollection(ArrayList::new));
            List<String> freshShas = group.stream().map(freshFiles::get).filter(Objects::nonNull).toList();
            if (group.size() < 2 || !freshShas.stream().allMatch(keptShas::remove)) {
                continue;
            }
            group.forEach(path -> {
                missing.remove(path);
                differing.remove(path);
                if (freshShas.contains(keptFiles.get(path))) {
                    extra.remove(path);
                }
            });
        }
        assertThat(missing.keySet()).as("files a fresh sync writes that the kept copy lacks (%s)\nkept only: %s\n%s",
                optionSet, extra.keySet(), context).isEmpty();
        assertThat(differing.keySet()).as("files whose bytes differ (%s)", context).isEmpty();
        boolean keepsDeleted = !flags.contains("--on-delete");
        for (String path : extra.keySet()) {
            List<StoredItem> items = itemsOf(keptState, quarantined(path), account);
            String described = path + " " + items;
            if (path.startsWith(".hidden/")) {
                assertThat(items).as("%s: only files of items hidden now are under .hidden/ (%s)", described, context)
                        .isNotEmpty().allMatch(item -> item.asset() != null && item.asset().isHidden());
            } else if (path.startsWith(".deleted/")) {
                assertThat(items).as("%s: only files of items deleted now, or that their item no longer has, are "
                        + "under .deleted/ (%s)", described, context).isNotEmpty().allMatch(StoredItem::gone);
            } else {
                assertThat(keepsDeleted).as("%s is only in the kept copy (%s)", described, context).isTrue();
                assertThat(items).as("%s, kept but not in a fresh sync, must be a file of an item deleted since, or one "
                        + "its item no longer has (%s)", described, context).isNotEmpty().allMatch(StoredItem::gone);
            }
        }
    }

    /**
     * A path without the size suffix {@code name-size-dedup-with-suffix} gives a photo whose name another photo held
     * ({@code IMG_1-2345.JPG} → {@code IMG_1.JPG}; sidecars alike).
     */
    private static String withoutSizeSuffix(String path) {
        String sidecar = path.endsWith(".xmp") ? ".xmp" : "";
        String file = path.substring(0, path.length() - sidecar.length());
        int dot = file.lastIndexOf('.');
        int slash = file.lastIndexOf('/');
        String stem = dot > slash ? file.substring(0, dot) : file;
        String extension = dot > slash ? file.substring(dot) : "";
        return stem.replaceFirst("-\\d+$", "") + extension + sidecar;
    }

    /** The path a quarantined file had before it was set aside; other paths as they are. */
    private static String quarantined(String path) {
        return path.startsWith(".hidden/") || path.startsWith(".deleted/") ? path.substring(path.indexOf('/') + 1) : path;
    }

    /**
     * An item behind a stored file, as the fake has it now (null when the fake no longer has it at all), and the
     * rendition the file is of.
     */
    private record StoredItem(String id, FakeAsset asset, String rendition) {

        /** The item is deleted, purged or unknown now, or no longer has this rendition (a reverted edit). */
        boolean gone() {
            return asset == null || asset.isDeleted() || asset.isExpunged()
                    || (rendition.contains("adjusted") && !asset.isEdited());
        }

        @Override
        public String toString() {
            return id + "/" + rendition + (asset == null ? " (unknown)" : " (deleted " + asset.isDeleted() + ", hidden "
                    + asset.isHidden() + ", expunged " + asset.isExpunged() + ", edited " + asset.isEdited() + ")");
        }
    }

    /** The items behind a stored file or album link, by the kept copy's state (a sidecar stands for its file). */
    private static List<StoredItem> itemsOf(StateDb state, String path, FakeAccount account) {
        String file = path.endsWith(".xmp") ? path.substring(0, path.length() - ".xmp".length()) : path;
        List<StoredItem> items = new ArrayList<>();
        for (Map<String, Object> row : state.rows("SELECT a.zone_name, a.asset_id, f.rendition FROM media_file f "
                + "JOIN asset a ON a.master_id = f.master_id WHERE f.path = ? AND (f.file_key = f.master_id || '/' || "
                + "f.rendition OR f.file_key = a.zone_name || '/' || a.asset_id || '/' || f.rendition) UNION "
                + "SELECT l.zone_name, l.asset_id, f.rendition FROM album_link l JOIN media_file f "
                + "ON f.file_key = l.file_key WHERE l.path = ?", file, file)) {
            String zone = (String) row.get("zone_name");
            FakeZone fakeZone = Stream.concat(account.privateZones().stream(), account.sharedZones().stream())
                    .filter(z -> z.name().equals(zone)).findFirst().orElseThrow();
            String id = (String) row.get("asset_id");
            items.add(new StoredItem(id, fakeZone.assets().stream().filter(a -> a.id().equals(id)).findFirst()
                    .orElse(null), (String) row.get("rendition")));
        }
        return items;
    }

    /** Every file under the destination, quarantine folders included, relative path → SHA-256. */
    private static Map<String, String> files(Path root) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).filter(p -> !root.relativize(p).startsWith(".icloud-photos-tmp"))
                    .forEach(p -> files.put(root.relativize(p).toString(), sha256(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String sha256(Path file) {
        try {
            return LocalFiles.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sync(CliRunner cli, Path destination, List<String> flags, Actions actions) {
        Result result = cli.sync(destination, "", flags.toArray(String[]::new));
        assertThat(result.exitCode()).as("sync into %s after %s\n%s", destination.getFileName(), actions.log, result)
                .isZero();
    }

    /** Random user actions on the fake library, each picked from what the library allows at that moment. */
    private static final class Actions {

        private final Random random;
        private final FakeZone zone;
        private final FakeZone shared;
        private final List<String> log = new ArrayList<>();
        /** Shared Library asset id → the personal asset it was moved from. */
        private final Map<String, String> movedToShared = new HashMap<>();
        private int added;

        Actions(Random random, FakeZone zone, FakeZone shared) {
            this.random = random;
            this.zone = zone;
            this.shared = shared;
        }

        void applyOne() {
            for (int attempt = 0; attempt < 50; attempt++) {
                if (tryOne(random.nextInt(shared == null ? 18 : 20))) {
                    return;
                }
            }
        }

        private boolean tryOne(int kind) {
            return switch (kind) {
                case 0 -> record("add " + zone.addPhoto(PhotoSpec.photo(String.format("MUT_%03d.JPG", ++added))));
                case 1 -> record("add live " + zone.addLivePhoto(String.format("MUTL_%03d.HEIC", ++added)));
                // hidden photos can be deleted too (from the Hidden album)
                case 2 -> withAsset(a -> !a.isDeleted() && !a.isExpunged(), zone::trash, "trash");
                case 3 -> withAsset(a -> a.isDeleted() && !a.isExpunged(), zone::restore, "restore");
                case 4 -> withAsset(a -> a.isDeleted() && !a.isExpunged(), zone::purge, "purge");
                case 5 -> withAsset(Actions::visible, zone::hide, "hide");
                case 6 -> withAsset(a -> a.isHidden() && !a.isDeleted(), zone::unhide, "unhide");
                case 7 -> withAsset(a -> visible(a) && !a.isFavorite(), zone::favourite, "favourite");
                case 8 -> withAsset(a -> visible(a) && a.isFavorite(), zone::unfavourite, "unfavourite");
                case 9 -> withAsset(a -> visible(a) && !a.isEdited() && !a.isVideo(), zone::edit, "edit");
                case 10 -> withAsset(a -> visible(a) && a.isEdited(), zone::revertEdit, "revert");
                case 11 -> withAsset(Actions::visible, id -> zone.setCaption(id, "caption " + added++), "caption");
                case 12 -> record("album " + zone.createAlbum("Album " + ++added));
                case 13 -> {
                    String folder = zone.createFolder("Folder " + ++added);
                    yield record("folder " + folder + " with album " + zone.createAlbum("Nested " + added, folder));
                }
                case 14 -> withAlbum(album -> withAsset(a -> visible(a) && !album.assetIds().contains(a.id()),
                        id -> zone.addToAlbum(id, album.id()), "add to " + album.name()));
                case 15 -> withAlbum(album -> withAsset(a -> album.assetIds().contains(a.id()),
                        id -> zone.removeFromAlbum(id, album.id()), "remove from " + album.name()));
                case 16 -> withAlbum(album -> {
                    zone.renameAlbum(album.id(), album.name() + " renamed");
                    return record("rename " + album.name());
                });
                case 17 -> withAlbum(album -> {
                    zone.deleteAlbum(album.id());
                    return record("delete album " + album.name());
                });
                case 18 -> withAsset(a -> visible(a) && !movedToShared.containsValue(a.id()), id ->
                        movedToShared.put(zone.moveToShared(id, shared), id), "move to shared");
                case 19 -> {
                    if (movedToShared.isEmpty()) {
                        yield false;
                    }
                    String sharedId = new TreeSet<>(movedToShared.keySet()).first();
                    movedToShared.remove(sharedId);
                    yield record("move back " + sharedId + " as " + zone.moveBackToPersonal(sharedId, shared));
                }
                default -> false;
            };
        }

        static boolean visible(FakeAsset asset) {
            return !asset.isDeleted() && !asset.isHidden() && !asset.isExpunged();
        }

        private boolean withAsset(Predicate<FakeAsset> eligible, Consumer<String> action, String what) {
            List<FakeAsset> candidates = zone.assets().stream().filter(eligible).toList();
            if (candidates.isEmpty()) {
                return false;
            }
            FakeAsset asset = candidates.get(random.nextInt(candidates.size()));
            action.accept(asset.id());
            return record(what + " " + asset.id() + " (" + asset.filename() + ")");
        }

        private boolean withAlbum(Function<FakeAlbum, Boolean> action) {
            List<FakeAlbum> albums = zone.albums().stream().filter(album -> album.albumType() == 0).toList();
            return !albums.isEmpty() && action.apply(albums.get(random.nextInt(albums.size())));
        }

        private boolean record(String what) {
            log.add(what);
            return true;
        }
    }
}
