package com.camelicloud.photos.auth;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;
import org.bouncycastle.crypto.agreement.srp.SRP6StandardGroups;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.SRP6GroupParameters;

/**
 * The client side of Apple's SRP-6a variant (docs/protocol.md §2.2). BouncyCastle does the group
 * arithmetic: with an empty identity its {@code x = H(salt || H(identity || ":" || P))} is exactly
 * Apple's "no username in x", and its k, u and S follow RFC 5054. Apple's K, M1 and M2 differ from
 * BouncyCastle's, so they are computed here.
 */
public final class AppleSrp {

    /** RFC 5054's 2048-bit group with g = 2, the group docs/protocol.md §2.2 prints. */
    static final SRP6GroupParameters GROUP = SRP6StandardGroups.rfc5054_2048;
    private static final int PAD_LENGTH = 256;
    /** kei's sanity cap: a larger count is a hostile or broken server, not a real account. */
    private static final int MAX_ITERATIONS = 1_000_000;

    private final SRP6Client client;
    private final BigInteger publicA;

    public AppleSrp(SecureRandom random) {
        this(null, random);
    }

    /** For pinning test vectors: a client whose secret {@code a} is fixed. */
    AppleSrp(BigInteger fixedSecret) {
        this(fixedSecret, new SecureRandom());
    }

    private AppleSrp(BigInteger fixedSecret, SecureRandom random) {
        this.client = new StableSecretClient(fixedSecret);
        client.init(GROUP, new SHA256Digest(), random);
        // A is sent before salt and password matter; x is derived later, in respond(), with the same a.
        this.publicA = client.generateClientCredentials(new byte[0], new byte[0], new byte[0]);
    }

    /** {@code bytes(A)}: big-endian, minimal length; sent base64-encoded as {@code a} in signin/init. */
    public byte[] publicKey() {
        return unsigned(publicA);
    }

    /**
     * Computes the evidence for {@code signin/complete} from the {@code signin/init} answer.
     *
     * @param protocol {@code s2k} or {@code s2k_fo}
     */
    public Evidence respond(String accountName, char[] password, byte[] salt, int iterations, String protocol,
                            byte[] serverPublicB) {
        if (iterations <= 0 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("signin/init asked for " + iterations
                    + " PBKDF2 iterations; refusing anything outside 1.." + MAX_ITERATIONS);
        }
        byte[] passwordKey = passwordKey(password, salt, iterations, protocol);
        try {
            // BouncyCastle's x = H(salt || H(identity || ":" || P)); an empty identity gives Apple's x.
            client.generateClientCredentials(salt, new byte[0], passwordKey);
            BigInteger b = new BigInteger(1, serverPublicB);
            BigInteger s = secret(b);
            byte[] key = sha256(unsigned(s));
            byte[] bytesA = unsigned(publicA);
            byte[] bytesB = unsigned(b);
            byte[] hN = sha256(unsigned(GROUP.getN()));
            byte[] hG = sha256(pad(GROUP.getG()));
            byte[] xor = new byte[hN.length];
            for (int i = 0; i < xor.length; i++) {
                xor[i] = (byte) (hN[i] ^ hG[i]);
            }
            byte[] m1 = sha256(xor, sha256(accountName.getBytes(StandardCharsets.UTF_8)), salt, bytesA, bytesB, key);
            byte[] m2 = sha256(bytesA, m1, key);
            return new Evidence(m1, m2);
        } finally {
            Arrays.fill(passwordKey, (byte) 0);
        }
    }

    private BigInteger secret(BigInteger serverB) {
        try {
            return client.calculateSecret(serverB);
        } catch (CryptoException e) {
            throw new IllegalArgumentException("signin/init returned an invalid server value B", e);
        }
    }

    /** The 32-byte password key P of §2.2 step 3. */
    static byte[] passwordKey(char[] password, byte[] salt, int iterations, String protocol) {
        byte[] utf8 = utf8(password);
        byte[] digest = sha256(utf8);
        Arrays.fill(utf8, (byte) 0);
        byte[] pbkdfPassword = switch (protocol.toLowerCase(Locale.ROOT)) {
            case "s2k" -> digest;
            case "s2k_fo" -> HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
            default -> throw new IllegalArgumentException("unsupported SRP protocol '" + protocol
                    + "' in signin/init (expected s2k or s2k_fo)");
        };
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(pbkdfPassword, salt, iterations);
        byte[] key = ((KeyParameter) generator.generateDerivedParameters(256)).getKey();
        Arrays.fill(pbkdfPassword, (byte) 0);
        Arrays.fill(digest, (byte) 0);
        return key;
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    static byte[] unsigned(BigInteger n) {
        byte[] bytes = n.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] pad(BigInteger n) {
        byte[] raw = unsigned(n);
        byte[] padded = new byte[PAD_LENGTH];
        System.arraycopy(raw, 0, padded, PAD_LENGTH - raw.length, raw.length);
        return padded;
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the secret a across the two credential computations, so A stays what was sent. */
    private static final class StableSecretClient extends SRP6Client {
        private BigInteger secret;

        StableSecretClient(BigInteger fixedSecret) {
            this.secret = fixedSecret;
        }

        @Override
        protected BigInteger selectPrivateValue() {
            if (secret == null) {
                secret = super.selectPrivateValue();
            }
            return secret;
        }
    }

    /** M1 and M2, both sent by the client in signin/complete. */
    public record Evidence(byte[] m1, byte[] m2) {
    }
}
