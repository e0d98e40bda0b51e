package com.camelicloud.photos.cli;

import java.util.concurrent.Callable;

import com.camelicloud.photos.auth.AuthenticationException;
import picocli.CommandLine.Model.CommandSpec;

/** The single exit point of every command: turns what went wrong into a message and an exit code. */
final class Commands {

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
            (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()).lines().forEach(line -> io.err().println("Error: " + line));
            return ExitCode.ERROR;
        }
    }

    /** The checked settings of a command; a key only the user's own routes see is shown as a warning. */
    static Settings settings(Io io, CommandSpec spec, AccountOptions account) {
        Settings settings = Settings.resolve(spec.commandLine().getParseResult().matchedOptions(), account.config);
        settings.warnings().forEach(warning -> io.err().println("Warning: " + warning));
        return settings;
    }
}
