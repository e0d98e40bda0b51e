package com.camelicloud.photos.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.camelicloud.photos.auth.PasswordSources;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code --notification-script} for an event: the event name is its first argument and
 * {@code ICLOUD_PHOTOS_EVENT}; the counts and message come as {@code ICLOUD_PHOTOS_*} environment variables.
 * A script that fails or hangs is reported and never fails the sync. The script inherits this process's environment
 * except this application's secrets: a script is someone else's code, and may log or forward what it is given.
 */
public class NotificationScript {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationScript.class);

    /**
     * The secrets this application reads from its environment: the iCloud password, and the secret settings as
     * environment variables (Camel's form of {@code state.password}, {@code destination.s3.secret-key},
     * {@code destination.sftp.password}).
     */
    static final List<String> SECRET_VARIABLES = List.of(PasswordSources.ENVIRONMENT_VARIABLE, "STATE_PASSWORD",
            "DESTINATION_S3_SECRET_KEY", "DESTINATION_SFTP_PASSWORD");

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
        builder.environment().keySet().removeAll(SECRET_VARIABLES);
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

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
