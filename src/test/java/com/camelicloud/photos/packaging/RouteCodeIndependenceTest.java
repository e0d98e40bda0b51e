package com.camelicloud.photos.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Route code runs on any Camel runtime (camel-main for the CLI, Blueprint on Karaf): only the command line may
 * use camel-main, picocli or progressbar. Checked on the compiled classes, so fully qualified uses count too.
 */
class RouteCodeIndependenceTest {

    private static final Path CLASSES = Path.of("target/classes/com/camelicloud/photos");
    private static final String CLI = "cli";
    private static final List<String> FORBIDDEN = List.of("org/apache/camel/main/", "picocli/", "me/tongfei/");

    @Test
    void onlyTheCommandLineUsesCamelMainOrTheCliLibraries() throws IOException {
        assertThat(CLASSES).as("compiled classes").isDirectory();
        Map<String, String> offenders = new TreeMap<>();
        List<Path> packages;
        try (Stream<Path> children = Files.list(CLASSES)) {
            packages = children.filter(Files::isDirectory).filter(dir -> !dir.getFileName().toString().equals(CLI))
                    .toList();
        }
        assertThat(packages).extracting(dir -> dir.getFileName().toString())
                .contains("component", "sync", "state", "destination", "download", "metadata", "layout", "cloudkit",
                        "auth", "http", "library", "runtime");
        for (Path dir : packages) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    // class references are in the constant pool as modified UTF-8, which is ASCII for these names
                    String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    FORBIDDEN.stream().filter(constants::contains)
                            .forEach(name -> offenders.put(CLASSES.relativize(file).toString(), name));
                }
            }
        }
        assertThat(offenders).as("classes outside cli that refer to camel-main or the CLI's libraries").isEmpty();
    }
}
