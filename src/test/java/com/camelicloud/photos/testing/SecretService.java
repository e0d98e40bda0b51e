package com.camelicloud.photos.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Secret Service of its own for a test: a D-Bus session bus ({@code dbus-run-session}) with GNOME Keyring on it,
 * its login keyring created and unlocked, and its files under {@code home}, so the tester's own keyring is never
 * touched. Children given its environment ({@link #environmentOf}) use it. Closing it ends the bus, and the keyring
 * daemon with it.
 */
public final class SecretService implements AutoCloseable {

    private static final String KEYRING_DAEMON = "gnome-keyring-daemon";
    private static final String BUS_RUNNER = "dbus-run-session";

    private final Process session;
    private final String address;
    private final Path home;
    private final Path runtimeDir;

    private SecretService(Process session, String address, Path home, Path runtimeDir) {
        this.session = session;
        this.address = address;
        this.home = home;
        this.runtimeDir = runtimeDir;
    }

    /** Why a Secret Service cannot be started here, or null when it can. */
    public static String missing() {
        for (String command : new String[] {BUS_RUNNER, KEYRING_DAEMON}) {
            if (!onPath(command)) {
                return command + " is not installed (Debian: apt-get install dbus gnome-keyring, as .ci/run does)";
            }
        }
        return null;
    }

    public static SecretService start(Path home) throws IOException, InterruptedException {
        Path runtimeDir = Files.createDirectories(home.resolve("run"));
        Files.setPosixFilePermissions(runtimeDir, PosixFilePermissions.fromString("rwx------"));
        // The shell prints the bus address, creates and unlocks the login keyring, says so, then waits for its
        // stdin to close: that ends the shell, then dbus-run-session ends the bus.
        ProcessBuilder builder = new ProcessBuilder(BUS_RUNNER, "--", "sh", "-c",
                "printf '%s\\n' \"$DBUS_SESSION_BUS_ADDRESS\"; printf 'keyring of the test' | "
                        + KEYRING_DAEMON + " --unlock --components=secrets >/dev/null && echo ready; read ignored")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        Process session = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(session.getInputStream(), StandardCharsets.UTF_8));
        String address = out.readLine();
        String ready = out.readLine();
        if (address == null || !"ready".equals(ready)) {
            session.destroyForcibly();
            throw new IOException("the Secret Service did not start (address " + address + ", then " + ready + ")");
        }
        return new SecretService(session, address, home, runtimeDir);
    }

    /** The environment a child needs to use this Secret Service. */
    public ChildCli environmentOf(ChildCli child) {
        return child.env("DBUS_SESSION_BUS_ADDRESS", address).env("HOME", home.toString())
                .env("XDG_RUNTIME_DIR", runtimeDir.toString());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        session.getOutputStream().close();
        if (!session.waitFor(10, TimeUnit.SECONDS)) {
            session.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
