package com.camelicloud.photos.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.camelicloud.photos.auth.AccountObserver;
import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.auth.PasswordSource;
import com.camelicloud.photos.auth.Region;
import com.camelicloud.photos.auth.TwoFactorCodeSource;
import com.camelicloud.photos.http.RetryPolicy;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.PropertyBindingSupport;

/**
 * The {@code icloud-photos:} component: reads an iCloud Photos library through the CloudKit web API. One
 * {@link ICloudAccount} (session, cookie jar, CloudKit client) is shared by every endpoint of the same Apple ID.
 *
 * <p>Its collaborators are options; one left unset is autowired when it starts, from the registry's only bean of its
 * type. What the accounts opened while it ran hold is released when it stops: a restarted component signs in afresh
 * with the sources it then has.
 */
@Component("icloud-photos")
public class ICloudPhotosComponent extends DefaultComponent {

    @Metadata(description = "Default options of every endpoint")
    private ICloudPhotosConfiguration configuration = new ICloudPhotosConfiguration();
    @Metadata(autowired = true, description = "Where the password comes from when the session cannot be reused")
    private PasswordSource passwordSource;
    @Metadata(autowired = true, description = "Who types two-factor codes when Apple asks for one")
    private TwoFactorCodeSource twoFactorCodeSource;
    @Metadata(autowired = true, description = "Plans the cycle listChanges answers with: the application's sync")
    private ChangeFeedFactory changeFeedFactory;
    @Metadata(label = "advanced", description = "Told of every account the component opens (metrics, health, "
            + "notifications); by default every AccountObserver bean of the registry")
    private List<AccountObserver> accountObservers;

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

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        passwordSource = autowired(passwordSource, PasswordSource.class);
        twoFactorCodeSource = autowired(twoFactorCodeSource, TwoFactorCodeSource.class);
        changeFeedFactory = autowired(changeFeedFactory, ChangeFeedFactory.class);
        if (accountObservers == null) {
            accountObservers = List.copyOf(getCamelContext().getRegistry().findByType(AccountObserver.class));
        }
    }

    /** Closes the downloads' connections and temp folders, and forgets the accounts. */
    @Override
    protected void doStop() throws Exception {
        downloads.values().forEach(MediaDownloads::close);
        downloads.clear();
        recentlyDeletedMoves.clear();
        accounts.clear();
        super.doStop();
    }

    private <T> T autowired(T configured, Class<T> type) {
        return configured != null ? configured : getCamelContext().getRegistry().findSingleByType(type);
    }

    /** The account of an endpoint, created on first use and shared afterwards. */
    ICloudAccount account(ICloudPhotosConfiguration config) {
        return accounts.computeIfAbsent(key(config), key -> {
            ICloudAccount account = new ICloudAccount(config.getAppleId(),
                    new ICloudAccount.Settings(Path.of(config.getDataDir()), Region.fromId(config.getDomain()),
                            config.getAuthEndpoint(), config.getSetupEndpoint(), config.getUserAgent(),
                            Duration.ofMillis(config.getRequestTimeout()), RetryPolicy.CLOUDKIT),
                    required(passwordSource, "passwordSource", PasswordSource.class, "to sign in"),
                    required(twoFactorCodeSource, "twoFactorCodeSource", TwoFactorCodeSource.class, "to sign in"));
            accountObservers.forEach(observer -> observer.accountOpened(account));
            return account;
        });
    }

    /** The media download handler of an endpoint's account, shared by every download endpoint of it. */
    MediaDownloads downloads(ICloudPhotosConfiguration config) {
        return downloads.computeIfAbsent(key(config), key -> new MediaDownloads(account(config), config));
    }

    /** The moves to Recently Deleted of an endpoint's account, paced across every endpoint of it. */
    RecentlyDeletedMoves recentlyDeletedMoves(ICloudPhotosConfiguration config) {
        return recentlyDeletedMoves.computeIfAbsent(key(config),
                key -> new RecentlyDeletedMoves(account(config).cloudKit()));
    }

    ChangeFeedFactory requireChangeFeedFactory() {
        return required(changeFeedFactory, "changeFeedFactory", ChangeFeedFactory.class,
                "to plan the changes of listChanges");
    }

    private static String key(ICloudPhotosConfiguration config) {
        return config.getAppleId().toLowerCase(Locale.ROOT);
    }

    private static <T> T required(T value, String option, Class<T> type, String why) {
        if (value == null) {
            throw new IllegalStateException("icloud-photos needs its " + option + " option, or one " + type.getSimpleName()
                    + " bean in the registry, " + why);
        }
        return value;
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

    public ChangeFeedFactory getChangeFeedFactory() {
        return changeFeedFactory;
    }

    public void setChangeFeedFactory(ChangeFeedFactory changeFeedFactory) {
        this.changeFeedFactory = changeFeedFactory;
    }

    public List<AccountObserver> getAccountObservers() {
        return accountObservers;
    }

    public void setAccountObservers(List<AccountObserver> accountObservers) {
        this.accountObservers = accountObservers;
    }
}
