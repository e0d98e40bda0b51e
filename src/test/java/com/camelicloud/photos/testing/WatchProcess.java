package com.camelicloud.photos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.camelicloud.photos.fake.FakeICloud;

/**
 * The real CLI in watch mode in a child JVM, as a service manager runs it: no terminal, the password in
 * {@code ICLOUD_PASSWORD}, the ops HTTP server on a port of the test's choosing, stopped with SIGTERM.
 * <p>
 * A child process rather than {@link CliRunner}: a watch run only ends on a stop signal (its shutdown hook), which
 * an in-JVM run cannot receive, and the two-factor handoff of {@code login --code} is meant to cross processes.
 */
public final class WatchProcess implements AutoCloseable {

    private static final long STOP_TIMEOUT_SECONDS = 30;
    /** POST /mfa waits up to 60 s for Apple's verdict. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    /** An HTTP answer of the ops server. */
    public record Answer(int status, String contentType, String body) {
        @Override
        public String toString() {
            return "HTTP " + status + " (" + contentType + ")\n" + body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ChildCli.Child child;
    private final int httpPort;

    private WatchProcess(ChildCli.Child child, int httpPort) {
        this.child = child;
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code sync --watch-with-interval 60} of {@code appleId} into {@code destination}, with its state in
     * {@code dataDir}, the ops server on 127.0.0.1:{@code httpPort}, and its output in {@code log}; with a null
     * {@code password}, no password source at all (a stored one, or none).
     */
    public static WatchProcess start(FakeICloud fake, String appleId, Path dataDir, Path destination, int httpPort,
                                     String password, Path log, String... extraFlags) {
        List<String> flags = new ArrayList<>(List.of("--watch-with-interval", "60",
                "--http-port", Integer.toString(httpPort), "--http-bind", "127.0.0.1"));
        flags.addAll(List.of(extraFlags));
        ChildCli cli = new ChildCli(fake, dataDir, appleId).withoutPasswordFlag();
        if (password != null) {
            cli.env("ICLOUD_PASSWORD", password);
        }
        try {
            return new WatchProcess(cli.sync(destination, log, flags.toArray(String[]::new)), httpPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the watch process", e);
        }
    }

    /**
     * Starts {@code sync --config config --watch-with-interval 60} of the accounts {@code config} lists, with the ops
     * server on 127.0.0.1:{@code httpPort}, and its output in {@code log}.
     */
    public static WatchProcess startAccounts(Path config, int httpPort, Path log) {
        try {
            return new WatchProcess(ChildCli.startAsGiven(List.of("sync", "--config", config.toString(),
                    "--no-progress-bar", "--watch-with-interval", "60", "--http-port", Integer.toString(httpPort),
                    "--http-bind", "127.0.0.1"), log), httpPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the watch process", e);
        }
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return child.process().pid();
    }

    public boolean isAlive() {
        return child.process().isAlive();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
    }

    public Answer post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** Everything the process printed so far. */
    public String output() {
        return child.output();
    }

    /** SIGTERM, as {@code systemctl stop} sends; returns the exit status once the process ended. */
    public int stop() throws InterruptedException {
        child.process().destroy();
        return child.awaitExit(STOP_TIMEOUT_SECONDS);
    }

    /** Kills the process if a test left it running. */
    @Override
    public void close() throws InterruptedException {
        child.kill();
    }
}
