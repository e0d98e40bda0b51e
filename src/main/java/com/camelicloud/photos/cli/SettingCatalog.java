package com.camelicloud.photos.cli;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import com.camelicloud.photos.destination.DestinationUri;
import com.camelicloud.photos.download.BandwidthLimiter;
import com.camelicloud.photos.layout.FileMatchPolicy;
import com.camelicloud.photos.layout.FolderStructure;
import com.camelicloud.photos.layout.LiveMovNamePolicy;
import com.camelicloud.photos.layout.RawAlignment;
import com.camelicloud.photos.layout.Rendition;
import com.camelicloud.photos.sync.ContentPolicy;
import com.camelicloud.photos.verify.VerifySchedule;

/**
 * Every setting of camel-icloud-photos: its key, its flag and what it accepts. Its default is the value in
 * {@code config/application.properties}, the list of keys; a flag, a {@code --config} file, an environment variable
 * and a system property all go through the same {@link Check} before anything touches the network.
 * <p>
 * Keys outside this table: {@code camel.*} are Camel's own and left to it; an unknown key under one of this
 * project's prefixes ({@code policy.}, {@code download.}...), or one a typo away from a known key, is an error
 * naming the nearest known key; any other key is passed on with a warning, for the user's own routes
 * ({@code examples.*} in routes/examples).
 */
final class SettingCatalog {

    /** Keys Camel itself reads; they are passed on unchecked. */
    static final String CAMEL_PREFIX = "camel.";

    private static final Map<String, Setting> BY_KEY = new LinkedHashMap<>();

