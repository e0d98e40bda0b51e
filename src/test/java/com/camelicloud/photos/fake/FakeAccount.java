package com.camelicloud.photos.fake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Apple ID on the fake: the password (from which the SRP verifier is derived), sign-in behaviour flags, 2FA
 * codes, credential lifetimes and the account's zones. Option setters return {@code this} and
 * may be chained right after {@link FakeICloud#createAccount(String, String)}. Thread-safe.
 */
public final class FakeAccount {

    /** Default PBKDF2 iteration count, the value of the recorded init response (§2.3). */
    public static final int DEFAULT_ITERATIONS = 20064;
    public static final String DEFAULT_CODE = "123456";

    private final ServerState server;
    private final String appleId;
    private final String password;
    private final String ownerRecordName;
    private final FakeZone primary;
    private final List<FakeZone> privateZones = new CopyOnWriteArrayList<>();
    private final List<FakeZone> sharedZones = new CopyOnWriteArrayList<>();
    private final List<RemovedZone> removedZones = new CopyOnWriteArrayList<>();

    private String protocol = "s2k";
    private int iterations = DEFAULT_ITERATIONS;
    private byte[] salt;
    private SrpServer.Verifier verifier;
    private volatile String dsid;
    private volatile int hsaVersion = 2;
    private volatile boolean twoFactor = true;
    private volatile boolean smsOnly;
    private volatile boolean fido;
    private volatile boolean adp;
    private volatile boolean webAccessDisabled;
    private volatile boolean repairRequired;
    private volatile boolean autoPushOnSignIn;
    private volatile boolean acceptCodeWith409;
    private volatile String domainToUse;
    private volatile Duration sessionLifetime = Duration.ofDays(7);
    private volatile Duration trustLifetime = Duration.ofDays(30);
    private volatile int sessionGeneration;
    private volatile int trustGeneration;
    private List<String> codes = List.of(DEFAULT_CODE);
    private int codesUsed;
    private String pendingCode;
    private final List<String> pushedCodes = new ArrayList<>();

    /** Call under the write lock. */
    FakeAccount(ServerState server, String appleId, String password) {
        this.server = server;
        this.appleId = appleId;
        this.password = password;
        this.ownerRecordName = Ids.userRecordName(appleId.toLowerCase(Locale.ROOT));
        this.salt = Arrays.copyOf(Ids.sha1(("salt:" + appleId).getBytes(StandardCharsets.UTF_8)), 16);
        this.dsid = Long.toString(10_000_000_000L + (Ids.mix(appleId.hashCode()) & Long.MAX_VALUE) % 89_999_999_999L);
        this.primary = new FakeZone(server, this, "PrimarySync", FakeZone.Kind.PRIMARY);
        privateZones.add(primary);
        privateZones.add(new FakeZone(server, this,
                "AppLibrarySync-com.apple.GenerativePlayground-" + Ids.uuid(Ids.mix(dsid.hashCode(), "app")),
                FakeZone.Kind.APP_LIBRARY));
        privateZones.add(new FakeZone(server, this, "CMM-" + Ids.uuid(Ids.mix(dsid.hashCode(), "cmm")), FakeZone.Kind.CMM));
    }

    // ---------------------------------------------------------------- identity

    public String appleId() {
        return appleId;
    }

    public String dsid() {
        return dsid;
    }

    /** The user record name ({@code _} + 32 hex), used as {@code ownerRecordName} and in {@code contributors}. */
    public String ownerRecordName() {
        return ownerRecordName;
    }

    // ---------------------------------------------------------------- options

    /** SRP password-key derivation: {@code "s2k"} (default) or {@code "s2k_fo"}, and the PBKDF2 iteration count. */
    public synchronized FakeAccount srp(String srpProtocol, int pbkdf2Iterations) {
        this.protocol = Objects.requireNonNull(srpProtocol);
        this.iterations = pbkdf2Iterations;
        this.verifier = null;
        return this;
    }

    /** The SRP salt (default: 16 bytes derived from the Apple ID). A leading zero byte exercises §2.2's pitfall. */
    public synchronized FakeAccount salt(byte[] srpSalt) {
        this.salt = srpSalt.clone();
        this.verifier = null;
        return this;
    }

    public FakeAccount dsid(String value) {
        this.dsid = Objects.requireNonNull(value);
        return this;
    }

    public FakeAccount hsaVersion(int version) {
        this.hsaVersion = version;
        return this;
    }

    /** Whether a new browser must pass 2FA (default true). Without it signin/complete answers 200 directly. */
    public FakeAccount twoFactor(boolean enabled) {
        this.twoFactor = enabled;
        return this;
    }

    /** No trusted device: codes only by SMS ({@code hasICloudQualifyingDevice: false}, {@code noTrustedDevices: true}). */
    public FakeAccount smsOnly(boolean value) {
        this.smsOnly = value;
        return this;
    }

    /** Security-key account: the 2FA 409 carries {@code fsaChallenge} and {@code keyNames}. */
    public FakeAccount fido(boolean value) {
        this.fido = value;
        return this;
    }

    /** Advanced Data Protection: {@code iCDPEnabled: true} and CloudKit ACCESS_DENIED. */
    public FakeAccount adp(boolean value) {
        this.adp = value;
        return this;
    }

    /** "Access iCloud Data on the Web" off: {@code isWebAccessAllowed: false} and CloudKit ACCESS_DENIED. */
    public FakeAccount webAccessDisabled(boolean value) {
        this.webAccessDisabled = value;
        return this;
    }

    /** signin/complete answers 412 and the client must call repair/complete. */
    public FakeAccount repairRequired(boolean value) {
        this.repairRequired = value;
        return this;
    }

    /** accountLogin answers with {@code domainToUse} (e.g. {@code "iCloud.com.cn"}); {@code null} to clear. */
    public FakeAccount domainToUse(String domain) {
        this.domainToUse = domain;
        return this;
    }

    /** The pre-iOS-26.4 behaviour: the 2FA 409 itself pushes a code (by default a code needs an explicit PUT). */
    public FakeAccount autoPushOnSignIn(boolean value) {
        this.autoPushOnSignIn = value;
        return this;
    }

    /** A correct 2FA code is answered with 409 + {@code securityCode.valid: true} + a new session token (U14). */
    public FakeAccount acceptCodeWith409(boolean value) {
        this.acceptCodeWith409 = value;
        return this;
    }

    public FakeAccount sessionLifetime(Duration lifetime) {
        this.sessionLifetime = Objects.requireNonNull(lifetime);
        return this;
    }

    public FakeAccount trustLifetime(Duration lifetime) {
        this.trustLifetime = Objects.requireNonNull(lifetime);
        return this;
    }

    // ---------------------------------------------------------------- 2FA

    /**
     * The codes that successive pushes deliver, in order; the last one repeats. Default {@code "123456"}. Only the most
     * recently pushed code is accepted: a new push invalidates the previous one.
     */
    public synchronized FakeAccount setTwoFactorCode(String... pushSequence) {
        if (pushSequence.length == 0) {
            throw new IllegalArgumentException("at least one code");
        }
        this.codes = List.of(pushSequence);
        this.codesUsed = 0;
        return this;
    }

    /** Every code pushed so far (trusted device or SMS), oldest first. */
    public synchronized List<String> pushedCodes() {
        return List.copyOf(pushedCodes);
    }

    /** The code a submission must carry right now, or {@code null} if none was pushed since the last success. */
    public synchronized String pendingCode() {
        return pendingCode;
    }

    // ---------------------------------------------------------------- credential lifetimes

    /** Kills every session token and web-auth cookie issued so far (CloudKit 401, accountLogin/validate fail). */
    public FakeAccount expireSessions() {
        sessionGeneration++;
        return this;
    }

    /** Kills every trust token issued so far: the next sign-in needs 2FA again. */
    public FakeAccount expireTrust() {
        trustGeneration++;
        return this;
    }

    // ---------------------------------------------------------------- zones

    public FakeZone primaryZone() {
        return primary;
    }

    /** Creates a Shared Library owned by this account, visible in its private database. */
    public FakeZone createSharedZone() {
        return createSharedZone(Ids.uuid(Ids.mix(dsid.hashCode(), "shared" + privateZones.size())));
    }

    public FakeZone createSharedZone(String uuid) {
        return server.write(() -> {
            FakeZone zone = new FakeZone(server, this, "SharedSync-" + uuid.toUpperCase(Locale.ROOT),
                    FakeZone.Kind.SHARED_LIBRARY);
            privateZones.add(zone);
            return zone;
        });
    }

    /** Makes this account a participant of another account's Shared Library: it appears in this account's shared database. */
    public FakeAccount joinSharedZone(FakeZone sharedLibrary) {
        if (sharedLibrary.kind() != FakeZone.Kind.SHARED_LIBRARY || sharedLibrary.owner() == this) {
            throw new IllegalArgumentException(sharedLibrary + " is not another account's Shared Library");
        }
        server.write(() -> {
            sharedZones.add(sharedLibrary);
            sharedLibrary.touch();
        });
        return this;
    }

    /**
     * Leaves (or, for the owner, deletes) a Shared Library: the zone disappears from this account, later calls on it
     * answer {@code ZONE_NOT_FOUND}, and {@code changes/database} reports it once as {@code deleted: true}.
     */
    public FakeAccount leaveSharedZone(FakeZone sharedLibrary) {
        server.write(() -> {
            Database database = privateZones.remove(sharedLibrary) ? Database.PRIVATE : Database.SHARED;
            sharedZones.remove(sharedLibrary);
            removedZones.add(new RemovedZone(database, sharedLibrary, server.tick()));
        });
        return this;
    }

    /** A zone this account no longer has, and when it went. */
    record RemovedZone(Database database, FakeZone zone, long tick) {
    }

    List<RemovedZone> removedZones() {
        return List.copyOf(removedZones);
    }

    /** The zones of the private database, in listing order (PrimarySync, the ignorable zones, owned Shared Libraries). */
    public List<FakeZone> privateZones() {
        return List.copyOf(privateZones);
    }

    /** The zones of the shared database: Shared Libraries this account joined. */
    public List<FakeZone> sharedZones() {
        return List.copyOf(sharedZones);
    }

    // ---------------------------------------------------------------- package-private

    List<FakeZone> zones(Database database) {
        return database == Database.SHARED ? sharedZones : privateZones;
    }

    FakeZone zone(Database database, String zoneName) {
        for (FakeZone z : zones(database)) {
            if (z.name().equals(zoneName)) {
                return z;
            }
        }
        return null;
    }

    synchronized SrpServer.Verifier verifier() {
        if (verifier == null) {
            verifier = SrpServer.verifier(protocol, iterations, salt, password);
        }
        return verifier;
    }

    /** Records a push (trusted device or SMS) and returns the code it delivered. */
    synchronized String push() {
        String code = codes.get(Math.min(codesUsed, codes.size() - 1));
        codesUsed++;
        pushedCodes.add(code);
        pendingCode = code;
        return code;
    }

    /** Checks a submitted code; a correct one is consumed. */
    synchronized boolean acceptCode(String code) {
        if (pendingCode != null && pendingCode.equals(code)) {
            pendingCode = null;
            return true;
        }
        return false;
    }

    boolean needsTwoFactor() {
        return twoFactor && hsaVersion >= 2;
    }

    int hsaVersion() {
        return hsaVersion;
    }

    boolean smsOnly() {
        return smsOnly;
    }

    boolean fido() {
        return fido;
    }

    boolean adp() {
        return adp;
    }

    boolean webAccessDisabled() {
        return webAccessDisabled;
    }

    boolean repairRequired() {
        return repairRequired;
    }

    boolean autoPushOnSignIn() {
        return autoPushOnSignIn;
    }

    boolean acceptCodeWith409() {
        return acceptCodeWith409;
    }

    String domainToUse() {
        return domainToUse;
    }

    Duration sessionLifetime() {
        return sessionLifetime;
    }

    Duration trustLifetime() {
        return trustLifetime;
    }

    int sessionGeneration() {
        return sessionGeneration;
    }

    int trustGeneration() {
        return trustGeneration;
    }

    @Override
    public String toString() {
        return appleId;
    }
}
