package com.camelicloud.photos.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.camelicloud.photos.cli.Application;
import com.camelicloud.photos.fake.FakeICloud;

/**
 * Runs the real CLI in a child JVM against a fake iCloud, as a service manager would: its own process id, its own
 * environment, stdin from /dev/null, stdout and stderr into a log file, and {@link Process#destroy()} sending
 * SIGTERM. For what only a separate process shows: signals, environment variables, the PID file of another process,
 * a JVM that halts mid-run. The one place that builds such a child's command line, environment and redirects.
 */
public final class ChildCli {

    private final FakeICloud fake;
    private final Path dataDir;
    private final String appleId;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private boolean passwordFlag = true;

    public ChildCli(FakeICloud fake, Path dataDir, String appleId) {
        this.fake = fake;
        this.dataDir = dataDir;
        this.appleId = appleId;
    }

    /** Sets a variable of the child's environment (which otherwise is this JVM's). */
    public ChildCli env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Sets a system property of the child JVM ({@code -Dname=value}), e.g. for a test-only configuration class. */
    public ChildCli systemProperty(String name, String value) {
        systemProperties.put(name, value);
        return this;
    }

    /** No {@code -p} flag: the password comes from the environment ({@code ICLOUD_PASSWORD}) instead. */
    public ChildCli withoutPasswordFlag() {
        this.passwordFlag = false;
        return this;
    }

    /** A started child and its log. */
    public record Child(Process process, Path log) {

        /** Everything the child printed so far. */
        public String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits for the exit; kills the child and fails when it does not end in time. */
        public int awaitExit(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the child did not exit within " + seconds + " s\n" + output());
            }
            return process.exitValue();
        }

        /** For an {@code @AfterEach}: no child outlives its test. */
        public void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts {@code sync -d destination} plus the flags; the output goes to {@code log}. */
    public Child sync(Path destination, Path log, String... flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("sync", "-d", destination.toString(), "--no-progress-bar"));
        args.addAll(List.of(flags));
        return start(args, log);
    }

    public Child start(List<String> cliArgs, Path log) throws IOException {
        List<String> args = new ArrayList<>(cliArgs);
        args.addAll(List.of("-u", appleId, "--data-dir", dataDir.toString(),
                "--auth-endpoint", fake.authEndpoint(), "--setup-endpoint", fake.setupEndpoint()));
        if (passwordFlag) {
            args.addAll(List.of("-p", FakeDefaults.PASSWORD));
        }
        return launch(args, systemProperties, environment, log);
    }

    /** The CLI with exactly these arguments (a {@code --config} file says which accounts, where). */
    public static Child startAsGiven(List<String> cliArgs, Path log) throws IOException {
        return launch(cliArgs, Map.of(), Map.of(), log);
    }

    private static Child launch(List<String> cliArgs, Map<String, String> systemProperties,
                                Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a quicker start: no C2, no verification of the class path's bytecode, no MBeans for the routes
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:-BytecodeVerificationRemote", "-Dcamel.main.jmxEnabled=false",
                "-cp", classPath()));
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add(Application.class.getName());
        command.addAll(cliArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Only what the test sets: not a NOTIFY_SOCKET or ICLOUD_PASSWORD this JVM may have been started with.
        builder.environment().keySet().removeAll(List.of("NOTIFY_SOCKET", "WATCHDOG_USEC", "ICLOUD_PASSWORD"));
        builder.environment().putAll(environment);
        return new Child(builder.start(), log);
    }

    /**
     * This JVM's class path without empty entries: surefire's ends with one, which means "the working directory",
     * whose routes/ folder would then load every route twice.
     */
    private static String classPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