    static {
        // account
        add("icloud.username", "--username", Check.text());
        add("icloud.domain", "--domain", Check.choice("com", "cn"));
        add("icloud.data-dir", "--data-dir", Check.nonBlank("a folder"));
        derived("icloud.account-key", "the Apple ID (-u)");
        add("icloud.auth-endpoint", "--auth-endpoint", Check.httpUrl());
        add("icloud.setup-endpoint", "--setup-endpoint", Check.httpUrl());
        // read by the command line itself, never handed to Camel (Settings.camelProperties)
        add(AccountSettings.PASSWORD_KEY, null, Check.text());
        // read by the Karaf bundle only; on the command line the password's source is a flag
        derived("icloud.password-file", "--password-file, --password-command or ICLOUD_PASSWORD on the command line");
        // sync
        add("sync.directory", "--directory", Check.optional(Check.parsedBy(DestinationUri::parse)));
        add("sync.library", "--library", SettingCatalog::library);
        add("sync.full-enumeration", "--no-incremental", Check.bool());
        add("sync.dry-run", "--dry-run", Check.bool());
        add("sync.only-print-filenames", "--only-print-filenames", Check.bool());
        add("sync.retry-failed", "--retry-failed", Check.bool());
        add("sync.forget-failed", "--forget-failed", Check.bool());
        derived("sync.import-existing", "the import-existing command");
        derived("sync.schedule", "--watch-with-interval or --cron");
        derived("sync.scheduled", "the verify command");
        derived("sync.repair", "verify --repair");
        // destination
        derived("destination.uri", "-d");
        derived("destination.type", "-d");
        derived("destination.s3.bucket", "-d s3://bucket/prefix");
        derived("destination.s3.prefix", "-d s3://bucket/prefix");
        add("destination.s3.region", "--s3-region", Check.nonBlank("an S3 region such as us-east-1"));
        add("destination.s3.endpoint", "--s3-endpoint", Check.optional(Check.httpUrl()));
        add("destination.s3.access-key", null, Check.text());
        add("destination.s3.secret-key", null, Check.text());
        // S3 refuses parts under 5 MiB (but the last) and over 5 GiB
        add("destination.s3.part-size", null, Check.integer(5L << 20, 5L << 30));
        derived("destination.sftp.user", "-d sftp://user@host[:port]/path");
        derived("destination.sftp.host", "-d sftp://user@host[:port]/path");
        derived("destination.sftp.port", "-d sftp://user@host[:port]/path");
        derived("destination.sftp.path", "-d sftp://user@host[:port]/path");
        add("destination.sftp.password", null, Check.text());
        add("destination.sftp.private-key-file", "--sftp-key", Check.optional(Check.readableFile()));
        add("destination.sftp.known-hosts-file", "--sftp-known-hosts", Check.nonBlank("a known_hosts file"));
        BY_KEY.put("destination.sftp.strict-host-key-checking", new Setting("destination.sftp.strict-host-key-checking",
                "--sftp-insecure-no-host-key-check", "false", Check.bool(), null));
        derived("destination.sftp.options", "the destination.sftp.* settings");
        // download
        add("download.threads", "--threads-num", Check.integer(1, 64));
        add("download.max-connections-total", null, Check.integer(1, 1_000));
        add("download.temp-suffix", "--temp-suffix", Check.fileName(".icloud-tmp"));
        derived("download.temp-directory", "-d (partial downloads live inside the destination)");
        add("download.max-retries", "--max-retries", Check.integer(0, 100));
        add("download.retry-delay", "--retry-delay", Check.integer(0, 3_600));
        add("download.max-download-attempts", "--max-download-attempts", Check.integer(1, 1_000));
        add("download.bandwidth-limit", "--bandwidth-limit", Check.optional(Check.parsedBy(BandwidthLimiter::parse)));
        // verify
        add("verify.interval", "--verify-interval", Check.parsedBy(VerifySchedule::parse));
        derived("verify.periodic", "--watch-with-interval or --cron");
        // state
        // empty: a SQLite file per destination under the data dir; the value is not echoed, it may hold a password
        add("state.jdbc-url", null, Check.optional(value -> {
            if (!value.trim().startsWith("jdbc:")) {
                throw new Check.Problem("must be empty or a JDBC URL such as jdbc:postgresql://host/db");
            }
            return value.trim();
        }));
        add("state.user", null, Check.text());
        add("state.password", null, Check.text());
        add("state.password-file", null, Check.optional(Check.readableFile()));
        add("state.pool-size", null, Check.integer(1, 100));
        derived("state.rebuild", "--rebuild-state");
        // cluster
        add("cluster.enabled", null, Check.bool());
        add("cluster.namespace", null, Check.nonBlank("a name such as camel-icloud-photos-{{icloud.account-key}}"));
        // custom routes
        add("routes.directory", "--routes", Check.optional(Check.parsedBy(UserRoutes::checkSyntax)));
        // content
        add("content.sizes", "--size", Check.list(Check.parsedBy(Rendition::parseSize)));
        add("content.live-photo-mode", "--live-photo-mode", content(ContentPolicy::setLivePhotoMode));
        add("content.live-photo-size", "--live-photo-size", Check.parsedBy(Rendition::parseLiveSize));
        add("content.force-size", "--force-size", Check.bool());
        add("content.align-raw", "--align-raw", Check.parsedBy(RawAlignment::parse));
        add("content.skip-videos", "--skip-videos", Check.bool());
        add("content.skip-photos", "--skip-photos", Check.bool());
        add("content.filename-exclude", "--filename-exclude", content(ContentPolicy::setFilenameExcludes));
        add("content.skip-created-before", "--skip-created-before", content(ContentPolicy::setSkipCreatedBefore));
        add("content.skip-created-after", "--skip-created-after", content(ContentPolicy::setSkipCreatedAfter));
        add("content.albums", "--album", Check.text());
        add("content.exclude-albums", "--exclude-album", Check.text());
        add("content.recent", "--recent", Check.integer(0, Integer.MAX_VALUE));
        // layout
        add("layout.folder-structure", "--folder-structure", Check.parsedBy(FolderStructure::parse));
        add("layout.keep-unicode-in-filenames", "--keep-unicode-in-filenames", Check.bool());
        add("layout.live-photo-mov-filename-policy", "--live-photo-mov-filename-policy",
                Check.parsedBy(LiveMovNamePolicy::parse));
        add("layout.album-link", "--album-link", Check.choice("hardlink", "copy"));
        add("layout.file-match-policy", "--file-match-policy", Check.parsedBy(FileMatchPolicy::parse));
        // metadata
        add("metadata.set-exif-datetime", "--set-exif-datetime", Check.bool());
        add("metadata.set-exif-rating", "--set-exif-rating", Check.bool());
        add("metadata.set-exif-gps", "--set-exif-gps", Check.bool());
        add("metadata.set-exif-description", "--set-exif-description", Check.bool());
        add("metadata.embed-xmp", "--embed-xmp", Check.bool());
        add("metadata.xmp-sidecar", "--xmp-sidecar", Check.bool());
        // policies
        add("policy.on-delete", "--on-delete", Check.choice("keep", "quarantine", "delete"));
        add("policy.on-hidden", "--on-hidden", Check.choice("keep", "skip", "quarantine"));
        add("policy.on-purge", "--on-purge", Check.choice("keep", "delete"));
        add("policy.purge-after-days", "--purge-after-days", Check.integer(0, 36_500));
        add("policy.delete-after-download", "--delete-after-download", Check.bool());
        add("policy.keep-icloud-recent-days", "--keep-icloud-recent-days", Check.optional(Check.integer(0, 36_500)));
        add("policy.icloud-delete-interval", null, Check.integer(0, 3_600));
        // report (--report-json sets both)
        add("report.directory", null, Check.nonBlank("a folder"));
        add("report.file-name", null, Check.optional(Check.fileName("report.json")));
        // operations
        derived("ops.enabled", "--watch-with-interval or --cron");
        add("ops.http-port", "--http-port", Check.integer(1, 65_535));
        add("ops.http-bind", "--http-bind", Check.nonBlank("an address such as 127.0.0.1"));
        derived("ops.interval-seconds", "--watch-with-interval or --cron");
        add("ops.shutdown-timeout", null, Check.integer(1, 86_400));
        derived("auth.two-factor-source", "the command line (a terminal, or watch mode's /mfa and login --code)");
        add("notify.script", "--notification-script", Check.optional(Check.executableFile()));
        add("notify.timeout-seconds", null, Check.integer(1, 3_600));
        add("systemd.notify", "--notify-systemd", Check.bool());
        derived("systemd.socket", "systemd's NOTIFY_SOCKET");
        derived("systemd.watchdog", "--notify-systemd and systemd's WATCHDOG_USEC");
        derived("systemd.watchdog-period-ms", "--notify-systemd and systemd's WATCHDOG_USEC");
        // audit log
        add("audit.directory", null, Check.nonBlank("a folder"));
        add("audit.file-name", null, Check.fileName("account.audit.jsonl"));
    }

