package com.camelicloud.photos.auth;

import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.camelicloud.photos.http.ApiRequest;
import com.camelicloud.photos.http.ApiResponse;
import com.camelicloud.photos.http.HttpTransport;
import com.camelicloud.photos.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Apple ID service ({@code {AUTH}}, docs/protocol.md §2.3–2.5): SRP, two-factor, trust. Every answer's
 * session headers are captured into the {@link SessionState} and persisted at once, as icloudpd does,
 * so a crash mid-way never loses a trust token.
 */
final class IdmsaClient {

    /** The web app's OAuth client id, also its widget key (§2.3). */
    private static final String WIDGET_KEY = "d39ba9916b7251055b22c7f910e2ea796ee65e98b2ddecea8f5dde8d9d1a815d";

    private final HttpTransport http;
    private final SessionState state;
    private final Runnable persist;
    private final String authBase;
    private final String home;

    IdmsaClient(HttpTransport http, SessionState state, Runnable persist, String authBase, String home) {
        this.http = http;
        this.state = state;
        this.persist = persist;
        this.authBase = authBase;
        this.home = home;
    }

    String authBase() {
        return authBase;
    }

    ApiResponse signinInit(String accountName, byte[] publicA) throws IOException, InterruptedException {
        ObjectNode body = Json.object();
        body.put("a", Base64.getEncoder().encodeToString(publicA));
        body.put("accountName", accountName);
        body.putArray("protocols").add("s2k").add("s2k_fo");
        return call("POST", "/signin/init", "signin/init", body, true, "application/json, text/javascript");
    }

    ApiResponse signinComplete(String accountName, String c, AppleSrp.Evidence evidence)
            throws IOException, InterruptedException {
        ObjectNode body = Json.object();
        body.put("accountName", accountName);
        body.put("c", c);
        body.put("m1", Base64.getEncoder().encodeToString(evidence.m1()));
        body.put("m2", Base64.getEncoder().encodeToString(evidence.m2()));
        body.put("rememberMe", true);
        var tokens = body.putArray("trustTokens");
        if (state.trustToken != null) {
            tokens.add(state.trustToken);
        }
        return call("POST", "/signin/complete?isRememberMeEnabled=true", "signin/complete", body, true,
                "application/json, text/javascript");
    }

    ApiResponse repairComplete() throws IOException, InterruptedException {
        return call("POST", "/repair/complete", "repair/complete", Json.object(), false, "application/json");
    }

    /** Step A of §2.5: ask Apple to show a code on the trusted devices. Exactly once per human action. */
    ApiResponse pushTrustedDeviceCode() throws IOException, InterruptedException {
        return call("PUT", "/verify/trusteddevice/securitycode", "verify/trusteddevice/push", null, false,
                "application/json");
    }

    ApiResponse submitTrustedDeviceCode(String code) throws IOException, InterruptedException {
        ObjectNode body = Json.object();
        body.putObject("securityCode").put("code", code);
        return call("POST", "/verify/trusteddevice/securitycode", "verify/trusteddevice/securitycode", body, false,
                "application/json");
    }

    /** Step B of §2.5: the 2FA state, with the trusted phone numbers. */
    JsonNode authState() throws IOException, InterruptedException {
        ApiResponse response = call("GET", "", "auth", null, false, "application/json");
        return Json.parse(response.body()).orElse(Json.object());
    }

    ApiResponse requestSmsCode(long phoneId) throws IOException, InterruptedException {
        ObjectNode body = Json.object();
        body.putObject("phoneNumber").put("id", phoneId);
        body.put("mode", "sms");
        return call("PUT", "/verify/phone", "verify/phone", body, false, "application/json");
    }

    ApiResponse submitSmsCode(long phoneId, String code) throws IOException, InterruptedException {
        ObjectNode body = Json.object();
        body.putObject("phoneNumber").put("id", phoneId);
        body.putObject("securityCode").put("code", code);
        body.put("mode", "sms");
        return call("POST", "/verify/phone/securitycode", "verify/phone/securitycode", body, false,
                "application/json");
    }

    ApiResponse trust() throws IOException, InterruptedException {
        return call("GET", "/2sv/trust", "2sv/trust", null, false, "application/json");
    }

    private ApiResponse call(String method, String path, String endpoint, JsonNode body, boolean srp, String accept)
            throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", accept);
        headers.put("Content-Type", "application/json");
        headers.put("X-Apple-OAuth-Client-Id", WIDGET_KEY);
        headers.put("X-Apple-Widget-Key", WIDGET_KEY);
        headers.put("X-Apple-OAuth-Client-Type", "firstPartyAuth");
        headers.put("X-Apple-OAuth-Redirect-URI", home);
        headers.put("X-Apple-OAuth-Require-Grant-Code", "true");
        headers.put("X-Apple-OAuth-Response-Mode", "web_message");
        headers.put("X-Apple-OAuth-Response-Type", "code");
        headers.put("X-Apple-OAuth-State", state.clientId);
        if (state.scnt != null) {
            headers.put("scnt", state.scnt);
        }
        if (state.sessionId != null) {
            headers.put("X-Apple-ID-Session-Id", state.sessionId);
        }
        if (state.authAttributes != null) {
            headers.put("X-Apple-Auth-Attributes", state.authAttributes);
        }
        String origin = srp ? AuthEndpoints.originOf(authBase) : home;
        headers.put("Origin", origin);
        headers.put("Referer", origin + "/");
        URI uri = URI.create(authBase + path);
        ApiRequest request = new ApiRequest(method, uri, headers, body == null ? null : Json.write(body), endpoint);
        ApiResponse response = http.execute(request);
        capture(response);
        return response;
    }

    /** §2.8: update every session value the answer carries, only with non-empty values. */
    private void capture(ApiResponse response) {
        response.header("X-Apple-Session-Token").ifPresent(v -> state.sessionToken = v);
        response.header("X-Apple-TwoSV-Trust-Token").ifPresent(v -> {
            state.trustToken = v;
            state.trustedSinceMillis = System.currentTimeMillis();
        });
        response.header("scnt").ifPresent(v -> state.scnt = v);
        response.header("X-Apple-ID-Session-Id").ifPresent(v -> state.sessionId = v);
        response.header("X-Apple-ID-Account-Country").ifPresent(v -> state.accountCountry = v);
        response.header("X-Apple-TwoSV-Trust-Eligible").ifPresent(v -> state.trustEligible = v);
        response.header("X-Apple-Auth-Attributes").ifPresent(v -> state.authAttributes = v);
        persist.run();
    }

    /** The hidden-rejection header of §2.4: a 401 or 403 even when the HTTP status says otherwise. */
    static int effectiveStatus(ApiResponse response) {
        String rscd = response.header("X-Apple-I-Rscd").orElse("");
        if (rscd.equals("401") || rscd.equals("403")) {
            return Integer.parseInt(rscd);
        }
        return response.status();
    }
}
