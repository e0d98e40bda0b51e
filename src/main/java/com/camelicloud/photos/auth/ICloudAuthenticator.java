package com.camelicloud.photos.auth;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.camelicloud.photos.auth.AuthenticationException.Reason;
import com.camelicloud.photos.auth.TwoFactorCodeSource.Delivery;
import com.camelicloud.photos.auth.TwoFactorCodeSource.TwoFactorChallenge;
import com.camelicloud.photos.cloudkit.CloudKitSession;
import com.camelicloud.photos.http.ApiResponse;
import com.camelicloud.photos.http.HttpTransport;
import com.camelicloud.photos.http.Json;
import com.camelicloud.photos.http.RetryPolicy;
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
    private static final int MAX_CODE_ATTEMPTS = 3;
    /** docs/protocol.md §9.3: at most 2 SRP logins per account per hour. */
    private static final int MAX_SRP_PER_HOUR = 2;
    /** Trust is reported to last ~30 days; warn from day 23 (docs/protocol.md §2.8). */
    public static final Duration TRUST_LIFETIME = Duration.ofDays(30);

    private final String accountName;
    private final SessionStore store;
    private final SessionState state;
    private final HttpTransport http;
    private final PasswordSource passwords;
    private final TwoFactorCodeSource codes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Deque<Instant> srpTimes = new ArrayDeque<>();
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
        this.codes = codes;
        this.clock = clock;
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
        ApiResponse response = withMisdirectRetry(() -> throttleAware("validate", setup::validate));
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
        ApiResponse response = withMisdirectRetry(() -> throttleAware("accountLogin",
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
        checkSrpBudget();
        state.clearRoutingState();
        char[] password = passwords.password();
        try {
            IdmsaClient idmsa = srpHandshake(password);
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
                document = twoFactor(idmsa, document);
            }
            passwords.accepted(password);
            return document;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void checkSrpBudget() {
        Instant now = clock.instant();
        while (!srpTimes.isEmpty() && srpTimes.peekFirst().isBefore(now.minus(Duration.ofHours(1)))) {
            srpTimes.removeFirst();
        }
        if (srpTimes.size() >= MAX_SRP_PER_HOUR) {
            throw new AuthenticationException(Reason.THROTTLED, "refusing a third password sign-in within an hour: "
                    + "Apple locks accounts that sign in repeatedly; the next attempt is allowed after "
                    + srpTimes.peekFirst().plus(Duration.ofHours(1)), Duration.between(now,
                    srpTimes.peekFirst().plus(Duration.ofHours(1))));
        }
        srpTimes.addLast(now);
    }

    private IdmsaClient srpHandshake(char[] password) throws IOException, InterruptedException {
        List<String> bases = endpoints.authBases();
        if (state.authRoot != null && bases.contains(state.authRoot)) {
            bases = new ArrayList<>(bases);
            bases.remove(state.authRoot);
            bases.add(0, state.authRoot);
        }
        IOException lastFailure = null;
        for (int i = 0; i < bases.size(); i++) {
            boolean lastCandidate = i == bases.size() - 1;
            IdmsaClient idmsa = new IdmsaClient(http, state, this::persist, bases.get(i), endpoints.home());
            AppleSrp srp = new AppleSrp(random);
            ApiResponse init;
            try {
                init = throttleAware("signin/init", () -> idmsa.signinInit(accountName, srp.publicKey()));
                if (IdmsaClient.effectiveStatus(init) == 401) {
                    // §2.3: a 401 from init is a stale auth context, not a wrong password.
                    state.scnt = null;
                    state.sessionId = null;
                    init = throttleAware("signin/init", () -> idmsa.signinInit(accountName, srp.publicKey()));
                }
            } catch (ConnectException | HttpTimeoutException e) {
                lastFailure = e;
                if (lastCandidate) {
                    throw e;
                }
                continue;
            }
            int status = IdmsaClient.effectiveStatus(init);
            if (status != 200) {
                if (!lastCandidate && status >= 400 && status < 500 && status != 429) {
                    continue;
                }
                throw initFailure(status, init);
            }
            complete(idmsa, srp, init, password);
            state.authRoot = bases.get(i);
            persist();
            return idmsa;
        }
        throw lastFailure != null ? lastFailure : new IOException("no Apple ID service to sign in to");
    }

    private AuthenticationException initFailure(int status, ApiResponse init) {
        if (status == 401 || status == 403) {
            return new AuthenticationException(Reason.CREDENTIALS_OR_THROTTLED, "the Apple ID service refused to "
                    + "start a sign-in for " + accountName + " (HTTP " + status + "): the account may be "
                    + "locked or sign-in is being throttled; wait 15 minutes before trying again");
        }
        return unexpected("signin/init", init);
    }

    private void complete(IdmsaClient idmsa, AppleSrp srp, ApiResponse init, char[] password)
            throws IOException, InterruptedException {
        JsonNode answer = Json.parse(init.body()).orElseThrow(() -> new AuthenticationException(
                Reason.PROTOCOL_ERROR, "signin/init answered without JSON (HTTP " + init.status() + ")"));
        AppleSrp.Evidence evidence;
        try {
            evidence = srp.respond(accountName, password,
                    Base64.getDecoder().decode(requireText(answer, "salt")),
                    answer.path("iteration").asInt(-1),
                    requireText(answer, "protocol"),
                    Base64.getDecoder().decode(requireText(answer, "b")));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException(Reason.PROTOCOL_ERROR, "signin/init answered values we cannot use: "
                    + e.getMessage());
        }
        ApiResponse response = idmsa.signinComplete(accountName, requireText(answer, "c"), evidence);
        int status = IdmsaClient.effectiveStatus(response);
        switch (status) {
            case 200 -> LOG.debug("SRP accepted; no challenge at the Apple ID level");
            case 409 -> rejectSecurityKeys(response);
            case 412 -> {
                ApiResponse repair = idmsa.repairComplete();
                if (!repair.isSuccess()) {
                    throw unexpected("repair/complete", repair);
                }
            }
            case 401 -> throw new AuthenticationException(Reason.WRONG_PASSWORD, "iCloud rejected the password for "
                    + accountName + ". Check it and run again (nothing is retried automatically).");
            case 403 -> throw new AuthenticationException(Reason.CREDENTIALS_OR_THROTTLED, "the Apple ID service "
                    + "refused the sign-in for " + accountName + " (HTTP 403): either the password is wrong or "
                    + "Apple is throttling sign-ins; check the password, then wait 15 minutes before retrying");
            case 400 -> throw new AuthenticationException(Reason.PROTOCOL_ERROR, "the Apple ID service rejected "
                    + "the sign-in request as malformed (HTTP 400); this is a client bug or a protocol change, "
                    + "not a wrong password");
            default -> throw unexpected("signin/complete", response);
        }
        if (state.sessionToken == null) {
            throw new AuthenticationException(Reason.PROTOCOL_ERROR, "signin/complete answered HTTP " + status
                    + " without a session token");
        }
    }

    private void rejectSecurityKeys(ApiResponse response) {
        JsonNode body = Json.parse(response.body()).orElse(Json.object());
        if (body.has("fsaChallenge") || body.path("keyNames").size() > 0) {
            throw new AuthenticationException(Reason.SECURITY_KEY_UNSUPPORTED, accountName + " protects its sign-in "
                    + "with security keys (FIDO); camel-icloud-photos does not support security keys. Remove "
                    + "the security keys from the Apple Account to use it.");
        }
    }

    /** Step A–E of §2.5. */
    private AccountDocument twoFactor(IdmsaClient idmsa, AccountDocument document)
            throws IOException, InterruptedException {
        Delivery delivery = Delivery.TRUSTED_DEVICE;
        long phoneId = -1;
        String phoneHint = null;
        if (document.hasTrustedDevice()) {
            ApiResponse push = idmsa.pushTrustedDeviceCode();
            throwIfThrottled("verify/trusteddevice/securitycode", push);
            if (!push.isSuccess()) {
                LOG.info("No trusted device took the code request (HTTP {}); asking for an SMS code", push.status());
                delivery = Delivery.SMS;
            }
        } else {
            delivery = Delivery.SMS;
        }
        if (delivery == Delivery.SMS) {
            JsonNode phone = trustedPhone(idmsa.authState());
            if (phone == null) {
                throw new AuthenticationException(Reason.TWO_FACTOR_UNAVAILABLE, "Apple asks for a two-factor code "
                        + "but the account offers neither a trusted device nor a trusted phone number");
            }
            phoneId = phone.path("id").asLong();
            phoneHint = phone.path("numberWithDialCode").asText(phone.path("obfuscatedNumber").asText(""));
            ApiResponse sms = idmsa.requestSmsCode(phoneId);
            throwIfThrottled("verify/phone", sms);
            if (!sms.isSuccess()) {
                throw unexpected("verify/phone", sms);
            }
        }
        String previousError = null;
        for (int attempt = 1; ; attempt++) {
            String code = codes.readCode(new TwoFactorChallenge(accountName, delivery, phoneHint, attempt,
                    MAX_CODE_ATTEMPTS, previousError));
            if (code == null || code.isBlank()) {
                throw new AuthenticationException(Reason.TWO_FACTOR_UNAVAILABLE, "Apple asks for a two-factor code "
                        + "for " + accountName + " and none was entered; run `login` on a terminal to sign in");
            }
            String trimmed = code.trim();
            String tokenBefore = state.sessionToken;
            ApiResponse answer = delivery == Delivery.SMS
                    ? idmsa.submitSmsCode(phoneId, trimmed) : idmsa.submitTrustedDeviceCode(trimmed);
            if (codeAccepted(answer, tokenBefore)) {
                codes.codeAccepted();
                break;
            }
            throwIfThrottled("securitycode", answer);
            if (!isWrongCode(answer)) {
                throw unexpected("verify securitycode", answer);
            }
            previousError = "Apple says the code " + trimmed + " is incorrect.";
            LOG.warn("The two-factor code was incorrect (attempt {} of {})", attempt, MAX_CODE_ATTEMPTS);
            if (attempt >= MAX_CODE_ATTEMPTS) {
                throw new AuthenticationException(Reason.TWO_FACTOR_FAILED, MAX_CODE_ATTEMPTS
                        + " incorrect two-factor codes for " + accountName + "; run again to get a new code");
            }
        }
        ApiResponse trust = idmsa.trust();
        if (!trust.isSuccess() || trust.header("X-Apple-TwoSV-Trust-Token").isEmpty()) {
            LOG.warn("Apple did not issue a trust token (HTTP {}); the next sign-in may ask for a code again",
                    trust.status());
        }
        AccountDocument trusted = accountLogin();
        if (trusted == null || trusted.needsTwoFactor()) {
            throw new AuthenticationException(Reason.TWO_FACTOR_FAILED, "Apple accepted the code but still does "
                    + "not trust this session; run `login` again");
        }
        return trusted;
    }

    /** §2.5 outcomes: 2xx without error markers, or 409 carrying a new session token. */
    private static boolean codeAccepted(ApiResponse answer, String tokenBefore) {
        if (answer.isSuccess()) {
            JsonNode body = Json.parse(answer.body()).orElse(Json.object());
            return !body.path("hasError").asBoolean(false) && body.path("service_errors").size() == 0
                    && body.path("serviceErrors").size() == 0;
        }
        return answer.status() == 409 && answer.header("X-Apple-Session-Token")
                .filter(token -> !Objects.equals(token, tokenBefore)).isPresent();
    }

    private static boolean isWrongCode(ApiResponse answer) {
        if (answer.status() == 400 || answer.header("X-Apple-I-Ercd").filter("-21669"::equals).isPresent()) {
            return true;
        }
        JsonNode body = Json.parse(answer.body()).orElse(Json.object());
        return answer.isSuccess() && (body.path("hasError").asBoolean(false) || body.path("service_errors").size() > 0);
    }

    /** The first trusted phone, at the top level or under {@code phoneNumberVerification} (§2.5 step B). */
    private static JsonNode trustedPhone(JsonNode state) {
        for (JsonNode root : List.of(state, state.path("phoneNumberVerification"),
                state.path("direct").path("twoSV").path("phoneNumberVerification"))) {
            JsonNode phones = root.path("trustedPhoneNumbers");
            if (phones.isArray() && phones.size() > 0) {
                return phones.get(0);
            }
            if (root.path("trustedPhoneNumber").has("id")) {
                return root.path("trustedPhoneNumber");
            }
        }
        return null;
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

    private ApiResponse withMisdirectRetry(Call call) throws IOException, InterruptedException {
        ApiResponse response = call.run();
        if (response.status() == 421) {
            // §2.7: a connection pinned to the wrong partition; new pool, same session, once.
            http.resetConnections();
            response = call.run();
        }
        return response;
    }

    private ApiResponse throttleAware(String endpoint, Call call) throws IOException, InterruptedException {
        for (int retry = 0; ; retry++) {
            ApiResponse response = call.run();
            if (!isThrottle(response.status())) {
                return response;
            }
            Optional<Duration> asked = response.retryAfter();
            if (retry >= RetryPolicy.SIGN_IN.maxRetries()
                    || asked.filter(wait -> wait.compareTo(RetryPolicy.SIGN_IN.retryAfterCap()) > 0).isPresent()) {
                throw throttled(endpoint, response);
            }
            Duration wait = RetryPolicy.SIGN_IN.delay(retry, asked);
            LOG.info("{} answered HTTP {}; waiting {} s as Apple asked", endpoint, response.status(), wait.toSeconds());
            Thread.sleep(wait.toMillis());
        }
    }

    private void throwIfThrottled(String endpoint, ApiResponse response) {
        if (isThrottle(response.status())) {
            throw throttled(endpoint, response);
        }
    }

    private static boolean isThrottle(int status) {
        return status == 429 || status >= 500;
    }

    private static AuthenticationException throttled(String endpoint, ApiResponse response) {
        Duration wait = response.retryAfter().orElse(Duration.ofMinutes(15));
        return new AuthenticationException(Reason.THROTTLED, "iCloud is throttling sign-in (" + endpoint
                + " answered HTTP " + response.status() + "); wait " + Math.max(1, wait.toMinutes())
                + " minute(s) before trying again", wait);
    }

    private static AuthenticationException unexpected(String endpoint, ApiResponse response) {
        return new AuthenticationException(Reason.PROTOCOL_ERROR, endpoint + " answered HTTP " + response.status()
                + ", which camel-icloud-photos does not expect; try again later");
    }

    private static String requireText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new AuthenticationException(Reason.PROTOCOL_ERROR, "signin/init answered without '" + field + "'");
        }
        return value.asText();
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

    @FunctionalInterface
    private interface Call {
        ApiResponse run() throws IOException, InterruptedException;
    }
}
