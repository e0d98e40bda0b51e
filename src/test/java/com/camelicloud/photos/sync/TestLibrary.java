package com.camelicloud.photos.sync;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.layout.PhotoLayout;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.testing.MemoryDestination;
import com.camelicloud.photos.testing.StateFixture;

/**
 * A destination in memory and its real SQLite state, with the beans the branch routes call ({@link FilePlanner},
 * {@link FilePolicies}, {@link AlbumFolders}), so that a unit test can do what a page's routes do, step by step and without Camel:
 * plan a page, "download" its files, run a policy, commit the page.
 */
final class TestLibrary implements AutoCloseable {

    static final String FOLDERS_BY_DATE = "%Y/%m/%d";

    final MemoryDestination destination;
    final StateFixture state;
    final PhotoLayout layout;
    final ContentPolicy content;
    final FilePlanner planner;
    private final AtomicInteger pages = new AtomicInteger();

    TestLibrary(Path folder, String folderStructure) {
        this(folder, folderStructure, new ContentPolicy());
    }

    TestLibrary(Path folder, String folderStructure, ContentPolicy content) {
        this(new MemoryDestination("photos"), folder, folderStructure, content);
    }

    private TestLibrary(MemoryDestination destination, Path folder, String folderStructure, ContentPolicy content) {
        this(destination, StateFixture.open(folder, destination), layout(folderStructure), content.init());
    }

    private TestLibrary(MemoryDestination destination, StateFixture state, PhotoLayout layout, ContentPolicy content) {
        this.destination = destination;
        this.state = state;
        this.layout = layout;
        this.content = content;
        this.planner = new FilePlanner(state.repository(), content, layout, destination);
    }

    static PhotoLayout layout(String folderStructure) {
        return PhotoLayout.of(folderStructure, true, "suffix", "name-size-dedup-with-suffix");
    }

    /** The same destination and state seen with other layout settings (a later run with other flags). */
    TestLibrary withLayout(String folderStructure) {
        return new TestLibrary(destination, state, layout(folderStructure), content);
    }

    /** The album folders' bean as beans.yaml declares it. */
    AlbumFolders albumFolders(boolean dryRun, String albumLink) {
        return new AlbumFolders(state.repository(), destination, fileChanges(dryRun), layout, albumLink);
    }

    /** The policies' bean as beans.yaml declares it. */
    FilePolicies policies(boolean dryRun, String albumLink) {
        return new FilePolicies(state.repository(), destination, fileChanges(dryRun), layout,
                albumFolders(dryRun, albumLink));
    }

    private FileChanges fileChanges(boolean dryRun) {
        return FileChanges.of(dryRun, destination, new DryRunPrinter(false, destination));
    }

    /** A page of one zone with these changes, as the change feed hands it out. */
    ChangePage page(LibraryChange... changes) {
        ZoneId zone = changes.length == 0 ? ZoneId.primary() : changes[0].getZone();
        return new ChangePage(zone, false, pages.getAndIncrement(), List.of(changes), null, false, content.profile());
    }

    /**
     * What sync-page and fetch-file do with new items: the page is planned and each file it fetches lands at its
     * path, its bytes derived from its size and key. Linking into other albums and the commit are the caller's.
     */
    ChangePage download(LibraryChange... changes) {
        return download(page(changes));
    }

    /** {@link #download(LibraryChange...)} for a page the change feed gave. */
    ChangePage download(ChangePage page) {
        planner.planPage(page);
        for (LibraryChange change : page.getChanges()) {
            for (FileTask task : change.getPendingFiles()) {
                byte[] bytes = TestPhotos.content(task.getResource().size(), task.getFileKey());
                destination.put(task.getRelativePath(), bytes);
                task.completed(FileTask.Outcome.DOWNLOADED, bytes.length, MemoryDestination.sha256(bytes));
            }
        }
        return page;
    }

    /** sync-change's ledger step for every change, then sync-commit. */
    ChangePage commit(ChangePage page) {
        page.getChanges().forEach(page::processed);
        state.commit(page);
        return page;
    }

    /** What the state holds of an item. */
    AssetState stored(PhotoAsset asset) {
        return state.repository().assetStates(asset.zoneName(), List.of(asset.assetId())).get(asset.assetId());
    }

    @Override
    public void close() {
        state.close();
    }
}
