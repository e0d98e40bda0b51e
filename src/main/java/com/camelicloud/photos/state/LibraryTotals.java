package com.camelicloud.photos.state;

/**
 * What a destination holds of one library.
 *
 * @param status {@code active}, or {@code gone} once iCloud no longer had the library (its files are kept)
 * @param items  items in the library (trashed, purged and removed ones left out)
 * @param files  files written at their path (not those set aside by a policy)
 * @param bytes  their size
 */
public record LibraryTotals(String library, String status, long items, long files, long bytes) {
}
