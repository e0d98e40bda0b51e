package com.camelicloud.photos.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * kei's content-selection flags: which items are kept.
 * {@link SettingCatalog} maps each onto its key and checks it.
 */
public class ContentOptions {

    @Option(names = {"-a", "--album"}, paramLabel = "NAME", description = "Only photos in this album (repeatable; Favorites works too)")
    List<String> albums = new ArrayList<>();

    @Option(names = "--exclude-album", paramLabel = "NAME", description = "Leave out photos in this album (repeatable)")
    List<String> excludeAlbums = new ArrayList<>();

    @Option(names = "--recent", paramLabel = "N", description = "Only the N most recent photos of a full listing")
    Integer recent;

    @Option(names = "--skip-videos", description = "Don't download videos")
    boolean skipVideos;

    @Option(names = "--skip-photos", description = "Don't download photos")
    boolean skipPhotos;

    @Option(names = "--live-photo-mode", paramLabel = "MODE", description = "Live Photos: both (default), image-only, video-only, skip")
    String livePhotoMode;

    @Option(names = "--filename-exclude", paramLabel = "GLOB", description = "Skip files whose original name matches GLOB, case-insensitively (repeatable)")
    List<String> filenameExcludes = new ArrayList<>();

    @Option(names = "--skip-created-before", paramLabel = "DATE", description = "Skip items taken before DATE: ISO date or an interval such as 20d")
    String skipCreatedBefore;

    @Option(names = "--skip-created-after", paramLabel = "DATE", description = "Skip items taken after DATE: ISO date or an interval such as 20d")
    String skipCreatedAfter;
}
