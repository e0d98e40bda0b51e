package com.camelicloud.photos.fake;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful fake of Apple's iCloud web services for tests (docs/protocol.md §10.1), on three loopback listeners so that a
 * client must take its URLs from the answers as with Apple:
 * <ol>
 * <li>idmsa + setup: {@link #authEndpoint()} ({@code /appleauth/auth}) and {@link #setupEndpoint()} ({@code /setup/ws/1});</li>
 * <li>CloudKit: {@link #cloudKitEndpoint()}, announced as {@code webservices.ckdatabasews.url} by accountLogin;</li>
 * <li>the media CDN, named by every {@code downloadURL}.</li>
 * </ol>
 * Typical use:
 * <pre>{@code
 * try (FakeICloud fake = FakeICloud.start()) {
 *     FakeAccount account = fake.createAccount("jdoe@example.com", "secret").srp("s2k", 1000);
 *     LibraryGenerator.populate(account.primaryZone(), 42, 300);
 *     // point the client at fake.authEndpoint() / fake.setupEndpoint(), sync, then assert with
 *     // account.primaryZone().liveAssets(), fake.calls(Endpoint.CHANGES_ZONE), fake.cdnGets(resource) …
 * }
 * }</pre>
 * Thread-safe; tests may mutate the library while a client syncs.
 */
public final class FakeICloud implements AutoCloseable {

    /** One answered request: no bodies, no query strings (so no secrets). */
    public record LoggedRequest(Instant time, String method, String path, int status, Endpoint endpoint) {
    }

    private static final int THREADS = 32;

    static {
        // The JDK server otherwise leaves Nagle on, which adds ~40 ms to small keep-alive responses.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ServerState server = new ServerState();
    private final ExecutorService executor;
    private final HttpServer idmsa;
    private final HttpServer cloudKit;
    private final HttpServer cdn;

    private FakeICloud(int authPort, int cloudKitPort, int cdnPort) {
        AtomicInteger threadIds = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "fake-icloud-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        idmsa = listen(authPort, Map.of(AuthHandler.PREFIX, new AuthHandler(server),
                SetupHandler.PREFIX, new SetupHandler(server), "/", notFound()));
        cloudKit = listen(cloudKitPort, Map.of("/", new CloudKitHandler(server)));
        cdn = listen(cdnPort, Map.of("/", new CdnHandler(server)));
        server.urls(baseUrl(cloudKit), baseUrl(cdn));
    }

    /** Starts the fake on three ephemeral loopback ports. */
    public static FakeICloud start() {
        return start(0, 0, 0);
    }

    /** Starts the fake on the given ports (0 = ephemeral). */
    public static FakeICloud start(int authPort, int cloudKitPort, int cdnPort) {
        return new FakeICloud(authPort, cloudKitPort, cdnPort);
    }

    /** {@code http://127.0.0.1:A/appleauth/auth}, the {@code {AUTH}} base. */
    public String authEndpoint() {
        return baseUrl(idmsa) + AuthHandler.PREFIX;
    }

    /** {@code http://127.0.0.1:A/setup/ws/1}, the {@code {SETUP}} base. */
    public String setupEndpoint() {
        return baseUrl(idmsa) + SetupHandler.PREFIX;
    }

    /** {@code http://127.0.0.1:B}, what accountLogin announces as {@code ckdatabasews.url}. */
    public String cloudKitEndpoint() {
        return server.cloudKitUrl();
    }

    /** {@code http://127.0.0.1:C}, the host of every {@code downloadURL}. */
    public String cdnEndpoint() {
        return server.cdnUrl();
    }

    /**
     * Creates an account with default options (s2k with 20,064 iterations, 2FA by trusted device, code "123456") and
     * its zones: PrimarySync plus an ignorable AppLibrarySync-… and CMM-… zone in the private database.
     */
    public FakeAccount createAccount(String appleId, String password) {
        String key = appleId.toLowerCase(Locale.ROOT);
        return server.write(() -> {
            if (server.accounts.containsKey(key)) {
                throw new IllegalArgumentException("account exists: " + appleId);
            }
            FakeAccount account = new FakeAccount(server, appleId, password);
            server.accounts.put(key, account);
            return account;
        });
    }

    public FakeAccount account(String appleId) {
        return server.accounts.get(appleId.toLowerCase(Locale.ROOT));
    }

    public Faults faults() {
        return server.faults;
    }

    /** Requests answered by an endpoint since start or {@link #resetCounters()} (including injected failures). */
    public int calls(Endpoint endpoint) {
        return server.calls.count(endpoint);
    }

    /** Requests to every endpoint whose {@link Endpoint#path()} is {@code path}, e.g. {@code "changes/zone"}. */
    public int calls(String path) {
        return Arrays.stream(Endpoint.values()).filter(e -> path.equals(e.path())).mapToInt(this::calls).sum();
    }

    /** Requests to all CloudKit endpoints together. */
    public int cloudKitCalls() {
        return Arrays.stream(Endpoint.values()).filter(Endpoint::isCloudKit).mapToInt(this::calls).sum();
    }

    /** CDN requests for one resource (any outcome). */
    public int cdnGets(FakeResource resource) {
        return server.calls.cdnGets(resource.fileChecksum());
    }

    /**
     * CDN requests that carried a {@code Cookie} header. Apple's iCloud cookies never reach the CDN's domain (§8.6), but
     * here every listener is on 127.0.0.1, where host-only cookies ignore the port; this counter shows a client that
     * feeds its iCloud cookie jar to downloads.
     */
    public int cdnRequestsWithCookies() {
        return server.calls.cdnRequestsWithCookies();
    }

    /** The most recent requests (up to 20,000), oldest first. */
    public List<LoggedRequest> requestLog() {
        return server.calls.entries();
    }

    /**
     * The most slow CDN answers ({@link CdnFault#slow}) streaming at once since start or {@link #resetCounters()}, each
     * counted until it writes its last bytes: the connections a client used at once.
     */
    public int slowCdnStreamsAtOnce() {
        return server.calls.slowCdnStreamsAtOnce();
    }

    public void resetCounters() {
        server.calls.reset();
    }

    /** The fake's clock, which drives credential lifetimes, URL expiry and record timestamps. */
    public Instant now() {
        return Instant.ofEpochMilli(server.now());
    }

    /** Moves the fake's clock forward, e.g. past a trust token's 30 days. */
    public void advanceClock(Duration by) {
        server.advanceClock(by);
    }

    /** A freshly signed {@code downloadURL} for a resource, as CloudKit would hand it out now (for {@link FakeControl}). */
    String downloadUrl(FakeResource resource, String zoneName) {
        return server.cdnUrls.downloadUrl(resource, zoneName);
    }

    /** Serves a test-only handler on the auth listener under {@code path} (used by {@link FakeControl}). */
    void serveOnAuthListener(String path, HttpHandler handler) {
        idmsa.createContext(path, handler);
    }

    /** Stops all listeners and interrupts requests in progress (stalled downloads included). */
    @Override
    public void close() {
        idmsa.stop(0);
        cloudKit.stop(0);
        cdn.stop(0);
        executor.shutdownNow();
    }

    private HttpServer listen(int port, Map<String, HttpHandler> contexts) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 128);
            contexts.forEach(http::createContext);
            http.setExecutor(executor);
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    private static String baseUrl(HttpServer http) {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private ServiceHandler notFound() {
        return new ServiceHandler(server) {
            @Override
            Endpoint route(HttpCall call) {
                return Endpoint.OTHER;
            }

            @Override
            void serve(HttpCall call, Endpoint endpoint) throws IOException {
                call.send(404, "text/plain", "not found".getBytes(StandardCharsets.US_ASCII));
            }
        };
    }
}
