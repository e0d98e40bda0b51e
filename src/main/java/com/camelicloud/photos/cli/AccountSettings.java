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
import com.camelicloud.photos.credentials.CredentialStores;
import com.camelicloud.photos.credentials.SavingPasswordSource;
import com.camelicloud.photos.credentials.StoredPasswordSource;
import com.camelicloud.photos.http.RetryPolicy;
import com.camelicloud.photos.state.DataDirectory;

/**
 * The account settings of one CLI run, from the checked {@link Settings}: who signs in, where, and where the
 * session and state live, and where the password comes from.
 */
final class AccountSettings {

    /** The password in a config file, typically a placeholder such as {@code {{env:NAME}}} or a vault's. */
    static final String PASSWORD_KEY = "icloud.password";
    static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

    final String username;
    final Path dataDir;
    final Region region;
    final String authEndpoint;
    final String setupEndpoint;
    private final AccountOptions options;
    private final Settings settings;

    AccountSettings(AccountOptions options, Settings settings) {
        this.options = options;
        this.settings = settings;
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

    /**
     * The password source the settings chose, first of: -p, --password-file, --password-command,
     * {@code ICLOUD_PASSWORD}, {@code icloud.password} in a config file, the credential store, the terminal prompt.
     * The password itself is only read if SRP is needed. With {@code save}, a password given for this run only (-p,
     * ICLOUD_PASSWORD, the prompt) is stored once iCloud accepted it.
     */
    PasswordSource passwordSource(boolean save) {
        CredentialStores stores = passwordStores();
        if (options.password != null) {
            return saving(save, stores, PasswordSources.literal(options.password));
        }
        if (options.passwordFile != null) {
            return kept(save, "--password-file", PasswordSources.file(options.passwordFile));
        }
        if (options.passwordCommand != null) {
            return kept(save, "--password-command", PasswordSources.command(options.passwordCommand));
        }
        String configured = settings.get(PASSWORD_KEY);
        if (!configured.isEmpty()) {
            // ICLOUD_PASSWORD is this key's environment variable; a file or -D keeps the password already
            Settings.Origin origin = settings.origin(PASSWORD_KEY);
            return origin.source() == Settings.Source.ENVIRONMENT
                    ? saving(save, stores, PasswordSources.literal(configured))
                    : kept(save, PASSWORD_KEY + " in " + origin.where(), PasswordSources.literal(configured));
        }
        return new StoredPasswordSource(stores, username, saving(save, stores, PasswordSources.prompt(username)));
    }

    /** Where {@code password set} and {@code --save-password} keep the password of this account. */
    CredentialStores passwordStores() {
        return CredentialStores.of(dataDir, System.getenv());
    }

    private PasswordSource saving(boolean save, CredentialStores stores, PasswordSource source) {
        return save ? new SavingPasswordSource(source, stores, username) : source;
    }

    private static PasswordSource kept(boolean save, String where, PasswordSource source) {
        if (save) {
            throw new UsageException("--save-password stores a password given for one run (the prompt, -p or "
                    + PasswordSources.ENVIRONMENT_VARIABLE + "); " + where + " keeps it already. To move it into the "
                    + "credential store, pipe it into `password set`");
        }
        return source;
    }

    ICloudAccount.Settings accountSettings() {
        return new ICloudAccount.Settings(dataDir, region, authEndpoint, setupEndpoint, null, Duration.ofSeconds(30),
                RetryPolicy.CLOUDKIT);
    }

    Path dataDir() {
        return dataDir;
    }

    /** A setting as this run has it (flag, environment, file or packaged default), checked. */
    String setting(String key) {
        return settings.get(key);
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
