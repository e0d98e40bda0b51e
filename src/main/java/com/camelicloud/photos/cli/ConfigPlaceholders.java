package com.camelicloud.photos.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.SensitiveUtils;

/**
 * Resolves the {@code --config} file's values as Camel resolves the routes' properties, so that every setting,
 * the password included, can be a placeholder: {@code {{env:NAME}}}, {@code {{sys:name}}}, another key, or the
 * function of a vault component on the class path ({@code {{aws:secret}}} with camel-aws-secrets-manager).
 * The CLI reads some settings itself before Camel starts (account, data directory, destination, password).
 */
final class ConfigPlaceholders {

    private ConfigPlaceholders() {
    }

    /**
     * The values of {@code raw} with their placeholders resolved against {@code locations} (those of the routes'
     * Camel context). Reading a value that could not be resolved stops the run naming its key (a key the CLI never
     * reads is left to the routes); Camel's message, which quotes the value, is left out for keys that hold secrets.
     */
    static Properties resolve(Path file, Properties raw, String locations) {
        if (raw.values().stream().noneMatch(value -> value.toString().contains("{{"))) {
            return raw;
        }
        Resolved resolved = new Resolved();
        DefaultCamelContext camel = new DefaultCamelContext(false);
        try {
            camel.getPropertiesComponent().setLocation(locations);
            camel.build();
            for (String key : raw.stringPropertyNames()) {
                try {
                    resolved.setProperty(key, camel.resolvePropertyPlaceholders(raw.getProperty(key)));
                } catch (RuntimeException e) {
                    resolved.failures.put(key, "--config " + file + ": " + key + " cannot be resolved"
                            + (SensitiveUtils.containsSensitive(key) ? "" : ": " + e.getMessage()));
                }
            }
        } finally {
            camel.stop();
        }
        return resolved;
    }

    /** The resolved values; reading one that could not be resolved throws the {@link UsageException} saying why. */
    private static final class Resolved extends Properties {

        private final Map<String, String> failures = new HashMap<>();

        @Override
        public String getProperty(String key) {
            String failure = failures.get(key);
            if (failure != null) {
                throw new UsageException(failure);
            }
            return super.getProperty(key);
        }
    }
}
