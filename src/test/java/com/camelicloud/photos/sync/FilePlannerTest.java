package com.camelicloud.photos.sync;

import static com.camelicloud.photos.sync.TestPhotos.DAY;
import static com.camelicloud.photos.sync.TestPhotos.added;
import static com.camelicloud.photos.sync.TestPhotos.changed;
import static com.camelicloud.photos.sync.TestPhotos.content;
import static com.camelicloud.photos.sync.TestPhotos.photo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.testing.MemoryDestination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files a new item gets, and where: never over a file that is not its own, never twice, and never downloaded
 * again when the destination already holds it. Against a destination in memory and a real state database.
 */
class FilePlannerTest {

    @TempDir
    Path dir;
    private TestLibrary library;

    @BeforeEach
    void open() {
        library = new TestLibrary(dir, TestLibrary.FOLDERS_BY_DATE);
    }

    @AfterEach
    void close() {
        library.close();
    }

    /** Plans a page of one new item and returns its change. */
    private LibraryChange plan(PhotoAsset asset) {
        LibraryChange change = added(asset);
        library.planner.planPage(library.page(change));
        return change;
    }

    /** The item as the first sync stored it (its files downloaded, its page committed). */
    private PhotoAsset stored(TestPhotos.Photo photo) {
        PhotoAsset asset = photo.asset();
        library.commit(library.download(added(asset)));
        return asset;
    }

    @Test
    void aNewPhotoGoesToItsCaptureDateFolderUnderItsOwnName() {
        LibraryChange change = plan(photo("1").asset());

        assertThat(change.getPendingFiles()).singleElement().satisfies(task -> {
            assertThat(task.getRelativePath()).isEqualTo(DAY + "IMG_1.JPG");
            assertThat(task.getRendition()).isEqualTo("original");
            assertThat(task.getFileKey()).isEqualTo("M1/original");
        });
    }

    @Test
    void twoPhotosOfOneNameInAPageGetTwoNames() {
        LibraryChange first = added(photo("1").named("IMG_SAME.JPG").size(1000).asset());
        LibraryChange second = added(photo("2").named("IMG_SAME.JPG").size(2000).asset());

        library.planner.planPage(library.page(first, second));

        assertThat(first.getPendingFiles()).extracting(FileTask::getRelativePath).containsExactly(DAY + "IMG_SAME.JPG");
        assertThat(second.getPendingFiles()).extracting(FileTask::getRelativePath)
                .containsExactly(DAY + "IMG_SAME-2000.JPG");
    }

    @Test
    void aFileSomeoneElsePutAtThePathIsPassedOver() {
        library.destination.put(DAY + "IMG_1.JPG", content(1234, "not ours"));

        LibraryChange change = plan(photo("1").size(1000).asset());

        assertThat(change.getPendingFiles()).extracting(FileTask::getRelativePath).containsExactly(DAY + "IMG_1-1000.JPG");
    }

    @Test
    void aPathTheStateGivesAnotherFileIsNotTakenEvenWhileThatFileIsMissing() {
        stored(photo("1").named("IMG_SAME.JPG").size(1000));
        library.destination.delete(DAY + "IMG_SAME.JPG"); // verify or the next run fetches it back to that path
        LibraryChange other = added(photo("2").named("IMG_SAME.JPG").size(2000).asset());
        LibraryChange third = added(photo("3").named("IMG_3.JPG").asset());

        library.planner.planPage(library.page(other, third));

        assertThat(other.getPendingFiles()).extracting(FileTask::getRelativePath)
                .containsExactly(DAY + "IMG_SAME-2000.JPG");
        assertThat(third.getPendingFiles()).extracting(FileTask::getRelativePath).containsExactly(DAY + "IMG_3.JPG");
    }

    @Test
    void aFileAlreadyThereWithTheExpectedSizeIsAdoptedNotDownloaded() {
        // a crash after publishing, before the page was committed
        byte[] published = content(1000, "M1/original");
        library.destination.put(DAY + "IMG_1.JPG", published);

        LibraryChange change = plan(photo("1").size(1000).asset());

        assertThat(change.getPendingFiles()).isEmpty();
        assertThat(change.getFiles()).singleElement().satisfies(task -> {
            assertThat(task.getOutcome()).isEqualTo(FileTask.Outcome.ALREADY_PRESENT);
            assertThat(task.getRelativePath()).isEqualTo(DAY + "IMG_1.JPG");
            assertThat(task.getSha256()).isEqualTo(MemoryDestination.sha256(published));
        });
    }

