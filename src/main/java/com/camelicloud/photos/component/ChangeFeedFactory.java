package com.camelicloud.photos.component;

import java.util.Iterator;

import com.camelicloud.photos.cloudkit.CloudKitClient;

/**
 * The other side of the {@code listChanges} operation: what turns an account's CloudKit changes into the cycle's pages
 * is sync knowledge (the state to diff against, the content policy, the layout), so the application provides it; the
 * component provides the signed-in client and the endpoint's options.
 */
@FunctionalInterface
public interface ChangeFeedFactory {

    /**
     * Plans a cycle now, so that a failure surfaces in the producer.
     *
     * @return the cycle's pages, produced lazily; closeable when it holds resources
     */
    Iterator<?> open(CloudKitClient cloudKit, ICloudPhotosConfiguration options);
}
