package com.camelicloud.photos.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.camelicloud.photos.auth.PasswordSource;
import com.camelicloud.photos.auth.TwoFactorCodeSource;
import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeICloud;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.Variant;
import com.camelicloud.photos.layout.PhotoLayout;
import com.camelicloud.photos.metadata.MetadataOptions;
import com.camelicloud.photos.sync.ChangeFeed;
import com.camelicloud.photos.sync.ChangeFeeds;
import com.camelicloud.photos.sync.ChangePage;
import com.camelicloud.photos.sync.ChangeType;
import com.camelicloud.photos.sync.ContentPolicy;
import com.camelicloud.photos.sync.FilePlanner;
import com.camelicloud.photos.sync.FileTask;
import com.camelicloud.photos.sync.LibraryChange;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.MemoryDestination;
import com.camelicloud.photos.testing.StateFixture;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code icloud-photos:} component on a plain CamelContext: what an endpoint URI configures, and what its two
 * operations put on the exchange. The account signs in to the fake iCloud with the registry's password and
 * two-factor sources; the change feed is the sync's, as beans.yaml binds it.
 */
class ICloudPhotosComponentTest extends CamelTestSupport {

    private static final String APPLE_ID = "component@example.com";

    @TempDir
    Path dir;
    private FakeICloud fake;
    private FakeZone zone;
    private StateFixture state;
    private MemoryDestination destination;
    private final ContentPolicy content = new ContentPolicy().init();
    private final PhotoLayout layout = PhotoLayout.of("%Y/%m/%d", true, "suffix", "name-size-dedup-with-suffix");

    @BeforeEach
    void accountWithThreeItems() {
        fake = FakeICloud.start();
        zone = fake.createAccount(APPLE_ID, FakeDefaults.PASSWORD).srp("s2k", 1000).primaryZone();
        zone.addPhoto("IMG_0001.JPG");
        zone.addPhoto("IMG_0002.HEIC");
        zone.addVideo("VID_0003.MP4");
        destination = new MemoryDestination("photos");
        state = StateFixture.open(dir, destination);
        context.getRegistry().bind("passwordSource", PasswordSource.class, (PasswordSource) FakeDefaults.PASSWORD::toCharArray);
        context.getRegistry().bind("twoFactorCodeSource", TwoFactorCodeSource.class,
                (TwoFactorCodeSource) challenge -> FakeDefaults.CODE);
        context.getRegistry().bind("changeFeeds", new ChangeFeeds(state.repository(), content, layout, destination,
                null, MetadataOptions.none()));
        ICloudPhotosConfiguration defaults = context.getComponent("icloud-photos", ICloudPhotosComponent.class)
                .getConfiguration();
        defaults.setDataDir(dir.resolve("session").toString());
        defaults.setAuthEndpoint(fake.authEndpoint());
        defaults.setSetupEndpoint(fake.setupEndpoint());
        defaults.setTempDirectory(dir.resolve("tmp").toString());
    }

    @AfterEach
    void close() {
        state.close();
        fake.close();
    }

    private ICloudPhotosEndpoint endpoint(String uri) {
        return context.getEndpoint(uri, ICloudPhotosEndpoint.class);
    }

    private ChangeFeed listChanges() {
        return template().requestBody("icloud-photos:" + APPLE_ID + "?operation=listChanges", null, ChangeFeed.class);
    }

    /** The cycle's first page, planned as sync-page plans it. */
    private ChangePage firstPage() {
        try (ChangeFeed feed = listChanges()) {
            return new FilePlanner(state.repository(), content, layout, destination).planPage(feed.next());
        }
    }

    @Test
    void anEndpointTakesItsOptionsFromItsUriAndTheRestFromTheComponent() {
        ICloudPhotosConfiguration options = endpoint("icloud-photos:JDoe@Example.com?operation=download&library=all"
                + "&fullEnumeration=true&maxDownloadAttempts=3&maxRetries=1").getConfiguration();

        assertThat(options.getAppleId()).isEqualTo("JDoe@Example.com");
        assertThat(options.getOperation()).isEqualTo(ICloudPhotosOperations.download);
        assertThat(options.getLibrary()).isEqualTo("all");
        assertThat(options.isFullEnumeration()).isTrue();
        assertThat(options.getMaxDownloadAttempts()).isEqualTo(3);
        assertThat(options.getMaxRetries()).isEqualTo(1);
        assertThat(options.getAuthEndpoint()).isEqualTo(fake.authEndpoint());
        // one endpoint's options are its own: the component's defaults and other endpoints keep theirs
        ICloudPhotosConfiguration other = endpoint("icloud-photos:other@example.com").getConfiguration();
        assertThat(other.getOperation()).isEqualTo(ICloudPhotosOperations.listChanges);
        assertThat(other.getLibrary()).isEqualTo("PrimarySync");
        assertThat(other.getMaxRetries()).isEqualTo(3);
    }

