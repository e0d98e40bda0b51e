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
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

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
        try {
            List<Resource> resources = yamlFiles(Path.of(directory.get())).stream()
                    .map(file -> ResourceHelper.fromString("file:" + file.toAbsolutePath(), readString(file)))
                    .toList();
            var ids = PluginHelper.getRoutesLoader(context).updateRoutes(resources);
            LoggerFactory.getLogger(UserRoutes.class).info("Loaded {} route(s) from {}: {}", ids.size(), directory.get(), ids);
        } catch (Exception e) {
            throw new UsageException(problem(directory.get(), e));
        }
    }

    /**
     * The {@link SettingCatalog} check of {@code routes.directory}: every YAML file of it parses, so that a syntax
     * error stops the run before the sign-in. What only Camel can tell (an unknown step) stops the start later.
     *
     * @throws IllegalArgumentException naming the file, the line and the problem
     */
    static void checkSyntax(String directory) {
        for (Path file : yamlFiles(Path.of(directory.trim()))) {
            LoadSettings settings = LoadSettings.builder().setLabel("file:" + file.toAbsolutePath()).build();
            try {
                new Load(settings).loadAllFromString(readString(file)).forEach(document -> { });
            } catch (YamlEngineException e) {
                throw new IllegalArgumentException(problem(directory, e));
            }
        }
    }

    /**
     * The file, line and problem of a route that cannot be loaded. Camel says only "Error pre-parsing resource:
     * file:…" for a YAML syntax error; the YAML parser's exception inside it knows where and what.
     */
    static String problem(String directory, Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof MarkedYamlEngineException)) {
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        if (cause instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
            Mark mark = yaml.getProblemMark().get();
            String file = mark.getName().startsWith("file:") ? mark.getName().substring("file:".length()) : mark.getName();
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext()
                    + yaml.getContextMark().map(at -> " that starts at line " + (at.getLine() + 1)).orElse("") + ")";
            return "the route file " + file + " cannot be loaded: line " + (mark.getLine() + 1) + ", column "
                    + (mark.getColumn() + 1) + ": " + yaml.getProblem() + context;
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "the routes in " + directory + " cannot be loaded: " + failure.getMessage()
                + (root == failure ? "" : ": " + root.getMessage());
    }

    /** The YAML files of a folder, in name order, or the one file named. */
    private static List<Path> yamlFiles(Path directory) {
        if (Files.isRegularFile(directory)) {
            return List.of(directory);
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + " is neither a folder nor a YAML file");
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
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
