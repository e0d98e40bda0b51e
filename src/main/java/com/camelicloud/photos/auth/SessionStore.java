package com.camelicloud.photos.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.camelicloud.photos.state.PrivateFiles;
import com.camelicloud.photos.http.Json;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Loads and saves one account's {@link SessionState} as an owner-only JSON file. */
public final class SessionStore {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final Path file;

    public SessionStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The stored session, or a fresh one with a new client id when none was stored. */
    public SessionState load() {
        if (!Files.exists(file)) {
            return SessionState.fresh();
        }
        try {
            SessionState state = JSON.readValue(file.toFile(), SessionState.class);
            if (state.clientId == null || state.clientId.isBlank()) {
                state.clientId = SessionState.newClientId();
            }
            return state;
        } catch (IOException e) {
            // Never echo the content: it holds tokens.
            throw new UncheckedIOException("the session file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "); delete it to sign in again", e);
        }
    }

    public synchronized void save(SessionState state) {
        try {
            PrivateFiles.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        } catch (IOException e) {
            throw new UncheckedIOException("the session file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}
