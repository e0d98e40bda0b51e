package com.camelicloud.photos.cli;

import java.util.concurrent.Callable;

import com.camelicloud.photos.auth.AuthenticationException;

/** The single exit point of every command: turns what went wrong into a message and an exit code. */
final class Commands {

    private Commands() {
    }

    static int run(Io io, AccountOptions account, Callable<Integer> body) {
        try {
            return body.call();
        } catch (UsageException e) {
            io.err().println("Error: " + e.getMessage());
            return ExitCode.ERROR;
        } catch (AuthenticationException e) {
            io.err().println("Sign-in failed: " + e.getMessage());
            return e.isThrottling() ? ExitCode.ERROR : ExitCode.AUTHENTICATION;
        } catch (Exception e) {
            Throwable reason = reason(e);
            io.err().println("Error: " + (reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage()));
            return ExitCode.ERROR;
        }
    }

    /**
     * What went wrong, without the frameworks' wrapping: Camel reports a bean that failed to start as an error in
     * the YAML file declaring it, which tells the user nothing. The first cause this program raised says what is
     * wrong in its own words; failing that, the deepest cause with a message.
     */
    static Throwable reason(Throwable thrown) {
        Throwable deepest = thrown;
        for (Throwable cause = thrown; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            StackTraceElement[] frames = cause.getStackTrace();
            if (cause.getMessage() != null && frames.length > 0 && frames[0].getClassName().startsWith("com.camelicloud.")) {
                return cause;
            }
            if (cause.getMessage() != null) {
                deepest = cause;
            }
        }
        return deepest;
    }
}
