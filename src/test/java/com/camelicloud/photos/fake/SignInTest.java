package com.camelicloud.photos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in on the fake end to end (docs/protocol.md §2), driven over HTTP. */
class SignInTest {

    private static final String USER = "jdoe@example.com";
    private static final String PASSWORD = "correct horse battery staple";

    private FakeICloud fake;
    private FakeAccount account;
    private FakeClient client;

    @BeforeEach
    void start() {
        fake = FakeICloud.start();
        account = fake.createAccount(USER, PASSWORD).srp("s2k", 1000);
        client = new FakeClient(fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void firstSignInGoesThroughTwoFactorAndTrust() {
        FakeClient.Answer complete = client.signIn(USER, PASSWORD);
        assertThat(complete.status()).isEqualTo(409);
        assertThat(complete.json().path("authType").asText()).isEqualTo("hsa2");
        assertThat(complete.header("X-Apple-Session-Token")).isNotBlank();
        assertThat(complete.header("scnt")).isNotBlank();
        assertThat(complete.header("X-Apple-ID-Account-Country")).isEqualTo("USA");
        assertThat(complete.header("X-Apple-TwoSV-Trust-Eligible")).isEqualTo("true");
        assertThat(complete.header("X-Apple-Auth-Attributes")).isNotBlank();
        assertThat(account.pushedCodes()).isEmpty(); // no automatic push since iOS 26.4

        FakeClient.Answer untrusted = client.accountLogin();
        assertThat(untrusted.status()).isEqualTo(200);
        assertThat(untrusted.json().path("hsaChallengeRequired").asBoolean()).isTrue();
        assertThat(untrusted.json().path("hsaTrustedBrowser").asBoolean()).isFalse();
        assertThat(untrusted.json().path("dsInfo").path("hsaVersion").asInt()).isEqualTo(2);
        assertThat(untrusted.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("X-APPLE-WEBAUTH-TOKEN=\"v=2:t=") && c.contains("Path=/")
                        && c.contains("HttpOnly") && !c.contains("Domain"))
                .anyMatch(c -> c.startsWith("X-APPLE-WEBAUTH-USER=\"v=1:s=1:d=" + account.dsid() + "\""));
        assertThat(client.cloudKit("zones/list", "{}").status()).isEqualTo(401);

        FakeClient.Answer state = client.auth("GET", "", null);
        assertThat(state.json().path("trustedPhoneNumbers").get(0).path("id").asInt()).isEqualTo(1);
        assertThat(state.json().path("noTrustedDevices").asBoolean()).isFalse();

        assertThat(client.auth("PUT", "/verify/trusteddevice/securitycode", null).status()).isEqualTo(204);
        assertThat(account.pushedCodes()).containsExactly("123456");

        FakeClient.Answer wrong = client.auth("POST", "/verify/trusteddevice/securitycode",
                "{\"securityCode\":{\"code\":\"000000\"}}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.header("X-Apple-I-Ercd")).isEqualTo("-21669");
        assertThat(wrong.json().path("service_errors").get(0).path("code").asText()).isEqualTo("-21669");

        String before = client.sessionToken;
        FakeClient.Answer right = client.auth("POST", "/verify/trusteddevice/securitycode",
                "{\"securityCode\":{\"code\":\"123456\"}}");
        assertThat(right.status()).isEqualTo(204);
        assertThat(client.sessionToken).isNotEqualTo(before);
        assertThat(account.pushedCodes()).hasSize(1); // submitting never pushes

        FakeClient.Answer trust = client.auth("GET", "/2sv/trust", null);
        assertThat(trust.status()).isEqualTo(204);
        assertThat(client.trustToken).isNotBlank();

        JsonNode trusted = client.accountLogin().json();
        assertThat(trusted.path("hsaTrustedBrowser").asBoolean()).isTrue();
        assertThat(trusted.path("hsaChallengeRequired").asBoolean()).isFalse();
        assertThat(trusted.path("webservices").path("ckdatabasews").path("url").asText()).isEqualTo(fake.cloudKitEndpoint());
        assertThat(client.setup("validate", "null").status()).isEqualTo(200);
        assertThat(client.cloudKit("zones/list", "{}").status()).isEqualTo(200);

        // A later sign-in of the same browser presents the trust token and skips 2FA.
        FakeClient later = new FakeClient(fake);
        later.trustToken = client.trustToken;
        assertThat(later.signIn(USER, PASSWORD).status()).isEqualTo(200);
        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(2);
        assertThat(fake.calls("verify/trusteddevice/securitycode")).isEqualTo(3); // push, wrong code, right code
    }

    @Test
    void wrongPasswordAndUnknownAccountAnswer401WithTheRecordedBody() {
        for (String[] credentials : List.of(new String[] {USER, "wrong"}, new String[] {"nobody@example.com", PASSWORD})) {
            FakeClient.Answer answer = new FakeClient(fake).signIn(credentials[0], credentials[1]);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().path("serviceErrors").get(0).path("code").asText()).isEqualTo("-20101");
        }
    }

    @Test
    void aNewPushInvalidatesThePreviousCode() {
        account.setTwoFactorCode("111111", "222222");
        client.signIn(USER, PASSWORD);
        client.auth("PUT", "/verify/trusteddevice/securitycode", null);
        client.auth("PUT", "/verify/trusteddevice/securitycode", null);
        assertThat(account.pushedCodes()).containsExactly("111111", "222222");
        assertThat(client.auth("POST", "/verify/trusteddevice/securitycode", "{\"securityCode\":{\"code\":\"111111\"}}")
                .status()).isEqualTo(400);
        assertThat(client.auth("POST", "/verify/trusteddevice/securitycode", "{\"securityCode\":{\"code\":\"222222\"}}")
                .status()).isEqualTo(204);
    }

    @Test
    void sessionsAndTrustExpire() {
        client.signInWithTwoFactor(USER, PASSWORD);
        assertThat(client.cloudKit("zones/list", "{}").status()).isEqualTo(200);

        account.expireSessions();
        FakeClient.Answer dead = client.cloudKit("zones/list", "{}");
        assertThat(dead.status()).isEqualTo(401);
        assertThat(dead.json().path("serverErrorCode").asText()).isEqualTo("AUTHENTICATION_REQUIRED");
        assertThat(client.setup("validate", "null").status()).isEqualTo(421);
        assertThat(client.accountLogin().status()).isEqualTo(401);
        fake.faults().deadSessionStatus(450);
        assertThat(client.accountLogin().status()).isEqualTo(450);

        assertThat(client.signIn(USER, PASSWORD).status()).isEqualTo(200); // trust token still good
        fake.advanceClock(Duration.ofDays(31));
        assertThat(client.signIn(USER, PASSWORD).status()).isEqualTo(409); // trust lasts 30 days

        client.signInWithTwoFactor(USER, PASSWORD);
        account.expireTrust();
        assertThat(client.signIn(USER, PASSWORD).status()).isEqualTo(409);
    }

    @Test
    void accountLoginWithoutSessionTokenIsRejected() {
        FakeClient.Answer answer = client.setup("accountLogin", "{\"dsWebAuthToken\":null,\"extended_login\":true}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("Missing apple_id field");
    }

    @Test
    void smsOnlyAccountVerifiesByPhone() {
        account.smsOnly(true);
        assertThat(client.signIn(USER, PASSWORD).status()).isEqualTo(409);
        assertThat(client.accountLogin().json().path("dsInfo").path("hasICloudQualifyingDevice").asBoolean()).isFalse();
        assertThat(client.auth("GET", "", null).json().path("noTrustedDevices").asBoolean()).isTrue();
        assertThat(client.auth("PUT", "/verify/phone", "{\"phoneNumber\":{\"id\":1},\"mode\":\"sms\"}").status())
                .isEqualTo(200);
        FakeClient.Answer verified = client.auth("POST", "/verify/phone/securitycode",
                "{\"phoneNumber\":{\"id\":1},\"securityCode\":{\"code\":\"123456\"},\"mode\":\"sms\"}");
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("hasError").asBoolean()).isFalse();
        assertThat(client.accountLogin().json().path("hsaTrustedBrowser").asBoolean()).isTrue();
        assertThat(client.cloudKit("zones/list", "{}").status()).isEqualTo(200);
    }

    @Test
    void codeAcceptedWith409CarriesANewSessionToken() {
        account.acceptCodeWith409(true);
        client.signIn(USER, PASSWORD);
        client.auth("PUT", "/verify/trusteddevice/securitycode", null);
        String before = client.sessionToken;
        FakeClient.Answer answer = client.auth("POST", "/verify/trusteddevice/securitycode",
                "{\"securityCode\":{\"code\":\"123456\"}}");
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("securityCode").path("valid").asBoolean()).isTrue();
        assertThat(client.sessionToken).isNotEqualTo(before);
    }

    @Test
    void fidoAccountAnnouncesSecurityKeys() {
        account.fido(true);
        FakeClient.Answer answer = client.signIn(USER, PASSWORD);
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("fsaChallenge").path("rpId").asText()).isEqualTo("apple.com");
        assertThat(answer.json().path("keyNames").get(0).asText()).isEqualTo("YubiKey 5C");
        client.accountLogin();
        assertThat(client.cloudKit("zones/list", "{}").json().path("reason").asText()).isEqualTo("no auth method found");
    }

