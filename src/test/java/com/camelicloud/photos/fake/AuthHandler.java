package com.camelicloud.photos.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * idmsa, {@code /appleauth/auth/…} (docs/protocol.md §2.3–2.5, §2.7): SRP sign-in, repair, the 2FA state page, code pushes
 * and submissions by trusted device or SMS, and trust tokens. A browser's sign-in is tracked under the
 * {@code X-Apple-ID-Session-Id} handed out by init (or its {@code aasp} cookie).
 */
final class AuthHandler extends ServiceHandler {

    static final String PREFIX = "/appleauth/auth";

    private static final String WRONG_PASSWORD = "{\"serviceErrors\":[{\"code\":\"-20101\",\"message\":\"Enter the email "
            + "or phone number and password for your Apple Account.\",\"suppressDismissal\":false}]}";
    private static final String WRONG_CODE = "{\"service_errors\":[{\"code\":\"-21669\",\"title\":\"Incorrect Verification "
            + "Code\",\"message\":\"Incorrect verification code.\",\"suppressDismissal\":false}],\"hasError\":true}";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One browser's way through sign-in. */
    private static final class SignIn {
        final String id = Sessions.randomToken("", 24);
        volatile FakeAccount account;
        volatile SrpServer.Challenge challenge;
        volatile String c;
        volatile boolean repairPending;
        volatile Sessions.Session session;
    }

    private final Map<String, SignIn> signIns = new ConcurrentHashMap<>();
    private final Map<String, SignIn> byChallenge = new ConcurrentHashMap<>();

    AuthHandler(ServerState server) {
        super(server);
    }

    @Override
    Endpoint route(HttpCall call) {
        String op = tail(call.path, PREFIX);
        return switch (call.method + " " + op) {
            case "POST signin/init" -> Endpoint.SIGNIN_INIT;
            case "POST signin/complete" -> Endpoint.SIGNIN_COMPLETE;
            case "POST repair/complete" -> Endpoint.REPAIR;
            case "GET " -> Endpoint.AUTH_STATE;
            case "PUT verify/trusteddevice/securitycode" -> Endpoint.TRUSTED_DEVICE_PUSH;
            case "POST verify/trusteddevice/securitycode" -> Endpoint.TRUSTED_DEVICE_VERIFY;
            case "PUT verify/phone" -> Endpoint.PHONE_PUSH;
            case "POST verify/phone/securitycode" -> Endpoint.PHONE_VERIFY;
            case "GET 2sv/trust" -> Endpoint.TRUST;
            default -> Endpoint.OTHER;
        };
    }

    @Override
    void serve(HttpCall call, Endpoint endpoint) throws IOException {
        if (endpoint == Endpoint.SIGNIN_INIT) {
            init(call);
            return;
        }
        if (endpoint == Endpoint.SIGNIN_COMPLETE) {
            complete(call);
            return;
        }
        if (endpoint == Endpoint.OTHER) {
            String op = tail(call.path, PREFIX);
            boolean warmUp = op.equals("federate") || op.startsWith("authorize/signin");
            call.send(warmUp ? 200 : 404, "application/json", (warmUp ? "{}" : "").getBytes(StandardCharsets.UTF_8));
            return;
        }
        SignIn signIn = signIn(call);
        if (signIn == null || signIn.account == null) {
            call.send(401, "application/json", WRONG_PASSWORD.getBytes(StandardCharsets.UTF_8));
            return;
        }
        switch (endpoint) {
            case REPAIR -> repair(call, signIn);
            case AUTH_STATE -> state(call, signIn);
            case TRUSTED_DEVICE_PUSH -> pushToDevice(call, signIn);
            case PHONE_PUSH -> pushBySms(call, signIn);
            case TRUSTED_DEVICE_VERIFY, PHONE_VERIFY -> verifyCode(call, signIn, endpoint);
            case TRUST -> trust(call, signIn);
            default -> throw new IllegalStateException(endpoint.toString());
        }
    }

