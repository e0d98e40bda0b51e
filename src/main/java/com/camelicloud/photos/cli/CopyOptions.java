package com.camelicloud.photos.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.camelicloud.photos.destination.DestinationUri;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags that say which copy is meant and how it is made: where it is and how to reach it, which library, which
 * files, how they are named and written, and the user's routes. {@code sync} and {@code verify} share them, so that a
 * repair fetches a file the way the sync stored it.
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

    /** Checks these flags and maps them, with the account's, onto the routes' property names. */
    Map<String, Object> properties(AccountSettings settings) {
        Map<String, Object> properties = new LinkedHashMap<>(settings.properties());
        String dir = directory != null ? directory : settings.configValue("sync.directory");
        DestinationUri target;
        try {
            target = DestinationUri.parse(dir);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (target.kind() == DestinationUri.Kind.FILE && Files.exists(Path.of(target.location()))
                && !Files.isDirectory(Path.of(target.location()))) {
            throw new UsageException("-d/--directory " + target.location() + " exists and is not a directory");
        }
        destinationOptions.apply(target, settings, properties);
        if (library != null) {
            String name = library.trim();
            if (!name.equalsIgnoreCase("all") && !name.equals("PrimarySync") && !name.startsWith("SharedSync-")) {
                throw new UsageException("--library must be PrimarySync, all, or a SharedSync-<UUID> name, not '" + library + "'");
            }
            properties.put("sync.library", name);
        }
        if (routes != null) {
            if (!Files.exists(routes)) {
                throw new UsageException("--routes " + routes + " does not exist");
            }
            properties.put(UserRoutes.DIRECTORY_PROPERTY, routes.toAbsolutePath().normalize().toString());
        }
        content.apply(properties);
        download.apply(properties);
        policies.apply(properties);
        metadata.apply(properties);
        SettingsCheck.check(properties);
        return properties;
    }
}
