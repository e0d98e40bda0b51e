package com.camelicloud.photos.cli;

import picocli.CommandLine.Option;

/**
 * What happens to local copies when photos are deleted, hidden or purged in iCloud;
 * {@link SettingCatalog} maps each flag onto its key and checks it.
 */
public class PolicyOptions {

    @Option(names = "--on-delete", paramLabel = "POLICY", description = "A photo moved to Recently Deleted: keep (default), quarantine (move under DIR/.deleted/) or delete its local copy")
    String onDelete;

    @Option(names = "--on-hidden", paramLabel = "POLICY", description = "A hidden photo: keep (default), skip (never download hidden photos) or quarantine (move under DIR/.hidden/)")
    String onHidden;

    @Option(names = "--on-purge", paramLabel = "POLICY", description = "A photo purged from Recently Deleted: keep (default) or delete its local copy")
    String onPurge;

    @Option(names = "--purge-after-days", paramLabel = "DAYS", description = "With --on-purge delete: wait this many days after the purge before deleting (default 0)")
    Integer purgeAfterDays;

    @Option(names = "--delete-after-download", description = "Free iCloud space: move the items this run downloads to iCloud's Recently Deleted once every file they need is verified at the destination; their copies stay")
    boolean deleteAfterDownload;

    @Option(names = "--keep-icloud-recent-days", paramLabel = "DAYS", description = "Free iCloud space: keep the items taken in the last DAYS days in iCloud and move every older one whose files are verified at the destination to Recently Deleted (0: all); their copies stay")
    Integer keepICloudRecentDays;
}
