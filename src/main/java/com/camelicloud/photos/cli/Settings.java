package com.camelicloud.photos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.camelicloud.photos.sync.ContentPolicy;
import org.apache.camel.component.properties.DefaultPropertiesParser;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.IOHelper;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The settings of one run, from every source, checked before any network call. Highest first: flags, environment
 * variables ({@code DOWNLOAD_THREADS} for {@code download.threads}), system properties ({@code -Ddownload.threads}),
 * the {@code --config} file, {@code config/application.properties} in the working directory, and the packaged
 * defaults. Every key of {@link SettingCatalog} goes through its {@link Check}, whatever its source, and a problem
 * names the flag, or the file and line, or the variable, and what is accepted; unknown keys are reported by the
 * rule of {@link SettingCatalog}. Camel then gets exactly these values ({@link #camelProperties()}).
 */
final class Settings {

    /** Where a value came from. */
    enum Source {
        DEFAULTS, FILE, SYSTEM_PROPERTY, ENVIRONMENT, FLAG, COMMAND_LINE
    }

    /** Where a value came from, as messages name it. */
    record Origin(Source source, String name, int line) {

        /** "/path/my.properties line 3", "environment variable DOWNLOAD_THREADS", "--threads-num". */
        String where() {
            return switch (source) {
                case DEFAULTS, FILE -> name + " line " + line;
                case SYSTEM_PROPERTY -> "system property " + name;
                case ENVIRONMENT -> "environment variable " + name;
                case FLAG, COMMAND_LINE -> name;
            };
        }
    }

    /** A value and where it came from; {@code key} as written there ({@code accounts.anna.download.threads}). */
    private record Value(String raw, Origin origin, String key) {
    }

    static final String PACKAGED_DEFAULTS = "application.properties";
    /** How Camel's parser names a placeholder it cannot resolve. */
    private static final Pattern MISSING_KEY = Pattern.compile("key \\[([^\\]]*)]");
    /** The copy of the defaults in a checkout of the repository, read when the command runs from there. */
    static final Path WORKING_DIRECTORY_DEFAULTS = Path.of("config", "application.properties");

    private final Map<String, String> packagedDefaults;
    private final Map<String, Value> values;
    private final Map<String, String> derived = new LinkedHashMap<>();
    private final List<String> warnings;
    private final DefaultPropertiesParser placeholders;

    private Settings(Map<String, String> packagedDefaults, Map<String, Value> values, List<String> warnings) {
        this.packagedDefaults = packagedDefaults;
        this.values = values;
        this.warnings = warnings;
        PropertiesComponent component = new PropertiesComponent();
        // no CamelContext is started: it only lets the parser resolve {{env:...}} and {{sys:...}} as Camel will
        component.setCamelContext(new DefaultCamelContext(false));
        component.setAutoDiscoverPropertiesSources(false);
        component.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_FALLBACK);
        component.setSystemPropertiesMode(PropertiesComponent.SYSTEM_PROPERTIES_MODE_FALLBACK);
        component.init();
        this.placeholders = new DefaultPropertiesParser(component);
    }

    /**
     * Reads every source and checks every setting.
     *
     * @param flags      the options given on the command line
     * @param configFile {@code --config}, or null
     * @throws UsageException listing every problem found
     */
    static Settings resolve(Collection<OptionSpec> flags, Path configFile) {
        return resolve(flags, configFile, null);
    }

    /**
     * The settings of one account of a {@code --config} file that lists several ({@link AccountsFile}): the file's
     * top-level keys, then the account's own {@code accounts.<account>.<key>} lines over them; the other accounts'
     * lines are not this account's. A problem with an account's line names the key as written there. With a null
     * {@code account}, every {@code accounts.} line is left out: the shared settings alone.
     */
    static Settings resolve(Collection<OptionSpec> flags, Path configFile, String account) {
        Map<String, Value> values = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        for (PropertiesFile.Entry entry : PropertiesFile.parse(packagedDefaults(), "the packaged " + PACKAGED_DEFAULTS)) {
            defaults.put(entry.key(), entry.value());
            values.put(entry.key(), new Value(entry.value(), new Origin(Source.DEFAULTS, PACKAGED_DEFAULTS, entry.line()),
                    entry.key()));
        }
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (Files.isRegularFile(WORKING_DIRECTORY_DEFAULTS)) {
            readFile(WORKING_DIRECTORY_DEFAULTS, null, defaults, values, problems, warnings);
        }
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new UsageException("--config " + configFile + " does not exist");
            }
            readFile(configFile, account, defaults, values, problems, warnings);
        }
        Set<String> keys = new LinkedHashSet<>(values.keySet());
        SettingCatalog.all().forEach(setting -> keys.add(setting.key()));
        for (String key : keys) {
            String property = System.getProperty(key);
            if (property != null) {
                values.put(key, new Value(property, new Origin(Source.SYSTEM_PROPERTY, key, 0), key));
            }
            String variable = IOHelper.lookupEnvironmentVariable(key);
            if (variable != null) {
                values.put(key, new Value(variable,
                        new Origin(Source.ENVIRONMENT, IOHelper.normalizeEnvironmentVariable(key), 0), key));
            }
        }
        for (OptionSpec flag : flags) {
            Setting setting = SettingCatalog.byFlag(flag.longestName()).orElse(null);
            if (setting != null) {
                values.put(setting.key(), new Value(flagValue(setting, flag),
                        new Origin(Source.FLAG, flag.longestName(), 0), setting.key()));
            }
        }
        Settings settings = new Settings(defaults, values, warnings);
        for (Setting setting : SettingCatalog.all()) {
            settings.problem(setting).ifPresent(problems::add);
        }
        if (problems.isEmpty()) {
            settings.contentTogether().ifPresent(problems::add);
            settings.freeSpaceTogether().ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("\n", problems));
        }
        return settings;
    }

    /** The checked value of a setting, placeholders resolved; empty when it has none. */
    String get(String key) {
        if (derived.containsKey(key)) {
            return derived.get(key);
        }
        Setting setting = SettingCatalog.find(key).orElseThrow(() -> new IllegalArgumentException("no setting " + key));
        return setting.check().check(resolved(key));
    }

    boolean isTrue(String key) {
        return Boolean.parseBoolean(get(key));
    }

    /** Where {@code key}'s value came from. */
    Origin origin(String key) {
        if (derived.containsKey(key)) {
            return new Origin(Source.COMMAND_LINE, "the command line", 0);
        }
        Value value = values.get(key);
        return value == null ? new Origin(Source.DEFAULTS, PACKAGED_DEFAULTS, 0) : value.origin();
    }

    /** Whether {@code key} was given by a flag, a file or the environment, rather than left to its default. */
    boolean isGiven(String key) {
        return origin(key).source() != Source.DEFAULTS;
    }

    /** A value the command line computes itself from others (the account key from the Apple ID...). */
    void derive(String key, String value) {
        derived.put(key, value);
    }

    /** Unknown keys outside this project's prefixes, for the user to see. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * What Camel gets, as override properties: every key of every source, the checked value (placeholders
     * resolved, normalized) for the keys of {@link SettingCatalog}, the raw value for the others (Camel's own and
     * the user's, which Camel resolves); the password is left out.
     */
    Map<String, Object> camelProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        values.forEach((key, value) -> properties.put(key, value.raw()));
        for (Setting setting : SettingCatalog.all()) {
            if (values.containsKey(setting.key()) || derived.containsKey(setting.key())) {
                properties.put(setting.key(), get(setting.key()));
            }
        }
        // the routes never need the password: it stays out of the context's properties
        properties.remove(AccountSettings.PASSWORD_KEY);
        return properties;
    }

    /** The problem with one setting's value, naming where it came from; empty when it is fine. */
    private Optional<String> problem(Setting setting) {
        Value value = values.get(setting.key());
        if (value == null) {
            return Optional.empty();
        }
        Origin origin = value.origin();
        if (setting.isDerived()) {
            boolean asPackaged = value.raw().equals(packagedDefaults.get(setting.key()));
            return origin.source() == Source.DEFAULTS || asPackaged ? Optional.empty()
                    : Optional.of(origin.where() + ": " + value.key() + " cannot be set; it follows "
                    + setting.derivedFrom());
        }
        try {
            setting.check().check(resolved(setting.key()));
            return Optional.empty();
        } catch (Check.Problem problem) {
            return Optional.of(subject(value) + " " + problem.getMessage());
        } catch (IllegalArgumentException invalid) {
            String message = invalid.getMessage();
            if (origin.source() == Source.FLAG && message.contains(origin.name())) {
                return Optional.of(message);
            }
            return Optional.of(subject(value) + ": " + message);
        }
    }

    /**
     * Content settings that are fine one by one but not together (both kinds skipped, an empty date range); the
     * content policy the routes build judges them, and the message says where each came from.
     */
    private Optional<String> contentTogether() {
        ContentPolicy policy = new ContentPolicy();
        policy.setSkipVideos(isTrue("content.skip-videos"));
        policy.setSkipPhotos(isTrue("content.skip-photos"));
        policy.setSkipCreatedBefore(get("content.skip-created-before"));
        policy.setSkipCreatedAfter(get("content.skip-created-after"));
        try {
            policy.init();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            List<String> given = new ArrayList<>();
            for (String key : List.of("content.skip-videos", "content.skip-photos", "content.skip-created-before",
                    "content.skip-created-after")) {
                if (isGiven(key) && origin(key).source() != Source.FLAG) {
                    given.add(written(key) + " from " + origin(key).where());
                }
            }
            return Optional.of(e.getMessage() + (given.isEmpty() ? "" : " (" + String.join(", ", given) + ")"));
        }
    }

    /** The two ways of freeing iCloud space exclude each other: each decides on its own which items go. */
    private Optional<String> freeSpaceTogether() {
        String afterDownload = "policy.delete-after-download";
        String recentDays = "policy.keep-icloud-recent-days";
        if (!isTrue(afterDownload) || get(recentDays).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(named(afterDownload) + " and " + named(recentDays) + " cannot be given together: the first "
                + "moves to Recently Deleted the items a run downloads, the second every item older than its days "
                + "(--keep-icloud-recent-days 0: every item whose copy is verified, downloaded now or before); give one");
    }

    /** "--delete-after-download", or "policy.delete-after-download from /path/my.properties line 3". */
    private String named(String key) {
        Origin origin = origin(key);
        return origin.source() == Source.FLAG ? origin.name() : written(key) + " from " + origin.where();
    }

    /** {@code key} as its source wrote it: {@code accounts.anna.download.threads} for an account's line. */
    private String written(String key) {
        Value value = values.get(key);
        return value == null ? key : value.key();
    }

    /** "--threads-num" for a flag, "/path/my.properties line 3: download.threads" for the others. */
    private static String subject(Value value) {
        Origin origin = value.origin();
        return origin.source() == Source.FLAG ? origin.name() : origin.where() + ": " + value.key();
    }

    /** The value with its {@code {{placeholders}}} resolved as Camel resolves them. */
    private String resolved(String key) {
        Value value = values.get(key);
        String raw = value == null ? "" : value.raw();
        if (!raw.contains("{{")) {
            return raw;
        }
        try {
            return placeholders.parseUri(raw, (name, defaultValue) -> {
                if (derived.containsKey(name)) {
                    return derived.get(name);
                }
                Value referenced = values.get(name);
                return referenced == null ? null : referenced.raw();
            }, true, false, true);
        } catch (IllegalArgumentException e) {
            // Camel's message quotes the whole value, which may be a secret: name only the missing key
            Matcher missing = MISSING_KEY.matcher(String.valueOf(e.getMessage()));
            throw new Check.Problem("refers to " + (missing.find() ? "{{" + missing.group(1) + "}}" : "a placeholder")
                    + ", which is not set");
        }
    }

    private static void readFile(Path file, String account, Map<String, String> defaults, Map<String, Value> values,
                                 List<String> problems, List<String> warnings) {
        List<PropertiesFile.Entry> entries = PropertiesFile.read(file);
        // the top-level keys first: they are every account's defaults, and the account's own lines win wherever they stand
        for (boolean accountLines : List.of(false, true)) {
            for (PropertiesFile.Entry entry : entries) {
                if (AccountsFile.isAccountKey(entry.key()) != accountLines) {
                    continue;
                }
                String key = accountLines ? AccountsFile.settingKey(account, entry.key()) : entry.key();
                if (key != null) {
                    readEntry(entry, key, entry.file(), defaults, values, problems, warnings);
                }
            }
        }
    }

    /** One line of a file, as the setting {@code key}. */
    private static void readEntry(PropertiesFile.Entry entry, String key, String name, Map<String, String> defaults,
                                  Map<String, Value> values, List<String> problems, List<String> warnings) {
        Value before = values.get(key);
        if (before == null || !before.raw().equals(entry.value()) || !key.equals(entry.key())) {
            // a copy of the defaults (a checkout's config/application.properties) leaves them defaults
            values.put(key, new Value(entry.value(), new Origin(Source.FILE, name, entry.line()), entry.key()));
        }
        if (defaults.containsKey(key) || SettingCatalog.find(key).isPresent() || key.startsWith(SettingCatalog.CAMEL_PREFIX)) {
            return;
        }
        // an account's line is suggested with its account's prefix: accounts.anna.policy.on-delete
        String prefix = entry.key().substring(0, entry.key().length() - key.length());
        String nearest = SettingCatalog.nearest(key).map(known -> "; did you mean '" + prefix + known + "'?").orElse("");
        if (SettingCatalog.isProjectLike(key)) {
            problems.add("unknown key '" + entry.key() + "' in " + name + " line " + entry.line()
                    + (nearest.isEmpty() ? "; the keys are those of config/application.properties" : nearest));
        } else {
            warnings.add(name + " line " + entry.line() + ": '" + entry.key() + "' is not a camel-icloud-photos setting; "
                    + "only your own routes see it" + nearest);
        }
    }

    private static String flagValue(Setting setting, OptionSpec flag) {
        if (setting.switchValue() != null) {
            return setting.switchValue();
        }
        Object value = flag.getValue();
        if (value instanceof Collection<?> items) {
            List<String> texts = new ArrayList<>();
            for (Object item : items) {
                String text = String.valueOf(item);
                if (text.contains(",")) {
                    // repeatable flags reach the routes as one comma-separated list
                    throw new UsageException(flag.longestName() + " values cannot contain a comma: '" + text + "'");
                }
                texts.add(text);
            }
            return String.join(",", texts);
        }
        return String.valueOf(value);
    }

    private static byte[] packagedDefaults() {
        try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(PACKAGED_DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(PACKAGED_DEFAULTS + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
