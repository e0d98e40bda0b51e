package com.camelicloud.photos.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.camelicloud.photos.auth.AuthenticationException;
import com.camelicloud.photos.auth.ConsoleCodeSource;
import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.auth.PasswordSource;
import com.camelicloud.photos.auth.TwoFactorCodeSource;
import com.camelicloud.photos.cluster.Candidacies;
import com.camelicloud.photos.download.DownloadSlots;
import com.camelicloud.photos.runtime.PackagedRoutes;
import com.camelicloud.photos.runtime.SyncBeans;
import com.camelicloud.photos.sync.SyncReport;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.apache.camel.spi.AsyncProcessorAwaitManager;
import org.apache.camel.support.PluginHelper;

/**
 * Runs the sync routes: signs in first, on the terminal, so that a password or two-factor prompt never
 * happens inside a route; then starts Camel and runs a {@link Job} on them: the sync's own waits for the first cycle
 * (or, in watch mode, for a stop signal) and turns the report into an exit code; {@code verify} brings its own.
 */
final class SyncRunner implements RunningRoutes {

    /** What a command does once the routes run. */
    interface Job {
        /** @return the exit code */
        int run(RunningRoutes routes) throws Exception;
    }

    /** How long a stop waits for the summary and clean-up after Camel stopped. */
    private static final Duration EXIT_REPORT_WAIT = Duration.ofSeconds(10);

