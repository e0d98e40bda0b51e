package com.camelicloud.photos.cli;

/** The process exit codes, as kei and icloudpd scripts expect them. */
public final class ExitCode {

    public static final int SUCCESS = 0;
    /** Anything else: bad flags, unreachable iCloud, a failed cycle. */
    public static final int ERROR = 1;
    /** The sync completed, but some files failed and wait for a retry. */
    public static final int PARTIAL = 2;
    /** A human must sign in: wrong password, two-factor needed, unsupported account protection. */
    public static final int AUTHENTICATION = 3;

    private ExitCode() {
    }
}
