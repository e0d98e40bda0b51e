package com.camelicloud.photos.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code --notification-script} for an event: the event name is its first argument and
 * {@code ICLOUD_PHOTOS_EVENT}; the counts and message come as {@code ICLOUD_PHOTOS_*} environment variables.
 * A script that fails or hangs is reported and never fails the sync. Of this process's environment the script gets
 * only what a program needs to run ({@link #INHERITED_VARIABLES}, {@code LC_*}): a script is someone else's code, and
 * may log or forward what it is given, and a secret may hide under any name (ICLOUD_PASSWORD, AWS_SECRET_ACCESS_KEY,
 * whatever a user exports to the JVM), so the variables are allowed by name rather than denied.
 */
public class NotificationScript {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationScript.class);

    /** What a program needs to run: where programs are, who runs it, where to write, its shell, language and zone. */
    private static final Set<String> INHERITED_VARIABLES = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "TZ",
            "TMPDIR", "SHELL");
    /** The locale categories (LC_ALL, LC_CTYPE, ...), inherited like LANG. */
    private static final String LOCALE_PREFIX = "LC_";

    private final String script;
    private final long timeoutSeconds;

    public NotificationScript(String script, long timeoutSeconds) {
        this.script = script == null ? "" : script.trim();
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Checked at start, so a typo in the path is reported before the first event rather than at it. */
    public void checkScript() {
        if (!script.isEmpty() && !Files.isExecutable(Path.of(script))) {
            throw new IllegalArgumentException("--notification-script " + script + " does not exist or is not executable");
        }
    }

    public void run(@Header(Notifier.EVENT) String event, @Body Map<String, String> details) {
        if (script.isEmpty()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(script, event).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> !isInherited(name));
        builder.environment().putAll(details);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Read while it runs: a chatty script would otherwise block on a full pipe.
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("The notification script {} did not finish the {} event within {} s; stopped it", script,
                        event, timeoutSeconds);
                return;
            }
            String printed = output.join().strip();
            if (process.exitValue() != 0) {
                LOG.warn("The notification script {} exited with {} for the {} event{}", script, process.exitValue(),
                        event, printed.isEmpty() ? "" : ": " + printed);
            } else if (!printed.isEmpty()) {
                LOG.debug("Notification script ({}): {}", event, printed);
            }
        } catch (IOException e) {
            LOG.warn("Cannot run the notification script {} for the {} event: {}", script, event, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isInherited(String variable) {
        return INHERITED_VARIABLES.contains(variable) || variable.startsWith(LOCALE_PREFIX);
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
