package com.camelicloud.photos.fake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks {@code downloadURL}s (docs/protocol.md §5.3, §8.8): {@code /B/<checksums>/${f}?…&e=<expiry>&…&s=<sig>},
 * where {@code s} is an HMAC over the {@code /B/<checksums>} path and {@code e}. The file name segment is not signed, so
 * {@code ${f}}, its percent-encoded form or a substituted name all work.
 */
final class CdnUrls {

    /** Outcome of checking a URL's {@code e} and {@code s}. */
    enum Check {
        OK,
        EXPIRED,
        BAD_SIGNATURE
    }

    private final ServerState server;
    private final ThreadLocal<Mac> macs;

    CdnUrls(ServerState server) {
        this.server = server;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    String downloadUrl(FakeResource resource, String zoneName) {
        long expiry = server.now() / 1000 + Math.max(1, server.faults.urlTtl().toSeconds());
        String path = "/B/" + resource.cdnKey();
        String opaque = Ids.toBase64Url(resource.referenceChecksum());
        return server.cdnUrl() + path + "/${f}?o=" + opaque + "&v=1&x=3&a=" + Ids.toBase64Url(resource.fileChecksum())
                + "&e=" + expiry + "&k=" + Ids.toBase64Url(resource.wrappingKey()) + "&fl=&r="
                + UUID.randomUUID() + "-1&ckc=com.apple.photos.cloud&ckz=" + zoneName + "&y=1&p=61&s="
                + signature(path, Long.toString(expiry));
    }

    Check check(String path, String expiry, String signature) {
        if (expiry == null || signature == null
                || !MessageDigest.isEqual(signature(path, expiry).getBytes(StandardCharsets.US_ASCII),
                        signature.getBytes(StandardCharsets.US_ASCII))) {
            return Check.BAD_SIGNATURE;
        }
        return Long.parseLong(expiry) * 1000 < server.now() ? Check.EXPIRED : Check.OK;
    }

    private String signature(String path, String expiry) {
        byte[] sig = macs.get().doFinal((path + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }
}
