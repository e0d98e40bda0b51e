package com.camelicloud.photos.credentials;

/** A credential store failed; the message says which and why, and never holds the password. */
public class CredentialStoreException extends RuntimeException {

    public CredentialStoreException(String message) {
        super(message);
    }
}
