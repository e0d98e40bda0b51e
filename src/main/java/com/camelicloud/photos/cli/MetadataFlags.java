package com.camelicloud.photos.cli;

import java.util.Map;

import picocli.CommandLine.Option;

/** kei's metadata flags. */
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

    void apply(Map<String, Object> properties) {
        Flags.on(properties, exifDateTime, "metadata.set-exif-datetime");
        Flags.on(properties, exifRating, "metadata.set-exif-rating");
        Flags.on(properties, exifGps, "metadata.set-exif-gps");
        Flags.on(properties, exifDescription, "metadata.set-exif-description");
        Flags.on(properties, embedXmp, "metadata.embed-xmp");
        Flags.on(properties, xmpSidecar, "metadata.xmp-sidecar");
    }
}
