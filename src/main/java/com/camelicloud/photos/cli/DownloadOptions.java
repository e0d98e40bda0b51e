package com.camelicloud.photos.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * kei's download flags: which renditions, where and how they are written.
 * {@link SettingCatalog} maps each onto its key and checks it.
 */
public class DownloadOptions {

    @Option(names = "--size", paramLabel = "SIZE", description = "original (default), medium, thumb, adjusted, alternative (repeatable)")
    List<String> sizes = new ArrayList<>();

    @Option(names = "--live-photo-size", paramLabel = "SIZE", description = "Size of the Live Photo video: original (default), medium, thumb, adjusted")
    String livePhotoSize;

    @Option(names = "--force-size", description = "Skip items that lack a requested size instead of falling back to the original")
    boolean forceSize;

    @Option(names = "--align-raw", paramLabel = "POLICY", description = "RAW+JPEG pairs: as-is (default), original, alternative")
    String alignRaw;

    @Option(names = "--folder-structure", paramLabel = "PATTERN", description = "Folders by capture date, strftime-style (default %%Y/%%m/%%d); none for flat; {album} and {library} tokens")
    String folderStructure;

    @Option(names = "--file-match-policy", paramLabel = "POLICY", description = "Same-name files: name-size-dedup-with-suffix (default) or name-id7")
    String fileMatchPolicy;

    @Option(names = "--live-photo-mov-filename-policy", paramLabel = "POLICY", description = "Live Photo video names: suffix (default, IMG_1_HEVC.MOV) or original (IMG_1.MOV)")
    String liveMovFilenamePolicy;

    @Option(names = "--keep-unicode-in-filenames", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "Keep non-ASCII characters in file names (default true; false drops them like icloudpd)")
    Boolean keepUnicode;

    @Option(names = "--album-link", paramLabel = "MODE", description = "With {album} folders, a photo's other albums get a hardlink (default) or a copy")
    String albumLink;

    @Option(names = "--threads-num", paramLabel = "N", description = "Concurrent downloads (default 10)")
    Integer threads;

    @Option(names = "--bandwidth-limit", paramLabel = "RATE", description = "Cap total throughput, e.g. 10M, 500K, 2Mi")
    String bandwidthLimit;

    @Option(names = "--temp-suffix", paramLabel = "SUFFIX", description = "Suffix of partial downloads (default .icloud-tmp)")
    String tempSuffix;

    @Option(names = "--max-retries", paramLabel = "N", description = "Retries per download (default 3, at most 100)")
    Integer maxRetries;

    @Option(names = "--retry-delay", paramLabel = "SECONDS", description = "Initial retry delay (default 5); exponential with jitter, Retry-After honoured")
    Integer retryDelay;
}
