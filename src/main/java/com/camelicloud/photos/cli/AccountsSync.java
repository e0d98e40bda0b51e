package com.camelicloud.photos.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.camelicloud.photos.cluster.Candidacies;
import com.camelicloud.photos.download.DownloadSlots;
import com.camelicloud.photos.ops.AccountsOps;
import com.camelicloud.photos.ops.OpsMetrics;
import com.camelicloud.photos.ops.SyncHealth;
import com.camelicloud.photos.ops.TwoFactorInbox;
import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.slf4j.MDC;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code sync --config FILE} where the file lists accounts ({@link AccountsFile}): each account is a {@link SyncRunner}
 * of its own (its own camel-main {@code Main}, so its own Camel context running the same packaged routes with its own
 * settings: session, lock, state, schedule, report), on a thread of its own, so that one failing, throttled or
 * waiting for a two-factor code never holds up the others. What they share: the process, its download slots
 * ({@code download.max-connections-total}), its PID file, in a cluster its candidacies ({@link Candidacies}: how
 * many accounts it leads) and, in watch mode, one ops HTTP server answering for each ({@link AccountsOps}). Each
 * account's lines start with its name; the exit code is non-zero when any account's is, and a last line per account
 * says how it went.
 */
final class AccountsSync {

    /** Flags that name one account's Apple ID, password or files: in the file, per account, instead. */
    private static final List<String> ONE_ACCOUNT_FLAGS = List.of("--username", "--password", "--password-file",
            "--password-command", "--directory", "--save-password", "--report-json");

    /** The accounts' one download cap. */
    private static final String SHARED_CAP = "download.max-connections-total";
    /** Settings of what the accounts share: top-level keys only. */
    private static final List<String> PROCESS_KEYS = List.of(SHARED_CAP, "ops.http-port", "ops.http-bind");
    /** How long a stop waits for the accounts' last lines and the summary. */
    private static final Duration SUMMARY_WAIT = Duration.ofSeconds(15);
    /** Where Camel's MDC logging names the context, which log4j2.xml prints. */
    private static final String CAMEL_CONTEXT_MDC = "camel.contextId";

    /** One account, ready to run. */
    private record Prepared(String name, String username, PrintingLines lines, Io io, AccountSettings settings,
                            SyncRunner runner) {
    }

    private final SyncCommand command;
    private final Io io;
    private final CommandSpec spec;
    private final AccountOptions shared;
    private final List<AccountsFile.Account> accounts;

    AccountsSync(SyncCommand command, Io io, CommandSpec spec, AccountOptions shared, List<AccountsFile.Account> accounts) {
        this.command = command;
        this.io = io;
        this.spec = spec;
        this.shared = shared;
        this.accounts = accounts;
    }

