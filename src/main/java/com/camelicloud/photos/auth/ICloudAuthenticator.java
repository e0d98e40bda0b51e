package com.camelicloud.photos.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.camelicloud.photos.auth.AuthenticationException.Reason;
import com.camelicloud.photos.cloudkit.CloudKitSession;
import com.camelicloud.photos.http.ApiResponse;
import com.camelicloud.photos.http.HttpTransport;
import com.camelicloud.photos.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs one Apple ID in like the icloud.com web app, climbing the session-reuse ladder of
 * docs/protocol.md §2.1 and stopping at the first rung that works: cached account document, {@code validate},
 * {@code accountLogin} with the stored tokens, and only then SRP (with two-factor when Apple asks).
 *
 * <p>Rules it keeps: throttling stops the attempt instead of cascading down the ladder; the trust token
 * and client id are never discarded; SRP runs at most once per attempt and at most twice an hour; a
 * two-factor push is triggered once per attempt and a wrong code is re-asked without a new push.
 */
public final class ICloudAuthenticator implements CloudKitSession {

    private static final Logger LOG = LoggerFactory.getLogger(ICloudAuthenticator.class);
    /** kei reuses an account document this young without asking Apple (rung 0). */
    private static final Duration CACHED_DOCUMENT_AGE = Duration.ofMinutes(10);
    /** Trust is reported to last ~30 days; warn from day 23 (docs/protocol.md §2.8). */
    public static final Duration TRUST_LIFETIME = Duration.ofDays(30);

    private final String accountName;
    private final SessionStore store;
    private final SessionState state;
    private final HttpTransport http;
    private final PasswordSource passwords;
    private final Clock clock;
    private final SrpHandshake srp;
    private final TwoFactorStep twoFactor;
    private AuthEndpoints endpoints;
    private int seenCookieVersion;

    public ICloudAuthenticator(String appleId, AuthEndpoints endpoints, SessionStore store, HttpTransport http,
                               PasswordSource passwords, TwoFactorCodeSource codes, Clock clock) {
        // icloudpd lower-cases the Apple ID everywhere; init, complete and M1 must agree byte for byte (§2.2).
        this.accountName = appleId.trim().toLowerCase(Locale.ROOT);
        this.store = store;
        this.state = store.load();
        this.http = http;
        this.passwords = passwords;
        this.clock = clock;
        this.srp = new SrpHandshake(accountName, state, http, clock, this::persist);
        this.twoFactor = new TwoFactorStep(accountName, state, codes);
        Region stored = state.region == null ? null : Region.fromId(state.region);
        // An explicit --domain wins over what an earlier run detected.
        this.endpoints = stored != null && endpoints.region() == Region.COM && stored == Region.CN
                ? endpoints.withRegion(stored) : endpoints;
        state.region = this.endpoints.region().id();
        http.cookies().clear();
        http.cookies().restore(state.cookies);
        http.setHome(this.endpoints.home());
        this.seenCookieVersion = http.cookies().version();
        // CloudKit answers may re-set the web-auth cookie; keep the stored session in step with the jar.
        http.addObserver((endpoint, status, took) -> persistIfCookiesChanged());
    }

    public String accountName() {
        return accountName;
    }

    public HttpTransport http() {
        return http;
    }

    /** When the current trust token was issued, if known. */
    public Optional<Instant> trustedSince() {
        return Optional.ofNullable(state.trustedSince());
    }

    /** Days until the two-factor trust is expected to lapse, by the ~30-day rule. */
    public Optional<Long> trustDaysLeft() {
        return state.trustDaysLeft(clock.instant());
    }

    /** Signs in, reusing whatever still works; returns the account document with the CloudKit URL. */
    public synchronized AccountDocument signIn() {
        if (state.accountDocument != null && state.sessionToken != null && state.accountDocumentAtMillis > 0
                && Duration.between(Instant.ofEpochMilli(state.accountDocumentAtMillis), clock.instant())
                .compareTo(CACHED_DOCUMENT_AGE) < 0) {
            AccountDocument cached = new AccountDocument(state.accountDocument);
            if (!cached.needsTwoFactor() && cached.ckDatabaseUrl().isPresent()) {
                LOG.debug("Reusing the account document fetched {} s ago",
                        Duration.between(Instant.ofEpochMilli(state.accountDocumentAtMillis), clock.instant()).toSeconds());
                return cached;
            }
        }
        return climb(true);
    }

