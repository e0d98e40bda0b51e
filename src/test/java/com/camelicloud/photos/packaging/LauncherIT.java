package com.camelicloud.photos.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.camelicloud.photos.cli.ExitCode;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher the build makes, target/bin/camel-icloud-photos (src/main/bin), run as a user's shell runs it: one JVM
 * with the launcher's options and then the user's, the start-up cache when there is one, nothing extra on stdout.
 */
class LauncherIT extends EndToEndTest {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path LAUNCHER = TARGET.resolve("bin/camel-icloud-photos");

    private Process started;

    @AfterEach
    void stopProcesses() {
        if (started != null) {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }
    }

    @Test
    void oneJvmRunsTheCommandWithTheLaunchersOptionsThenTheUsersAndGetsTheTerminal() throws Exception {
        account("launcher@example.com", 1);
        started = login(LAUNCHER, "launcher@example.com", FakeDefaults.PASSWORD, "-Dlauncher.it=yes");
        awaitCodePrompt();

        List<String> command = commandLine(started.toHandle());
        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command).containsSubsequence("-XX:+UseSerialGC", "-Xmx256m", "-Dlauncher.it=yes", "-jar",
                TARGET.resolve("camel-icloud-photos.jar").toString(), "login");
        if (Files.exists(TARGET.resolve("camel-icloud-photos.jsa")) && Runtime.version().feature() < 25) {
            assertThat(command).contains("-XX:SharedArchiveFile=" + TARGET.resolve("camel-icloud-photos.jsa"));
        }
        assertThat(started.children().count()).as("no second JVM").isZero();
        try (OutputStream stdin = started.getOutputStream()) {
            stdin.write((FakeDefaults.CODE + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(started.waitFor(60, TimeUnit.SECONDS)).as(output()).isTrue();
        assertThat(started.exitValue()).as(output()).isZero();
        assertThat(output()).contains("Signed in");
    }

    @Test
    void theExitStatusIsTheCommandsAndASigtermReachesTheJvm() throws Exception {
        account("launcher-wrong@example.com", 1);
        started = login(LAUNCHER, "launcher-wrong@example.com", "not the password", null);
        assertThat(started.waitFor(60, TimeUnit.SECONDS)).as(output()).isTrue();
        assertThat(started.exitValue()).as(output()).isEqualTo(ExitCode.AUTHENTICATION);

        account("launcher-stop@example.com", 1);
        started = login(LAUNCHER, "launcher-stop@example.com", FakeDefaults.PASSWORD, null);
        awaitCodePrompt();
        started.destroy();
        assertThat(started.waitFor(60, TimeUnit.SECONDS)).as("the JVM itself got the SIGTERM").isTrue();
    }

    @Test
    void aCacheThatDoesNotFitIsIgnoredWithoutAWordAndALinkToTheLauncherWorks() throws Exception {
        // a copy of the build elsewhere: any cache built for target/ does not fit the jar's new path
        Path copy = home.resolve("installed");
        Files.createDirectories(copy.resolve("bin"));
        Files.copy(LAUNCHER, copy.resolve("bin/camel-icloud-photos"));
        Files.copy(TARGET.resolve("camel-icloud-photos.jar"), copy.resolve("camel-icloud-photos.jar"));
        Files.writeString(copy.resolve("camel-icloud-photos.jsa"), "not an archive");
        Files.writeString(copy.resolve("camel-icloud-photos.aot"), "not a cache");
        Path link = Files.createSymbolicLink(home.resolve("camel-icloud-photos"), copy.resolve("bin/camel-icloud-photos"));

        Process version = new ProcessBuilder("sh", link.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(version.waitFor()).as(out).isZero();
        assertThat(out).matches("camel-icloud-photos \\S+\\R");
    }

    @Test
    void withoutItsJarTheLauncherSaysWhere() throws Exception {
        Path alone = home.resolve("alone/bin/camel-icloud-photos");
        Files.createDirectories(alone.getParent());
        Files.copy(LAUNCHER, alone);

        Process version = new ProcessBuilder("sh", alone.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(version.waitFor()).isEqualTo(1);
        assertThat(out).contains("camel-icloud-photos.jar is missing");
    }

    /** {@code login} through a launcher, as a user types it; it waits for the code on stdin. */
    private Process login(Path launcher, String appleId, String password, String javaOpts) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "login", "-u", appleId,
                "--data-dir", home.resolve("state").toString(),
                "--auth-endpoint", fake.authEndpoint(), "--setup-endpoint", fake.setupEndpoint())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("login.log").toFile());
        Map<String, String> env = builder.environment();
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("ICLOUD_PASSWORD", password);
        if (javaOpts == null) {
            env.remove("JAVA_OPTS");
        } else {
            env.put("JAVA_OPTS", javaOpts);
        }
        return builder.start();
    }

    private void awaitCodePrompt() {
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> output().contains("Two-factor code"));
    }

    /** Linux: the full command line (ProcessHandle.Info gives up on long ones). */
    private static List<String> commandLine(ProcessHandle process) throws IOException {
        String raw = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"), StandardCharsets.UTF_8);
        return List.of(raw.split("\0"));
    }

    private String output() throws IOException {
        Path log = home.resolve("login.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
