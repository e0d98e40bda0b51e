package com.camelicloud.photos.testing;

/** Credentials the tests give their fake accounts. */
public final class FakeDefaults {

    public static final String PASSWORD = "correct horse battery staple";
    public static final String CODE = "123456";

    private FakeDefaults() {
    }
}
