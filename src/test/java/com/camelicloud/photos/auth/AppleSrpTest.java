package com.camelicloud.photos.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.bouncycastle.crypto.agreement.srp.SRP6Util;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Pins the client to the test vectors of docs/protocol.md §2.2. */
class AppleSrpTest {

    private static final String ACCOUNT = "jdoe@example.com";
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    private static final BigInteger A_SECRET = new BigInteger("0123456789abcdef".repeat(4), 16);
    private static final BigInteger B_SECRET = new BigInteger("fedcba9876543210".repeat(4), 16);
    private static final byte[] ZERO_LED_SALT = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @Test
    void publicValueMatchesTheVector() {
        AppleSrp srp = new AppleSrp(A_SECRET);
        assertThat(Base64.getEncoder().encodeToString(srp.publicKey())).isEqualTo(
                "EJZJt6gpqMBxqN/ChIsjUyCcwOckx8rECMJBTfDREvptAkzt6XOGbn0vOD/f6aAHd0vQVn//X/08IDvGCqfBtJPvroo3ABk9TBhw"
                        + "NdLXyq5MC95rlE5T24EsmSd3G+WEm2WpVaXDSyefaSzsiCeBKHW5DEs0wsLut3WHKXKuXhFoaJl/XqO/Ydi4CaAooPv/GJJrto"
                        + "TylcZs1EsJL1gPVQMhK3QmcodUFLTvSZ4M9EB/WKxpiD5C4Ym3DOBOEEBufW7611e5CNsU2qxzRtTUMCDg+9TV+B/FQ0+N2UF02c"
                        + "uSeE1SJZw/kAGKDoCN/C/LB9C306dPbWJ3jbz8YQTlRQ==");
    }

    @ParameterizedTest
    @CsvSource({
            "s2k,27e4f98bda15ebc577083e895266e847a0ae9896bbc80cc07c3194a107ed34a6",
            "s2k_fo,9601fa505b07f7552bbfa237464cb59ed582258b5672fbc1eb57bd36f284bd55"})
    void passwordKeyMatchesTheVector(String protocol, String expectedHex) {
        byte[] key = AppleSrp.passwordKey(PASSWORD, ZERO_LED_SALT, 1000, protocol);
        assertThat(HexFormat.of().formatHex(key)).isEqualTo(expectedHex);
    }

    @ParameterizedTest
    @CsvSource({
            "s2k,00112233445566778899aabbccddeeff,nafVwk9vXSqlAVoUvmP1dy/VPe2FrBBI8muYzbJyMiw=,JfB5XrwnHQbNPWIIGO9mQA2ivO48stMUrMSQvQKBumY=",
            "s2k_fo,00112233445566778899aabbccddeeff,mnUWYFcqKycqhE+5G7NFo9vBb/r3hi0rwJA00OpRPCw=,dzRDWN7b9fN6vzjoO5XEZg6xwQNbJrr2s5nyEHcLhaw=",
            "s2k,a0112233445566778899aabbccddeeff,hwdcz64/gIfy8zu7ipancMqamkFsz9X1AwjbE8nnHBI=,",
            "s2k_fo,a0112233445566778899aabbccddeeff,Agdf1c9mlW3PmDUKZdUMOetHhyBje1xsdWIN6s36G5o=,"})
    void evidenceMatchesTheVectors(String protocol, String saltHex, String m1, String m2) {
        byte[] salt = HexFormat.of().parseHex(saltHex);
        byte[] serverB = serverPublicValue(salt, protocol);

        AppleSrp.Evidence evidence = new AppleSrp(A_SECRET).respond(ACCOUNT, PASSWORD, salt, 1000, protocol, serverB);

        assertThat(Base64.getEncoder().encodeToString(evidence.m1())).isEqualTo(m1);
        if (m2 != null) {
            assertThat(Base64.getEncoder().encodeToString(evidence.m2())).isEqualTo(m2);
        }
    }

    @Test
    void serverValueOfTheVectorIsReproduced() {
        // Guards the helper below: B of the s2k vector as printed in docs/protocol.md.
        assertThat(Base64.getEncoder().encodeToString(serverPublicValue(ZERO_LED_SALT, "s2k")))
                .startsWith("plYSNsQb8ntWRs8OizxQtymJvp7fPlaT8Ga7xV4EMSrdbkIVBd7QJ+jZa3YMidm6");
    }

    @Test
    void refusesAbsurdIterationCounts() {
        AppleSrp srp = new AppleSrp(new SecureRandom());
        assertThatThrownBy(() -> srp.respond(ACCOUNT, PASSWORD, ZERO_LED_SALT, 5_000_000, "s2k", new byte[] {1}))
                .hasMessageContaining("5000000");
    }

    @Test
    void refusesUnknownProtocols() {
        assertThatThrownBy(() -> AppleSrp.passwordKey(PASSWORD, ZERO_LED_SALT, 10, "s2k_xx"))
                .hasMessageContaining("s2k_xx");
    }

    /** B = k·v + g^b mod N, with v = g^x: the server side, to derive B for the salts whose B is not printed. */
    private static byte[] serverPublicValue(byte[] salt, String protocol) {
        BigInteger n = AppleSrp.GROUP.getN();
        BigInteger g = AppleSrp.GROUP.getG();
        byte[] p = AppleSrp.passwordKey(PASSWORD, salt, 1000, protocol);
        BigInteger x = new BigInteger(1, AppleSrp.sha256(salt, AppleSrp.sha256(new byte[] {':'}, p)));
        BigInteger v = g.modPow(x, n);
        BigInteger k = SRP6Util.calculateK(new SHA256Digest(), n, g);
        return AppleSrp.unsigned(k.multiply(v).add(g.modPow(B_SECRET, n)).mod(n));
    }
}
