package com.camelicloud.photos.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.auth.PasswordSource;
import com.camelicloud.photos.auth.PasswordSources;
import com.camelicloud.photos.auth.Region;
import com.camelicloud.photos.cloudkit.RetryPolicy;
import com.camelicloud.photos.state.DataDirectory;

/**
 * The account settings of one CLI run, from the checked {@link Settings}: who signs in, where, and where the
 * session and state live. The password's source is flags only (or {@code ICLOUD_PASSWORD}).
 */
final class AccountSettings {

    static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

    final String username;
    final Path dataDir;
    final Region region;
    final String authEndpoint;
    final String setupEndpoint;
    private final AccountOptions options;

    AccountSettings(AccountOptions options, Settings settings) {
        this.options = options;
        this.username = required(firstOf(settings.get("icloud.username")), "-u/--username (your Apple ID) is required");
        this.dataDir = Path.of(settings.get("icloud.data-dir")).toAbsolutePath().normalize();
        this.region = Region.fromId(settings.get("icloud.domain"));
        this.authEndpoint = settings.get("icloud.auth-endpoint");
        this.setupEndpoint = settings.get("icloud.setup-endpoint");
        settings.derive("icloud.username", username);
        settings.derive("icloud.account-key", DataDirectory.accountKey(username));
        settings.derive("icloud.data-dir", dataDir.toString());
        int passwordFlags = (options.password != null ? 1 : 0) + (options.passwordFile != null ? 1 : 0)
                + (options.passwordCommand != null ? 1 : 0);
        if (passwordFlags > 1) {
            throw new UsageException("give at most one of -p/--password, --password-file and --password-command");
        }
        if (options.passwordFile != null && !Files.isReadable(options.passwordFile)) {
            throw new UsageException("--password-file " + options.passwordFile + " does not exist or is not readable");
        }
    }

    /** {@code --log-level}, checked: it is needed before anything else logs. */
    static String logLevel(AccountOptions options) {
        String level = firstOf(options.logLevel, "info").toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new UsageException("--log-level must be one of " + String.join(", ", LOG_LEVELS) + ", not '"
                    + options.logLevel + "'");
        }
        return level;
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

    Path dataDir() {
        return dataDir;
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
