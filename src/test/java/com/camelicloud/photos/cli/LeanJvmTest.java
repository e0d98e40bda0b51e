package com.camelicloud.photos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.EndToEndTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plain {@code java -jar} (no JVM option of the user's) runs the CLI in a second JVM with a capped heap; any JVM
 * option of the user's keeps it in the JVM as started. The process tests start the CLI bare, as a user's shell would,
 * and sign in with a two-factor code typed on its stdin.
 */
class LeanJvmTest extends EndToEndTest {

    private Process started;

    @AfterEach
    void stopProcesses() {
        if (started != null) {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }
    }

    @Test
    void onlyAJvmStartedWithoutOptionsHandsOver() {
        assertThat(LeanJvm.wanted(List.of(), Map.of())).isTrue();
        assertThat(LeanJvm.wanted(List.of(), Map.of("JAVA_TOOL_OPTIONS", " "))).isTrue();
        assertThat(LeanJvm.wanted(List.of("-Xmx1g"), Map.of())).isFalse();
        assertThat(LeanJvm.wanted(List.of("-Dfile.encoding=UTF-8"), Map.of())).isFalse();
        assertThat(LeanJvm.wanted(List.of(), Map.of("JAVA_TOOL_OPTIONS", "-Xmx64m"))).isFalse();
        assertThat(LeanJvm.wanted(List.of(), Map.of("JDK_JAVA_OPTIONS", "-Xss1m"))).isFalse();
        assertThat(LeanJvm.wanted(List.of(), Map.of(LeanJvm.CHILD_MARKER, "1"))).isFalse();
        assertThat(LeanJvm.wanted(List.of(), Map.of("NOTIFY_SOCKET", "/run/systemd/notify"))).isFalse();
    }

    @Test
    void theLeanJvmRunsTheSameCommandWithTheSameJavaAndClassPath() {
        assertThat(LeanJvm.command("/opt/jdk", "app.jar", new String[] {"sync", "-d", "my photos"}))
                .containsExactly(Path.of("/opt/jdk", "bin", "java").toString(), "-XX:+UseSerialGC", "-Xmx256m",
                        "-cp", "app.jar", Application.class.getName(), "sync", "-d", "my photos");
    }

    @Test
    void aBareStartSignsInThroughALeanChildThatGetsTheTerminalAndGivesBackItsStatus() throws Exception {
        account("lean-jvm@example.com", 1);
        started = bareLogin("lean-jvm@example.com");

        ProcessHandle child = leanChild(started);
        assertThat(commandLine(child)).contains("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(commandLine(started.toHandle())).doesNotContain("-Xmx256m");
        try (OutputStream stdin = started.getOutputStream()) {
            stdin.write((FakeDefaults.CODE + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(started.waitFor(60, TimeUnit.SECONDS)).as(output()).isTrue();
        assertThat(started.exitValue()).as(output()).isZero();
        assertThat(child.isAlive()).isFalse();
        assertThat(output()).contains("Signed in");
    }

    @Test
    void aSigtermToTheStartedJvmStopsTheLeanChildToo() throws Exception {
        account("lean-jvm-stop@example.com", 1);
        started = bareLogin("lean-jvm-stop@example.com");
        ProcessHandle child = leanChild(started);

        started.destroy();

        assertThat(started.waitFor(60, TimeUnit.SECONDS)).as(output()).isTrue();
        assertThat(child.onExit().get(60, TimeUnit.SECONDS).isAlive()).as("no orphan left running").isFalse();
    }

    @Test
    void theStartedJvmExitsWithTheLeanChildsStatus() throws Exception {
        account("lean-jvm-wrong@example.com", 1);
        started = bareLogin("lean-jvm-wrong@example.com", "not the password");

        assertThat(started.waitFor(60, TimeUnit.SECONDS)).as(output()).isTrue();
        assertThat(started.exitValue()).as(output()).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(output()).contains("password");
    }

    /** {@code login} as a user types it, without JVM options; it waits for the code on stdin. */
    private Process bareLogin(String appleId) throws IOException {
        return bareLogin(appleId, FakeDefaults.PASSWORD);
    }

    private Process bareLogin(String appleId, String password) throws IOException {
        Path log = home.resolve("login.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Application.class.getName(), "login",
                "-u", appleId, "--data-dir", home.resolve("state").toString(),
                "--auth-endpoint", fake.authEndpoint(), "--setup-endpoint", fake.setupEndpoint())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove(LeanJvm.CHILD_MARKER);
        builder.environment().remove("NOTIFY_SOCKET");
        builder.environment().put("ICLOUD_PASSWORD", password);
        return builder.start();
    }

    /** The JVM the started one handed over to, once it waits for the code. */
    private ProcessHandle leanChild(Process parent) throws IOException {
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> output().contains("Two-factor code"));
        Optional<ProcessHandle> child = parent.children().findFirst();
        assertThat(child).as("a child JVM; output: " + output()).isPresent();
        return child.get();
    }

    /** Linux: the full command line (ProcessHandle.Info gives up on long ones such as this class path). */
    private static List<String> commandLine(ProcessHandle process) throws IOException {
        String raw = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"), StandardCharsets.UTF_8);
        return List.of(raw.split("\0"));
    }

    private String output() throws IOException {
        Path log = home.resolve("login.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
