package com.camelicloud.photos.fake;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Server side of Apple's SRP-6a variant (docs/protocol.md §2.2), written with plain {@link BigInteger} math so that
 * every byte convention of the protocol is visible: {@code bytes(n)} is minimal big-endian, {@code pad(n)} is
 * left-padded to 256 bytes, {@code x} omits the user name, {@code M1} includes it.
 */
final class SrpServer {

    static final BigInteger N = new BigInteger(
            "AC6BDB41324A9A9BF166DE5E1389582FAF72B6651987EE07FC3192943DB56050A37329CBB4A099ED8193E0757767A13DD5"
                    + "2312AB4B03310DCD7F48A9DA04FD50E8083969EDB767B0CF6095179A163AB3661A05FBD5FAAAE82918A9962F0B93B855F9"
                    + "7993EC975EEAA80D740ADBF4FF747359D041D5C33EA71D281E446B14773BCA97B43A23FB801676BD207A436C6481F1D2B9"
                    + "078717461A5B9D32E688F87748544523B524B0D57D5EA77A2775D2ECFA032CFBDBF52FB3786160279004E57AE6AF874E73"
                    + "03CE53299CCC041C7BC308D82A5698F3A8D0C38271AE35F8E9DBFBB694B5C803D89F7AE435DE236D525F54759B65E372FC"
                    + "D68EF20FA7111F9E4AFF73", 16);
    static final BigInteger G = BigInteger.TWO;
    static final int PAD_LENGTH = 256;
    static final BigInteger K = toInt(sha256(pad(N), pad(G)));

    private static final SecureRandom RANDOM = new SecureRandom();

    private SrpServer() {
    }

    /** What the server stores per account instead of the password. */
    record Verifier(String protocol, int iterations, byte[] salt, BigInteger v) {
    }

    /** The server's half of one handshake, remembered under the opaque {@code c} value handed to the client. */
    record Challenge(Verifier verifier, String accountName, BigInteger a, BigInteger b, BigInteger bPublic) {
    }

    static Verifier verifier(String protocol, int iterations, byte[] salt, String password) {
        BigInteger x = x(salt, passwordKey(protocol, password, salt, iterations));
        return new Verifier(protocol, iterations, salt.clone(), G.modPow(x, N));
    }

    /** {@code P} of step 3: PBKDF2-HMAC-SHA256 over SHA-256 of the password, raw ({@code s2k}) or as hex ({@code s2k_fo}). */
    static byte[] passwordKey(String protocol, String password, byte[] salt, int iterations) {
        byte[] digest = sha256(password.getBytes(StandardCharsets.UTF_8));
        byte[] input = switch (protocol) {
            case "s2k" -> digest;
            case "s2k_fo" -> hex(digest).getBytes(StandardCharsets.US_ASCII);
            default -> throw new IllegalArgumentException("unknown SRP protocol " + protocol);
        };
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(input, salt, iterations);
        return ((KeyParameter) generator.generateDerivedParameters(256)).getKey();
    }

    /** {@code x = H(salt || H(":" || P))}, salt bytes verbatim including leading zeros. */
    static BigInteger x(byte[] salt, byte[] passwordKey) {
        byte[] inner = sha256(new byte[] {':'}, passwordKey);
        return toInt(sha256(salt, inner));
    }

    /** Starts a handshake with a fresh random {@code b}. */
    static Challenge challenge(Verifier verifier, String accountName, BigInteger clientPublic) {
        return challenge(verifier, accountName, clientPublic, new BigInteger(256, RANDOM).setBit(255));
    }

    /** Starts a handshake with a given {@code b} (tests use the fixed value of the protocol's test vectors). */
    static Challenge challenge(Verifier verifier, String accountName, BigInteger clientPublic, BigInteger b) {
        if (clientPublic.mod(N).signum() == 0) {
            throw new IllegalArgumentException("A mod N is zero");
        }
        BigInteger bPublic = K.multiply(verifier.v()).add(G.modPow(b, N)).mod(N);
        return new Challenge(verifier, accountName, clientPublic, b, bPublic);
    }

    /**
     * Checks the client's proof. Returns the expected {@code M2} when {@code M1} matches, or {@code null} when it does not
     * (wrong password).
     */
    static byte[] verify(Challenge c, byte[] m1) {
        BigInteger u = toInt(sha256(pad(c.a()), pad(c.bPublic())));
        if (u.signum() == 0) {
            return null;
        }
        BigInteger s = c.a().multiply(c.verifier().v().modPow(u, N)).modPow(c.b(), N);
        byte[] key = sha256(bytes(s));
        byte[] expected = m1(c.accountName(), c.verifier().salt(), c.a(), c.bPublic(), key);
        if (!MessageDigest.isEqual(expected, m1)) {
            return null;
        }
        return sha256(bytes(c.a()), expected, key);
    }

    /** {@code M1 = H((H(N) xor H(pad(g))) || H(accountName) || salt || bytes(A) || bytes(B) || K)}. */
    static byte[] m1(String accountName, byte[] salt, BigInteger a, BigInteger b, byte[] key) {
        byte[] hn = sha256(bytes(N));
        byte[] hg = sha256(pad(G));
        for (int i = 0; i < hn.length; i++) {
            hn[i] ^= hg[i];
        }
        return sha256(hn, sha256(accountName.getBytes(StandardCharsets.UTF_8)), salt, bytes(a), bytes(b), key);
    }

    /** Minimal big-endian encoding (no sign byte, no leading zeros). */
    static byte[] bytes(BigInteger n) {
        byte[] raw = n.toByteArray();
        int start = 0;
        while (start < raw.length - 1 && raw[start] == 0) {
            start++;
        }
        return Arrays.copyOfRange(raw, start, raw.length);
    }

    static byte[] pad(BigInteger n) {
        byte[] minimal = bytes(n);
        byte[] padded = new byte[PAD_LENGTH];
        System.arraycopy(minimal, 0, padded, PAD_LENGTH - minimal.length, minimal.length);
        return padded;
    }

    static BigInteger toInt(byte[] unsignedBigEndian) {
        return new BigInteger(1, unsignedBigEndian);
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] data) {
        StringBuilder sb = new StringBuilder(data.length * 2);
        for (byte b : data) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