    /**
     * Called when CloudKit rejected the session (401, 421 that persisted, 450): climbs the ladder again
     * without the cached document.
     */
    @Override
    public synchronized void renew() {
        state.accountDocument = null;
        state.accountDocumentAtMillis = 0;
        climb(true);
    }

    @Override
    public synchronized String databaseUrl() {
        if (state.ckDatabaseUrl == null) {
            signIn();
        }
        return state.ckDatabaseUrl;
    }

    @Override
    public String dsid() {
        return state.dsid;
    }

    @Override
    public String clientId() {
        return state.clientId;
    }

    @Override
    public AuthenticationException accessDenied() {
        return webAccessDisabled();
    }

    private AccountDocument climb(boolean mayRetryRegion) {
        try {
            AccountDocument document = validate();
            if (document == null || document.needsTwoFactor()) {
                AccountDocument fromToken = document == null ? accountLoginWithStoredToken() : null;
                document = fromToken != null && !fromToken.needsTwoFactor() ? fromToken : srpSignIn();
            }
            Optional<Region> otherRegion = document.domainToUse().map(Region::fromDomainToUse)
                    .filter(region -> region != endpoints.region());
            if (otherRegion.isPresent()) {
                if (!mayRetryRegion) {
                    throw new AuthenticationException(Reason.WRONG_REGION, "Apple keeps answering that "
                            + accountName + " belongs to " + document.domainToUse().orElse("?")
                            + "; run again with --domain " + otherRegion.get().id());
                }
                switchRegion(otherRegion.get());
                return climb(false);
            }
            return accept(document);
        } catch (IOException e) {
            throw new AuthenticationException(Reason.THROTTLED, "cannot reach iCloud sign-in ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); check the network and try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationException(Reason.THROTTLED, "sign-in interrupted");
        }
    }

    private void switchRegion(Region region) {
        LOG.info("Apple says {} belongs to the {} region; switching to its hosts", accountName, region.id());
        endpoints = endpoints.withRegion(region);
        state.region = region.id();
        state.authRoot = null;
        state.clearRoutingState();
        http.setHome(endpoints.home());
        persist();
    }

    /** Rung 1: {@code validate} with the stored web cookies. Null when it does not work. */
    private AccountDocument validate() throws IOException, InterruptedException {
        if (http.cookies().find("X-APPLE-WEBAUTH-TOKEN").isEmpty()) {
            return null;
        }
        SetupClient setup = new SetupClient(http, endpoints.setupBase());
        ApiResponse response = withMisdirectRetry(() -> SignInCalls.throttleAware("validate", setup::validate));
        return documentOrNull("validate", response);
    }

    /** Rung 2: {@code accountLogin} with the stored session and trust tokens. */
    private AccountDocument accountLoginWithStoredToken() throws IOException, InterruptedException {
        if (state.sessionToken == null) {
            return null;
        }
        AccountDocument document = accountLogin();
        if (document == null) {
            state.clearRoutingState();
            persist();
        }
        return document;
    }

    private AccountDocument accountLogin() throws IOException, InterruptedException {
        SetupClient setup = new SetupClient(http, endpoints.setupBase());
        ApiResponse response = withMisdirectRetry(() -> SignInCalls.throttleAware("accountLogin",
                () -> setup.accountLogin(state.sessionToken, state.trustToken, state.accountCountry)));
        return documentOrNull("accountLogin", response);
    }

    private AccountDocument documentOrNull(String endpoint, ApiResponse response) {
        if (response.status() != 200) {
            LOG.debug("{} answered HTTP {}; trying the next rung", endpoint, response.status());
            return null;
        }
        Optional<JsonNode> json = Json.parse(response.body());
        if (json.isEmpty()) {
            LOG.debug("{} answered 200 without JSON; trying the next rung", endpoint);
            return null;
        }
        AccountDocument document = new AccountDocument(json.get());
        Optional<String> error = document.error();
        if (error.isPresent() && document.dsid() == null) {
            LOG.debug("{} answered an error: {}", endpoint, error.get());
            return null;
        }
        return document;
    }

    /** Rung 3 (and 4): SRP, then two-factor if Apple asks for it. */
    private AccountDocument srpSignIn() throws IOException, InterruptedException {
        srp.checkBudget();
        state.clearRoutingState();
        char[] password = passwords.password();
        try {
            IdmsaClient idmsa = srp.run(endpoints, password);
            AccountDocument document = accountLogin();
            if (document == null) {
                throw new AuthenticationException(Reason.PROTOCOL_ERROR, "signed in to the Apple ID service but "
                        + "iCloud's accountLogin refused the new session; try again later");
            }
            if (document.needsLegacyTwoStep()) {
                throw new AuthenticationException(Reason.LEGACY_TWO_STEP_UNSUPPORTED, accountName
                        + " uses the legacy two-step verification; upgrade the account to two-factor authentication");
            }
            if (document.needsTwoFactor()) {
                twoFactor.answer(idmsa, document);
                document = accountLogin();
                if (document == null || document.needsTwoFactor()) {
                    throw new AuthenticationException(Reason.TWO_FACTOR_FAILED, "Apple accepted the code but still "
                            + "does not trust this session; run `login` again");
                }
            }
            passwords.accepted(password);
            return document;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private AccountDocument accept(AccountDocument document) {
        if (document.termsUpdateNeeded()) {
            throw new AuthenticationException(Reason.TERMS_UPDATE_NEEDED, "Apple needs " + accountName + " to "
                    + "accept new terms: sign in at " + endpoints.home() + " once, accept them, and run again");
        }
        if (!document.webAccessAllowed()) {
            throw webAccessDisabled();
        }
        String ckUrl = document.ckDatabaseUrl().orElseThrow(() -> new AuthenticationException(
                Reason.PHOTOS_NOT_AVAILABLE, "iCloud Photos is not available for " + accountName + " (the account "
                + "has no CloudKit service): open " + endpoints.home() + "/photos once to finish setting it up"));
        if (document.advancedDataProtection()) {
            LOG.warn("Advanced Data Protection is on for {}; iCloud Photos can only be read if \"Access iCloud "
                    + "Data on the Web\" is also on", accountName);
        }
        if (state.ckDatabaseUrl != null && !state.ckDatabaseUrl.equals(ckUrl)) {
            // §1.1: the account moved to another partition; pooled connections point at the old one.
            LOG.info("The account's CloudKit partition changed; opening fresh connections");
            http.resetConnections();
        }
        state.ckDatabaseUrl = ckUrl;
        state.dsid = document.dsid();
        state.accountDocument = document.json();
        state.accountDocumentAtMillis = clock.millis();
        persist();
        trustDaysLeft().filter(days -> days <= 7).ifPresent(days -> LOG.warn(
                "The two-factor trust of this machine expires in about {} days; run `login` soon", days));
        return document;
    }

    /** The message for ACCESS_DENIED and for {@code isWebAccessAllowed: false}: which setting to change. */
    public AuthenticationException webAccessDisabled() {
        if (state.accountDocument != null && new AccountDocument(state.accountDocument).advancedDataProtection()) {
            return new AuthenticationException(Reason.ADVANCED_DATA_PROTECTION, "Advanced Data Protection is on for "
                    + accountName + ", so iCloud Photos cannot be read from the web. Turn on \"Access iCloud Data "
                    + "on the Web\" (iPhone: Settings > [your name] > iCloud) or turn off Advanced Data Protection.");
        }
        return new AuthenticationException(Reason.WEB_ACCESS_DISABLED, "iCloud web access is off for " + accountName
                + ". Turn on \"Access iCloud Data on the Web\" (iPhone: Settings > [your name] > iCloud) and run again.");
    }

    private ApiResponse withMisdirectRetry(SignInCalls.Call call) throws IOException, InterruptedException {
        ApiResponse response = call.run();
        if (response.status() == 421) {
            // §2.7: a connection pinned to the wrong partition; new pool, same session, once.
            http.resetConnections();
            response = call.run();
        }
        return response;
    }

    private void persistIfCookiesChanged() {
        int version = http.cookies().version();
        if (version != seenCookieVersion) {
            synchronized (this) {
                seenCookieVersion = version;
                persist();
            }
        }
    }

    private synchronized void persist() {
        state.cookies = http.cookies().snapshot();
        store.save(state);
    }
}
