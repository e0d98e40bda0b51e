package com.camelicloud.photos.cli;

import com.camelicloud.photos.sync.SyncReport;
import org.apache.camel.CamelContext;

/** The started routes, as a command's {@link SyncRunner.Job} sees them. */
interface RunningRoutes {

    CamelContext context();

    SyncReport report();

    /**
     * Waits until the first sync cycle ended, or the process is stopping (SIGTERM), whichever comes first, with the
     * progress display running meanwhile.
     */
    void awaitCycle() throws InterruptedException;

    /** Prints the cycle's summary and returns its exit code, as a one-off sync ends. */
    int exitCode();
}
