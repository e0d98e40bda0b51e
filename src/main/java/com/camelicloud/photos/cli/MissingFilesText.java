package com.camelicloud.photos.cli;

import java.util.Locale;

import com.camelicloud.photos.state.MissingFiles;

/** How the CLI tells a user about files missing from a destination: how many, why, and what to run. */
final class MissingFilesText {

    /** The summary of a run lists this many of them; {@code status} and {@code --report-json} list more. */
    static final int IN_SUMMARY = 10;

    private MissingFilesText() {
    }

    /** "3 files missing from the destination (1 given up after failing in 10 syncs, …)"; empty when none is missing. */
    static String headline(MissingFiles files) {
        if (files.total() == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder(plural(files.total(), "file") + " missing from the destination");
        if (files.givenUp() > 0) {
            text.append(" (").append(files.givenUp()).append(" given up after failing in ")
                    .append(plural(files.maxAttempts(), "sync")).append(", --max-download-attempts: ")
                    .append("`sync --retry-failed` tries them again, `sync --forget-failed` stops reporting them)");
        } else {
            text.append(" (retried by the next sync)");
        }
        return text.toString();
    }

    /** One line per missing file (each on a new line after {@code indent}), at most {@code limit}, then how many more. */
    static String lines(MissingFiles files, int limit, String indent) {
        StringBuilder text = new StringBuilder();
        files.files().stream().limit(limit).forEach(file -> text.append(String.format(Locale.ROOT, "%n%s%s: failed in %s%s: %s",
                indent, file.path(), plural(file.attempts(), "sync"), file.givenUp() ? ", given up" : "",
                file.error() == null ? "no reason recorded" : file.error())));
        long shown = Math.min(limit, files.files().size());
        if (files.total() > shown) {
            text.append(String.format(Locale.ROOT, "%n%s… and %d more", indent, files.total() - shown));
        }
        return text.toString();
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