    private void init(HttpCall call) throws IOException {
        JsonNode body = call.json();
        String accountName = Json.text(body, "accountName");
        String a = Json.text(body, "a");
        BigInteger clientPublic;
        try {
            clientPublic = a == null ? null : new BigInteger(1, Base64.getDecoder().decode(a));
        } catch (IllegalArgumentException e) {
            clientPublic = null;
        }
        if (accountName == null || clientPublic == null || clientPublic.mod(SrpServer.N).signum() == 0) {
            call.send(400, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        SignIn signIn = signIn(call);
        if (signIn == null) {
            signIn = new SignIn();
            signIns.put(signIn.id, signIn);
        }
        FakeAccount account = server.accounts.get(accountName.toLowerCase(Locale.ROOT));
        // Unknown accounts get a plausible challenge too, and fail at complete like a wrong password.
        SrpServer.Verifier verifier = account != null ? account.verifier()
                : new SrpServer.Verifier("s2k", FakeAccount.DEFAULT_ITERATIONS, randomBytes(16), BigInteger.TWO);
        SrpServer.Challenge challenge = SrpServer.challenge(verifier, accountName, clientPublic);
        String c = "d-" + (100 + RANDOM.nextInt(900)) + "-" + UUID.randomUUID() + ":PRN";
        if (signIn.c != null) {
            byChallenge.remove(signIn.c); // a new init supersedes the previous handshake
        }
        signIn.account = account;
        signIn.challenge = challenge;
        signIn.c = c;
        byChallenge.put(c, signIn);

        ObjectNode answer = Json.object();
        answer.put("iteration", verifier.iterations());
        answer.put("salt", Base64.getEncoder().encodeToString(verifier.salt()));
        answer.put("protocol", verifier.protocol());
        answer.put("b", Base64.getEncoder().encodeToString(SrpServer.bytes(challenge.bPublic())));
        answer.put("c", c);
        routingHeaders(call, signIn);
        call.header("Set-Cookie", "aasp=" + signIn.id + "; Path=/; HttpOnly");
        // The recorded init answer is JSON served as text/html (§2.3).
        call.send(200, "text/html;charset=UTF-8", Json.compact(answer).getBytes(StandardCharsets.UTF_8));
    }

    private void complete(HttpCall call) throws IOException {
        JsonNode body = call.json();
        String c = Json.text(body, "c");
        SignIn signIn = c == null ? null : byChallenge.remove(c);
        if (signIn == null || !c.equals(signIn.c)) {
            call.send(400, "application/json",
                    "{\"serviceErrors\":[{\"code\":\"-1\",\"message\":\"Unknown or used sign-in context.\"}]}"
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        signIn.c = null;
        FakeAccount account = signIn.account;
        byte[] m1 = decodeOrNull(Json.text(body, "m1"));
        if (account == null || m1 == null || SrpServer.verify(signIn.challenge, m1) == null) {
            routingHeaders(call, signIn);
            call.send(401, "application/json", WRONG_PASSWORD.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (account.repairRequired()) {
            signIn.repairPending = true;
            routingHeaders(call, signIn);
            call.send(412, "application/json", "{\"auth_type\":\"sa\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        boolean trusted = false;
        for (JsonNode t : body.path("trustTokens")) {
            trusted |= server.sessions.isTrusted(account, t.asText());
        }
        boolean challenge = (account.needsTwoFactor() || account.fido()) && !trusted;
        signIn.session = server.sessions.newSession(account, !challenge);
        sessionHeaders(call, signIn);
        call.header("X-Apple-ID-Account-Country", "USA");
        call.header("X-Apple-TwoSV-Trust-Eligible", "true");
        call.header("Location", "/auth");
        if (!challenge) {
            ObjectNode ok = Json.object().put("authType", account.hsaVersion() >= 2 ? "hsa2" : "non-sa");
            call.send(200, "application/json", Json.compact(ok).getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode answer = Json.object().put("authType", "hsa2");
        if (account.fido()) {
            ObjectNode fsa = answer.putObject("fsaChallenge");
            fsa.put("challenge", Sessions.randomToken("", 32));
            fsa.putArray("keyHandles").add(Sessions.randomToken("", 48));
            fsa.put("rpId", "apple.com");
            answer.putArray("keyNames").add("YubiKey 5C");
        } else if (account.autoPushOnSignIn() && !account.smsOnly()) {
            account.push();
        }
        call.send(409, "application/json", Json.compact(answer).getBytes(StandardCharsets.UTF_8));
    }

    private void repair(HttpCall call, SignIn signIn) throws IOException {
        if (!signIn.repairPending) {
            call.send(400, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        signIn.repairPending = false;
        signIn.session = server.sessions.newSession(signIn.account, !signIn.account.needsTwoFactor());
        sessionHeaders(call, signIn);
        call.empty(200);
    }

    /** {@code GET /appleauth/auth}: JSON with {@code Accept: application/json}, else the HTML boot-args page (§2.5 B). */
    private void state(HttpCall call, SignIn signIn) throws IOException {
        FakeAccount account = signIn.account;
        ObjectNode phone = Json.object();
        phone.put("id", 1);
        phone.put("numberWithDialCode", "+1 (•••) •••-••81");
        phone.put("obfuscatedNumber", "(•••) •••-••81");
        phone.put("lastTwoDigits", "81");
        phone.put("pushMode", "sms");
        ObjectNode state = Json.object();
        state.putArray("trustedPhoneNumbers").add(phone);
        state.set("trustedPhoneNumber", phone.deepCopy());
        state.set("securityCode", securityCode(false));
        state.put("authenticationType", "hsa2");
        state.put("hsa2Account", account.hsaVersion() >= 2);
        state.put("noTrustedDevices", account.smsOnly());
        state.putArray("supportedPushModes").add("voice").add("sms");
        routingHeaders(call, signIn);
        String accept = call.header("Accept");
        if (accept != null && accept.contains("application/json") && !accept.contains("text/html")) {
            call.send(200, "application/json;charset=UTF-8", Json.compact(state).getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode bootArgs = Json.object();
        bootArgs.putObject("direct").putObject("twoSV").set("phoneNumberVerification", state);
        String html = "<!DOCTYPE html><html><head><title>Apple ID</title></head><body>"
                + "<script type=\"application/json\" class=\"boot_args\">" + Json.compact(bootArgs) + "</script>"
                + "</body></html>";
        call.send(200, "text/html;charset=UTF-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private void pushToDevice(HttpCall call, SignIn signIn) throws IOException {
        routingHeaders(call, signIn);
        if (signIn.account.smsOnly()) {
            call.send(400, "application/json",
                    "{\"hasError\":true,\"service_errors\":[{\"code\":\"-1\",\"message\":\"No trusted devices.\"}]}"
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        signIn.account.push();
        call.empty(204);
    }

    private void pushBySms(HttpCall call, SignIn signIn) throws IOException {
        JsonNode body = call.json();
        signIn.account.push();
        ObjectNode answer = Json.object();
        ObjectNode phone = answer.putObject("trustedPhoneNumber");
        phone.put("id", body.path("phoneNumber").path("id").asInt(1));
        phone.put("numberWithDialCode", "+1 (•••) •••-••81");
        phone.put("pushMode", body.path("mode").asText("sms"));
        answer.put("mode", body.path("mode").asText("sms"));
        answer.set("securityCode", securityCode(false));
        routingHeaders(call, signIn);
        call.send(200, "application/json;charset=UTF-8", Json.compact(answer).getBytes(StandardCharsets.UTF_8));
    }

    private void verifyCode(HttpCall call, SignIn signIn, Endpoint endpoint) throws IOException {
        String code = call.json().path("securityCode").path("code").asText(null);
        FakeAccount account = signIn.account;
        if (code == null || !account.acceptCode(code)) {
            routingHeaders(call, signIn);
            call.header("X-Apple-I-Ercd", "-21669");
            call.send(400, "application/json;charset=UTF-8", WRONG_CODE.getBytes(StandardCharsets.UTF_8));
            return;
        }
        signIn.session = server.sessions.newSession(account, true);
        sessionHeaders(call, signIn);
        call.header("X-Apple-OAuth-Grant-Code", Sessions.randomToken("c", 24));
        if (account.acceptCodeWith409()) {
            ObjectNode answer = Json.object();
            answer.putObject("securityCode").put("code", code).put("valid", true);
            call.send(409, "application/json;charset=UTF-8", Json.compact(answer).getBytes(StandardCharsets.UTF_8));
        } else if (endpoint == Endpoint.PHONE_VERIFY) {
            ObjectNode answer = Json.object();
            answer.set("securityCode", securityCode(true));
            call.send(200, "application/json;charset=UTF-8", Json.compact(answer).getBytes(StandardCharsets.UTF_8));
        } else {
            call.empty(204);
        }
    }

    private void trust(HttpCall call, SignIn signIn) throws IOException {
        Sessions.Session current = server.sessions.session(signIn.session == null ? null : signIn.session.token());
        if (current == null || !current.verified()) {
            routingHeaders(call, signIn);
            call.send(401, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        call.header("X-Apple-TwoSV-Trust-Token", server.sessions.newTrust(signIn.account).token());
        signIn.session = server.sessions.newSession(signIn.account, true);
        sessionHeaders(call, signIn);
        call.empty(204);
    }

    private static ObjectNode securityCode(boolean valid) {
        ObjectNode code = Json.object();
        code.put("length", 6);
        code.put("tooManyCodesSent", false);
        code.put("tooManyCodesValidated", false);
        code.put("securityCodeLocked", false);
        code.put("securityCodeCooldown", false);
        if (valid) {
            code.put("valid", true);
        }
        return code;
    }

    private SignIn signIn(HttpCall call) {
        String id = call.header("X-Apple-ID-Session-Id");
        SignIn signIn = id == null ? null : signIns.get(id);
        if (signIn == null) {
            String aasp = call.cookie("aasp");
            signIn = aasp == null ? null : signIns.get(aasp);
        }
        return signIn;
    }

    private static void routingHeaders(HttpCall call, SignIn signIn) {
        call.header("X-Apple-ID-Session-Id", signIn.id);
        call.header("scnt", Sessions.randomToken("AAAA-", 24));
    }

    private static void sessionHeaders(HttpCall call, SignIn signIn) {
        routingHeaders(call, signIn);
        call.header("X-Apple-Session-Token", signIn.session.token());
        call.header("X-Apple-Auth-Attributes", Sessions.randomToken("", 48));
    }

    private static byte[] decodeOrNull(String base64) {
        try {
            return base64 == null ? null : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
