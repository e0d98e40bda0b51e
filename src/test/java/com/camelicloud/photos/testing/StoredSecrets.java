package com.camelicloud.photos.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.camelicloud.photos.state.DataDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The credentials an account's stored session holds, for tests that check that none of them leaks. */
public final class StoredSecrets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredSecrets() {
    }

    /** The password and every token and cookie value the account's stored session holds. */
    public static Set<String> of(Path stateDir, String appleId) throws IOException {
        Set<String> secrets = new HashSet<>(Set.of(FakeDefaults.PASSWORD));
        Path session = new DataDirectory(stateDir).sessionFile(appleId);
        if (Files.exists(session)) {
            JsonNode state = JSON.readTree(session.toFile());
            for (String field : List.of("sessionToken", "trustToken", "scnt", "sessionId")) {
                if (state.path(field).isTextual()) {
                    secrets.add(state.path(field).asText());
                }
            }
            state.path("cookies").forEach(cookie -> secrets.add(cookie.path("value").asText()));
        }
        secrets.removeIf(secret -> secret.length() < 8);
        return secrets;
    }

    /** Fails when {@code text} holds any of {@link #of}. */
    public static void assertNoneIn(String text, Path stateDir, String appleId) throws IOException {
        for (String secret : of(stateDir, appleId)) {
            assertThat(text).as("a secret leaked").doesNotContain(secret);
        }
    }
}