    @Test
    void aMisspelledOptionOrAMissingAppleIdIsRefusedByName() {
        assertThatThrownBy(() -> context.getEndpoint("icloud-photos:" + APPLE_ID + "?libary=all"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("libary");
        assertThatThrownBy(() -> context.getEndpoint("icloud-photos:?operation=download"))
                .hasStackTraceContaining("icloud-photos needs an Apple ID");
    }

    @Test
    void itIsPolledFromAnotherRouteAndHasNoConsumer() {
        assertThatThrownBy(() -> endpoint("icloud-photos:" + APPLE_ID).createConsumer(exchange -> { }))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("quartz:");
    }

    @Test
    void listChangesAnswersWithTheCyclesPagesAfterOneSignIn() {
        List<LibraryChange> changes = new ArrayList<>();
        try (ChangeFeed feed = listChanges()) {
            feed.forEachRemaining(page -> changes.addAll(page.getChanges()));
        }
        assertThat(changes).hasSize(3).allMatch(change -> change.getType() == ChangeType.ASSET_ADDED);
        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(1);
    }

    @Test
    void downloadTurnsAFileTaskIntoATempFileReadyToPublish() throws Exception {
        FileTask task = firstPage().getChanges().get(0).getPendingFiles().get(0);
        byte[] expected = zone.asset(task.getChange().getRecordName()).content(Variant.ORIGINAL);

        Exchange exchange = template().request("icloud-photos:" + APPLE_ID + "?operation=download",
                in -> in.getMessage().setBody(task));

        assertThat(exchange.getException()).isNull();
        File file = exchange.getMessage().getBody(File.class);
        assertThat(file.toPath()).startsWith(dir.resolve("tmp"));
        assertThat(Files.readAllBytes(file.toPath())).isEqualTo(expected);
        assertThat(exchange.getMessage().getHeader(Exchange.FILE_NAME)).isEqualTo(task.getRelativePath());
        assertThat(exchange.getMessage().getHeader(Exchange.FILE_LOCAL_WORK_PATH)).isEqualTo(file.toString());
        assertThat(exchange.getMessage().getHeader(ICloudPhotosConstants.SHA256))
                .isEqualTo(MemoryDestination.sha256(expected));
        assertThat(exchange.getMessage().getHeader(ICloudPhotosConstants.FILE_SIZE)).isEqualTo((long) expected.length);
    }

    @Test
    void aRestartedComponentDownloadsWithFreshConnectionsAndSignsInAgain() throws Exception {
        ChangePage page = firstPage();
        FileTask first = page.getChanges().get(0).getPendingFiles().get(0);
        FileTask second = page.getChanges().get(1).getPendingFiles().get(0);
        String download = "icloud-photos:" + APPLE_ID + "?operation=download&maxRetries=0";
        template().requestBody(download, first, File.class);
        ICloudPhotosComponent component = context.getComponent("icloud-photos", ICloudPhotosComponent.class);

        component.stop();
        component.start();
        File file = template().requestBody(download, second, File.class);

        byte[] expected = zone.asset(second.getChange().getRecordName()).content(Variant.ORIGINAL);
        assertThat(Files.readAllBytes(file.toPath())).isEqualTo(expected);
        // the account was forgotten with the stop: its session file lets it in again without a password
        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(1);
    }

    @Test
    void theOperationHeaderOverridesTheEndpointsOperation() {
        FileTask task = firstPage().getChanges().get(0).getPendingFiles().get(0);

        Object body = template().requestBodyAndHeader("icloud-photos:" + APPLE_ID + "?operation=listChanges", task,
                ICloudPhotosConstants.OPERATION, "download");

        assertThat(body).isInstanceOf(File.class);
    }

    @Test
    void downloadRefusesABodyThatIsNoFileTask() {
        assertThatThrownBy(() -> template().requestBody("icloud-photos:" + APPLE_ID + "?operation=download", "IMG_1.JPG"))
                .hasRootCauseInstanceOf(IllegalArgumentException.class).hasStackTraceContaining("expects a MediaFile body");
    }
}
