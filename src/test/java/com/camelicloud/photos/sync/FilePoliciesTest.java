package com.camelicloud.photos.sync;

import static com.camelicloud.photos.sync.TestPhotos.DAY;
import static com.camelicloud.photos.sync.TestPhotos.added;
import static com.camelicloud.photos.sync.TestPhotos.album;
import static com.camelicloud.photos.sync.TestPhotos.changed;
import static com.camelicloud.photos.sync.TestPhotos.content;
import static com.camelicloud.photos.sync.TestPhotos.membership;
import static com.camelicloud.photos.sync.TestPhotos.photo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.camelicloud.photos.destination.Placement;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.state.AssetState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the deletion and hiding policies and the album folders do to files already stored: where a file goes, what
 * is recorded for the page's commit and the audit log, and what is never touched. Against a destination in memory
 * and a real state database, each step as its branch route calls it.
 */
class FilePoliciesTest {

    private static final String QUARANTINED = ".deleted/" + DAY + "IMG_1.JPG";

    @TempDir
    Path dir;
    private TestLibrary library;

    @AfterEach
    void close() {
        library.close();
    }

    /** The item as a first sync left it: downloaded and committed. */
    private PhotoAsset stored(PhotoAsset asset) {
        library.commit(library.download(added(asset)));
        return asset;
    }

    private LibraryChange trashed(PhotoAsset asset) {
        return changed(ChangeType.ASSET_TRASHED, photo(asset.assetId().substring(1)).deleted().asset(),
                library.stored(asset));
    }

    @Nested
    class DeletionPolicies {

        private FilePolicies actions;
        private PhotoAsset asset;

        @BeforeEach
        void storeOnePhoto() {
            library = new TestLibrary(dir, TestLibrary.FOLDERS_BY_DATE);
            actions = library.policies(false, "hardlink");
            asset = stored(photo("1").asset());
        }

        @Test
        void quarantineMovesTheFileUnderDeletedAndTellsTheAuditLogWhy() {
            LibraryChange trashed = trashed(asset);

            actions.quarantineDeleted(trashed);

            assertThat(library.destination.paths()).containsExactly(QUARANTINED);
            assertThat(trashed.placements()).isEqualTo(Map.of("M1/original", Placement.DELETED_QUARANTINE));
            assertThat(trashed.takeAuditEntries()).singleElement().satisfies(entry -> {
                assertThat(entry.path()).isEqualTo(DAY + "IMG_1.JPG");
                assertThat(entry.target()).isEqualTo(QUARANTINED);
                assertThat(entry.reason()).isEqualTo("trashed");
                assertThat(entry.policy()).isEqualTo("on-delete=quarantine");
            });
        }

        @Test
        void aQuarantineReplayedAfterACrashDoesTheSameAgain() {
            actions.quarantineDeleted(trashed(asset));
            // the page was not committed: the next run replays it against the same state
            LibraryChange replayed = trashed(asset);

            actions.quarantineDeleted(replayed);

            assertThat(library.destination.paths()).containsExactly(QUARANTINED);
            assertThat(replayed.placements()).isEqualTo(Map.of("M1/original", Placement.DELETED_QUARANTINE));
        }

        @Test
        void restoringBringsTheQuarantinedFileBack() {
            LibraryChange trashed = trashed(asset);
            actions.quarantineDeleted(trashed);
            library.commit(library.page(trashed));
            LibraryChange restored = changed(ChangeType.ASSET_RESTORED, asset, library.stored(asset));

            actions.restore(restored, library.page(restored));

            assertThat(library.destination.paths()).containsExactly(DAY + "IMG_1.JPG");
            assertThat(restored.placements()).isEqualTo(Map.of("M1/original", Placement.LIVE));
            assertThat(restored.takeAuditEntries()).singleElement()
                    .satisfies(entry -> assertThat(entry.reason()).isEqualTo("restored"));
        }

        @Test
        void deleteRemovesTheFileWhereverItIs() {
            LibraryChange trashed = trashed(asset);
            actions.quarantineDeleted(trashed);
            library.commit(library.page(trashed));
            LibraryChange again = trashed(asset);

            actions.deleteTrashed(again);

            assertThat(library.destination.paths()).isEmpty();
            assertThat(again.placements()).isEqualTo(Map.of("M1/original", Placement.REMOVED));
            assertThat(again.takeAuditEntries()).singleElement().satisfies(entry -> {
                assertThat(entry.path()).isEqualTo(QUARANTINED);
                assertThat(entry.target()).isNull();
            });
        }

