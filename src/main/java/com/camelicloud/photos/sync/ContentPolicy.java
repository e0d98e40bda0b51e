package com.camelicloud.photos.sync;

/**
 * Which renditions of an item the destination keeps. Its {@link #profile()} is stored with every item,
 * so a change of settings re-plans items fetched under the old ones.
 */
public class ContentPolicy {

    /** Identity of these settings, stored with each item. */
    public String profile() {
        return "original;live=both";
    }
}
