package com.camelicloud.photos.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import com.camelicloud.photos.destination.DestinationUri;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags that say which copy is meant and how it is made: where it is and how to reach it, which library, which
 * files, how they are named and written, and the user's routes. {@code sync} and {@code verify} share them, so that a
 * repair fetches a file the way the sync stored it. Their values reach the routes through {@link Settings} (each
 * flag has its key in {@link SettingCatalog}); the fields are here for picocli.
 */
public class CopyOptions {

    @Option(names = {"-d", "--directory"}, paramLabel = "DIR", description = "Where the library goes (required): a folder, s3://bucket/prefix or sftp://user@host[:port]/path")
    String directory;

    @Option(names = "--library", paramLabel = "NAME", description = "Library to sync: PrimarySync (default), all, or a SharedSync-<UUID> name")
    String library;

    @Option(names = "--routes", paramLabel = "DIR", description = "Also load the YAML routes in DIR (or one YAML file); a route with the id of a shipped one replaces it")
    Path routes;

    @Mixin
    ContentOptions content = new ContentOptions();

    @Mixin
    DownloadOptions download = new DownloadOptions();

    @Mixin
    PolicyOptions policies = new PolicyOptions();

    @Mixin
    MetadataFlags metadata = new MetadataFlags();

    @Mixin
    DestinationOptions destinationOptions = new DestinationOptions();

    /** Derives the destination's properties from {@code -d} and the destination settings. */
    void apply(AccountSettings account, Settings settings) {
        DestinationUri target;
        try {
            target = DestinationUri.parse(settings.get("sync.directory"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (target.kind() == DestinationUri.Kind.FILE && Files.exists(Path.of(target.location()))
                && !Files.isDirectory(Path.of(target.location()))) {
            throw new UsageException("-d/--directory " + target.location() + " exists and is not a directory");
        }
        destinationOptions.apply(target, account, settings);
    }
}
