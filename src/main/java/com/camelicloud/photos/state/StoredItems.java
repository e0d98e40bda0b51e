package com.camelicloud.photos.state;

/**
 * How many items of one library and file type the state holds that are in the library (neither hidden nor in Recently
 * Deleted), and how many of them have every file written: what {@code verify} sets beside iCloud's own counts.
 *
 * @param itemType the master's UTI, null when the master was never seen
 */
public record StoredItems(String zoneName, String itemType, long items, long complete) {
}
