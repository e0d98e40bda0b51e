package com.camelicloud.photos.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Common request pipeline of the four services: route to an {@link Endpoint}, apply injected latency and queued
 * failures ({@link Faults}), serve, and record the call. Unexpected exceptions become a 500 and are printed, since a
 * broken fake must be loud.
 */
abstract class ServiceHandler implements HttpHandler {

    protected final ServerState server;

    ServiceHandler(ServerState server) {
        this.server = server;
    }

    /** Which endpoint a request is, or {@link Endpoint#OTHER}. Must not throw. */
    abstract Endpoint route(HttpCall call);

    abstract void serve(HttpCall call, Endpoint endpoint) throws IOException;

    @Override
    public final void handle(HttpExchange exchange) {
        HttpCall call = new HttpCall(exchange);
        Endpoint endpoint = route(call);
        call.onRespond(status -> server.calls.record(endpoint, call.method, call.path, status));
        try {
            if (!pause()) {
                return;
            }
            Faults.Failure failure = server.faults.takeFailure(endpoint);
            if (failure != null) {
                if (failure.retryAfterSeconds() != null) {
                    call.header("Retry-After", failure.retryAfterSeconds().toString());
                }
                call.send(failure.status(), failure.body().isEmpty() ? null : "application/json; charset=UTF-8",
                        failure.body().getBytes(StandardCharsets.UTF_8));
            } else {
                serve(call, endpoint);
            }
        } catch (IOException e) {
            // the client went away mid-response; nothing to answer
        } catch (RuntimeException e) {
            System.err.println("fake iCloud: " + call.method + " " + call.path + " failed: " + e);
            e.printStackTrace();
            if (!call.responded()) {
                try {
                    call.send(500, "text/plain", "fake server error".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        } finally {
            if (!call.responded()) {
                server.calls.record(endpoint, call.method, call.path, 0); // no answer: interrupted or client gone
            }
            exchange.close();
        }
    }

    /** Sleeps for the injected latency; false if interrupted (the fake is shutting down). */
    private boolean pause() {
        long millis = server.faults.latency().toMillis();
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The part of the path after a prefix, without leading or trailing slashes. */
    static String tail(String path, String prefix) {
        String rest = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest;
    }
}
