package com.camelicloud.photos.state;

import java.util.List;
import java.util.Map;

/**
 * Files a destination should hold but does not, because they could not be fetched: those every sync tries again,
 * and those given up after {@code --max-download-attempts}, which only {@code --retry-failed} tries again. Reported by
 * every sync and by {@code status} until they are fetched or forgotten ({@code --forget-failed}).
 *
 * @param total       every missing file
 * @param givenUp     those that failed {@code maxAttempts} times or more
 * @param maxAttempts the {@code --max-download-attempts} they were counted against
 * @param byLibrary   the missing files per library (zone name)
 * @param forgotten   files that failed and were forgotten: neither retried nor counted in {@code total}
 * @param files       the first {@value #LISTED} missing files, by path
 */
public record MissingFiles(long total, long givenUp, int maxAttempts, Map<String, Long> byLibrary, long forgotten,
                           List<MissingFile> files) {

    /** At most this many missing files are listed with their reasons. */
    public static final int LISTED = 200;

    /**
     * @param path     where the file goes, relative to the destination (the file's key when no path was chosen)
     * @param attempts how many times it failed, counted across runs
     * @param error    why it failed the last time
     */
    public record MissingFile(String path, String library, int attempts, boolean givenUp, String error) {
    }

    public MissingFiles {
        byLibrary = Map.copyOf(byLibrary);
        files = List.copyOf(files);
    }
}
