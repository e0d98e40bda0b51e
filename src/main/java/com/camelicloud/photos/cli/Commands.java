package com.camelicloud.photos.cli;

import java.util.concurrent.Callable;

import com.camelicloud.photos.auth.AuthenticationException;
import picocli.CommandLine.Model.CommandSpec;

/** The single exit point of every command: turns what went wrong into a message and an exit code. */
final class Commands {

    private static final String PROJECT_PACKAGE = "com.camelicloud.photos.";

    private Commands() {
    }

    static int run(Io io, AccountOptions account, Callable<Integer> body) {
        try {
            return body.call();
        } catch (AuthenticationException e) {
            io.err().println("Sign-in failed: " + e.getMessage());
            return e.isThrottling() ? ExitCode.ERROR : ExitCode.AUTHENTICATION;
        } catch (Exception e) {
            // one line per problem: a settings file can have several
            describe(e).lines().forEach(line -> io.err().println("Error: " + line));
            return ExitCode.ERROR;
        }
    }

    /** The checked settings of a command; a key only the user's own routes see is shown as a warning. */
    static Settings settings(Io io, CommandSpec spec, AccountOptions account) {
        Settings settings = Settings.resolve(spec.commandLine().getParseResult().matchedOptions(), account.config);
        settings.warnings().forEach(warning -> io.err().println("Warning: " + warning));
        return settings;
    }

    /**
     * What went wrong, in the words of this project's code: Camel wraps a failure of the routes' start in its own
     * ("Error pre-parsing resource: classpath:routes/beans.yaml"), and the exception inside says what it was.
     */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getClass().getName().startsWith(PROJECT_PACKAGE) && cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
