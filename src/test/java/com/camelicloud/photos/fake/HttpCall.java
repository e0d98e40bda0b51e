package com.camelicloud.photos.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * One request/response on the fake, over a JDK {@link HttpExchange}: case-insensitive query parameters, cookies from
 * every {@code Cookie} header, lenient JSON bodies, and response helpers that remember the status for the call log.
 */
final class HttpCall {

    final HttpExchange exchange;
    final String method;
    /** The raw (still percent-encoded) path. */
    final String path;
    private final Map<String, String> query = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body;
    private int status;
    private IntConsumer onRespond = code -> { };

    HttpCall(HttpExchange exchange) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod();
        this.path = exchange.getRequestURI().getRawPath();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                query.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
    }

    String query(String name) {
        return query.get(name);
    }

    /** A boolean query parameter: {@code true}, {@code True}, {@code 1} or {@code yes}. */
    boolean queryFlag(String name) {
        String v = query.get(name);
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"));
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** A cookie value as sent (quotes included), searching every {@code Cookie} header. */
    String cookie(String name) {
        List<String> headers = exchange.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    return part.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
        }
        return body;
    }

    /** The body as JSON; an absent or unparsable body reads as JSON null. */
    JsonNode json() throws IOException {
        return Json.parse(body());
    }

    void header(String name, String value) {
        exchange.getResponseHeaders().add(name, value);
    }

    void json(int code, JsonNode node) throws IOException {
        send(code, "application/json; charset=UTF-8", Json.pretty(node).getBytes(StandardCharsets.UTF_8));
    }

    void send(int code, String contentType, byte[] content) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean noBody = content.length == 0 || method.equals("HEAD");
        begin(code, noBody ? -1 : content.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        }
    }

    void empty(int code) throws IOException {
        begin(code, -1);
    }

    /**
     * Runs {@code listener} with the status just before the status line goes out, so that whatever observes it (the
     * call log) is up to date by the time the client sees the answer.
     */
    void onRespond(IntConsumer listener) {
        this.onRespond = listener;
    }

    /** Sends the status line and headers; {@code length} -1 means no body, 0 means chunked. */
    void begin(int code, long length) throws IOException {
        status = code;
        onRespond.accept(code);
        exchange.sendResponseHeaders(code, length);
    }

    boolean responded() {
        return status != 0;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