    private final AccountSettings settings;
    private final PasswordSource passwords;
    private final Map<String, Object> properties;
    private final Io io;
    private final boolean progressBar;
    private final boolean watch;
    private final Path pidFile;
    private final Job job;
    /** Counted down when {@link #run()} has reported and cleaned up. */
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Counted down when a stop (SIGTERM) stopped Camel. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** One account of several in the process ({@link #oneOfSeveral}), rather than a run of its own. */
    private boolean oneOfSeveral;
    private DownloadSlots downloadSlots;
    /** The process's candidacies in a cluster, shared by its accounts; this account's own when it is alone. */
    private Candidacies candidacies = new Candidacies();
    /** Told of the context once it started: the process's ops server answers for it then. */
    private Consumer<CamelContext> started = context -> {
    };
    private Main main;
    private SyncReport report;
    private ProgressDisplay progress;

    /** The sync: one cycle, or watch mode until a stop. */
    SyncRunner(AccountSettings settings, PasswordSource passwords, Map<String, Object> properties, Io io,
               boolean progressBar, boolean watch, Path pidFile) {
        this(settings, passwords, properties, io, progressBar, watch, pidFile, null);
    }

    /** Another command's {@code job} on the same routes, signed in and stopped the same way (never watch mode). */
    SyncRunner(AccountSettings settings, PasswordSource passwords, Map<String, Object> properties, Io io,
               boolean progressBar, Job job) {
        this(settings, passwords, properties, io, progressBar, false, null, job);
    }

    private SyncRunner(AccountSettings settings, PasswordSource passwords, Map<String, Object> properties, Io io,
                       boolean progressBar, boolean watch, Path pidFile, Job job) {
        this.settings = settings;
        this.passwords = passwords;
        this.properties = properties;
        this.io = io;
        this.progressBar = progressBar;
        this.watch = watch;
        this.pidFile = pidFile;
        this.job = job != null ? job : watch ? this::watchUntilStopped : routes -> {
            routes.awaitCycle();
            return routes.exitCode();
        };
    }

    /**
     * Makes this run one account of several in the process ({@link AccountsSync}, which names the account in its
     * Camel context's name and in the lines it prints): it signs in inside its first cycle (a code arrives through /mfa or
     * {@code login --code}, never the terminal several accounts share), its downloads take {@code slots} shared
     * with the others, in a cluster it stands for leadership by {@code candidacies} shared with them (so that the
     * accounts spread over the nodes), and {@code started} is told of its context once it started.
     */
    SyncRunner oneOfSeveral(DownloadSlots slots, Candidacies candidacies, Consumer<CamelContext> started) {
        this.oneOfSeveral = true;
        this.downloadSlots = slots;
        this.candidacies = candidacies;
        this.started = started;
        return this;
    }

    int run() throws Exception {
        try (PidFile pid = PidFile.write(pidFile)) {
            return signInAndRun();
        } finally {
            finished.countDown();
        }
    }

    private int signInAndRun() throws Exception {
        TwoFactorCodeSource console = new ConsoleCodeSource(io.in(), io.err(), io.interactive());
        boolean onTerminal = !oneOfSeveral && (!watch || io.interactive());
        if (onTerminal) {
            // Someone is at the terminal (or a one-off run must fail fast): sign in here, before Camel starts.
            // Unattended watch mode, and each of several accounts, signs in inside the first cycle, where a code can
            // arrive over /mfa or login --code.
            new ICloudAccount(settings.username, settings.accountSettings(), passwords, console).signIn();
        }
        if (!oneOfSeveral && !watch) {
            properties.put("auth.two-factor-source", "consoleCodeSource");
        }
        if (downloadSlots != null) {
            // a single account's downloads are bounded by its threads alone (--threads-num)
            properties.put("camel.component.icloud-photos.configuration.download-slots", "#bean:downloadSlots");
        }

        main = new Main();
        // Every setting is in the override properties, checked (Settings); the packaged defaults stay a source.
        main.setPropertyPlaceholderLocations("classpath:" + Settings.PACKAGED_DEFAULTS);
        main.setOverrideProperties(properties);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeInitialize(BaseMainSupport support) {
                // Camel would let an environment variable or system property win over the checked values, a flag's
                // among them; Settings already gave them their place, so Camel only falls back on them.
                PropertiesComponent placeholders = (PropertiesComponent) support.getCamelContext().getPropertiesComponent();
                placeholders.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_FALLBACK);
                placeholders.setSystemPropertiesMode(PropertiesComponent.SYSTEM_PROPERTIES_MODE_FALLBACK);
            }
        });
        // beside any configuration class a user names in camel.main.configuration-classes
        main.configure().addConfiguration(new SyncBeans());
        main.bind("passwordSource", passwords);
        main.bind("consoleCodeSource", console);
        if (downloadSlots != null) {
            main.bind("downloadSlots", downloadSlots);
        }
        main.bind(Candidacies.BEAN_NAME, candidacies);
        main.addMainListener(new UserRoutes());
        // after the user's routes: a dry run replaces every route that writes, whoever wrote it
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport support) {
                try {
                    PackagedRoutes.replaceForDryRun(support.getCamelContext());
                } catch (Exception e) {
                    throw new IllegalStateException("cannot load the dry run's routes: " + e.getMessage(), e);
                }
            }
        });
        // The hook below owns SIGTERM. camel-main's default strategy adds a hook of its own that only waits for the
        // context to stop; with both, the routes could miss a stop until camel-main gave up waiting (2 minutes).
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        // SIGTERM: Camel finishes the files in progress and stores what completed; the JVM then waits for this
        // thread to report and remove the PID file instead of halting half-way.
        Thread shutdownHook = new Thread(() -> {
            stopQuietly(main);
            stopped.countDown();
            awaitQuietly(finished);
        }, "camel-icloud-photos-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            main.start();
            started.accept(main.getCamelContext());
            report = main.lookup("syncReport", SyncReport.class);
            progress = new ProgressDisplay(report, io, progressBar);
            progress.start();
            return job.run(this);
        } finally {
            if (progress != null) {
                progress.stop();
            }
            stopQuietly(main);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running; it stops Camel itself
            }
        }
    }

    @Override
    public CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public SyncReport report() {
        return report;
    }

    @Override
    public void awaitCycle() throws InterruptedException {
        // Not just while Camel is started: a stop (SIGTERM) ends the cycle, as interrupted, while Camel is stopping.
        // Leaving at the first sign of stopping printed a "Done" summary with files still in flight, never said the
        // run had stopped, and removed the PID file of a process still writing files.
        while (report.cycles() < 1 && !main.getCamelContext().isStopped()) {
            if (stopped.await(100, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        awaitCycleEnd(main.getCamelContext(), stopped);
        progress.stop();
        progress = null;
    }

    @Override
    public int exitCode() {
        io.err().println(ProgressDisplay.summary(report));
        return switch (report.status()) {
            case SUCCESS -> ExitCode.SUCCESS;
            case PARTIAL -> ExitCode.PARTIAL;
            case FAILED -> {
                io.err().println("Sync failed: " + report.error());
                yield report.failure() instanceof AuthenticationException auth && !auth.isThrottling()
                        ? ExitCode.AUTHENTICATION : ExitCode.ERROR;
            }
            case INTERRUPTED -> {
                io.err().println("Stopped: " + report.error());
                yield ExitCode.ERROR;
            }
            case RUNNING -> ExitCode.ERROR;
        };
    }

    /** Watch mode: a summary line per cycle until a stop signal. */
    private int watchUntilStopped(RunningRoutes routes) throws InterruptedException {
        routes.report().addListener(new SyncReport.Listener() {
            @Override
            public void cycleFinished(SyncReport cycle) {
                io.err().println(ProgressDisplay.summary(cycle)
                        + (cycle.status() == SyncReport.Status.SUCCESS || cycle.status() == SyncReport.Status.PARTIAL
                        ? "" : " Cycle " + cycle.status().name().toLowerCase(Locale.ROOT) + ": " + cycle.error()));
            }
        });
        stopped.await();
        return ExitCode.SUCCESS;
    }

    /**
     * The report is final before the cycle's exchange ends: the exchange still runs the notification script and
     * writes {@code --report-json}. Stopping Camel under it cut both short and made Camel dump the blocked exchange
     * into the log, body and all (the sync token). So the run ends when no exchange is left, or on a stop signal.
     */
    private static void awaitCycleEnd(CamelContext context, CountDownLatch stopped) throws InterruptedException {
        AsyncProcessorAwaitManager blocked = PluginHelper.getAsyncProcessorAwaitManager(context);
        while (!context.isStopped() && (context.getInflightRepository().size() > 0 || blocked.size() > 0)) {
            if (stopped.await(20, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(EXIT_REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopQuietly(Main main) {
        try {
            if (!main.isStopped()) {
                main.stop();
            }
        } catch (RuntimeException e) {
            // stopping after a failure must not hide the failure
        }
    }
}
