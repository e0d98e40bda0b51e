package com.camelicloud.photos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.camelicloud.photos.destination.DestinationUri;
import com.camelicloud.photos.state.DataDirectory;
import picocli.CommandLine.Option;

/**
 * How to reach an S3 or SFTP destination given with {@code -d}. S3 credentials come from the AWS default
 * chain (or the config file); SFTP secrets come from files, never from the command line. The flags with a key
 * ({@code --s3-region}, {@code --sftp-key}...) reach it through {@link SettingCatalog}.
 */
public class DestinationOptions {

    @Option(names = "--s3-region", paramLabel = "REGION", description = "S3 region (default us-east-1)")
    String s3Region;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "URL of an S3-compatible store (MinIO, Ceph, R2)")
    String s3Endpoint;

    @Option(names = "--sftp-key", paramLabel = "FILE", description = "Private key for SFTP")
    Path sftpKey;

    @Option(names = "--sftp-password-file", paramLabel = "FILE", description = "Read the SFTP password from the first line of FILE")
    Path sftpPasswordFile;

    @Option(names = "--sftp-known-hosts", paramLabel = "FILE", description = "known_hosts file the SFTP server's key is checked against (default ~/.ssh/known_hosts)")
    Path sftpKnownHosts;

    @Option(names = "--sftp-insecure-no-host-key-check", description = "Do not check the SFTP server's host key (not recommended)")
    boolean noHostKeyCheck;

    /**
     * Derives the destination's properties from {@code -d} and the {@code destination.*} settings (flags or file):
     * its kind and parts, the staging folder of a remote destination, and the camel-ftp options of an SFTP one.
     */
    void apply(DestinationUri destination, AccountSettings account, Settings settings) {
        settings.derive("destination.uri", destination.kind() == DestinationUri.Kind.FILE ? destination.location()
                : destination.toString());
        settings.derive("destination.type", destination.kind().id());
        if (destination.kind() == DestinationUri.Kind.FILE) {
            settings.derive("sync.directory", destination.location());
            return;
        }
        // Downloads are staged next to the state, then uploaded.
        Path staging = account.dataDir().resolve(DataDirectory.accountKey(account.username) + ".staging");
        settings.derive("sync.directory", staging.toString());
        settings.derive("download.temp-directory", staging.toString());
        if (destination.kind() == DestinationUri.Kind.S3) {
            settings.derive("destination.s3.bucket", destination.bucket());
            settings.derive("destination.s3.prefix", destination.location().isEmpty() ? "" : destination.location() + "/");
            return;
        }
        settings.derive("destination.sftp.user", destination.user());
        settings.derive("destination.sftp.host", destination.host());
        settings.derive("destination.sftp.port", Integer.toString(destination.port()));
        settings.derive("destination.sftp.path", destination.location().startsWith("/") ? destination.location()
                : "/" + destination.location());
        // The upload endpoint's options, from the same settings SftpDestination connects with. The temp name is an
        // expression camel-ftp evaluates per file, so one endpoint and its connections serve every upload. fileExist
        // is the publish route's: Fail, or Override for a file's newer version.
        StringBuilder options = new StringBuilder("binary=true&autoCreate=true"
                + "&tempFileName=${file:onlyname}" + settings.get("download.temp-suffix") + "&useUserKnownHostsFile=false");
        Path knownHosts = Path.of(settings.get("destination.sftp.known-hosts-file")).toAbsolutePath();
        settings.derive("destination.sftp.known-hosts-file", knownHosts.toString());
        if (!settings.isTrue("destination.sftp.strict-host-key-checking")) {
            options.append("&strictHostKeyChecking=no");
        } else {
            if (!Files.isReadable(knownHosts)) {
                throw new UsageException("SFTP host keys are checked against " + knownHosts + ", which does not exist: "
                        + "add the server with ssh-keyscan, point --sftp-known-hosts at a file, or (not recommended) "
                        + "give --sftp-insecure-no-host-key-check");
            }
            options.append("&strictHostKeyChecking=yes&knownHostsFile=").append(knownHosts);
        }
        String privateKey = settings.get("destination.sftp.private-key-file");
        if (!privateKey.isEmpty()) {
            options.append("&privateKeyFile=").append(privateKey);
        }
        if (sftpPasswordFile != null) {
            settings.derive("destination.sftp.password", firstLine(sftpPasswordFile));
        }
        if (!settings.get("destination.sftp.password").isEmpty()) {
            options.append("&password=RAW({{destination.sftp.password}})");
        } else if (privateKey.isEmpty()) {
            throw new UsageException("an SFTP destination needs --sftp-key or --sftp-password-file");
        }
        settings.derive("destination.sftp.options", options.toString());
    }

    private static String firstLine(Path file) {
        try {
            String line = Files.readAllLines(file).stream().findFirst().orElse("");
            if (line.isEmpty()) {
                throw new UsageException("--sftp-password-file " + file + " is empty");
            }
            return line;
        } catch (IOException e) {
            throw new UsageException("cannot read --sftp-password-file " + file + ": " + e.getMessage());
        }
    }
}
