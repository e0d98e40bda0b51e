package com.camelicloud.photos.cli;

import java.util.concurrent.Callable;

import com.camelicloud.photos.auth.ConsoleCodeSource;
import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.state.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code login}: sign in (asking the two-factor code if needed) and store the session. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Sign in to iCloud, answer two-factor authentication, and store the session for later runs.")
public class LoginCommand implements Callable<Integer> {

    @Mixin
    AccountOptions account = new AccountOptions();

    private final Io io;

    public LoginCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return Commands.run(io, account, () -> {
            AccountSettings settings = new AccountSettings(account);
            Logging.configure(settings.logLevel, false);
            try (AccountLock lock = AccountLock.acquire(settings.dataDir, settings.username)) {
                ICloudAccount icloud = new ICloudAccount(settings.username, settings.accountSettings(),
                        settings.passwordSource(), new ConsoleCodeSource(io.in(), io.err(), io.interactive()));
                icloud.signIn();
                io.err().println("Signed in as " + settings.username + "; the session is stored in "
                        + new DataDirectory(settings.dataDir).sessionFile(settings.username));
                icloud.authenticator().trustDaysLeft().ifPresent(days -> io.err().println(
                        "Two-factor trust of this machine lasts about " + days + " more days."));
                return ExitCode.SUCCESS;
            }
        });
    }
}
