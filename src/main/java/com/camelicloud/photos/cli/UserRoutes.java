package com.camelicloud.photos.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.LoggerFactory;

/**
 * {@code --routes DIR} ({@code routes.directory}): the user's own YAML routes (every {@code *.yaml} of the folder,
 * or one file), loaded after the shipped ones.
 * A user route with the id of a shipped route replaces it; any other id adds a route. A malformed file stops
 * the start with the file, line and problem, before anything is synced.
 */
final class UserRoutes extends MainListenerSupport {

    static final String DIRECTORY_PROPERTY = "routes.directory";

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        Optional<String> directory = context.getPropertiesComponent().resolveProperty(DIRECTORY_PROPERTY)
                .filter(value -> !value.isBlank());
        if (directory.isEmpty()) {
            return;
        }
        List<Resource> resources = yamlFiles(Path.of(directory.get())).stream()
                .map(file -> ResourceHelper.fromString("file:" + file.toAbsolutePath(), readString(file)))
                .toList();
        try {
            var ids = PluginHelper.getRoutesLoader(context).updateRoutes(resources);
            LoggerFactory.getLogger(UserRoutes.class).info("Loaded {} route(s) from {}: {}", ids.size(), directory.get(), ids);
        } catch (Exception e) {
            throw new UsageException("the routes in " + directory.get() + " cannot be loaded: " + e.getMessage());
        }
    }

    /** The YAML files of a folder, in name order, or the one file named. */
    private static List<Path> yamlFiles(Path directory) {
        if (Files.isRegularFile(directory)) {
            return List.of(directory);
        }
        if (!Files.isDirectory(directory)) {
            throw new UsageException("--routes " + directory + " is neither a folder nor a YAML file");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