    /** The first segments of this project's keys: an unknown key under one of them is an error. */
    static final Set<String> PREFIXES = prefixes();

    private SettingCatalog() {
    }

    static Optional<Setting> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    static Optional<Setting> byFlag(String flag) {
        return BY_KEY.values().stream().filter(setting -> flag.equals(setting.flag())).findFirst();
    }

    static List<Setting> all() {
        return List.copyOf(BY_KEY.values());
    }

    /** The known key nearest to {@code key}, when it is close enough to be what was meant. */
    static Optional<String> nearest(String key) {
        return BY_KEY.keySet().stream()
                .map(known -> Map.entry(known, distance(key.toLowerCase(Locale.ROOT), known)))
                .filter(entry -> entry.getValue() <= Math.max(2, key.length() / 5))
                .min(Comparator.comparingInt(Map.Entry::getValue))
                .map(Map.Entry::getKey);
    }

    /**
     * Whether an unknown key is meant for this project: under one of its prefixes, or its first segment a typo of
     * one ({@code polcy.}), or the whole key a typo of a known one. Anything else may be for the user's own routes.
     */
    static boolean isProjectLike(String key) {
        String first = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        String lower = first.toLowerCase(Locale.ROOT);
        return PREFIXES.contains(lower)
                || PREFIXES.stream().anyMatch(prefix -> prefix.length() > 3 && distance(lower, prefix) == 1)
                || BY_KEY.keySet().stream().anyMatch(known -> distance(key.toLowerCase(Locale.ROOT), known) <= 2);
    }

    /** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Checked by the content policy the routes build, given only this value. */
    private static Check content(BiConsumer<ContentPolicy, String> setter) {
        return Check.parsedBy(value -> {
            ContentPolicy policy = new ContentPolicy();
            setter.accept(policy, value);
            policy.init();
        });
    }

    private static String library(String value) {
        String name = value.trim();
        if (name.equalsIgnoreCase("all")) {
            return "all";
        }
        if (!name.equals("PrimarySync") && !name.startsWith("SharedSync-")) {
            throw new Check.Problem("must be PrimarySync, all, or a SharedSync-<UUID> name, not '" + value + "'");
        }
        return name;
    }

    private static void add(String key, String flag, Check check) {
        BY_KEY.put(key, new Setting(key, flag, null, check, null));
    }

    private static void derived(String key, String from) {
        BY_KEY.put(key, new Setting(key, null, null, Check.text(), from));
    }

    private static Set<String> prefixes() {
        Set<String> prefixes = new LinkedHashSet<>();
        BY_KEY.keySet().forEach(key -> prefixes.add(key.substring(0, key.indexOf('.'))));
        return Set.copyOf(prefixes);
    }
}
