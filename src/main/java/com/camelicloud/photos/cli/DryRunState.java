package com.camelicloud.photos.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A scratch state database for a dry run of an account that was never synced; removed when the JVM exits. */
final class DryRunState {

    private DryRunState() {
    }

    static Path scratchDatabase() {
        try {
            Path dir = Files.createTempDirectory("camel-icloud-photos-dry-run");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir.resolve("state.db");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch database for the dry run", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
