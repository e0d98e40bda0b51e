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
import java.util.Base64;
import java.util.Deque;
import java.util.List;

import com.camelicloud.photos.auth.AuthenticationException.Reason;
import com.camelicloud.photos.http.ApiResponse;
import com.camelicloud.photos.http.HttpTransport;
import com.camelicloud.photos.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The password sign-in with the Apple ID service (docs/protocol.md §2.2–§2.4): SRP-6a init and complete. */
final class SrpHandshake {

    private static final Logger LOG = LoggerFactory.getLogger(SrpHandshake.class);
    /** docs/protocol.md §9.3: at most 2 SRP logins per account per hour. */
    private static final int MAX_SRP_PER_HOUR = 2;

    private final String accountName;
    private final SessionState state;
    private final HttpTransport http;
    private final Clock clock;
    private final Runnable persist;
    private final SecureRandom random = new SecureRandom();
    private final Deque<Instant> srpTimes = new ArrayDeque<>();

    /** @param persist stores {@code state}, as the Apple ID service's answers update it */
    SrpHandshake(String accountName, SessionState state, HttpTransport http, Clock clock, Runnable persist) {
        this.accountName = accountName;
        this.state = state;
        this.http = http;
        this.clock = clock;
        this.persist = persist;
    }

    /** §9.3: at most two password sign-ins an hour; a third is refused before the password is even read. */
    void checkBudget() {
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

    /**
     * SRP with the first Apple ID service that answers (the one that worked last time first); the session and trust
     * state it yields is in {@code state}.
     */
    IdmsaClient run(AuthEndpoints endpoints, char[] password) throws IOException, InterruptedException {
        List<String> bases = endpoints.authBases();
        if (state.authRoot != null && bases.contains(state.authRoot)) {
            bases = new ArrayList<>(bases);
            bases.remove(state.authRoot);
            bases.add(0, state.authRoot);
        }
        IOException lastFailure = null;
        for (int i = 0; i < bases.size(); i++) {
            boolean lastCandidate = i == bases.size() - 1;
            IdmsaClient idmsa = new IdmsaClient(http, state, persist, bases.get(i), endpoints.home());
            AppleSrp srp = new AppleSrp(random);
            ApiResponse init;
            try {
                init = SignInCalls.throttleAware("signin/init", () -> idmsa.signinInit(accountName, srp.publicKey()));
                if (IdmsaClient.effectiveStatus(init) == 401) {
                    // §2.3: a 401 from init is a stale auth context, not a wrong password.
                    state.scnt = null;
                    state.sessionId = null;
                    init = SignInCalls.throttleAware("signin/init", () -> idmsa.signinInit(accountName, srp.publicKey()));
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
            persist.run();
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
        return SignInCalls.unexpected("signin/init", init);
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
                    throw SignInCalls.unexpected("repair/complete", repair);
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
            default -> throw SignInCalls.unexpected("signin/complete", response);
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

    private static String requireText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new AuthenticationException(Reason.PROTOCOL_ERROR, "signin/init answered without '" + field + "'");
        }
        return value.asText();
    }
}
