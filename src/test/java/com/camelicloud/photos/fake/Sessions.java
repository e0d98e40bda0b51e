package com.camelicloud.photos.fake;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued credentials: idmsa session tokens ({@code X-Apple-Session-Token} / {@code dsWebAuthToken}), trust tokens and
 * the {@code X-APPLE-WEBAUTH-TOKEN} cookie values that CloudKit checks. A credential dies when its lifetime on the fake
 * clock ends or when its account bumps the matching generation ({@link FakeAccount#expireSessions()},
 * {@link FakeAccount#expireTrust()}).
 */
final class Sessions {

    /** A session token; {@code verified} once 2FA (or a trust token) vouched for it. */
    record Session(String token, FakeAccount account, int generation, long expiresAt, boolean verified) {
    }

    record Trust(String token, FakeAccount account, int generation, long expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerState server;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Trust> trusts = new ConcurrentHashMap<>();
    private final Map<String, Session> webAuth = new ConcurrentHashMap<>();

    Sessions(ServerState server) {
        this.server = server;
    }

    Session newSession(FakeAccount account, boolean verified) {
        Session s = new Session(randomToken("AQ", 96), account, account.sessionGeneration(),
                server.now() + account.sessionLifetime().toMillis(), verified);
        sessions.put(s.token(), s);
        return s;
    }

    /** The live session for a token, or {@code null} if unknown, expired or revoked. */
    Session session(String token) {
        Session s = token == null ? null : sessions.get(token);
        return s != null && s.generation() == s.account().sessionGeneration() && server.now() < s.expiresAt() ? s : null;
    }

    Trust newTrust(FakeAccount account) {
        Trust t = new Trust(randomToken("HSARMTKNSRVX", 64), account, account.trustGeneration(),
                server.now() + account.trustLifetime().toMillis());
        trusts.put(t.token(), t);
        return t;
    }

    boolean isTrusted(FakeAccount account, String token) {
        Trust t = token == null ? null : trusts.get(token);
        return t != null && t.account() == account && t.generation() == account.trustGeneration()
                && server.now() < t.expiresAt();
    }

    /** Mints the value of an {@code X-APPLE-WEBAUTH-TOKEN} cookie bound to a session (it lives and dies with it). */
    String newWebAuthCookie(Session session) {
        String value = "v=2:t=" + randomToken("AQ", 72);
        webAuth.put(value, session);
        return value;
    }

    /** The live session behind a cookie value, quoted ({@code "v=2:t=…"}) or with its quotes stripped by a cookie jar. */
    Session webAuth(String cookieValue) {
        if (cookieValue == null) {
            return null;
        }
        String bare = cookieValue.length() >= 2 && cookieValue.startsWith("\"") && cookieValue.endsWith("\"")
                ? cookieValue.substring(1, cookieValue.length() - 1) : cookieValue;
        Session s = webAuth.get(bare);
        return s == null ? null : session(s.token());
    }

    static String randomToken(String prefix, int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
