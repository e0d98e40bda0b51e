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
            io.err().println("Error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return ExitCode.ERROR;
        }
    }
}
