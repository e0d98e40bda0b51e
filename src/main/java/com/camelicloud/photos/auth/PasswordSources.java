package com.camelicloud.photos.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.camelicloud.photos.auth.AuthenticationException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The password sources of the CLI: flag, file, command, environment, terminal prompt. */
public final class PasswordSources {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordSources.class);
    public static final String ENVIRONMENT_VARIABLE = "ICLOUD_PASSWORD";

    private PasswordSources() {
    }

    public static PasswordSource literal(String password) {
        return () -> password.toCharArray();
    }

    /** The first line of a file, without its line break. */
    public static PasswordSource file(Path file) {
        return () -> {
            try {
                warnIfShared(file);
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line = reader.readLine();
                    if (line == null || line.isEmpty()) {
                        throw new AuthenticationException(Reason.PASSWORD_UNAVAILABLE, "the password file " + file
                                + " is empty");
                    }
                    return line.toCharArray();
                }
            } catch (IOException e) {
                throw new AuthenticationException(Reason.PASSWORD_UNAVAILABLE, "cannot read the password file "
                        + file + ": " + e.getClass().getSimpleName());
            }
        };
    }

    /** The first line a shell command prints (e.g. {@code pass show icloud}). Its output is never logged. */
    public static PasswordSource command(String command) {
        return () -> {
            try {
                Process process = new ProcessBuilder("sh", "-c", command)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                process.getOutputStream().close();
                String line;
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    line = reader.readLine();
                    reader.transferTo(java.io.Writer.nullWriter());
                }
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AuthenticationException(Reason.PASSWORD_UNAVAILABLE, "--password-command did not "
                            + "finish within 60 s");
                }
                if (process.exitValue() != 0 || line == null || line.isEmpty()) {
                    throw new AuthenticationException(Reason.PASSWORD_UNAVAILABLE, "--password-command exited with "
                            + process.exitValue() + (line == null || line.isEmpty() ? " and printed no password" : ""));
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw new AuthenticationException(Reason.PASSWORD_UNAVAILABLE, "--password-command cannot run: "
                        + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuthenticationException(Reason.PASSWORD_UNAVAILABLE, "--password-command interrupted");
            }
        };
    }

    /** Asks on the terminal without echo; unavailable when there is no terminal. */
    public static PasswordSource prompt(String appleId) {
        return () -> {
            Console console = System.console();
            if (console == null) {
                throw new AuthenticationException(Reason.PASSWORD_UNAVAILABLE, "iCloud needs the password of "
                        + appleId + " and there is no terminal to ask it on: pass --password-file, "
                        + "--password-command or the " + ENVIRONMENT_VARIABLE + " environment variable, or store it "
                        + "with `password set`");
            }
            char[] password = console.readPassword("iCloud password for %s: ", appleId);
            if (password == null || password.length == 0) {
                throw new AuthenticationException(Reason.PASSWORD_UNAVAILABLE, "no password entered");
            }
            return password;
        };
    }

    private static void warnIfShared(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.GROUP_READ)) {
                LOG.warn("The password file {} is readable by other users; chmod 600 it", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX filesystem: nothing to check
        }
    }
}
