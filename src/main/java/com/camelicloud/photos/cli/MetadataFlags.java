package com.camelicloud.photos.cli;

import picocli.CommandLine.Option;

/** kei's metadata flags; {@link SettingCatalog} maps each onto its key. */
public class MetadataFlags {

    @Option(names = "--set-exif-datetime", description = "Write EXIF date tags if missing")
    boolean exifDateTime;

    @Option(names = "--set-exif-rating", description = "Write the EXIF Rating tag: 5 for favourites")
    boolean exifRating;

    @Option(names = "--set-exif-gps", description = "Write EXIF GPS tags from the iCloud location, if missing")
    boolean exifGps;

    @Option(names = "--set-exif-description", description = "Write the EXIF ImageDescription from the iCloud caption")
    boolean exifDescription;

    @Option(names = "--embed-xmp", description = "Embed a full XMP packet into the downloaded file")
    boolean embedXmp;

    @Option(names = "--xmp-sidecar", description = "Write a .xmp sidecar next to each downloaded file")
    boolean xmpSidecar;
}
