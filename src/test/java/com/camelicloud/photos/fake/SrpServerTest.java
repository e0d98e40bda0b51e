package com.camelicloud.photos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reproduces the test vectors of docs/protocol.md §2.2 on the server side. */
class SrpServerTest {

    private static final String USER = "jdoe@example.com";
    private static final String PASSWORD = "correct horse battery staple";
    private static final byte[] ZERO_LED_SALT = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] A0_SALT = HexFormat.of().parseHex("a0112233445566778899aabbccddeeff");
    private static final BigInteger CLIENT_A = new BigInteger("0123456789abcdef".repeat(4), 16);
    private static final BigInteger SERVER_B = new BigInteger("fedcba9876543210".repeat(4), 16);
    private static final String A_PUBLIC = "EJZJt6gpqMBxqN/ChIsjUyCcwOckx8rECMJBTfDREvptAkzt6XOGbn0vOD/f6aAHd0vQVn//X/08IDvGCqfBtJPvroo3ABk9TBhwNdLXyq5MC95rlE5T24EsmSd3G+WEm2WpVaXDSyefaSzsiCeBKHW5DEs0wsLut3WHKXKuXhFoaJl/XqO/Ydi4CaAooPv/GJJrtoTylcZs1EsJL1gPVQMhK3QmcodUFLTvSZ4M9EB/WKxpiD5C4Ym3DOBOEEBufW7611e5CNsU2qxzRtTUMCDg+9TV+B/FQ0+N2UF02cuSeE1SJZw/kAGKDoCN/C/LB9C306dPbWJ3jbz8YQTlRQ==";

    @Test
    void multiplierAndClientPublicValueMatchTheVectors() {
        assertThat(SrpServer.hex(SrpServer.bytes(SrpServer.K)))
                .isEqualTo("05b9e8ef059c6b32ea59fc1d322d37f04aa30bae5aa9003b8321e21ddb04e300");
        assertThat(b64(SrpServer.G.modPow(CLIENT_A, SrpServer.N))).isEqualTo(A_PUBLIC);
        assertThat(SrpServer.hex(SrpServer.sha256(PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isEqualTo("c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a");
    }

    @ParameterizedTest
    @CsvSource({
        "s2k, 27e4f98bda15ebc577083e895266e847a0ae9896bbc80cc07c3194a107ed34a6, 7ec9ff6141dad08fb0f6df75ea6977769056cd6431e20d6811fe0a8bddd0e847, "
                + "plYSNsQb8ntWRs8OizxQtymJvp7fPlaT8Ga7xV4EMSrdbkIVBd7QJ+jZa3YMidm6DdZhEedjK4Nssu9WPVEOqK2ydmcf/0F/BhCZZ/xBy64Oku8mDs1d/YLDsG2A/lDBg+WYmDDyTxYsojYAI4dk2HLXqOF+qWUyXl7n5U2RA6sDTAFDweGXVTGYwpQZ6dH05troqFXgxAZg3UnzLJIrgm5dZhXAuVA81w/cd2YB0sMtNYIPsWBYXt/SgJj8YZpZ7S7bMnGx/2v8x7RZChQ6xGm22C5Kp1u9z6fIZ4hAkBHE22lbLScheyx3RDz2wj8lHFe2X++fW0KILdFxVDkXgA==, "
                + "66e690f582605239c2591c324c8ca0c743696fbc0e58e81eae39166385ee6602, 9a8b161897b8dbec1e23effdeb22484df08c60150bd245cbb6546d12c95670fc, "
                + "nafVwk9vXSqlAVoUvmP1dy/VPe2FrBBI8muYzbJyMiw=, JfB5XrwnHQbNPWIIGO9mQA2ivO48stMUrMSQvQKBumY=",
        "s2k_fo, 9601fa505b07f7552bbfa237464cb59ed582258b5672fbc1eb57bd36f284bd55, b07058c4fc1fe4b6dcb55afc834d38795318021121ea29cc31f369371e422da0, "
                + "EBoSbFQrwPbLxTAmcEayCR7lhAT4RKkwSFBsdBU08zgfw7oXuWr9qeaBX7ofKNn5fPOyeBWWN9zBQpYnEqCFv9oGI/RDiCXTjxyo+8kyIPMZegXai7+kjnVSN0UCZsnR5qU7yGEjQP6TN6ajOXkvbW787IjcYb24PEsZ406MbSgeBOFyt8AfCSpnz271CELN8vv1fWuZg9vZSbYahraAWXoUGj0MmEMyLE09/VKWf4ZzRSodQ4oPBmZq1K6nzVXTViUqfuDhaezE61wVzMRFnOEWbbIY8LDGA6FSW1zKW6LrcdkH1M88rfFGvYkwceCawUU3Fhsxjoj3Q91dSZSezw==, "
                + "5b15cd064be7e6a1ebda786be2b2067b04a305ae9cc8f1285336902dcd076176, 9344f7fb6c5baf9bd1254ee9211ec211e158f7129178c060ce50da2210284415, "
                + "mnUWYFcqKycqhE+5G7NFo9vBb/r3hi0rwJA00OpRPCw=, dzRDWN7b9fN6vzjoO5XEZg6xwQNbJrr2s5nyEHcLhaw="
    })
    void zeroLedSaltReproducesEveryIntermediateValue(String protocol, String p, String x, String b, String u, String k,
            String m1, String m2) {
        byte[] passwordKey = SrpServer.passwordKey(protocol, PASSWORD, ZERO_LED_SALT, 1000);
        assertThat(SrpServer.hex(passwordKey)).isEqualTo(p);
        assertThat(SrpServer.hex(SrpServer.bytes(SrpServer.x(ZERO_LED_SALT, passwordKey)))).isEqualTo(x);

        SrpServer.Verifier verifier = SrpServer.verifier(protocol, 1000, ZERO_LED_SALT, PASSWORD);
        BigInteger aPublic = new BigInteger(1, Base64.getDecoder().decode(A_PUBLIC));
        SrpServer.Challenge challenge = SrpServer.challenge(verifier, USER, aPublic, SERVER_B);
        assertThat(b64(challenge.bPublic())).isEqualTo(b);

        ClientProof client = ClientProof.compute(protocol, ZERO_LED_SALT, challenge.bPublic());
        assertThat(SrpServer.hex(client.u)).isEqualTo(u);
        assertThat(SrpServer.hex(client.key)).isEqualTo(k);
        assertThat(Base64.getEncoder().encodeToString(client.m1)).isEqualTo(m1);

        byte[] serverM2 = SrpServer.verify(challenge, Base64.getDecoder().decode(m1));
        assertThat(serverM2).isNotNull();
        assertThat(Base64.getEncoder().encodeToString(serverM2)).isEqualTo(m2);
    }

    @ParameterizedTest
    @CsvSource({
        "s2k, hwdcz64/gIfy8zu7ipancMqamkFsz9X1AwjbE8nnHBI=",
        "s2k_fo, Agdf1c9mlW3PmDUKZdUMOetHhyBje1xsdWIN6s36G5o="
    })
    void saltWithoutLeadingZeroMatchesTheCrossCheck(String protocol, String m1) {
        SrpServer.Verifier verifier = SrpServer.verifier(protocol, 1000, A0_SALT, PASSWORD);
        SrpServer.Challenge challenge = SrpServer.challenge(verifier, USER, SrpServer.G.modPow(CLIENT_A, SrpServer.N), SERVER_B);

        ClientProof client = ClientProof.compute(protocol, A0_SALT, challenge.bPublic());
        assertThat(Base64.getEncoder().encodeToString(client.m1)).isEqualTo(m1);
        assertThat(SrpServer.verify(challenge, client.m1)).isNotNull();
    }

    @Test
    void wrongProofIsRejected() {
        SrpServer.Verifier verifier = SrpServer.verifier("s2k", 1000, ZERO_LED_SALT, "not the password");
        SrpServer.Challenge challenge = SrpServer.challenge(verifier, USER, SrpServer.G.modPow(CLIENT_A, SrpServer.N), SERVER_B);
        assertThat(SrpServer.verify(challenge, Base64.getDecoder().decode("nafVwk9vXSqlAVoUvmP1dy/VPe2FrBBI8muYzbJyMiw="))).isNull();
    }

    private static String b64(BigInteger n) {
        return Base64.getEncoder().encodeToString(SrpServer.bytes(n));
    }

    /** The client's side of §2.2 steps 3–9, written independently of the server code path. */
    private record ClientProof(byte[] u, byte[] key, byte[] m1) {
        static ClientProof compute(String protocol, byte[] salt, BigInteger bPublic) {
            BigInteger n = SrpServer.N;
            BigInteger aPublic = SrpServer.G.modPow(CLIENT_A, n);
            BigInteger x = SrpServer.x(salt, SrpServer.passwordKey(protocol, PASSWORD, salt, 1000));
            byte[] u = SrpServer.sha256(SrpServer.pad(aPublic), SrpServer.pad(bPublic));
            BigInteger base = bPublic.subtract(SrpServer.K.multiply(SrpServer.G.modPow(x, n))).mod(n);
            BigInteger s = base.modPow(CLIENT_A.add(new BigInteger(1, u).multiply(x)), n);
            byte[] key = SrpServer.sha256(SrpServer.bytes(s));
            return new ClientProof(u, key, SrpServer.m1(USER, salt, aPublic, bPublic, key));
        }
    }
}
