package com.camelicloud.photos.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import com.camelicloud.photos.auth.ConsoleCodeSource;
import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.cloudkit.ZoneId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code list libraries} and {@code list albums}: what iCloud holds, asked with the stored session (signing in like
 * {@code login} when it cannot be reused), one name per line on stdout for scripts.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List what the account holds in iCloud, one per line.",
        subcommands = {ListCommand.Libraries.class, ListCommand.Albums.class})
public class ListCommand {

    /** {@code list libraries}: the names {@code sync --library} accepts. */
    @Command(name = "libraries", mixinStandardHelpOptions = true,
            description = "The photo libraries of the account (PrimarySync, and each SharedSync-… Shared Library), "
                    + "as --library names them.")
    public static class Libraries implements Callable<Integer> {

        @Mixin
        AccountOptions account = new AccountOptions();

        @Spec
        CommandSpec spec;

        private final Io io;

        public Libraries(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            return signedIn(io, spec, account, icloud -> {
                icloud.cloudKit().photoLibraries().forEach(zone -> io.out().println(zone.zoneName()));
                return ExitCode.SUCCESS;
            });
        }
    }

    /** {@code list albums}: user albums, with the folders they are in. */
    @Command(name = "albums", mixinStandardHelpOptions = true,
            description = "The albums of a library, as Folder/Album paths for albums inside folders "
                    + "(Shared Libraries have none).")
    public static class Albums implements Callable<Integer> {

        /** docs/protocol.md §3.6, §5.5: 0 album, 3 folder, 6 smart album. */
        private static final long ALBUM = 0;
        /** Deeper folder chains are taken to be a loop. */
        private static final int MAX_DEPTH = 64;

        @Mixin
        AccountOptions account = new AccountOptions();

        @Spec
        CommandSpec spec;

        @Option(names = "--library", paramLabel = "NAME", description = "PrimarySync (default) or a SharedSync-<UUID> name")
        String library = ZoneId.PRIMARY;

        private final Io io;

        public Albums(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            return signedIn(io, spec, account, icloud -> {
                List<ZoneId> libraries = icloud.cloudKit().photoLibraries();
                ZoneId zone = libraries.stream().filter(z -> z.zoneName().equals(library.trim())).findFirst()
                        .orElseThrow(() -> new UsageException("this account has no library named " + library
                                + "; libraries found: " + String.join(", ", libraries.stream().map(ZoneId::zoneName).toList())));
                paths(icloud.cloudKit().albumTree(zone)).forEach(io.out()::println);
                return ExitCode.SUCCESS;
            });
        }

        /** The albums in iCloud's order, each with the names of the folders it is in (sentinels and deleted left out). */
        static List<String> paths(List<CkRecord> records) {
            Map<String, CkRecord> byName = new LinkedHashMap<>();
            records.stream().filter(r -> !r.flag("isDeleted") && r.decodedText("albumNameEnc").isPresent())
                    .forEach(r -> byName.put(r.recordName(), r));
            List<String> paths = new ArrayList<>();
            for (CkRecord album : byName.values()) {
                Long type = album.longValue("albumType");
                if (type != null && type != ALBUM) {
                    continue;
                }
                StringBuilder path = new StringBuilder(album.decodedText("albumNameEnc").orElseThrow());
                CkRecord folder = byName.get(album.string("parentId"));
                for (int depth = 0; folder != null && depth < MAX_DEPTH; depth++) {
                    if (Long.valueOf(CloudKitClient.ALBUM_FOLDER).equals(folder.longValue("albumType"))) {
                        path.insert(0, folder.decodedText("albumNameEnc").orElseThrow() + "/");
                    }
                    folder = byName.get(folder.string("parentId"));
                }
                paths.add(path.toString());
            }
            return paths;
        }
    }

    /** Runs {@code body} on the account, signed in down the session ladder (a code asked on the terminal if needed). */
    static int signedIn(Io io, CommandSpec spec, AccountOptions options, Function<ICloudAccount, Integer> body) {
        return Commands.run(io, options, () -> {
            AccountSettings settings = Commands.account(io, spec, options);
            // Signing in may renew the session file, which a running sync writes too.
            try (AccountLock lock = AccountLock.acquire(settings.dataDir, settings.username)) {
                ICloudAccount icloud = new ICloudAccount(settings.username, settings.accountSettings(),
                        settings.passwordSource(false), new ConsoleCodeSource(io.in(), io.err(), io.interactive()));
                icloud.signIn();
                return body.apply(icloud);
            }
        });
    }
}
