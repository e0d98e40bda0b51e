package com.camelicloud.photos.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.camelicloud.photos.http.StoredCookie;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything docs/protocol.md §2.8 says a session store must keep, per Apple ID. Values are only
 * replaced by non-empty ones, and the client id and trust token survive every failed rung of the
 * sign-in ladder: losing them makes Apple treat the next login as a new device.
 *
 * <p>Never logged: {@link #toString()} names no secret.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class SessionState {

    public String clientId;
    public String sessionToken;
    public String trustToken;
    public String scnt;
    public String sessionId;
    public String accountCountry;
    public String trustEligible;
    public String authAttributes;
    /** {@code com} or {@code cn}: the region whose hosts the account answers on. */
    public String region;
    /** The idmsa root that worked for the region (China has two candidates, docs/protocol.md §1.1). */
    public String authRoot;
    public String dsid;
    public String ckDatabaseUrl;
    public JsonNode accountDocument;
    public long accountDocumentAtMillis;
    /** When the current trust token was issued; drives the "trust expires soon" warning. */
    public long trustedSinceMillis;
    public List<StoredCookie> cookies = new ArrayList<>();

    public static SessionState fresh() {
        SessionState state = new SessionState();
        state.clientId = newClientId();
        return state;
    }

    /** {@code auth-} plus a lower-case UUID, generated once per account and kept forever (§2.3). */
    static String newClientId() {
        return "auth-" + UUID.randomUUID().toString().toLowerCase(Locale.ROOT);
    }

    /** Forget the routing state of a dead session, keeping the trust token and the client id (§2.1). */
    public void clearRoutingState() {
        sessionToken = null;
        sessionId = null;
        scnt = null;
        accountDocument = null;
        accountDocumentAtMillis = 0;
    }

    public Instant trustedSince() {
        return trustedSinceMillis == 0 ? null : Instant.ofEpochMilli(trustedSinceMillis);
    }

    /** Days from {@code now} until the two-factor trust is expected to lapse, by the ~30-day rule; negative once past. */
    public Optional<Long> trustDaysLeft(Instant now) {
        Instant since = trustedSince();
        return since == null ? Optional.empty()
                : Optional.of(Duration.between(now, since.plus(ICloudAuthenticator.TRUST_LIFETIME)).toDays());
    }

    @Override
    public String toString() {
        return "SessionState[region=" + region + ", hasSession=" + (sessionToken != null)
                + ", hasTrust=" + (trustToken != null) + ", cookies=" + cookies.size() + "]";
    }
}
