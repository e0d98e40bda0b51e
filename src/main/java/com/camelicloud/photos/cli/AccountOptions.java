package com.camelicloud.photos.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The flags every command shares: who signs in, how, and where state lives (kei's global flags). */
public class AccountOptions {

    @Option(names = {"-u", "--username"}, paramLabel = "APPLE_ID", description = "Apple ID (email or phone number)")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "iCloud password "
            + "(prefer --password-file, --password-command or ICLOUD_PASSWORD: command lines are visible to other users)")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE")
    Path passwordFile;

    @Option(names = "--password-command", paramLabel = "COMMAND", description = "Run COMMAND and use the first line it prints as the password")
    String passwordCommand;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where session and sync state live (default: ~/.config/camel-icloud-photos)")
    Path dataDir;

    @Option(names = "--domain", paramLabel = "com|cn", description = "iCloud region: com, or cn for mainland China (default: com, switched automatically when Apple says so)")
    String domain;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file with settings (see config/application.properties), checked like the flags; flags and environment variables win over it")
    Path config;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn, info (default), debug or trace")
    String logLevel;

    @Option(names = "--auth-endpoint", paramLabel = "URL", description = "Apple ID service base URL (default: https://idmsa.apple.com/appleauth/auth); for proxies and tests")
    String authEndpoint;

    @Option(names = "--setup-endpoint", paramLabel = "URL", description = "iCloud setup service base URL (default: https://setup.icloud.com/setup/ws/1); for proxies and tests")
    String setupEndpoint;
}
