package com.camelicloud.photos.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The HTTP client for Apple's API hosts (idmsa, setup, CloudKit): default browser headers, the
 * session's cookie jar, and a connection pool that can be thrown away when a host answers 421
 * (docs/protocol.md §9.2). Media downloads use their own client, without cookies (§8.6).
 */
public final class HttpTransport {

    /** Sent by icloudpd and kei; configurable because Apple may start to care (docs/protocol.md §1.3). */
    public static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36";

    private final CookieJar cookies;
    private final String userAgent;
    private final Duration timeout;
    private final List<TransportObserver> observers = new CopyOnWriteArrayList<>();
    private volatile HttpClient client;
    private volatile String home = "https://www.icloud.com";

    public HttpTransport(CookieJar cookies, String userAgent, Duration timeout) {
        this.cookies = Objects.requireNonNull(cookies);
        this.userAgent = userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent;
        this.timeout = timeout;
        this.client = newClient();
    }

    public CookieJar cookies() {
        return cookies;
    }

    /** The web home of the account's region; it becomes the default Origin and Referer. */
    public void setHome(String home) {
        this.home = home;
    }

    public String home() {
        return home;
    }

    public String userAgent() {
        return userAgent;
    }

    public void addObserver(TransportObserver observer) {
        observers.add(observer);
    }

    /**
     * Opens fresh connections for the next requests. Java 17's client cannot be shut down; the old
     * one's idle connections close on their own once nothing references it.
     */
    public void resetConnections() {
        client = newClient();
    }

    public ApiResponse execute(ApiRequest request) throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Origin", home);
        headers.put("Referer", home + "/");
        headers.put("User-Agent", userAgent);
        headers.putAll(request.headers());
        cookies.headerFor(request.uri()).ifPresent(value -> headers.put("Cookie", value));

        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        if ("http".equalsIgnoreCase(request.uri().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        headers.forEach(builder::header);
        builder.method(request.method(), request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));

        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            notifyObservers(request.endpoint(), -1, started);
            throw e;
        }
        cookies.store(request.uri(), response.headers().allValues("set-cookie"));
        notifyObservers(request.endpoint(), response.statusCode(), started);
        return new ApiResponse(response.statusCode(), response.headers(), response.body());
    }

    private void notifyObservers(String endpoint, int status, long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        observers.forEach(o -> o.onResponse(endpoint, status, took));
    }

    private HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Observes every API call, e.g. to count requests per endpoint and status. */
    @FunctionalInterface
    public interface TransportObserver {
        /** @param status the HTTP status, or -1 when the request failed before an answer came */
        void onResponse(String endpoint, int status, Duration took);
    }
}
