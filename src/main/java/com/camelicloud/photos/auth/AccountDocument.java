package com.camelicloud.photos.auth;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of {@code accountLogin} / {@code validate} (docs/protocol.md §2.6): who the account is,
 * where its CloudKit partition lives, and whether this browser is trusted.
 */
public record AccountDocument(JsonNode json) {

    public String dsid() {
        return text(json.path("dsInfo").path("dsid")).orElse(null);
    }

    public int hsaVersion() {
        return json.path("dsInfo").path("hsaVersion").asInt(0);
    }

    public boolean hasTrustedDevice() {
        JsonNode node = json.path("dsInfo").path("hasICloudQualifyingDevice");
        return node.isMissingNode() || node.asBoolean(true);
    }

    public boolean challengeRequired() {
        return json.path("hsaChallengeRequired").asBoolean(false);
    }

    public boolean trustedBrowser() {
        return json.path("hsaTrustedBrowser").asBoolean(false);
    }

    /** HSA2 rule of §2.5: version 2 and either a challenge is pending or this browser is not trusted. */
    public boolean needsTwoFactor() {
        return hsaVersion() == 2 && (challengeRequired() || !trustedBrowser());
    }

    /** Legacy two-step verification (hsaVersion 1) that is not yet satisfied. */
    public boolean needsLegacyTwoStep() {
        return hsaVersion() == 1 && (challengeRequired() || !trustedBrowser());
    }

    public boolean advancedDataProtection() {
        return json.path("iCDPEnabled").asBoolean(false);
    }

    public boolean webAccessAllowed() {
        JsonNode node = json.path("dsInfo").path("isWebAccessAllowed");
        return node.isMissingNode() || node.isNull() || node.asBoolean(true);
    }

    public Optional<String> domainToUse() {
        return text(json.path("domainToUse"));
    }

    public Optional<String> ckDatabaseUrl() {
        return text(json.path("webservices").path("ckdatabasews").path("url"));
    }

    public boolean termsUpdateNeeded() {
        return json.path("termsUpdateNeeded").asBoolean(false);
    }

    /** HTTP 200 can still carry an error (§2.6). */
    public Optional<String> error() {
        if (json.path("hasError").asBoolean(false) || json.path("service_errors").size() > 0
                || json.path("serviceErrors").size() > 0 || json.hasNonNull("error")) {
            JsonNode errors = json.path("service_errors").size() > 0 ? json.path("service_errors") : json.path("serviceErrors");
            String message = errors.path(0).path("message").asText(json.path("error").asText("unspecified error"));
            return Optional.of(message);
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
