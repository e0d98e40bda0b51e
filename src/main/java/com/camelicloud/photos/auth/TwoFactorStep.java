package com.camelicloud.photos.auth;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import com.camelicloud.photos.auth.AuthenticationException.Reason;
import com.camelicloud.photos.auth.TwoFactorCodeSource.Delivery;
import com.camelicloud.photos.auth.TwoFactorCodeSource.TwoFactorChallenge;
import com.camelicloud.photos.http.ApiResponse;
import com.camelicloud.photos.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Two-factor authentication after a password sign-in (docs/protocol.md §2.5): one push, a code re-asked if wrong. */
final class TwoFactorStep {

    private static final Logger LOG = LoggerFactory.getLogger(TwoFactorStep.class);
    private static final int MAX_CODE_ATTEMPTS = 3;

    private final String accountName;
    private final SessionState state;
    private final TwoFactorCodeSource codes;

    TwoFactorStep(String accountName, SessionState state, TwoFactorCodeSource codes) {
        this.accountName = accountName;
        this.state = state;
        this.codes = codes;
    }

    /**
     * Steps A–D of §2.5: a code pushed to a trusted device (or sent by SMS), asked for, checked, and the session
     * trusted. The caller then asks {@code accountLogin} for the trusted account document (step E).
     */
    void answer(IdmsaClient idmsa, AccountDocument document) throws IOException, InterruptedException {
        Delivery delivery = Delivery.TRUSTED_DEVICE;
        long phoneId = -1;
        String phoneHint = null;
        if (document.hasTrustedDevice()) {
            ApiResponse push = idmsa.pushTrustedDeviceCode();
            SignInCalls.throwIfThrottled("verify/trusteddevice/securitycode", push);
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
            SignInCalls.throwIfThrottled("verify/phone", sms);
            if (!sms.isSuccess()) {
                throw SignInCalls.unexpected("verify/phone", sms);
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
            SignInCalls.throwIfThrottled("securitycode", answer);
            if (!isWrongCode(answer)) {
                throw SignInCalls.unexpected("verify securitycode", answer);
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
}