    @Test
    void aStoredFileStillInPlaceIsNotFetchedAgain() {
        PhotoAsset asset = stored(photo("1"));

        LibraryChange again = plan(asset);

        assertThat(again.getPendingFiles()).isEmpty();
        assertThat(again.getFiles()).singleElement().extracting(FileTask::getOutcome, FileTask::getRelativePath)
                .containsExactly(FileTask.Outcome.ALREADY_PRESENT, DAY + "IMG_1.JPG");
    }

    @Test
    void aStoredFileThatWentMissingIsFetchedAgainUnderItsName() {
        PhotoAsset asset = stored(photo("1"));
        library.destination.delete(DAY + "IMG_1.JPG");

        LibraryChange again = plan(asset);

        assertThat(again.getPendingFiles()).extracting(FileTask::getRelativePath).containsExactly(DAY + "IMG_1.JPG");
    }

    @Test
    void aDamagedStoredFileIsReplacedInPlaceNotDuplicatedBesideIt() {
        PhotoAsset asset = stored(photo("1"));
        library.destination.put(DAY + "IMG_1.JPG", content(10, "truncated"));

        LibraryChange again = plan(asset);

        assertThat(again.getPendingFiles()).singleElement().satisfies(task -> {
            assertThat(task.getRelativePath()).isEqualTo(DAY + "IMG_1.JPG");
            assertThat(task.isReplacingDamagedCopy()).isTrue();
        });
    }

    @Test
    void otherLayoutSettingsMoveAStoredFileInsteadOfDownloadingIt() {
        PhotoAsset asset = stored(photo("1"));
        TestLibrary byYear = library.withLayout("%Y");

        LibraryChange change = added(asset);
        byYear.planner.planPage(byYear.page(change));

        assertThat(change.getPendingFiles()).singleElement().satisfies(task -> {
            assertThat(task.isMove()).isTrue();
            assertThat(task.getMovesFrom()).isEqualTo(DAY + "IMG_1.JPG");
            assertThat(task.getRelativePath()).isEqualTo("2024/IMG_1.JPG");
        });
    }

    @Test
    void twoItemsOfOneMasterInAPageFetchItsFileOnce() {
        LibraryChange original = added(photo("1").asset());
        LibraryChange duplicate = added(photo("2").master("M1").asset());

        library.planner.planPage(library.page(original, duplicate));

        assertThat(original.getPendingFiles()).hasSize(1);
        // the duplicate waits for the same file instead of downloading it again
        assertThat(duplicate.getPendingFiles()).isEmpty();
        assertThat(duplicate.getFiles()).containsExactlyElementsOf(original.getFiles());
    }

    @Test
    void theSettingsSkipAnItemAndSayWhy() {
        ContentPolicy noVideos = new ContentPolicy();
        noVideos.setSkipVideos(true);
        try (TestLibrary photosOnly = new TestLibrary(dir.resolve("photos-only"), TestLibrary.FOLDERS_BY_DATE, noVideos)) {
            LibraryChange change = added(photo("1").video().asset());

            photosOnly.planner.planPage(photosOnly.page(change));

            assertThat(change.getFiles()).isEmpty();
            assertThat(change.getSkipReason()).isEqualTo("video");
        }
    }

    @Test
    void anItemWhoseMasterCouldNotBeHadIsAFailureToRetry() {
        LibraryChange change = plan(photo("1").withoutMaster().asset());

        assertThat(change.getFiles()).singleElement().satisfies(task -> {
            assertThat(task.getOutcome()).isEqualTo(FileTask.Outcome.FAILED);
            assertThat(task.getError()).startsWith(FilePlanner.UNAVAILABLE);
        });
        assertThat(change.filesComplete()).isFalse();
    }

    @Test
    void onlyNewItemsArePlannedBeforeThePageRuns() {
        PhotoAsset asset = stored(photo("1"));
        LibraryChange trashed = changed(ChangeType.ASSET_TRASHED, photo("1").deleted().asset(), library.stored(asset));

        library.planner.planPage(library.page(trashed));

        assertThat(trashed.getFiles()).isEmpty();
    }
}
