package com.camelicloud.photos.cloudkit;

/** What the CloudKit client needs from the signed-in session. */
public interface CloudKitSession {

    /** The account's {@code ckdatabasews} URL, signing in first if needed. */
    String databaseUrl();

    String dsid();

    String clientId();

    /** Climbs the sign-in ladder again after CloudKit rejected the session. */
    void renew();

    /** The error to raise for {@code ACCESS_DENIED "private db access disabled"}: names the setting to change. */
    RuntimeException accessDenied();
}
