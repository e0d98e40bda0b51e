package com.camelicloud.photos.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.state.PrivateFiles;

/**
 * Hands a two-factor code from {@code login --code} to the sync that waits for it in another process. Three
 * owner-only files in the data directory: {@code .waiting} (the waiting process's PID, present while it waits),
 * {@code .code} (the code handed over, deleted once read) and {@code .result} (what Apple said about it).
 */
public final class CodeHandoff {

    /** How a handed-over code fared. */
    public enum Result {
        ACCEPTED,
        REJECTED
    }

    /** A result and Apple's message about the code. */
    public record Outcome(Result result, String message) {
    }

    private final Path waiting;
    private final Path code;
    private final Path result;

    public CodeHandoff(Path dataDir, String appleId) {
        Path stem = new DataDirectory(dataDir).codeHandoffStem(appleId);
        this.waiting = stem.resolveSibling(stem.getFileName() + ".waiting");
        this.code = stem.resolveSibling(stem.getFileName() + ".code");
        this.result = stem.resolveSibling(stem.getFileName() + ".result");
    }

    /** The six digits of a code as people type it ("123 456", "123-456"), or empty when it has not six. */
    public static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String digits = typed.replaceAll("[^0-9]", "");
        return digits.length() == 6 ? Optional.of(digits) : Optional.empty();
    }

    // ---- the waiting side -----------------------------------------------------------------------------------

    /** Announces that this process waits for a code; a code left from an earlier wait is discarded. */
    public void announceWaiting() {
        try {
            Files.deleteIfExists(code);
            Files.deleteIfExists(result);
            write(waiting, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + waiting, e);
        }
    }

    /** The code another process handed over, once; empty while there is none. */
    public Optional<String> takeCode() {
        try {
            if (!Files.exists(code)) {
                return Optional.empty();
            }
            String value = Files.readString(code, StandardCharsets.UTF_8).trim();
            Files.deleteIfExists(code);
            return Optional.of(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + code, e);
        }
    }

    public void publishResult(Result outcome, String message) {
        try {
            write(result, outcome.name() + "\n" + (message == null ? "" : message));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + result, e);
        }
    }

    public void withdraw() {
        try {
            Files.deleteIfExists(waiting);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + waiting, e);
        }
    }

    // ---- the handing side -----------------------------------------------------------------------------------

    /** The PID of a live process waiting for a code, if any (a file left by a dead one is ignored). */
    public Optional<Long> waitingProcess() {
        try {
            if (!Files.exists(waiting)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(waiting, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void handOver(String twoFactorCode) {
        try {
            Files.deleteIfExists(result);
            write(code, twoFactorCode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + code, e);
        }
    }

    /** Waits for the waiting process to report on the code. */
    public Optional<Outcome> awaitResult(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(result)) {
                    String[] parts = Files.readString(result, StandardCharsets.UTF_8).split("\n", 2);
                    Files.deleteIfExists(result);
                    return Optional.of(new Outcome(Result.valueOf(parts[0].trim()), parts.length > 1 ? parts[1] : ""));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + result, e);
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    private static void write(Path file, String content) throws IOException {
        PrivateFiles.writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
