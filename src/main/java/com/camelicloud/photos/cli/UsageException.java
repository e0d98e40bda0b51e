package com.camelicloud.photos.cli;

/** A bad flag or setting, found before any network call; the message names it and what is accepted. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