        @Test
        void aPurgedItemsFileStaysUntilItsGracePeriodEnds() {
            AssetState before = library.stored(asset);
            AssetState purgedNow = new AssetState(before.zoneName(), before.assetId(), before.masterId(),
                    before.changeTag(), true, false, false, null, null, "purged", before.contentProfile(), true,
                    System.currentTimeMillis(), null, null);

            actions.setPurgeAfterDays(30);
            LibraryChange withinGrace = actions.removePurged(LibraryChange.purged(TestPhotos.zoneOf(asset), purgedNow));
            assertThat(library.destination.paths()).containsExactly(DAY + "IMG_1.JPG");
            assertThat(withinGrace.takeAuditEntries()).isEmpty();

            actions.setPurgeAfterDays(0);
            LibraryChange due = actions.removePurged(LibraryChange.purged(TestPhotos.zoneOf(asset), purgedNow));
            assertThat(library.destination.paths()).isEmpty();
            assertThat(due.takeAuditEntries()).singleElement()
                    .satisfies(entry -> assertThat(entry.reason()).isEqualTo("purged"));
        }

        @Test
        void aFileAnotherItemStillShowsIsNeverTouched() {
            // the same photo twice in the library (an iOS duplicate): one master, one file
            stored(photo("2").master("M1").asset());
            LibraryChange trashed = trashed(asset);

            actions.quarantineDeleted(trashed);

            assertThat(library.destination.paths()).containsExactly(DAY + "IMG_1.JPG");
            assertThat(trashed.placements()).isEmpty();
            assertThat(trashed.takeAuditEntries()).isEmpty();
        }

        /** The change notes what a real run would do; the dry run's routes commit and audit none of it. */
        @Test
        void aDryRunMovesNothingYetDecidesAsARealRunDoes() {
            LibraryChange dry = trashed(asset);
            LibraryChange real = trashed(asset);

            library.policies(true, "hardlink").quarantineDeleted(dry);

            assertThat(library.destination.paths()).containsExactly(DAY + "IMG_1.JPG");
            library.policies(false, "hardlink").quarantineDeleted(real);
            assertThat(library.destination.paths()).containsExactly(QUARANTINED);
            assertThat(dry.placements()).isEqualTo(real.placements()).isNotEmpty();
        }

        @Test
        void otherLayoutSettingsMoveTheStoredFileAndTheAuditLogSaysSo() {
            TestLibrary byYear = library.withLayout("%Y");
            LibraryChange change = added(asset);
            byYear.planner.planPage(byYear.page(change));
            FileTask move = change.getPendingFiles().get(0);

            byYear.policies(false, "hardlink").move(move);

            assertThat(library.destination.paths()).containsExactly("2024/IMG_1.JPG");
            assertThat(move.getOutcome()).isEqualTo(FileTask.Outcome.MOVED);
            assertThat(change.takeAuditEntries()).singleElement().satisfies(entry -> {
                assertThat(entry.path()).isEqualTo(DAY + "IMG_1.JPG");
                assertThat(entry.target()).isEqualTo("2024/IMG_1.JPG");
                assertThat(entry.reason()).isEqualTo("relayout");
            });
        }
    }

    /** An {album} layout: a photo in Family and Trip is stored in Family (first by name) and linked into Trip. */
    @Nested
    class AlbumFolders {

        private PhotoAsset asset;

        private void storeInFamilyAndTrip(String albumLink) {
            library = new TestLibrary(dir, "{album}");
            asset = photo("1").asset();
            LibraryChange change = added(asset);
            ChangePage page = library.download(album("F", "Family"), album("T", "Trip"), membership(asset, "F", true),
                    membership(asset, "T", true), change);
            library.albumFolders(false, albumLink).linkIntoAlbums(change, page);
            library.commit(page);
        }

