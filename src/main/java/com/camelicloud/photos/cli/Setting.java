package com.camelicloud.photos.cli;

/**
 * One key of {@code config/application.properties} as the command line knows it.
 *
 * @param key         the property the routes read
 * @param flag        the long name of the flag that sets it, or null when only a file or the environment does
 * @param switchValue what a flag without an argument sets (the inverse of its name, for
 *                    {@code --sftp-insecure-no-host-key-check}); null when the flag's own value is meant
 * @param check       what it accepts
 * @param derivedFrom for a key the command line computes itself, what it follows ("-d", "--cron"...): a file or
 *                    the environment setting it would be overridden without a word, so that is refused; null for
 *                    a key the user sets
 */
record Setting(String key, String flag, String switchValue, Check check, String derivedFrom) {

    boolean isDerived() {
        return derivedFrom != null;
    }
}
