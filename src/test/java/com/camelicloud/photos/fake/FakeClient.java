package com.camelicloud.photos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A minimal test-only client of the fake, over {@link HttpClient} with a cookie jar: enough of docs/protocol.md §2 to sign
 * in (SRP, 2FA, trust) and to post CloudKit requests. It is deliberately naive; the product's client lives in
 * src/main.
 */
final class FakeClient {

    /** A response: status, headers and body parsed as JSON when it is JSON. */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            return Json.parse(body.getBytes(StandardCharsets.UTF_8));
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final FakeICloud fake;
    final CookieManager cookies = new CookieManager();
    final HttpClient http;
    String sessionId;
    String sessionToken;
    String trustToken;
    String cloudKitUrl;

    FakeClient(FakeICloud fake) {
        this.fake = fake;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** SRP init + complete; returns the complete answer (200, 409, 401, 412 …). */
    Answer signIn(String accountName, String password) {
        SecureRandom random = new SecureRandom();
        BigInteger a = new BigInteger(256, random);
        BigInteger aPublic = SrpServer.G.modPow(a, SrpServer.N);
        ObjectNode init = Json.object();
        init.put("a", Base64.getEncoder().encodeToString(SrpServer.bytes(aPublic)));
        init.put("accountName", accountName);
        init.putArray("protocols").add("s2k").add("s2k_fo");
        Answer challenge = auth("POST", "/signin/init", init.toString());
        assertThat(challenge.status()).isEqualTo(200);
        JsonNode c = challenge.json();
        byte[] salt = Base64.getDecoder().decode(c.path("salt").asText());
        BigInteger bPublic = new BigInteger(1, Base64.getDecoder().decode(c.path("b").asText()));
        BigInteger x = SrpServer.x(salt, SrpServer.passwordKey(c.path("protocol").asText(), password, salt,
                c.path("iteration").asInt()));
        BigInteger u = new BigInteger(1, SrpServer.sha256(SrpServer.pad(aPublic), SrpServer.pad(bPublic)));
        BigInteger base = bPublic.subtract(SrpServer.K.multiply(SrpServer.G.modPow(x, SrpServer.N))).mod(SrpServer.N);
        byte[] key = SrpServer.sha256(SrpServer.bytes(base.modPow(a.add(u.multiply(x)), SrpServer.N)));
        byte[] m1 = SrpServer.m1(accountName, salt, aPublic, bPublic, key);
        byte[] m2 = SrpServer.sha256(SrpServer.bytes(aPublic), m1, key);

        ObjectNode complete = Json.object();
        complete.put("accountName", accountName);
        complete.put("c", c.path("c").asText());
        complete.put("m1", Base64.getEncoder().encodeToString(m1));
        complete.put("m2", Base64.getEncoder().encodeToString(m2));
        complete.put("rememberMe", true);
        if (trustToken != null) {
            complete.putArray("trustTokens").add(trustToken);
        } else {
            complete.putArray("trustTokens");
        }
        return auth("POST", "/signin/complete?isRememberMeEnabled=true", complete.toString());
    }

    /** A request to {@code {AUTH}}; captures session headers like a real client. */
    Answer auth(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.authEndpoint() + path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (sessionId != null) {
            request.header("X-Apple-ID-Session-Id", sessionId);
        }
        Answer answer = send(request.build());
        answer.headers().firstValue("X-Apple-ID-Session-Id").ifPresent(v -> sessionId = v);
        answer.headers().firstValue("X-Apple-Session-Token").ifPresent(v -> sessionToken = v);
        answer.headers().firstValue("X-Apple-TwoSV-Trust-Token").ifPresent(v -> trustToken = v);
        return answer;
    }

    Answer accountLogin() {
        ObjectNode body = Json.object();
        body.put("accountCountryCode", "USA");
        body.put("dsWebAuthToken", sessionToken);
        body.put("extended_login", true);
        body.put("trustToken", trustToken == null ? "" : trustToken);
        Answer answer = setup("accountLogin", body.toString());
        if (answer.status() == 200) {
            cloudKitUrl = answer.json().path("webservices").path("ckdatabasews").path("url").asText();
        }
        return answer;
    }

    Answer setup(String operation, String body) {
        return send(HttpRequest.newBuilder(URI.create(fake.setupEndpoint() + "/" + operation))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The whole first sign-in of §11.1 steps 1–7, with the default code. */
    void signInWithTwoFactor(String accountName, String password) {
        int status = signIn(accountName, password).status();
        if (status == 409) {
            assertThat(accountLogin().status()).isEqualTo(200);
            assertThat(auth("PUT", "/verify/trusteddevice/securitycode", null).status()).isEqualTo(204);
            String code = fake.account(accountName).pendingCode();
            assertThat(auth("POST", "/verify/trusteddevice/securitycode",
                    "{\"securityCode\":{\"code\":\"" + code + "\"}}").status()).isEqualTo(204);
            assertThat(auth("GET", "/2sv/trust", null).status()).isEqualTo(204);
        } else {
            assertThat(status).isEqualTo(200);
        }
        Answer login = accountLogin();
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("hsaTrustedBrowser").asBoolean()).isTrue();
    }

    /** A CloudKit call on the private database, with the usual query parameters. */
    Answer cloudKit(String operation, String body) {
        return cloudKit("private", operation, body);
    }

    Answer cloudKit(String database, String operation, String body) {
        String url = cloudKitUrl + "/database/1/com.apple.photos.cloud/production/" + database + "/" + operation
                + "?remapEnums=true&getCurrentSyncToken=True&clientBuildNumber=2522Project44";
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
