package com.camelicloud.photos.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.http.CookieJar;
import com.camelicloud.photos.http.HttpTransport;
import com.camelicloud.photos.http.RetryPolicy;
import com.camelicloud.photos.state.DataDirectory;

/**
 * One Apple ID's clients: the HTTP transport with its cookie jar, the authenticator that owns the
 * session file, and the CloudKit client that renews the session through it. One per account per process.
 */
public final class ICloudAccount {

    private final String appleId;
    private final HttpTransport http;
    private final ICloudAuthenticator authenticator;
    private final CloudKitClient cloudKit;
    private final AuthEndpoints endpoints;

    public ICloudAccount(String appleId, Settings settings, PasswordSource passwords, TwoFactorCodeSource codes) {
        this.appleId = appleId;
        this.endpoints = AuthEndpoints.of(settings.region(), settings.authEndpoint(), settings.setupEndpoint());
        this.http = new HttpTransport(new CookieJar(), settings.userAgent(), settings.requestTimeout());
        SessionStore store = new SessionStore(new DataDirectory(settings.dataDir()).sessionFile(appleId));
        this.authenticator = new ICloudAuthenticator(appleId, endpoints, store, http, passwords, codes,
                Clock.systemUTC());
        this.cloudKit = new CloudKitClient(http, authenticator, settings.retryPolicy());
    }

    public String appleId() {
        return appleId;
    }

    public ICloudAuthenticator authenticator() {
        return authenticator;
    }

    public CloudKitClient cloudKit() {
        return cloudKit;
    }

    public HttpTransport http() {
        return http;
    }

    public AuthEndpoints endpoints() {
        return endpoints;
    }

    /** Signs in down the session ladder; see {@link ICloudAuthenticator#signIn()}. */
    public AccountDocument signIn() {
        return authenticator.signIn();
    }

    /**
     * Connection settings of an account.
     *
     * @param authEndpoint  {@code --auth-endpoint}; null or the Apple default for the region's own host
     * @param setupEndpoint {@code --setup-endpoint}; likewise
     */
    public record Settings(Path dataDir, Region region, String authEndpoint, String setupEndpoint, String userAgent,
                           Duration requestTimeout, RetryPolicy retryPolicy) {
    }
}
