package com.camelicloud.photos.auth;

/**
 * Told when the application opens an iCloud account, so that operations code (metrics, notifications, health)
 * can watch its requests, throttling and trust without the sign-in code knowing about them.
 */
@FunctionalInterface
public interface AccountObserver {

    void accountOpened(ICloudAccount account);
}
