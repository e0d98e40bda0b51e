package com.camelicloud.photos.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams of one CLI run: stdout carries only what the user asked for (file names), every
 * message goes to stderr. Tests pass their own.
 *
 * @param interactive stdin is a terminal (prompts, progress bar)
 */
public record Io(InputStream in, PrintStream out, PrintStream err, boolean interactive) {

    public static Io system() {
        return new Io(System.in, System.out, System.err, System.console() != null);
    }
}
