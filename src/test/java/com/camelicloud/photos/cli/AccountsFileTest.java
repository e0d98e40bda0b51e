package com.camelicloud.photos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config file that lists accounts: each account's settings are the file's top-level keys with its own
 * {@code accounts.NAME.KEY} lines over them, checked like a single sync's, and a problem names the account and key.
 */
class AccountsFileTest {

    @TempDir
    Path home;

    private Path config(String... lines) throws IOException {
        return Files.writeString(home.resolve("accounts.properties"), String.join("\n", lines) + "\n");
    }

    private static Settings settings(Path config, String account) {
        return Settings.resolve(List.of(), config, account);
    }

    @Test
    void anAccountsOwnLinesWinOverTheSharedOnesWhereverTheyStandAndNoOtherAccountSeesThem() throws IOException {
        Path config = config(
                "accounts.anna.download.threads=2",
                "download.threads=4",
                "policy.on-delete=quarantine",
                "accounts.anna.username=anna@example.com",
                "accounts.anna.directory=/photos/anna",
                "accounts.bob.username=bob@example.com",
                "accounts.bob.policy.on-delete=delete");

        assertThat(AccountsFile.read(config)).extracting(AccountsFile.Account::name).containsExactly("anna", "bob");
        assertThat(AccountsFile.nameOf(config, "BOB@example.com")).as("-u of login, status…").isEqualTo("bob");
        assertThat(AccountsFile.nameOf(config, "carl@example.com")).isNull();
        Settings anna = settings(config, "anna");
        Settings bob = settings(config, "bob");
        assertThat(anna.get("download.threads")).isEqualTo("2");
        assertThat(anna.get("icloud.username")).isEqualTo("anna@example.com");
        assertThat(anna.get("sync.directory")).isEqualTo("/photos/anna");
        assertThat(anna.get("policy.on-delete")).isEqualTo("quarantine");
        assertThat(bob.get("download.threads")).isEqualTo("4");
        assertThat(bob.get("icloud.username")).isEqualTo("bob@example.com");
        assertThat(bob.get("policy.on-delete")).isEqualTo("delete");
        assertThat(bob.get("sync.directory")).isEmpty();
        assertThat(settings(config, null).get("icloud.username")).as("the shared settings alone").isEmpty();
    }

    @Test
    void aBadValueOrAnUnknownKeyOfAnAccountNamesTheAccountTheKeyAndTheLine() throws IOException {
        Path config = config(
                "accounts.anna.username=anna@example.com",
                "accounts.anna.download.threads=0",
                "accounts.anna.polcy.on-delete=keep",
                "accounts.anna.sync.schedule=cron=0 0 * * * ?");
        String file = config.toAbsolutePath().normalize().toString();

        assertThatThrownBy(() -> settings(config, "anna")).isInstanceOf(UsageException.class)
                .hasMessageContaining(file + " line 2: accounts.anna.download.threads must be")
                .hasMessageContaining("unknown key 'accounts.anna.polcy.on-delete' in " + file + " line 3; "
                        + "did you mean 'accounts.anna.policy.on-delete'?")
                .hasMessageContaining(file + " line 4: accounts.anna.sync.schedule cannot be set");
    }

    @Test
    void aLineThatNamesNoAccountKeyOrAMissingPasswordFileIsRefusedWithItsLine() throws IOException {
        Path config = config(
                "accounts.anna=anna@example.com",
                "accounts.b[1].username=x",
                "accounts.carl.password-file=" + home.resolve("missing"));

        assertThatThrownBy(() -> AccountsFile.read(config)).isInstanceOf(UsageException.class)
                .hasMessageContaining("line 1: 'accounts.anna' is no account setting")
                .hasMessageContaining("line 2: 'accounts.b[1].username' is no account setting")
                .hasMessageContaining("line 3: accounts.carl.password-file " + home.resolve("missing")
                        + " does not exist");
    }

    @Test
    void syncChecksEveryAccountBeforeAnyRunsAndNamesEachAccountsProblem() throws IOException {
        Path config = config(
                "icloud.data-dir=" + home.resolve("state"),
                "accounts.anna.username=anna@example.com",
                "accounts.anna.directory=" + home.resolve("anna"),
                "accounts.anna.content.skip-videos=true",
                "accounts.anna.content.skip-photos=true",
                "accounts.bob.directory=" + home.resolve("bob"),
                "accounts.bob.username=bob@example.com",
                "accounts.bob.download.max-connections-total=50",
                "accounts.carl.directory=" + home.resolve("carl"));

        List<String> errors = run("sync", "--config", config.toString());

        assertThat(errors).contains(
                "Error: --skip-videos and --skip-photos together would skip everything; give one "
                        + "(accounts.anna.content.skip-videos from " + config.toAbsolutePath() + " line 4, "
                        + "accounts.anna.content.skip-photos from " + config.toAbsolutePath() + " line 5)",
                "Error: accounts.bob.download.max-connections-total cannot be set per account: it is the "
                        + "process's, which the accounts share; set it at the top level",
                "Error: accounts.carl.username (the account's Apple ID) is required");
        assertThat(home.resolve("state")).doesNotExist();
    }

    @Test
    void aFlagOfOneAccountIsRefusedWhenTheFileListsAccountsAndAFlagForAllIsChecked() throws IOException {
        Path config = config("accounts.anna.username=anna@example.com");

        assertThat(run("sync", "--config", config.toString(), "--no-progress-bar", "--threads-num", "0"))
                .as("a flag for every account is checked like any").contains("Error: --threads-num must be between 1 and 64, "
                        + "not 0");
        assertThat(run("sync", "--config", config.toString(), "-u", "bob@example.com"))
                .anyMatch(line -> line.startsWith("Error: --username is one account's; " + config + " lists accounts"));
    }

    @Test
    void theExitCodeIsAFailuresOverAPartialCopyAndZeroOnlyWhenEveryAccountSucceeded() {
        assertThat(AccountsSync.exitCode(List.of(0, 0))).isZero();
        assertThat(AccountsSync.exitCode(List.of(0, ExitCode.PARTIAL))).isEqualTo(ExitCode.PARTIAL);
        assertThat(AccountsSync.exitCode(List.of(ExitCode.PARTIAL, ExitCode.AUTHENTICATION, 0)))
                .isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(AccountsSync.exitCode(List.of(ExitCode.ERROR, ExitCode.AUTHENTICATION))).isEqualTo(ExitCode.ERROR);
    }

    private static List<String> run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Application.run(args, new Io(new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), false));
        assertThat(code).isEqualTo(ExitCode.ERROR);
        return new ArrayList<>(err.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
