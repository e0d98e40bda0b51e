package com.camelicloud.photos.sync;

import org.apache.camel.Body;
import org.apache.camel.Message;

/**
 * The headers a change carries through its branch, for the {@code sync-change} choice and for the user's hooks
 * ({@code change-done}): its type and its library.
 */
public class ChangeHeaders {

    /** The change's {@link ChangeType}, by name. */
    public static final String CHANGE_TYPE = "CamelICloudPhotosChangeType";
    /** The zone (library) of the change. */
    public static final String ZONE = "CamelICloudPhotosZone";

    public void set(@Body LibraryChange change, Message message) {
        message.setHeader(CHANGE_TYPE, change.getType().name());
        message.setHeader(ZONE, change.getZone().zoneName());
    }
}
