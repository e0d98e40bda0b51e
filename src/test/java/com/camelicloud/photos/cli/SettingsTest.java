package com.camelicloud.photos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The table of settings: every key of config/application.properties is in it, and a value is checked the same way
 * whether it comes from a flag, the --config file or a system property, with a message naming where it came from.
 */
class SettingsTest {

    @TempDir
    Path home;

    private static List<OptionSpec> flags(String... args) {
        Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), false);
        return new CommandLine(new SyncCommand(io)).parseArgs(args).matchedOptions();
    }

    private Path config(String... lines) throws IOException {
        return Files.writeString(home.resolve("my.properties"), String.join("\n", lines) + "\n");
    }

    private static String problem(List<OptionSpec> flags, Path config) {
        try {
            Settings.resolve(flags, config);
        } catch (UsageException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void everyKeyOfTheDefaultsIsInTheTableAndEveryDefaultPassesItsCheck() throws IOException {
        byte[] defaults;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(Settings.PACKAGED_DEFAULTS)) {
            defaults = in.readAllBytes();
        }
        Set<String> keys = PropertiesFile.parse(defaults, "defaults").stream().map(PropertiesFile.Entry::key)
                .collect(Collectors.toSet());

        assertThat(keys.stream().filter(key -> !key.startsWith(SettingCatalog.CAMEL_PREFIX)))
                .allSatisfy(key -> assertThat(SettingCatalog.find(key)).as(key).isPresent());
        assertThat(SettingCatalog.all()).filteredOn(setting -> !setting.isDerived())
                .allSatisfy(setting -> assertThat(keys).as("a default for " + setting.key()).contains(setting.key()));
        Settings settings = Settings.resolve(flags(), null);
        assertThat(settings.get("policy.on-delete")).isEqualTo("keep");
        assertThat(settings.get("icloud.data-dir")).isEqualTo(System.getProperty("user.home") + "/.config/camel-icloud-photos");
    }

    @Test
    void everyFlagOfTheTableIsAnOptionOfSyncOrLogin() {
        Io io = new Io(new ByteArrayInputStream(new byte[0]), System.out, System.err, false);
        Set<String> options = new java.util.HashSet<>();
        for (Object command : List.of(new SyncCommand(io), new LoginCommand(io))) {
            new CommandLine(command).getCommandSpec().options().forEach(option -> options.addAll(List.of(option.names())));
        }

        assertThat(SettingCatalog.all()).filteredOn(setting -> setting.flag() != null)
                .allSatisfy(setting -> assertThat(options).as(setting.key()).contains(setting.flag()));
    }

    /** One check per setting, whatever the source: the message names the flag, or the file and line, or the property. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--threads-num            | download.threads         | -5        | must be between 1 and 64, not -5",
        "--on-delete              | policy.on-delete         | nuke      | must be keep, quarantine or delete, not 'nuke'",
        "--on-hidden              | policy.on-hidden         | hide      | must be keep, skip or quarantine",
        "--on-purge               | policy.on-purge          | quarantine| must be keep or delete",
        "--purge-after-days       | policy.purge-after-days  | -1        | must be between 0 and 36500",
        "--album-link             | layout.album-link        | symlink   | must be hardlink or copy",
        "--size                   | content.sizes            | huge      | accepted values: original, medium, thumb, adjusted, alternative",
        "--live-photo-mode        | content.live-photo-mode  | sometimes | accepted values: both, image-only, video-only, skip",
        "--align-raw              | content.align-raw        | raw       | accepted values: as-is, original, alternative",
        "--folder-structure       | layout.folder-structure  | ../x/%Y   | would leave the download directory",
        "--skip-created-before    | content.skip-created-before | yesterday | must be an ISO date",
        "--bandwidth-limit        | download.bandwidth-limit | fast      | bandwidth limit 'fast'",
        "--max-retries            | download.max-retries     | 101       | must be between 0 and 100",
        "--max-download-attempts  | download.max-download-attempts | 0   | must be between 1 and 1000",
        "--temp-suffix            | download.temp-suffix     | a/b       | must be a file name such as .icloud-tmp",
        "--domain                 | icloud.domain            | de        | must be com or cn, not 'de'",
        "--library                | sync.library             | Photos    | must be PrimarySync, all, or a SharedSync-<UUID> name",
        "--http-port              | ops.http-port            | 70000     | must be between 1 and 65535",
        "--auth-endpoint          | icloud.auth-endpoint     | ftp://x   | must be an http(s) URL",
        "--file-match-policy      | layout.file-match-policy | name-id8  | accepted values: name-size-dedup-with-suffix, name-id7",
        "--keep-icloud-recent-days | policy.keep-icloud-recent-days | -1  | must be between 0 and 36500, not -1",
    })
    void aBadValueIsRefusedAlikeFromAFlagAFileAndASystemProperty(String flag, String key, String value, String expected)
            throws IOException {
        assertThat(problem(flags(flag, value), null)).contains(flag).contains(expected);

        Path file = config("# mine", key + "=" + value);
        assertThat(problem(flags(), file)).startsWith(file + " line 2: " + key).contains(expected);

        System.setProperty(key, value);
        try {
            assertThat(problem(flags(), null)).startsWith("system property " + key + ": " + key).contains(expected);
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void aFlagWinsOverTheFileAndIsTheValueCamelGets() throws IOException {
        Path file = config("download.threads=8", "policy.on-delete=delete");

        Settings settings = Settings.resolve(flags("--threads-num", "4", "--on-delete", "Quarantine"), file);

        Map<String, Object> camel = settings.camelProperties();
        assertThat(camel).containsEntry("download.threads", "4").containsEntry("policy.on-delete", "quarantine");
        assertThat(settings.origin("download.threads").where()).isEqualTo("--threads-num");
    }

    @Test
    void camelGetsTheCheckedValueWithItsPlaceholdersResolvedAndTheUsersOwnKeysAsWritten() throws IOException {
        Path file = config("policy.on-hidden=QUARANTINE", "examples.limit=7", "download.threads={{examples.limit}}",
                "camel.main.name=mine");

        Settings settings = Settings.resolve(flags(), file);

        assertThat(settings.camelProperties()).containsEntry("policy.on-hidden", "quarantine")
                .containsEntry("download.threads", "7").containsEntry("examples.limit", "7")
                .containsEntry("camel.main.name", "mine");
        assertThat(settings.warnings()).containsExactly(file + " line 2: 'examples.limit' is not a "
                + "camel-icloud-photos setting; only your own routes see it");
    }

    @Test
    void aPlaceholderIsCheckedAfterItIsResolved() throws IOException {
        Path file = config("examples.limit=70", "download.threads={{examples.limit}}");

        assertThat(problem(flags(), file)).isEqualTo(file + " line 2: download.threads must be between 1 and 64, not 70");
    }

    @Test
    void anUnknownKeyOfThisProjectIsAnErrorNamingTheNearestKnownOne() throws IOException {
        Path file = config("polcy.on-delete=quarantine", "download.thread=4", "layout.mystery=1", "camel.main.name=x",
                "my.own.key=1");

        assertThat(problem(flags(), file).lines()).containsExactly(
                "unknown key 'polcy.on-delete' in " + file + " line 1; did you mean 'policy.on-delete'?",
                "unknown key 'download.thread' in " + file + " line 2; did you mean 'download.threads'?",
                "unknown key 'layout.mystery' in " + file + " line 3; the keys are those of config/application.properties");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() throws IOException {
        Path file = config("policy.on-delete=nuke", "download.threads=-5", "content.sizes=huge");

        assertThat(problem(flags(), file).lines()).hasSize(3);
    }

    @Test
    void aKeyTheCommandLineDerivesCannotBeSet() throws IOException {
        Path file = config("sync.schedule=cron=0+0+*+*+*+?", "icloud.account-key=other");

        assertThat(problem(flags(), file).lines()).containsExactly(
                file + " line 2: icloud.account-key cannot be set; it follows the Apple ID (-u)",
                file + " line 1: sync.schedule cannot be set; it follows --watch-with-interval or --cron");
    }

    @Test
    void settingsThatCannotGoTogetherNameWhereEachCameFrom() throws IOException {
        Path file = config("content.skip-photos=true");

        assertThat(problem(flags("--skip-videos"), file))
                .contains("--skip-videos and --skip-photos together would skip everything")
                .contains("content.skip-photos from " + file + " line 1");
    }

    @Test
    void theTwoWaysOfFreeingICloudSpaceCannotGoTogether() throws IOException {
        Path file = config("policy.keep-icloud-recent-days=30");

        assertThat(problem(flags("--delete-after-download"), file))
                .contains("--delete-after-download and policy.keep-icloud-recent-days from " + file + " line 1 cannot be "
                        + "given together");
        assertThat(Settings.resolve(flags("--keep-icloud-recent-days", "0"), null).camelProperties())
                .containsEntry("policy.keep-icloud-recent-days", "0").containsEntry("policy.delete-after-download", "false");
    }

    @Test
    void aFileOfRandomBytesIsNoSettingsFile() throws IOException {
        byte[] noise = new byte[4096];
        new Random(11).nextBytes(noise);
        Path file = Files.write(home.resolve("noise.properties"), noise);

        assertThat(problem(flags(), file)).startsWith(file + " line ").contains("not UTF-8 text");
    }

    @Test
    void controlCharactersAndImpossibleKeysAreNoSettingsFile() throws IOException {
        Path binary = Files.write(home.resolve("binary.properties"),
                "policy.on-delete=keep\nsome\u0000thing=1\n".getBytes(StandardCharsets.UTF_8));
        Path json = config("{\"policy\": \"keep\"}");

        assertThat(problem(flags(), binary)).isEqualTo(binary + " line 2: control character 0x0; a settings file is a "
                + "properties text file (key=value lines)");
        assertThat(problem(flags(), json)).startsWith(json + " line 1: '{\"policy\"' is not a setting key");
    }

    @Test
    void continuationLinesAndEscapesKeepTheLineTheyStartOn() throws IOException {
        Path file = config("# a comment \\", "content.albums=Trips,\\", "    Family", "", "policy.on-delete = \\u006euke");

        assertThat(problem(flags(), file)).isEqualTo(file + " line 5: policy.on-delete must be keep, quarantine or "
                + "delete, not 'nuke'");
    }

    @Test
    void aRepeatableFlagValueCannotHoldTheListSeparator() {
        assertThatThrownBy(() -> Settings.resolve(flags("--album", "Trips, 2024"), null))
                .isInstanceOf(UsageException.class).hasMessage("--album values cannot contain a comma: 'Trips, 2024'");
    }

    @Test
    void theNearestKeyIsOnlySuggestedWhenItIsClose() {
        assertThat(SettingCatalog.nearest("policy.ondelete")).contains("policy.on-delete");
        assertThat(SettingCatalog.nearest("downlaod.threads")).contains("download.threads");
        assertThat(SettingCatalog.nearest("examples.webhook-url")).isEmpty();
        assertThat(SettingCatalog.isProjectLike("polcy.on-delete")).isTrue();
        assertThat(SettingCatalog.isProjectLike("examples.webhook-url")).isFalse();
        assertThat(SettingCatalog.isProjectLike("app.name")).isFalse();
    }

    @Test
    void noCheckEchoesASecret() throws IOException {
        List<String> secrets = new ArrayList<>(List.of("destination.s3.secret-key", "destination.sftp.password",
                "state.password"));
        Path file = config(secrets.stream().map(key -> key + "=s3cr3t{{not}}").toArray(String[]::new));

        assertThat(problem(flags(), file)).doesNotContain("s3cr3t").contains("refers to {{not}}, which is not set");
    }
}
