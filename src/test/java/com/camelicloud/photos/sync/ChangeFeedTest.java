package com.camelicloud.photos.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.auth.Region;
import com.camelicloud.photos.cloudkit.Database;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeICloud;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.http.RetryPolicy;
import com.camelicloud.photos.metadata.MetadataOptions;
import com.camelicloud.photos.testing.FakeDefaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cycle asks iCloud (docs/protocol.md §4): one call when nothing changed, only the changes when something
 * did, and a way on from a token iCloud rejects that lists or downloads nothing already stored. Against the fake
 * iCloud, a real state database and a destination in memory; each cycle's pages are handled as the routes do.
 */
class ChangeFeedTest {

    private static final String APPLE_ID = "feed@example.com";

    @TempDir
    Path dir;
    private FakeICloud fake;
    private FakeZone zone;
    private ICloudAccount account;
    private TestLibrary library;

    @BeforeEach
    void libraryOfThree() {
        fake = FakeICloud.start();
        FakeAccount fakeAccount = fake.createAccount(APPLE_ID, FakeDefaults.PASSWORD).srp("s2k", 1000);
        zone = fakeAccount.primaryZone();
        zone.addPhoto("IMG_0001.JPG");
        zone.addPhoto("IMG_0002.HEIC");
        zone.addVideo("VID_0003.MP4");
        account = new ICloudAccount(APPLE_ID, new ICloudAccount.Settings(dir.resolve("session"), Region.fromId("com"),
                fake.authEndpoint(), fake.setupEndpoint(), null, Duration.ofSeconds(10), RetryPolicy.CLOUDKIT),
                FakeDefaults.PASSWORD::toCharArray, challenge -> FakeDefaults.CODE);
        library = new TestLibrary(dir, TestLibrary.FOLDERS_BY_DATE);
    }

    @AfterEach
    void close() {
        library.close();
        fake.close();
    }

    private FeedOptions options(String contentProfile) {
        return new FeedOptions(ZoneId.PRIMARY, false,
                new CopySettings(contentProfile, true, false, MetadataOptions.none()), null, 10, false, false, 0, false,
                false, library.layout.profile());
    }

    /** One cycle as sync-poll runs it: every page planned, downloaded and committed, then the database tokens. */
    private List<ChangePage> cycle(FeedOptions options) {
        List<ChangePage> pages = new ArrayList<>();
        try (ChangeFeed feed = new ChangeFeed(account.cloudKit(), library.state.repository(), options,
                library.destination).plan()) {
            feed.forEachRemaining(page -> pages.add(library.commit(library.download(page))));
            library.state.storeDatabaseTokens(feed.databaseTokenRows());
        }
        return pages;
    }

    private List<ChangePage> cycle() {
        return cycle(options(library.content.profile()));
    }

    private static List<LibraryChange> changes(List<ChangePage> pages) {
        return pages.stream().flatMap(page -> page.getChanges().stream()).toList();
    }

    private static long downloads(List<ChangePage> pages) {
        return changes(pages).stream().flatMap(change -> change.getFiles().stream())
                .filter(task -> task.getOutcome() == FileTask.Outcome.DOWNLOADED).distinct().count();
    }

    @Test
    void theFirstCycleListsTheLibraryAndStoresItsTokens() {
        List<ChangePage> pages = cycle();

        assertThat(pages).allMatch(ChangePage::isFullScan);
        assertThat(downloads(pages)).isEqualTo(3);
        assertThat(library.state.repository().zoneToken(ZoneId.primary())).isPresent();
        assertThat(library.state.repository().databaseToken(Database.PRIVATE)).isPresent();
    }

    @Test
    void whenNothingChangedACycleIsOneCall() {
        cycle();
        fake.resetCounters();

        List<ChangePage> pages = cycle();

        assertThat(pages).isEmpty();
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
        assertThat(fake.calls(Endpoint.CHANGES_DATABASE)).isEqualTo(1);
    }

    @Test
    void aChangeIsReadFromTheZoneTokenNotByListingAgain() {
        cycle();
        String added = zone.addPhoto("IMG_0004.JPG");
        fake.resetCounters();

        List<ChangePage> pages = cycle();

        assertThat(pages).noneMatch(ChangePage::isFullScan);
        assertThat(changes(pages)).extracting(LibraryChange::getType, LibraryChange::getRecordName)
                .containsExactly(tuple(ChangeType.ASSET_ADDED, added));
        assertThat(fake.calls(Endpoint.RECORDS_QUERY)).isZero();
        assertThat(downloads(pages)).isEqualTo(1);
    }

    @Test
    void aRejectedDatabaseTokenAsksForEveryLibraryAndEachGoesOnFromItsOwnToken() {
        cycle();
        String added = zone.addPhoto("IMG_0004.JPG");
        fake.faults().invalidateDatabaseTokens();
        fake.resetCounters();

        List<ChangePage> pages = cycle();

        // once with the stored token (rejected), once without
        assertThat(fake.calls(Endpoint.CHANGES_DATABASE)).isEqualTo(2);
        assertThat(fake.calls(Endpoint.RECORDS_QUERY)).isZero();
        assertThat(changes(pages)).extracting(LibraryChange::getRecordName).containsExactly(added);
        // the token iCloud gave instead is kept, so the next cycle is one call again
        fake.resetCounters();
        assertThat(cycle()).isEmpty();
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
    }

    @Test
    void aRejectedZoneTokenListsTheLibraryAgainAndDownloadsOnlyWhatIsNew() {
        cycle();
        String added = zone.addPhoto("IMG_0004.JPG");
        fake.faults().invalidateZoneTokens();

        List<ChangePage> pages = cycle();

        assertThat(pages).isNotEmpty().allMatch(ChangePage::isFullScan);
        // the listing is diffed against the state: only the new item is a change, and only it is downloaded
        assertThat(changes(pages)).extracting(LibraryChange::getRecordName).containsExactly(added);
        assertThat(downloads(pages)).isEqualTo(1);
        assertThat(library.destination.paths()).hasSize(4);
    }

    @Test
    void otherDownloadSettingsListTheLibraryAgainThoughNothingChanged() {
        cycle();
        fake.resetCounters();

        List<ChangePage> pages = cycle(options("sizes=[original, medium]"));

        assertThat(pages).isNotEmpty().allMatch(ChangePage::isFullScan);
        assertThat(changes(pages)).hasSize(3);
        assertThat(downloads(pages)).isZero();
    }
}
