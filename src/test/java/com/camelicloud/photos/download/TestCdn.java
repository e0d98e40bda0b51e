package com.camelicloud.photos.download;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A tiny media CDN on 127.0.0.1 for the downloader's tests: serves files under
 * {@code /B/<name>/${f}?e=…&s=<token>} with Range support, and misbehaves on request.
 */
final class TestCdn implements AutoCloseable {

    /** One misbehaviour, used for one request (queued) or for all of them (persistent). */
    record Fault(Kind kind, long bytes, int status, String text) {

        enum Kind { RESET_AFTER, TRUNCATE, STALL_AFTER, HTML, HTML_AS_MEDIA, TINY, STATUS, WRONG_RANGE, REDIRECT, SLOW }

        /** Sends the headers and {@code bytes} bytes of the body, then drops the connection. */
        static Fault resetAfter(long bytes) {
            return new Fault(Kind.RESET_AFTER, bytes, 0, null);
        }

        /** Sends the full Content-Length but only half the body, then ends the exchange. */
        static Fault truncate() {
            return new Fault(Kind.TRUNCATE, 0, 0, null);
        }

        /** Sends {@code bytes} bytes, then nothing for {@code millis}, then drops the connection. */
        static Fault stallAfter(long bytes, int millis) {
            return new Fault(Kind.STALL_AFTER, bytes, millis, null);
        }

        /** 200 with {@code Content-Type: text/html}. */
        static Fault html() {
            return new Fault(Kind.HTML, 0, 0, null);
        }

        /** 200, octet-stream, exactly the file's length, but the body is an HTML page padded with spaces. */
        static Fault htmlAsMedia() {
            return new Fault(Kind.HTML_AS_MEDIA, 0, 0, null);
        }

        /** 200 with a 17-byte body. */
        static Fault tiny() {
            return new Fault(Kind.TINY, 0, 0, null);
        }

        static Fault status(int status, String retryAfter) {
            return new Fault(Kind.STATUS, 0, status, retryAfter);
        }

        /** Answers a Range request with a 206 that starts somewhere else. */
        static Fault wrongRange() {
            return new Fault(Kind.WRONG_RANGE, 0, 0, null);
        }

        static Fault redirect(String location) {
            return new Fault(Kind.REDIRECT, 0, 302, location);
        }

        /** Sends the body in 16 KiB pieces with {@code millis} between them. */
        static Fault slow(int millis) {
            return new Fault(Kind.SLOW, 0, millis, null);
        }
    }

    /** What the server saw. */
    record Request(String name, String rawPath, String range, Headers headers) {
    }

    private static final class Served {
        final byte[] bytes;
        final Queue<Fault> once = new ConcurrentLinkedQueue<>();
        volatile Fault always;
        volatile boolean ignoreRange;
        volatile String token = UUID.randomUUID().toString();

        Served(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
    static final String TINY_BODY = "Error 501 failed!";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger answering = new AtomicInteger();
    /** The most requests it answered at once, each counted until its last piece goes out. */
    final AtomicInteger mostAtOnce = new AtomicInteger();

    TestCdn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code bytes} under {@code name}; returns a URL signed with the current token. */
    String serve(String name, byte[] bytes) {
        files.put(name, new Served(bytes));
        return url(name);
    }

    /** A URL for the file with the currently valid token, shaped like Apple's (§5.3). */
    String url(String name) {
        return urlWithToken(name, files.get(name).token);
    }

    String urlWithToken(String name, String token) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/B/" + name + "/${f}?o=opaque&v=1&e=1533044225"
                + "&ckc=com.apple.photos.cloud&s=" + token;
    }

    /** Invalidates every URL handed out so far: they now get 403 until a fresh one is used. */
    void expireUrls(String name) {
        files.get(name).token = UUID.randomUUID().toString();
    }

    void failOnce(String name, Fault fault) {
        files.get(name).once.add(fault);
    }

    void failAlways(String name, Fault fault) {
        files.get(name).always = fault;
    }

    void ignoreRange(String name) {
        files.get(name).ignoreRange = true;
    }

    List<Request> requestsFor(String name) {
        return requests.stream().filter(r -> name.equals(r.name())).collect(Collectors.toList());
    }

