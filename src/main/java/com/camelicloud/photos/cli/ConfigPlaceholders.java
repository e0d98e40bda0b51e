package com.camelicloud.photos.cli;

import java.nio.file.Path;
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
     * Camel context). A value that cannot be resolved stops the run naming its key; Camel's message, which quotes
     * the value, is left out for keys that hold secrets.
     */
    static Properties resolve(Path file, Properties raw, String locations) {
        if (raw.values().stream().noneMatch(value -> value.toString().contains("{{"))) {
            return raw;
        }
        Properties resolved = new Properties();
        DefaultCamelContext camel = new DefaultCamelContext(false);
        try {
            camel.getPropertiesComponent().setLocation(locations);
            camel.build();
            for (String key : raw.stringPropertyNames()) {
                try {
                    resolved.setProperty(key, camel.resolvePropertyPlaceholders(raw.getProperty(key)));
                } catch (RuntimeException e) {
                    throw new UsageException("--config " + file + ": " + key + " cannot be resolved"
                            + (SensitiveUtils.containsSensitive(key) ? "" : ": " + e.getMessage()));
                }
            }
        } finally {
            camel.stop();
        }
        return resolved;
    }
}
