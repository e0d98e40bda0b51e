package com.camelicloud.photos.fake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/** Deterministic identifiers in Apple's shapes, derived from seeds so that a library is reproducible. */
final class Ids {

    private Ids() {
    }

    /** splitmix64: a cheap, well-mixed 64-bit hash used for every seeded value in the fake. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long mix(long seed, String salt) {
        return mix(seed ^ mix(salt.hashCode()) ^ ((long) salt.length() << 48));
    }

    /** Upper-case UUID like {@code F2A23C38-0020-42FE-A273-2923ADE3CAED}. */
    static String uuid(long seed) {
        long hi = (mix(seed) & ~0xF000L) | 0x4000L;
        long lo = (mix(seed + 1) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString().toUpperCase(Locale.ROOT);
    }

    /**
     * An MMCS-style signature: one {@code 0x01} byte plus 20 hash bytes, standard base64 without padding (28 chars, may
     * contain {@code +} and {@code /}), like {@code AY6c+BsE0jjaXx9tmVGJM1D2VcEO}.
     */
    static String checksum(long seed, String salt) {
        byte[] digest = sha1(ByteBuffer.allocate(8).putLong(seed).array(), salt.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[21];
        out[0] = 1;
        System.arraycopy(digest, 0, out, 1, 20);
        return Base64.getEncoder().withoutPadding().encodeToString(out);
    }

    /** 16 random-looking bytes, standard base64 with padding, like {@code Aj375aJi6sEmqgJPj64+7Q==}. */
    static String wrappingKey(long seed) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(16).putLong(mix(seed)).putLong(mix(~seed)).array());
    }

    /** {@code _} followed by 32 hex digits, the shape of an {@code ownerRecordName} / user record name. */
    static String userRecordName(String seedText) {
        return "_" + SrpServer.hex(sha1(seedText.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }

    static String toBase64Url(String standardBase64) {
        return standardBase64.replace('+', '-').replace('/', '_').replace("=", "");
    }

    static String base64(String utf8) {
        return Base64.getEncoder().encodeToString(utf8.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha1(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
