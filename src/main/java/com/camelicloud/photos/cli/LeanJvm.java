package com.camelicloud.photos.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the CLI in a JVM sized for it when it was started without JVM options of the user's. Left alone, the JVM sizes
 * its heap from the machine's RAM (a quarter of it at most) and lets a sync's short-lived download buffers fill it:
 * some 600 MB resident on a 24 GB machine, while a sync keeps under 50 MB live (bench/README.md). A plain
 * {@code java -jar camel-icloud-photos.jar …} therefore starts a second JVM with {@link #OPTIONS}, hands it the
 * terminal, waits for it and exits with its status. Any JVM option of the user's, on the command line or in
 * {@code JAVA_TOOL_OPTIONS} / {@code JDK_JAVA_OPTIONS}, means the user sized the JVM: it then runs as started.
 */
final class LeanJvm {

    /**
     * The serial collector is what the JVM itself picks on small machines; with a few MB live its pauses are short,
     * and it needs far less memory of its own than G1. 256 MB leaves room for metadata writing on large images.
     */
    static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx256m");
    /** Set in the child's environment, so that it never starts another one. */
    static final String CHILD_MARKER = "CAMEL_ICLOUD_PHOTOS_LEAN_JVM";

    private LeanJvm() {
    }

    /**
     * Whether a JVM started with {@code jvmArguments} in {@code environment} should hand over to a lean one. Never
     * under systemd's notify protocol ({@code NOTIFY_SOCKET}): systemd listens to the service's main process only,
     * unless the unit says otherwise.
     */
    static boolean wanted(List<String> jvmArguments, Map<String, String> environment) {
        return jvmArguments.isEmpty()
                && !environment.containsKey(CHILD_MARKER)
                && isBlank(environment.get("JAVA_TOOL_OPTIONS"))
                && isBlank(environment.get("JDK_JAVA_OPTIONS"))
                && isBlank(environment.get("NOTIFY_SOCKET"));
    }

    /** Whether this JVM should hand over to a lean one. */
    static boolean wanted() {
        return wanted(ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getenv());
    }

    /** The command of the lean JVM: same Java, same class path, same arguments. */
    static List<String> command(String javaHome, String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.addAll(OPTIONS);
        command.add("-cp");
        command.add(classPath);
        command.add(Application.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs the CLI in a lean JVM and returns its exit status. A signal that stops this JVM (SIGTERM, Ctrl-C) is
     * passed on, and this JVM waits until the child has finished its own graceful stop.
     */
    static int run(String[] args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(System.getProperty("java.home"),
                System.getProperty("java.class.path"), args)).inheritIO();
        builder.environment().put(CHILD_MARKER, "1");
        Process child = builder.start();
        Thread passOnStop = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    // the exit status is the child's, not the signal's
                    Runtime.getRuntime().halt(child.waitFor());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "lean-jvm-stop");
        Runtime.getRuntime().addShutdownHook(passOnStop);
        return child.waitFor();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
