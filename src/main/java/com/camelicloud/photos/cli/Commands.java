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

    /**
     * The account settings of a command that draws no progress bar, with logging set up first (settings may warn).
     */
    static AccountSettings account(Io io, CommandSpec spec, AccountOptions account) {
        Logging.configure(AccountSettings.logLevel(account), false);
        return new AccountSettings(account, settings(io, spec, account));
    }

    /**
     * The checked settings of a command; a key only the user's own routes see is shown as a warning. With {@code -u}
     * and a {@code --config} file that lists accounts, those of the account with that Apple ID.
     */
    static Settings settings(Io io, CommandSpec spec, AccountOptions account) {
        Settings settings = Settings.resolve(spec.commandLine().getParseResult().matchedOptions(), account.config,
                AccountsFile.nameOf(account.config, account.username));
        settings.warnings().forEach(warning -> io.err().println("Warning: " + warning));
        return settings;
    }

    /**
     * What went wrong, in this program's own words: Camel wraps a failure of the routes' start in its own ("Error
     * pre-parsing resource: classpath:routes/beans.yaml"), which tells the user nothing. The first cause that is
     * this program's exception, or that its code threw, says what is wrong; failing that, the deepest cause with a
     * message.
     */
    static String describe(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() == null) {
                continue;
            }
            StackTraceElement[] frames = cause.getStackTrace();
            if (cause.getClass().getName().startsWith(PROJECT_PACKAGE)
                    || (frames.length > 0 && frames[0].getClassName().startsWith(PROJECT_PACKAGE))) {
                return cause.getMessage();
            }
            deepest = cause;
        }
        return deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
    }
}
