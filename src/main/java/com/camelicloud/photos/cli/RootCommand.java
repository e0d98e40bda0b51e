package com.camelicloud.photos.cli;

import picocli.CommandLine.Command;

/** {@code camel-icloud-photos}: the command tree; {@code sync} runs when no command is named. */
@Command(name = "camel-icloud-photos", mixinStandardHelpOptions = true, version = "camel-icloud-photos 0.1.0",
        description = "Keeps a copy of an iCloud Photos library in your own storage.%n"
                + "Run without a command to sync: camel-icloud-photos -u APPLE_ID -d DIR",
        subcommands = {SyncCommand.class, LoginCommand.class, PasswordCommand.class, StatusCommand.class,
                ListCommand.class, ImportExistingCommand.class, VerifyCommand.class})
public class RootCommand {
}
