package com.camelicloud.photos.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Lines of a {@code sync --config} file that lists accounts ({@code accounts.NAME.*}), as a user would write them. */
public final class AccountsConfig {

    private AccountsConfig() {
    }

    /**
     * Account {@code name}: Apple ID {@code appleId}, syncing into {@code home/NAME}, its password (the fake's) in
     * {@code home/NAME.password}, readable by its owner only.
     */
    public static List<String> account(Path home, String name, String appleId) throws IOException {
        Path password = home.resolve(name + ".password");
        Files.writeString(password, FakeDefaults.PASSWORD + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        return List.of(
                "accounts." + name + ".username=" + appleId,
                "accounts." + name + ".directory=" + home.resolve(name),
                "accounts." + name + ".password-file=" + password);
    }
}
