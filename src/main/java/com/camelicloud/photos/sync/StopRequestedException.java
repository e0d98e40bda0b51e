package com.camelicloud.photos.sync;

/**
 * The application is stopping (SIGTERM, Ctrl-C, Karaf stopping the bundle): files already downloading finish,
 * no new one starts, and the page is left uncommitted so that the next run resumes it.
 */
public class StopRequestedException extends RuntimeException {

    public StopRequestedException(String message) {
        super(message);
    }
}