    @Test
    void repairPathAndNonTwoFactorAccount() {
        account.twoFactor(false).repairRequired(true);
        FakeClient.Answer complete = client.signIn(USER, PASSWORD);
        assertThat(complete.status()).isEqualTo(412);
        assertThat(complete.header("X-Apple-Session-Token")).isNull();
        FakeClient.Answer repaired = client.auth("POST", "/repair/complete", "{}");
        assertThat(repaired.status()).isEqualTo(200);
        assertThat(repaired.header("X-Apple-Session-Token")).isNotBlank();
        assertThat(client.accountLogin().json().path("hsaChallengeRequired").asBoolean()).isFalse();
        assertThat(client.cloudKit("zones/list", "{}").status()).isEqualTo(200);
    }

    @Test
    void advancedDataProtectionDeniesCloudKit() {
        account.adp(true).twoFactor(false).domainToUse("iCloud.com.cn");
        client.signIn(USER, PASSWORD);
        JsonNode document = client.accountLogin().json();
        assertThat(document.path("iCDPEnabled").asBoolean()).isTrue();
        assertThat(document.path("domainToUse").asText()).isEqualTo("iCloud.com.cn");
        FakeClient.Answer denied = client.cloudKit("records/query",
                "{\"query\":{\"recordType\":\"CheckIndexingState\"},\"zoneID\":{\"zoneName\":\"PrimarySync\"}}");
        assertThat(denied.json().path("serverErrorCode").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(denied.json().path("reason").asText()).isEqualTo("private db access disabled for this account");
    }

    @Test
    void s2kFoWithAZeroLedSaltSignsIn() {
        account.srp("s2k_fo", 1000).salt(HexFormat.of().parseHex("00112233445566778899aabbccddeeff")).twoFactor(false);
        assertThat(client.signIn(USER, PASSWORD).status()).isEqualTo(200);
    }
}
