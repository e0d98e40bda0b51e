package com.camelicloud.photos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.camelicloud.photos.destination.DestinationUri;
import com.camelicloud.photos.state.DataDirectory;
import picocli.CommandLine.Option;

/**
 * How to reach an S3 or SFTP destination given with {@code -d}. S3 credentials come from the AWS default
 * chain (or the config file); SFTP secrets come from files, never from the command line.
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

    /** Maps {@code -d} and these flags onto the destination properties. */
    void apply(DestinationUri destination, AccountSettings account, Map<String, Object> properties) {
        properties.put("destination.uri", destination.kind() == DestinationUri.Kind.FILE ? destination.location()
                : destination.toString());
        properties.put("destination.type", destination.kind().id());
        if (destination.kind() == DestinationUri.Kind.FILE) {
            properties.put("sync.directory", destination.location());
            return;
        }
        // Downloads are staged next to the state, then uploaded.
        Path staging = account.dataDir().resolve(DataDirectory.accountKey(account.username) + ".staging");
        properties.put("sync.directory", staging.toString());
        properties.put("download.temp-directory", staging.toString());
        if (destination.kind() == DestinationUri.Kind.S3) {
            properties.put("destination.s3.bucket", destination.bucket());
            properties.put("destination.s3.prefix", destination.location().isEmpty() ? "" : destination.location() + "/");
            Flags.text(properties, s3Region, "destination.s3.region");
            if (s3Endpoint != null) {
                properties.put("destination.s3.endpoint", s3Endpoint);
                properties.put("destination.s3.override-endpoint", "true");
            }
            return;
        }
        properties.put("destination.sftp.user", destination.user());
        properties.put("destination.sftp.host", destination.host());
        properties.put("destination.sftp.port", Integer.toString(destination.port()));
        properties.put("destination.sftp.path", destination.location().startsWith("/") ? destination.location()
                : "/" + destination.location());
        // fileExist is the publish route's: Fail, or Override for a file's newer version
        StringBuilder options = new StringBuilder("binary=true&autoCreate=true"
                + "&tempFileName=${file:onlyname}.icloud-tmp&useUserKnownHostsFile=false");
        Path knownHosts = sftpKnownHosts != null ? sftpKnownHosts
                : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        properties.put("destination.sftp.known-hosts-file", knownHosts.toAbsolutePath().toString());
        if (noHostKeyCheck) {
            properties.put("destination.sftp.strict-host-key-checking", "false");
            options.append("&strictHostKeyChecking=no");
        } else {
            if (!Files.isReadable(knownHosts)) {
                throw new UsageException("SFTP host keys are checked against " + knownHosts + ", which does not exist: "
                        + "add the server with ssh-keyscan, point --sftp-known-hosts at a file, or (not recommended) "
                        + "give --sftp-insecure-no-host-key-check");
            }
            options.append("&strictHostKeyChecking=yes&knownHostsFile=").append(knownHosts.toAbsolutePath());
        }
        if (sftpKey != null) {
            if (!Files.isReadable(sftpKey)) {
                throw new UsageException("--sftp-key " + sftpKey + " does not exist or is not readable");
            }
            properties.put("destination.sftp.private-key-file", sftpKey.toAbsolutePath().toString());
            options.append("&privateKeyFile=").append(sftpKey.toAbsolutePath());
        }
        if (sftpPasswordFile != null) {
            String password = firstLine(sftpPasswordFile);
            properties.put("destination.sftp.password", password);
            options.append("&password=RAW({{destination.sftp.password}})");
        }
        if (sftpKey == null && sftpPasswordFile == null) {
            throw new UsageException("an SFTP destination needs --sftp-key or --sftp-password-file");
        }
        properties.put("destination.sftp.options", options.toString());
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