    /** Exceptions leave the exchange unclosed on purpose: the server then drops the connection mid-body. */
    private void handle(HttpExchange exchange) throws IOException {
        mostAtOnce.accumulateAndGet(answering.incrementAndGet(), Math::max);
        AtomicBoolean counted = new AtomicBoolean(true);
        // over once its last bytes are about to go: a client waiting for a whole body never sees it overlap the next
        Runnable lastPiece = () -> {
            if (counted.getAndSet(false)) {
                answering.decrementAndGet();
            }
        };
        try {
            answer(exchange, lastPiece);
        } finally {
            lastPiece.run();
        }
    }

    private void answer(HttpExchange exchange, Runnable lastPiece) throws IOException {
        String[] segments = exchange.getRequestURI().getPath().split("/");
        String name = segments.length > 2 ? segments[2] : "";
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(new Request(name, exchange.getRequestURI().getRawPath(), range, exchange.getRequestHeaders()));
        Served served = files.get(name);
        String query = exchange.getRequestURI().getRawQuery();
        if (served == null) {
            send(exchange, 404, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        } else if (query == null || !query.contains("s=" + served.token)) {
            send(exchange, 403, "application/json", "{\"error\":\"expired\"}".getBytes(StandardCharsets.UTF_8));
        } else {
            Fault fault = served.once.poll();
            respond(exchange, served, range, fault == null ? served.always : fault, lastPiece);
        }
        exchange.close();
    }

    private void respond(HttpExchange exchange, Served served, String range, Fault fault, Runnable lastPiece)
            throws IOException {
        byte[] bytes = served.bytes;
        Fault.Kind kind = fault == null ? null : fault.kind();
        if (kind == Fault.Kind.STATUS) {
            if (fault.text() != null) {
                exchange.getResponseHeaders().add("Retry-After", fault.text());
            }
            send(exchange, fault.status(), "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (kind == Fault.Kind.REDIRECT) {
            exchange.getResponseHeaders().add("Location", fault.text());
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        if (kind == Fault.Kind.HTML) {
            send(exchange, 200, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><body>Service unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (kind == Fault.Kind.TINY) {
            send(exchange, 200, "application/octet-stream", TINY_BODY.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (kind == Fault.Kind.HTML_AS_MEDIA) {
            byte[] page = new byte[bytes.length];
            java.util.Arrays.fill(page, (byte) ' ');
            byte[] html = "\n <HTML><body>Error</body></html>".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(html, 0, page, 0, html.length);
            send(exchange, 200, "application/octet-stream", page);
            return;
        }

        long start = 0;
        boolean partial = false;
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches() && !served.ignoreRange) {
            start = Long.parseLong(m.group(1));
            if (start >= bytes.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + bytes.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            partial = true;
        }
        Headers headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/octet-stream");
        headers.add("Accept-Ranges", "bytes");
        long length = bytes.length - start;
        if (partial) {
            long claimedStart = kind == Fault.Kind.WRONG_RANGE ? start / 2 : start;
            headers.add("Content-Range", "bytes " + claimedStart + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        exchange.sendResponseHeaders(partial ? 206 : 200, length == 0 ? -1 : length);
        OutputStream body = exchange.getResponseBody();
        int from = (int) start;
        if (kind == Fault.Kind.RESET_AFTER || kind == Fault.Kind.STALL_AFTER) {
            int cut = (int) Math.min(bytes.length, from + fault.bytes());
            body.write(bytes, from, cut - from);
            body.flush();
            if (kind == Fault.Kind.STALL_AFTER) {
                sleep(fault.status());
            }
            // an exception out of the handler makes the server drop the connection mid-body
            throw new IOException("test CDN drops the connection");
        }
        if (kind == Fault.Kind.TRUNCATE) {
            body.write(bytes, from, (bytes.length - from) / 2);
            body.flush();
            throw new IOException("test CDN cuts the body short");
        }
        int piece = 16 * 1024;
        for (int i = from; i < bytes.length; i += piece) {
            if (kind == Fault.Kind.SLOW && i > from) {
                body.flush();
                sleep(fault.status());
            }
            if (i + piece >= bytes.length) {
                lastPiece.run();
            }
            body.write(bytes, i, Math.min(piece, bytes.length - i));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void sleep(int millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