        @Test
        void aPhotoIsStoredOnceAndHardLinkedIntoItsOtherAlbum() {
            storeInFamilyAndTrip("hardlink");

            assertThat(library.destination.paths()).containsExactly("Family/IMG_1.JPG", "Trip/IMG_1.JPG");
            assertThat(library.destination.isSameFile("Family/IMG_1.JPG", "Trip/IMG_1.JPG")).isTrue();
            assertThat(library.state.repository().albumLinksOf("M1/original"))
                    .singleElement().satisfies(link -> assertThat(link.path()).isEqualTo("Trip/IMG_1.JPG"));
        }

        @Test
        void copyModeGivesTheOtherAlbumACopy() {
            storeInFamilyAndTrip("copy");

            assertThat(library.destination.bytes("Trip/IMG_1.JPG")).hasValueSatisfying(bytes ->
                    assertThat(bytes).isEqualTo(library.destination.bytes("Family/IMG_1.JPG").orElseThrow()));
            assertThat(library.destination.isSameFile("Family/IMG_1.JPG", "Trip/IMG_1.JPG")).isFalse();
        }

        @Test
        void aFileTheUserKeepsInTheAlbumFolderIsPassedOver() {
            library = new TestLibrary(dir, "{album}");
            library.destination.put("Trip/IMG_1.JPG", content(50, "the user's own"));
            asset = photo("1").asset();
            LibraryChange change = added(asset);
            ChangePage page = library.download(album("F", "Family"), album("T", "Trip"), membership(asset, "F", true),
                    membership(asset, "T", true), change);

            library.albumFolders(false, "hardlink").linkIntoAlbums(change, page);

            assertThat(library.destination.bytes("Trip/IMG_1.JPG")).hasValue(content(50, "the user's own"));
            assertThat(library.destination.isSameFile("Family/IMG_1.JPG", "Trip/IMG_1-1000.JPG")).isTrue();
        }

        @Test
        void leavingAnAlbumRemovesItsLinkButNeverTheStoredFile() {
            storeInFamilyAndTrip("hardlink");
            var actions = library.albumFolders(false, "hardlink");
            LibraryChange outOfTrip = membership(asset, "T", false);
            LibraryChange outOfFamily = membership(asset, "F", false);

            actions.unlinkFromAlbum(outOfTrip, library.page(outOfTrip));
            actions.unlinkFromAlbum(outOfFamily, library.page(outOfFamily));

            assertThat(library.destination.paths()).containsExactly("Family/IMG_1.JPG");
            assertThat(outOfTrip.takeAuditEntries()).singleElement().satisfies(entry -> {
                assertThat(entry.path()).isEqualTo("Trip/IMG_1.JPG");
                assertThat(entry.reason()).isEqualTo("removed-from-album");
            });
            assertThat(outOfFamily.takeAuditEntries()).isEmpty();
        }

        @Test
        void aLinkTheUserReplacedIsLeftAloneAndForgotten() {
            storeInFamilyAndTrip("hardlink");
            library.destination.put("Trip/IMG_1.JPG", content(1000, "edited by the user"));
            LibraryChange outOfTrip = membership(asset, "T", false);

            library.albumFolders(false, "hardlink").unlinkFromAlbum(outOfTrip, library.page(outOfTrip));

            assertThat(library.destination.bytes("Trip/IMG_1.JPG")).hasValue(content(1000, "edited by the user"));
            assertThat(outOfTrip.removedAlbumLinks()).extracting(link -> link.path()).containsExactly("Trip/IMG_1.JPG");
        }

        @Test
        void renamingAnAlbumMovesItsLinksToTheNewName() {
            storeInFamilyAndTrip("hardlink");
            LibraryChange renamed = album("T", "Journey");

            library.albumFolders(false, "hardlink").relinkAlbum(renamed, library.page(renamed));

            assertThat(library.destination.paths()).containsExactly("Family/IMG_1.JPG", "Journey/IMG_1.JPG");
            assertThat(library.destination.isSameFile("Family/IMG_1.JPG", "Journey/IMG_1.JPG")).isTrue();
        }

        @Test
        void aQuarantinedFileLeavesEveryAlbumFolder() {
            storeInFamilyAndTrip("hardlink");
            LibraryChange trashed = trashed(asset);

            library.policies(false, "hardlink").quarantineDeleted(trashed);

            assertThat(library.destination.paths()).containsExactly(".deleted/Family/IMG_1.JPG");
            assertThat(trashed.removedAlbumLinks()).extracting(link -> link.path()).containsExactly("Trip/IMG_1.JPG");
        }
    }
}
