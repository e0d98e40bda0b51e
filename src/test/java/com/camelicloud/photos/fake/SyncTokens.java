package com.camelicloud.photos.fake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Zone and database sync tokens (docs/protocol.md §4.1): 33 bytes, base64 without padding, 44 characters, starting with
 * {@code AQ} like Apple's ({@code AQA…} zone, {@code AQ0…} database). Layout: version 0x01, kind (0x00 zone, 0x0D
 * database), database (0 private,
 * 1 shared), 8 bytes of the zone (or account) identity, 8 bytes of position, 4 bytes of epoch (zone) or nonce
 * (database), 10 bytes of HMAC. The MAC key is fixed so that a restarted fake with the same library accepts the tokens a
 * client stored before; {@link #invalidateZoneTokens()} bumps the epoch so that every zone token handed out so far is
 * refused.
 */
final class SyncTokens {

    static final String UNKNOWN = "Unknown sync continuation type";
    static final String INVALID = "Invalid continuation format";

    private static final int LENGTH = 33;
    private static final int MAC_OFFSET = 23;
    private static final byte ZONE = 0x00;
    private static final byte DATABASE = 0x0D;
    private static final byte[] KEY = "camel-icloud-photos fake sync tokens".getBytes(StandardCharsets.US_ASCII);

    private final AtomicInteger epoch = new AtomicInteger();
    private final AtomicInteger nonce = new AtomicInteger();
    /** Database tokens with a nonce up to this one were handed out before {@link #invalidateDatabaseTokens()}. */
    private volatile int refusedDatabaseNonces;

    /** A decoded token: either a position or the {@code BAD_REQUEST} reason to answer. */
    record Decoded(long position, String error) {
        boolean ok() {
            return error == null;
        }
    }

    void invalidateZoneTokens() {
        epoch.incrementAndGet();
    }

    /** Every database token handed out so far becomes unknown (how long Apple keeps them is not known, §4.1 row 21). */
    void invalidateDatabaseTokens() {
        refusedDatabaseNonces = nonce.get();
    }

    String zoneToken(Database database, String zoneIdentity, long seq) {
        return encode(ZONE, database, zoneIdentity, seq, epoch.get());
    }

    /** A fresh database token every call (Apple's are non-deterministic, §4.1 row 22). */
    String databaseToken(Database database, String accountIdentity, long clock) {
        return encode(DATABASE, database, accountIdentity, clock, nonce.incrementAndGet());
    }

    Decoded decodeZone(String token, Database database, String zoneIdentity, long head) {
        ByteBuffer data = parse(token);
        if (data == null) {
            return new Decoded(0, INVALID);
        }
        long seq = data.getLong(11);
        if (!authentic(data, ZONE, database, zoneIdentity) || data.getInt(19) != epoch.get() || seq < 0 || seq > head) {
            return new Decoded(0, UNKNOWN);
        }
        return new Decoded(seq, null);
    }

    Decoded decodeDatabase(String token, Database database, String accountIdentity, long clock) {
        ByteBuffer data = parse(token);
        if (data == null) {
            return new Decoded(0, INVALID);
        }
        long position = data.getLong(11);
        if (!authentic(data, DATABASE, database, accountIdentity) || position < 0 || position > clock
                || data.getInt(19) <= refusedDatabaseNonces) {
            return new Decoded(0, UNKNOWN);
        }
        return new Decoded(position, null);
    }

    private static String encode(byte kind, Database database, String identity, long position, int extra) {
        ByteBuffer data = ByteBuffer.allocate(LENGTH);
        data.put((byte) 1).put(kind).put(database.code()).put(identityHash(identity)).putLong(position).putInt(extra);
        data.put(mac(data.array()));
        return Base64.getEncoder().withoutPadding().encodeToString(data.array());
    }

    /**
     * The token's bytes if it has the token format (base64 of 33 bytes), else {@code null}: a truncated token is
     * "Invalid continuation format", a well-formed one we did not issue is "Unknown sync continuation type" (§4.1 row 19).
     */
    private static ByteBuffer parse(String token) {
        try {
            byte[] raw = Base64.getDecoder().decode(token);
            return raw.length == LENGTH ? ByteBuffer.wrap(raw) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Issued by us (version and MAC) for this kind of token, database and zone or account. */
    private static boolean authentic(ByteBuffer data, byte kind, Database database, String identity) {
        byte[] raw = data.array();
        return raw[0] == 1 && MessageDigest.isEqual(mac(raw), Arrays.copyOfRange(raw, MAC_OFFSET, LENGTH))
                && raw[1] == kind && raw[2] == database.code() && sameIdentity(data, identity);
    }

    private static boolean sameIdentity(ByteBuffer data, String identity) {
        byte[] actual = new byte[8];
        data.get(3, actual);
        return Arrays.equals(actual, identityHash(identity));
    }

    private static byte[] identityHash(String identity) {
        return Arrays.copyOf(SrpServer.sha256(identity.getBytes(StandardCharsets.UTF_8)), 8);
    }

    private static byte[] mac(byte[] token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            mac.update(token, 0, MAC_OFFSET);
            return Arrays.copyOf(mac.doFinal(), LENGTH - MAC_OFFSET);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