    int run() throws Exception {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String flag : ONE_ACCOUNT_FLAGS) {
            if (parsed.hasMatchedOption(flag)) {
                throw new UsageException(flag + " is one account's; " + shared.config + " lists accounts: give it "
                        + "there per account (accounts.NAME.username, .directory, .password-file, .report.file-name…)");
            }
        }
        Logging.configure(AccountSettings.logLevel(shared), false);
        // the shared settings first, so that a problem of a top-level key is told once rather than once per account
        Settings common = Commands.settings(io, spec, shared);
        DownloadSlots slots = new DownloadSlots(Integer.parseInt(common.get(SHARED_CAP)));
        AccountsOps ops = new AccountsOps(accounts.stream().map(AccountsFile.Account::name).toList());
        List<Prepared> prepared = prepare(common, slots, new Candidacies(), ops);
        // A stop (SIGTERM) stops each account's context (SyncRunner's hooks); this one waits for the last lines.
        CountDownLatch done = new CountDownLatch(1);
        Thread waitForSummary = new Thread(() -> awaitQuietly(done), "camel-icloud-photos-accounts-shutdown");
        Runtime.getRuntime().addShutdownHook(waitForSummary);
        Main server = null;
        try (slots; PidFile pid = PidFile.write(command.ops.pidFile)) {
            if (command.isWatch()) {
                server = startOpsServer(common, ops);
            }
            return runAll(prepared);
        } finally {
            if (server != null) {
                server.stop();
            }
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(waitForSummary);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running and ends now
            }
        }
    }

    /**
     * The one ops HTTP server of watch mode (routes/ops-http.yaml on camel-main's embedded server), in a context of
     * its own: {@link AccountsOps} answers for every account, under the bean names its routes call.
     */
    private static Main startOpsServer(Settings common, AccountsOps ops) throws Exception {
        common.derive("ops.enabled", "true");
        Map<String, Object> properties = new LinkedHashMap<>();
        // the shared settings, without what configures the accounts' components and beans: this context has none
        common.camelProperties().forEach((key, value) -> {
            if (!key.startsWith("camel.component.") && !key.startsWith("camel.beans.")) {
                properties.put(key, value);
            }
        });
        properties.put("camel.main.routes-include-pattern", "classpath:routes/ops-http.yaml");
        Main server = new Main();
        // not the packaged application.properties, which configures the accounts' components: only the map above
        server.setDefaultPropertyPlaceholderLocation("false");
        server.setOverrideProperties(properties);
        for (String name : List.of("syncHealth", "opsMetrics", "twoFactorInbox")) {
            server.bind(name, ops);
        }
        // the accounts' contexts own SIGTERM; this one is stopped once they ended
        server.setShutdownStrategy(new SimpleMainShutdownStrategy());
        server.start();
        return server;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SUMMARY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every account's settings, checked like a single sync's; every problem of every account at once. */
    private List<Prepared> prepare(Settings common, DownloadSlots slots, Candidacies candidacies, AccountsOps ops) {
        Set<String> problems = new LinkedHashSet<>();
        List<Prepared> prepared = new ArrayList<>();
        Map<String, String> byLock = new HashMap<>();
        for (AccountsFile.Account account : accounts) {
            try {
                Settings settings = Settings.resolve(spec.commandLine().getParseResult().matchedOptions(),
                        shared.config, account.name());
                String own = AccountsFile.PREFIX + account.name() + ".";
                // the shared keys' warnings were told once already
                settings.warnings().stream().filter(warning -> warning.contains(own))
                        .forEach(warning -> io.err().println("Warning: " + warning));
                for (String key : PROCESS_KEYS) {
                    if (!settings.get(key).equals(common.get(key))) {
                        throw new UsageException(own + key + " cannot be set per account: it is the process's, "
                                + "which the accounts share; set it at the top level");
                    }
                }
                if (settings.get("icloud.username").isBlank()) {
                    throw new UsageException(own + "username (the account's Apple ID) is required");
                }
                AccountOptions options = new AccountOptions();
                options.passwordFile = account.passwordFile();
                AccountSettings accountSettings = new AccountSettings(options, settings);
                String lock = accountSettings.dataDir + "\n" + accountSettings.username;
                String before = byLock.putIfAbsent(lock, account.name());
                if (before != null) {
                    throw new UsageException("the same Apple ID and data directory as accounts." + before
                            + ": two syncs of one account would race on its session and tokens");
                }
                Map<String, Object> properties = command.properties(accountSettings, settings);
                ownContext(account.name(), properties);
                PrintingLines lines = new PrintingLines(io.err(), "[" + account.name() + "] ");
                // the accounts share the terminal: none reads it, each prints its lines under its name
                Io accountIo = new Io(new ByteArrayInputStream(new byte[0]), io.out(),
                        new PrintStream(lines, true, StandardCharsets.UTF_8), false);
                SyncRunner runner = new SyncRunner(accountSettings, accountSettings.passwordSource(false), properties,
                        accountIo, false, command.isWatch(), null).oneOfSeveral(slots, candidacies, context -> ops.started(
                                account.name(), new AccountsOps.Account(
                                        context.getRegistry().lookupByNameAndType("syncHealth", SyncHealth.class),
                                        context.getRegistry().lookupByNameAndType("opsMetrics", OpsMetrics.class),
                                        context.getRegistry().lookupByNameAndType("twoFactorInbox", TwoFactorInbox.class))));
                prepared.add(new Prepared(account.name(), accountSettings.username, lines, accountIo, accountSettings,
                        runner));
            } catch (UsageException e) {
                String own = AccountsFile.PREFIX + account.name() + ".";
                e.getMessage().lines().forEach(line -> problems.add(line.contains(own) ? line
                        : "accounts." + account.name() + ": " + line));
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("\n", problems));
        }
        return prepared;
    }

    /**
     * One context per account in one JVM: named after the account (JMX names, log lines through Camel's MDC), and
     * without the ops HTTP server, which would bind the same port once per account.
     */
    private static void ownContext(String name, Map<String, Object> properties) {
        properties.put("camel.main.name", name);
        properties.put("camel.main.use-mdc-logging", "true");
        String routes = String.valueOf(properties.get("camel.main.routes-include-pattern"));
        properties.put("camel.main.routes-include-pattern", routes.replace(",classpath:routes/ops-http.yaml", ""));
        properties.put("camel.server.enabled", "false");
        properties.put("camel.management.enabled", "false");
    }

    private int runAll(List<Prepared> prepared) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(prepared.size(), task -> {
            Thread thread = new Thread(task, "camel-icloud-photos-account");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Integer>> exits = new ArrayList<>();
            for (Prepared account : prepared) {
                exits.add(threads.submit(() -> Commands.run(account.io(), shared, () -> {
                    // names the account on the log lines of this thread too (set-up, sign-in), as Camel does on its routes'
                    MDC.put(CAMEL_CONTEXT_MDC, account.name());
                    try (AccountLock lock = AccountLock.acquire(account.settings().dataDir, account.username())) {
                        return account.runner().run();
                    } finally {
                        MDC.remove(CAMEL_CONTEXT_MDC);
                    }
                })));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> exit : exits) {
                codes.add(exit.get());
            }
            io.err().println("Accounts:");
            for (int i = 0; i < prepared.size(); i++) {
                Prepared account = prepared.get(i);
                io.err().println("  " + account.name() + " (" + account.username() + "): " + outcome(codes.get(i))
                        + account.lines().last().map(line -> ": " + line).orElse(""));
            }
            return exitCode(codes);
        } finally {
            threads.shutdownNow();
        }
    }

    private static String outcome(int code) {
        return switch (code) {
            case ExitCode.SUCCESS -> "ok";
            case ExitCode.PARTIAL -> "partial";
            default -> "FAILED (exit code " + code + ")";
        };
    }

    /** Zero when every account's is; a failure's code over a partial copy's; 1 when accounts failed differently. */
    static int exitCode(List<Integer> codes) {
        Set<Integer> failures = new LinkedHashSet<>();
        codes.stream().filter(code -> code != ExitCode.SUCCESS && code != ExitCode.PARTIAL).forEach(failures::add);
        if (!failures.isEmpty()) {
            return failures.size() == 1 ? failures.iterator().next() : ExitCode.ERROR;
        }
        return codes.contains(ExitCode.PARTIAL) ? ExitCode.PARTIAL : ExitCode.SUCCESS;
    }

    /**
     * An account's messages, each line whole and starting with the account's name, so that the accounts' lines never
     * mix; the last line is kept for the summary.
     */
    static final class PrintingLines extends OutputStream {

        private final PrintStream target;
        private final String prefix;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private volatile String last;

        PrintingLines(PrintStream target, String prefix) {
            this.target = target;
            this.prefix = prefix;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (!text.isBlank()) {
                    last = text.strip();
                }
                target.println(prefix + text);
            } else {
                line.write(b);
            }
        }

        Optional<String> last() {
            return Optional.ofNullable(last);
        }
    }
}
