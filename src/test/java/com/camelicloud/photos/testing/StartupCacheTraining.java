package com.camelicloud.photos.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeICloud;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.LibraryGenerator;

/**
 * Makes the class-data cache the launcher uses (src/main/bin/camel-icloud-photos), at build time: the launcher runs
 * a sync against the fake iCloud, then an incremental sync of a few changes (what most runs are: watch mode and
 * scheduled syncs) while the JVM records the classes it loads, and leaves them beside the jar. On JDK 25 and later
 * that is an AOT cache ({@code -XX:AOTCacheOutput}, classes loaded and linked), before that a dynamic class-data
 * sharing archive ({@code -XX:ArchiveClassesAtExit}). A cache is only an optimisation: when anything fails, this says
 * so and leaves none, and the build goes on.
 *
 * <p>Arguments: the launcher, then the cache file to write ({@code …/camel-icloud-photos.aot} or {@code .jsa}: the
 * build passes both and this picks the one of the JDK that runs it, the JDK the launcher then runs too).
 */
public final class StartupCacheTraining {

    private static final String APPLE_ID = "training@example.com";
    private static final long TIMEOUT_SECONDS = 300;

    private StartupCacheTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: StartupCacheTraining LAUNCHER AOT-CACHE CDS-ARCHIVE");
        }
        Path launcher = Path.of(args[0]);
        Path aot = Path.of(args[1]);
        Path cds = Path.of(args[2]);
        Files.deleteIfExists(aot);
        Files.deleteIfExists(cds);
        boolean aotCache = Runtime.version().feature() >= 25;
        Path cache = aotCache ? aot : cds;
        Path work = Files.createTempDirectory("camel-icloud-photos-training");
        try (FakeICloud fake = FakeICloud.start()) {
            FakeAccount account = fake.createAccount(APPLE_ID, FakeDefaults.PASSWORD);
            FakeZone zone = account.primaryZone();
            List<String> assets = new LibraryGenerator(1).populate(zone, 120);
            String problem = sync(launcher, fake, work, "first", null);
            if (problem == null) {
                for (int i = 0; i < 10; i++) {
                    zone.addPhoto(String.format("TRAINING_%03d.JPG", i));
                }
                zone.addLivePhoto("TRAINING_LIVE.HEIC");
                zone.trash(assets.get(0));
                zone.favourite(assets.get(1));
                zone.edit(assets.get(2));
                problem = sync(launcher, fake, work, "incremental", (aotCache ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=")
                        + cache);
            }
            if (problem == null && !Files.isRegularFile(cache)) {
                problem = "the JVM wrote no " + cache;
            }
            if (problem != null) {
                Files.deleteIfExists(cache);
                System.out.println("[WARNING] No start-up cache for the launcher (" + problem + "); it starts without one");
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One sync through the launcher; null when it succeeded, else what went wrong (with the end of its log). */
    private static String sync(Path launcher, FakeICloud fake, Path work, String name, String javaOpts)
            throws IOException, InterruptedException {
        Path log = work.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString(), "sync", "-u", APPLE_ID,
                "-d", work.resolve("photos").toString(), "--data-dir", work.resolve("state").toString(),
                "--auth-endpoint", fake.authEndpoint(), "--setup-endpoint", fake.setupEndpoint(),
                "--no-progress-bar"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the JDK that runs this is the one the cache is for
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("ICLOUD_PASSWORD", FakeDefaults.PASSWORD);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        if (javaOpts == null) {
            builder.environment().remove("JAVA_OPTS");
        } else {
            builder.environment().put("JAVA_OPTS", javaOpts);
        }
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((FakeDefaults.CODE + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closedEarly) {
            // it asked for no code
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return "the " + name + " sync did not end within " + TIMEOUT_SECONDS + " s";
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "the " + name + " sync exited with " + process.exitValue() + ":\n    "
                    + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        }
        return null;
    }
}
