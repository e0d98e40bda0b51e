package com.camelicloud.photos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.camelicloud.photos.auth.AuthEndpoints;
import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.auth.PasswordSource;
import com.camelicloud.photos.auth.PasswordSources;
import com.camelicloud.photos.auth.Region;
import com.camelicloud.photos.cloudkit.RetryPolicy;
import com.camelicloud.photos.state.DataDirectory;

/**
 * The account settings of one CLI run, resolved and checked before anything touches the network:
 * flags first, then the {@code --config} file, then the environment, then the defaults.
 */
final class AccountSettings {

    static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

    final String username;
    final Path dataDir;
    final Region region;
    final String authEndpoint;
    final String setupEndpoint;
    final String logLevel;
    final Path configFile;
    final Properties config;
    private final AccountOptions options;

    AccountSettings(AccountOptions options) {
        this.options = options;
        this.configFile = options.config;
        this.config = loadConfig(options.config);
        this.username = required(firstOf(options.username, config.getProperty("icloud.username"),
                System.getenv("ICLOUD_USERNAME")), "-u/--username (your Apple ID) is required");
        String dir = firstOf(options.dataDir == null ? null : options.dataDir.toString(),
                config.getProperty("icloud.data-dir"), System.getenv("ICLOUD_DATA_DIR"));
        this.dataDir = dir == null || dir.contains("{{")
                ? Path.of(System.getProperty("user.home"), ".config", "camel-icloud-photos")
                : Path.of(dir).toAbsolutePath().normalize();
        String domain = firstOf(options.domain, config.getProperty("icloud.domain"), "com");
        try {
            this.region = Region.fromId(domain);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--domain must be com or cn, not '" + domain + "'");
        }
        this.authEndpoint = url("--auth-endpoint", firstOf(options.authEndpoint, config.getProperty("icloud.auth-endpoint"),
                AuthEndpoints.DEFAULT_AUTH_ENDPOINT));
        this.setupEndpoint = url("--setup-endpoint", firstOf(options.setupEndpoint,
                config.getProperty("icloud.setup-endpoint"), AuthEndpoints.DEFAULT_SETUP_ENDPOINT));
        this.logLevel = firstOf(options.logLevel, "info").toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new UsageException("--log-level must be one of " + String.join(", ", LOG_LEVELS) + ", not '"
                    + options.logLevel + "'");
        }
        int passwordFlags = (options.password != null ? 1 : 0) + (options.passwordFile != null ? 1 : 0)
                + (options.passwordCommand != null ? 1 : 0);
        if (passwordFlags > 1) {
            throw new UsageException("give at most one of -p/--password, --password-file and --password-command");
        }
        if (options.passwordFile != null && !Files.isReadable(options.passwordFile)) {
            throw new UsageException("--password-file " + options.passwordFile + " does not exist or is not readable");
        }
    }

    /** The password source the flags chose; the password itself is only read if SRP is needed. */
    PasswordSource passwordSource() {
        if (options.password != null) {
            return PasswordSources.literal(options.password);
        }
        if (options.passwordFile != null) {
            return PasswordSources.file(options.passwordFile);
        }
        if (options.passwordCommand != null) {
            return PasswordSources.command(options.passwordCommand);
        }
        String environment = System.getenv(PasswordSources.ENVIRONMENT_VARIABLE);
        if (environment != null && !environment.isEmpty()) {
            return PasswordSources.literal(environment);
        }
        return PasswordSources.prompt(username);
    }

    ICloudAccount.Settings accountSettings() {
        return new ICloudAccount.Settings(dataDir, region, authEndpoint, setupEndpoint, null, Duration.ofSeconds(30),
                RetryPolicy.CLOUDKIT);
    }

    /** The properties the routes read, as Camel override properties. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("icloud.username", username);
        properties.put("icloud.account-key", DataDirectory.accountKey(username));
        properties.put("icloud.data-dir", dataDir.toString());
        properties.put("icloud.domain", region.id());
        properties.put("icloud.auth-endpoint", authEndpoint);
        properties.put("icloud.setup-endpoint", setupEndpoint);
        return properties;
    }

    /** Camel's property locations: the user's file first, since the first location defining a key wins. */
    String propertyLocations() {
        StringBuilder locations = new StringBuilder();
        if (configFile != null) {
            locations.append("file:").append(configFile.toAbsolutePath()).append(',');
        }
        return locations.append("file:config/application.properties;optional=true,classpath:application.properties")
                .toString();
    }

    Path dataDir() {
        return dataDir;
    }

    String configValue(String key) {
        return config.getProperty(key);
    }

    /** A setting as a sync reads it when no flag gives it: from the {@code --config} file, else the packaged default. */
    String setting(String key) {
        String configured = configValue(key);
        return configured != null ? configured.trim() : PackagedDefaults.PROPERTIES.getProperty(key);
    }

    /** {@code application.properties} as packaged into the jar. */
    private static final class PackagedDefaults {
        static final Properties PROPERTIES = load();

        private static Properties load() {
            Properties properties = new Properties();
            try (InputStream in = AccountSettings.class.getResourceAsStream("/application.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the packaged application.properties", e);
            }
            return properties;
        }
    }

    private static Properties loadConfig(Path file) {
        Properties properties = new Properties();
        if (file == null) {
            return properties;
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--config " + file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("--config " + file + " cannot be read: " + e.getMessage());
        }
        return properties;
    }

    private static String url(String flag, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " must be an http(s) URL, not '" + value + "'");
        }
    }

    static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static String required(String value, String message) {
        if (value == null) {
            throw new UsageException(message);
        }
        return value;
    }
}
