package com.camelicloud.photos.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.camelicloud.photos.auth.AccountObserver;
import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.auth.PasswordSource;
import com.camelicloud.photos.auth.Region;
import com.camelicloud.photos.auth.TwoFactorCodeSource;
import com.camelicloud.photos.destination.DestinationProbe;
import com.camelicloud.photos.http.RetryPolicy;
import com.camelicloud.photos.layout.PhotoLayout;
import com.camelicloud.photos.metadata.MetadataOptions;
import com.camelicloud.photos.state.SyncStateRepository;
import com.camelicloud.photos.sync.ContentPolicy;
import com.camelicloud.photos.sync.FeedOptions;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.PropertyBindingSupport;

/**
 * The {@code icloud-photos:} component: reads an iCloud Photos library through the CloudKit web API.
 * One {@link ICloudAccount} (session, cookie jar, CloudKit client) is shared by every endpoint of the
 * same Apple ID.
 */
@Component("icloud-photos")
public class ICloudPhotosComponent extends DefaultComponent {

    @Metadata(description = "Default options of every endpoint")
    private ICloudPhotosConfiguration configuration = new ICloudPhotosConfiguration();
    @Metadata(autowired = true, description = "Where the password comes from when the session cannot be reused")
    private PasswordSource passwordSource;
    @Metadata(autowired = true, description = "Who types two-factor codes when Apple asks for one")
    private TwoFactorCodeSource twoFactorCodeSource;

    @Metadata(autowired = true, description = "The sync state the change feed diffs against")
    private SyncStateRepository stateRepository;
    @Metadata(autowired = true, description = "Which renditions the destination keeps")
    private ContentPolicy contentPolicy;
    @Metadata(autowired = true, description = "Progress callbacks of the change feed")
    private FeedOptions.FeedListener feedListener;

    private final Map<String, ICloudAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, MediaDownloads> downloads = new ConcurrentHashMap<>();
    private final Map<String, RecentlyDeletedMoves> recentlyDeletedMoves = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("icloud-photos needs an Apple ID: icloud-photos:<appleId>");
        }
        ICloudPhotosConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setAppleId(remaining.trim());
        PropertyBindingSupport.build().withRemoveParameters(true)
                .bind(getCamelContext(), endpointConfiguration, parameters);
        ICloudPhotosEndpoint endpoint = new ICloudPhotosEndpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The account of an endpoint, created on first use and shared afterwards. */
    ICloudAccount account(ICloudPhotosConfiguration config) {
        return accounts.computeIfAbsent(config.getAppleId().toLowerCase(Locale.ROOT), key -> {
            ICloudAccount account = new ICloudAccount(config.getAppleId(),
                    new ICloudAccount.Settings(Path.of(config.getDataDir()), Region.fromId(config.getDomain()),
                            config.getAuthEndpoint(), config.getSetupEndpoint(), config.getUserAgent(),
                            Duration.ofMillis(config.getRequestTimeout()), RetryPolicy.CLOUDKIT),
                    requirePasswordSource(), requireCodeSource());
            getCamelContext().getRegistry().findByType(AccountObserver.class)
                    .forEach(observer -> observer.accountOpened(account));
            return account;
        });
    }

    @Override
    protected void doStop() throws Exception {
        downloads.values().forEach(MediaDownloads::close);
        super.doStop();
    }

    SyncStateRepository requireStateRepository() {
        return stateRepository = required(stateRepository, SyncStateRepository.class, "to diff changes against");
    }

    ContentPolicy requireContentPolicy() {
        return contentPolicy = required(contentPolicy, ContentPolicy.class, "to know which renditions to keep");
    }

    /** Where files go: full listings read the album index for {album} layouts; files stored otherwise move. */
    PhotoLayout layout() {
        return required(null, PhotoLayout.class, "to know where files go");
    }

    /** The metadata the sync writes into files (the registry's bean); none without one. */
    MetadataOptions metadataOptions() {
        MetadataOptions options = getCamelContext().getRegistry().findSingleByType(MetadataOptions.class);
        return options != null ? options : MetadataOptions.none();
    }

    /** What full enumerations check files against; without one, the state is trusted. */
    DestinationProbe destinationProbe() {
        return getCamelContext().getRegistry().findSingleByType(DestinationProbe.class);
    }

    FeedOptions.FeedListener feedListener() {
        if (feedListener == null) {
            feedListener = getCamelContext().getRegistry().findSingleByType(FeedOptions.FeedListener.class);
        }
        return feedListener;
    }

    /** The configured bean, else the registry's only bean of that type (autowiring by type). */
    private <T> T required(T configured, Class<T> type, String why) {
        if (configured != null) {
            return configured;
        }
        T found = getCamelContext().getRegistry().findSingleByType(type);
        if (found == null) {
            throw new IllegalStateException("icloud-photos needs one " + type.getSimpleName() + " bean in the registry "
                    + why);
        }
        return found;
    }

    /** The media download handler of an endpoint's account, shared by every download endpoint of it. */
    MediaDownloads downloads(ICloudPhotosConfiguration config) {
        return downloads.computeIfAbsent(config.getAppleId().toLowerCase(Locale.ROOT),
                key -> new MediaDownloads(account(config), config));
    }

    /** The moves to Recently Deleted of an endpoint's account, paced across every endpoint of it. */
    RecentlyDeletedMoves recentlyDeletedMoves(ICloudPhotosConfiguration config) {
        return recentlyDeletedMoves.computeIfAbsent(config.getAppleId().toLowerCase(Locale.ROOT),
                key -> new RecentlyDeletedMoves(account(config).cloudKit()));
    }

    private PasswordSource requirePasswordSource() {
        return passwordSource = required(passwordSource, PasswordSource.class, "to sign in");
    }

    private TwoFactorCodeSource requireCodeSource() {
        return twoFactorCodeSource = required(twoFactorCodeSource, TwoFactorCodeSource.class, "to sign in");
    }

    public SyncStateRepository getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(SyncStateRepository stateRepository) {
        this.stateRepository = stateRepository;
    }

    public ContentPolicy getContentPolicy() {
        return contentPolicy;
    }

    public void setContentPolicy(ContentPolicy contentPolicy) {
        this.contentPolicy = contentPolicy;
    }

    public FeedOptions.FeedListener getFeedListener() {
        return feedListener;
    }

    public void setFeedListener(FeedOptions.FeedListener feedListener) {
        this.feedListener = feedListener;
    }

    public ICloudPhotosConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ICloudPhotosConfiguration configuration) {
        this.configuration = configuration;
    }

    public PasswordSource getPasswordSource() {
        return passwordSource;
    }

    public void setPasswordSource(PasswordSource passwordSource) {
        this.passwordSource = passwordSource;
    }

    public TwoFactorCodeSource getTwoFactorCodeSource() {
        return twoFactorCodeSource;
    }

    public void setTwoFactorCodeSource(TwoFactorCodeSource twoFactorCodeSource) {
        this.twoFactorCodeSource = twoFactorCodeSource;
    }
}
