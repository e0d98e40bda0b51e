package com.camelicloud.photos.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

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

    /** Fails naming the file when any file under {@code directory} holds {@code secret} (as UTF-8), as a grep would. */
    public static void assertAbsentFrom(Path directory, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(indexOf(Files.readAllBytes(file), needle)).as("the secret is in " + file).isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Fails when {@code text} holds any of {@link #of}. */
    public static void assertNoneIn(String text, Path stateDir, String appleId) throws IOException {
        for (String secret : of(stateDir, appleId)) {
            assertThat(text).as("a secret leaked").doesNotContain(secret);
        }
    }
}
