package com.camelicloud.photos.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.camelicloud.photos.auth.CodeHandoff;
import com.camelicloud.photos.auth.ConsoleCodeSource;
import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.auth.TwoFactorCodeSource;
import com.camelicloud.photos.state.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code login}: sign in (asking the two-factor code if needed) and store the session. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Sign in to iCloud, answer two-factor authentication, and store the session for later runs.")
public class LoginCommand implements Callable<Integer> {

    private static final Duration HANDOVER_WAIT = Duration.ofSeconds(90);

    @Mixin
    AccountOptions account = new AccountOptions();

    @Mixin
    SavePasswordFlag save = new SavePasswordFlag();

    @Spec
    CommandSpec spec;

    @Option(names = "--code", paramLabel = "CODE", description = "The two-factor code, for scripts and services: handed to a running sync that waits for one, else used to sign in here")
    String code;

    private final Io io;

    public LoginCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return Commands.run(io, account, () -> {
            AccountSettings settings = Commands.account(io, spec, account);
            String givenCode = code == null ? null : CodeHandoff.normalize(code).orElseThrow(() ->
                    new UsageException("--code must be the six digits Apple sent, not '" + code + "'"));
            CodeHandoff handoff = new CodeHandoff(settings.dataDir, settings.username);
            Optional<Long> waiting = handoff.waitingProcess();
            if (givenCode != null && waiting.isPresent()) {
                return handOver(handoff, waiting.get(), givenCode);
            }
            Optional<AccountLock> unlocked = AccountLock.tryAcquire(settings.dataDir, settings.username);
            if (unlocked.isEmpty() && givenCode != null) {
                // A watch-mode sync holds the lock; it would have announced itself above if it waited for a code.
                throw new UsageException("no sync is waiting for a code: the camel-icloud-photos running for "
                        + settings.username + " is signed in. When it needs a code it says so (2fa_required, /healthz); "
                        + "give the code then");
            }
            try (AccountLock lock = unlocked.orElseGet(() -> AccountLock.acquire(settings.dataDir, settings.username))) {
                TwoFactorCodeSource codes = givenCode == null
                        ? new ConsoleCodeSource(io.in(), io.err(), io.interactive())
                        : challenge -> challenge.attempt() == 1 ? givenCode : null;
                ICloudAccount icloud = new ICloudAccount(settings.username, settings.accountSettings(),
                        settings.passwordSource(save.savePassword), codes);
                icloud.signIn();
                io.err().println("Signed in as " + settings.username + "; the session is stored in "
                        + new DataDirectory(settings.dataDir).sessionFile(settings.username));
                icloud.authenticator().trustDaysLeft().ifPresent(days -> io.err().println(
                        "Two-factor trust of this machine lasts about " + days + " more days."));
                if (save.savePassword && settings.passwordStores().holding(settings.username).isEmpty()) {
                    io.err().println("The stored session was reused, so no password was asked and none was stored; "
                            + "`password set` stores one.");
                }
                return ExitCode.SUCCESS;
            }
        });
    }

    /** Gives the code to the sync that waits for it in another process and reports Apple's answer. */
    private int handOver(CodeHandoff handoff, long pid, String givenCode) throws InterruptedException {
        handoff.handOver(givenCode);
        io.err().println("Handed the code to the sync running as process " + pid + "; waiting for Apple's answer...");
        Optional<CodeHandoff.Outcome> outcome = handoff.awaitResult(HANDOVER_WAIT);
        if (outcome.isEmpty()) {
            io.err().println("The running sync has not reported on the code within " + HANDOVER_WAIT.toSeconds()
                    + " s; see its log or /healthz");
            return ExitCode.ERROR;
        }
        if (outcome.get().result() == CodeHandoff.Result.ACCEPTED) {
            io.err().println("Apple accepted the code; the running sync goes on.");
            return ExitCode.SUCCESS;
        }
        io.err().println("Apple refused the code: " + outcome.get().message());
        return ExitCode.AUTHENTICATION;
    }
}
