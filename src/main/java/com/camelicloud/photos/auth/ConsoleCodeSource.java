package com.camelicloud.photos.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Asks for a two-factor code on the terminal; when stdin is not a terminal, reads one line of stdin
 * per attempt (so a script can pipe the code in). Prompts go to stderr: stdout belongs to
 * {@code --only-print-filenames}.
 */
public final class ConsoleCodeSource implements TwoFactorCodeSource {

    private final BufferedReader stdin;
    private final PrintStream prompts;
    private final boolean useConsole;

    public ConsoleCodeSource(InputStream stdin, PrintStream prompts, boolean useConsole) {
        this.stdin = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        this.prompts = prompts;
        this.useConsole = useConsole;
    }

    /** The terminal when there is one, else the process's stdin. */
    public static ConsoleCodeSource system() {
        return new ConsoleCodeSource(System.in, System.err, System.console() != null);
    }

    @Override
    public String readCode(TwoFactorChallenge challenge) {
        if (challenge.previousError() != null) {
            prompts.println(challenge.previousError());
        }
        String where = challenge.delivery() == Delivery.SMS
                ? "sent by SMS to " + challenge.phoneHint()
                : "shown on your trusted Apple devices";
        prompts.printf("Two-factor code for %s (%s), attempt %d of %d: ", challenge.appleId(), where,
                challenge.attempt(), challenge.maxAttempts());
        prompts.flush();
        Console console = System.console();
        if (useConsole && console != null) {
            return console.readLine();
        }
        try {
            String line = stdin.readLine();
            prompts.println();
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the two-factor code from stdin", e);
        }
    }
}
