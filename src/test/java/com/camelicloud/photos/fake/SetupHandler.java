package com.camelicloud.photos.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The setup service, {@code /setup/ws/1/…} (docs/protocol.md §2.6): accountLogin exchanges a session token (plus trust
 * token) for the account document and the web cookies; validate re-reads the document with the cookie. Cookies are
 * host-only (no Domain: we are on 127.0.0.1), Path=/, HttpOnly, about a month ahead, with quoted values as recorded.
 */
final class SetupHandler extends ServiceHandler {

    static final String PREFIX = "/setup/ws/1";
    static final String WEBAUTH_TOKEN = "X-APPLE-WEBAUTH-TOKEN";
    static final String WEBAUTH_USER = "X-APPLE-WEBAUTH-USER";

    private static final DateTimeFormatter COOKIE_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    SetupHandler(ServerState server) {
        super(server);
    }

    @Override
    Endpoint route(HttpCall call) {
        return switch (call.method + " " + tail(call.path, PREFIX)) {
            case "POST accountLogin" -> Endpoint.ACCOUNT_LOGIN;
            case "POST validate" -> Endpoint.VALIDATE;
            default -> Endpoint.OTHER;
        };
    }

    @Override
    void serve(HttpCall call, Endpoint endpoint) throws IOException {
        switch (endpoint) {
            case ACCOUNT_LOGIN -> accountLogin(call);
            case VALIDATE -> validate(call);
            default -> call.send(404, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void accountLogin(HttpCall call) throws IOException {
        JsonNode body = call.json();
        String token = Json.text(body, "dsWebAuthToken");
        if (token == null) {
            call.send(400, "application/json", "{\"error\":\"Missing apple_id field\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Sessions.Session session = server.sessions.session(token);
        if (session == null) {
            call.send(server.faults.deadSessionStatus(), "application/json",
                    "{\"success\":false,\"error\":\"Invalid session token\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        FakeAccount account = session.account();
        if (!session.verified() && server.sessions.isTrusted(account, Json.text(body, "trustToken"))) {
            session = server.sessions.newSession(account, true);
        }
        String expires = COOKIE_DATE.format(Instant.ofEpochMilli(server.now()).plusSeconds(30L * 24 * 3600));
        call.header("Set-Cookie", WEBAUTH_TOKEN + "=\"" + server.sessions.newWebAuthCookie(session) + "\"; Path=/; Expires="
                + expires + "; HttpOnly");
        call.header("Set-Cookie", WEBAUTH_USER + "=\"v=1:s=1:d=" + account.dsid() + "\"; Path=/; Expires=" + expires
                + "; HttpOnly");
        call.json(200, document(account, session.verified()));
    }

    private void validate(HttpCall call) throws IOException {
        Sessions.Session session = server.sessions.webAuth(call.cookie(WEBAUTH_TOKEN));
        if (session == null) {
            call.send(server.faults.validateFailureStatus(), "application/json",
                    "{\"success\":false,\"error\":\"Missing X-APPLE-WEBAUTH-TOKEN cookie\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        call.json(200, document(session.account(), session.verified()));
    }

    /** The account document of §2.6 for a session that is (or is not yet) through 2FA. */
    private ObjectNode document(FakeAccount account, boolean verified) {
        ObjectNode doc = Json.object();
        ObjectNode ds = doc.putObject("dsInfo");
        String local = account.appleId().contains("@") ? account.appleId().substring(0, account.appleId().indexOf('@'))
                : account.appleId();
        ds.put("dsid", account.dsid());
        ds.put("hsaVersion", account.hsaVersion());
        ds.put("hasICloudQualifyingDevice", !account.smsOnly());
        ds.put("appleId", account.appleId());
        ds.put("primaryEmail", account.appleId());
        ds.put("fullName", local);
        ds.put("firstName", local);
        ds.put("lastName", "");
        ds.put("countryCode", "USA");
        ds.put("locale", "en_US");
        ds.put("languageCode", "en-us");
        ds.put("isWebAccessAllowed", !account.webAccessDisabled());
        ds.put("isManagedAppleID", false);
        doc.put("hasMinimumDeviceForPhotosWeb", true);
        doc.put("iCDPEnabled", account.adp());
        ObjectNode ck = doc.putObject("webservices").putObject("ckdatabasews");
        ck.put("url", server.cloudKitUrl());
        ck.put("status", "active");
        ck.put("pcsRequired", true);
        doc.put("pcsEnabled", true);
        doc.put("pcsDeleted", false);
        doc.put("pcsServiceIdentitiesIncluded", true);
        doc.put("hsaChallengeRequired", !verified);
        doc.put("hsaTrustedBrowser", verified);
        doc.put("isExtendedLogin", true);
        doc.put("version", 2);
        if (account.domainToUse() != null) {
            doc.put("domainToUse", account.domainToUse());
        }
        ObjectNode request = doc.putObject("requestInfo");
        request.put("country", "US");
        request.put("timeZone", "GMT+0");
        doc.putObject("configBag").putObject("urls");
        doc.putArray("appsOrder").add("photos");
        doc.putObject("apps").putObject("photos");
        return doc;
    }
}
