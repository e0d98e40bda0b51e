package com.camelicloud.photos.cli;

import picocli.CommandLine.Option;

/** kei's {@code --save-password}, on the commands that sign in. */
public class SavePasswordFlag {

    @Option(names = "--save-password", description = "Once iCloud accepted a password typed at the prompt or given "
            + "with -p or ICLOUD_PASSWORD, store it in the credential store (see `password backend`) for later runs")
    boolean savePassword;
}
