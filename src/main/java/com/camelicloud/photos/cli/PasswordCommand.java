package com.camelicloud.photos.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import com.camelicloud.photos.credentials.CredentialStore;
import com.camelicloud.photos.credentials.CredentialStoreException;
import com.camelicloud.photos.credentials.CredentialStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code password set|clear|backend}: the password kept in a credential store for later runs. */
@Command(name = "password", mixinStandardHelpOptions = true,
        description = "Keep the iCloud password in a credential store (OS keyring, systemd credential or an "
                + "encrypted file), so that a sign-in needs no password source.",
        subcommands = {PasswordCommand.Set.class, PasswordCommand.Clear.class, PasswordCommand.Backend.class})
public class PasswordCommand {

    /** What every subcommand starts with: the account's settings, refusing the flags that give a password. */
    private static AccountSettings settings(Io io, CommandSpec spec, AccountOptions account) {
        if (account.password != null || account.passwordFile != null || account.passwordCommand != null) {
            throw new UsageException("the password commands take no -p, --password-file or --password-command: "
                    + "`password set` asks on the terminal or reads one line of stdin");
        }
        return Commands.account(io, spec, account);
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Store the password in the credential store in use: asked on the terminal, or one line "
                    + "of stdin (printf '%%s\\n' \"$PW\" | camel-icloud-photos password set -u APPLE_ID).")
    public static class Set implements Callable<Integer> {

        @Mixin
        AccountOptions account = new AccountOptions();

        @Spec
        CommandSpec spec;

        private final Io io;

        public Set(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            return Commands.run(io, account, () -> {
                AccountSettings settings = settings(io, spec, account);
                CredentialStore store = settings.passwordStores().inUse();
                // Said before asking, so that nobody types a password for nothing.
                store.readOnlyReason().ifPresent(reason -> {
                    throw new UsageException("the password cannot be stored here: " + reason);
                });
                char[] password = read(settings.username);
                try {
                    store.write(settings.username, password);
                    io.err().println("Stored the password of " + settings.username + " in the " + store.name() + ": "
                            + store.location(settings.username));
                    return ExitCode.SUCCESS;
                } catch (CredentialStoreException e) {
                    throw new UsageException("the password was not stored: " + e.getMessage());
                } finally {
                    Arrays.fill(password, '\0');
                }
            });
        }

        /** Twice on a terminal, so that a typo is not stored; else the first line of stdin. */
        private char[] read(String appleId) throws IOException {
            Console console = System.console();
            if (io.interactive() && console != null) {
                char[] first = console.readPassword("iCloud password for %s: ", appleId);
                char[] again = first == null || first.length == 0 ? null : console.readPassword("Again: ");
                try {
                    if (first == null || first.length == 0) {
                        throw new UsageException("no password entered");
                    }
                    if (!Arrays.equals(first, again)) {
                        throw new UsageException("the two passwords differ; nothing was stored");
                    }
                    return first.clone();
                } finally {
                    wipe(first);
                    wipe(again);
                }
            }
            String line = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new UsageException("no password on stdin: give it as one line (printf '%s\\n' \"$PW\" | … password set)");
            }
            return line.toCharArray();
        }

        private static void wipe(char[] chars) {
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Remove the account's stored password from every credential store that can be used here.")
    public static class Clear implements Callable<Integer> {

        @Mixin
        AccountOptions account = new AccountOptions();

        @Spec
        CommandSpec spec;

        private final Io io;

        public Clear(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            return Commands.run(io, account, () -> {
                AccountSettings settings = settings(io, spec, account);
                int status = ExitCode.SUCCESS;
                for (CredentialStores.Candidate candidate : settings.passwordStores().candidates()) {
                    if (!candidate.usable()) {
                        continue;
                    }
                    CredentialStore store = candidate.store();
                    if (store.readOnlyReason().isPresent()) {
                        io.err().println("Error: the " + store.name() + " stays: " + store.readOnlyReason().get());
                        status = ExitCode.ERROR;
                        continue;
                    }
                    try {
                        io.err().println(store.delete(settings.username)
                                ? "Removed the password of " + settings.username + " from the " + store.name()
                                : "The " + store.name() + " holds no password of " + settings.username);
                    } catch (CredentialStoreException e) {
                        io.err().println("Error: the " + store.name() + " still holds the password: " + e.getMessage());
                        status = ExitCode.ERROR;
                    }
                }
                return status;
            });
        }
    }

    @Command(name = "backend", mixinStandardHelpOptions = true,
            description = "Say which credential store is in use and why, and whether it holds the account's password.")
    public static class Backend implements Callable<Integer> {

        @Mixin
        AccountOptions account = new AccountOptions();

        @Spec
        CommandSpec spec;

        private final Io io;

        public Backend(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            return Commands.run(io, account, () -> {
                AccountSettings settings = settings(io, spec, account);
                CredentialStores stores = settings.passwordStores();
                CredentialStore inUse = stores.inUse();
                io.out().println("In use: the " + inUse.name() + ", " + inUse.location(settings.username));
                io.out().println("Stores, best first:");
                for (CredentialStores.Candidate candidate : stores.candidates()) {
                    String state = candidate.store() == inUse ? "in use"
                            : candidate.unavailableReason().map(reason -> "not usable: " + reason)
                            .orElse("usable; a password kept here is read when the stores above hold none");
                    io.out().println("  " + candidate.store().name() + ": " + state);
                }
                io.out().println(stores.holding(settings.username)
                        .map(store -> "A password of " + settings.username + " is stored in the " + store.name() + ".")
                        .orElse("No password of " + settings.username + " is stored."));
                return ExitCode.SUCCESS;
            });
        }
    }
}
