package com.camelicloud.photos.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.camelicloud.photos.state.PrivateFiles;
import com.camelicloud.photos.http.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads and saves one account's {@link SessionState} as an owner-only JSON file. */
public final class SessionStore {

    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

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
            // Nothing in it that signing in again does not give back: a damaged file must not stop every later run.
            // Never echo the content: it holds tokens.
            LOG.warn("The session file {} cannot be read ({}); removing it and signing in again", file,
                    e.getClass().getSimpleName());
            try {
                Files.deleteIfExists(file);
            } catch (IOException deleteFailed) {
                throw new UncheckedIOException("the session file " + file + " cannot be read and cannot be removed ("
                        + deleteFailed.getMessage() + "); remove it to sign in again", deleteFailed);
            }
            return SessionState.fresh();
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
