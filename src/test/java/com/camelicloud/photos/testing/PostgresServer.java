package com.camelicloud.photos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from the machine's packages (Debian's {@code postgresql}; `.ci/run` installs it), in a
 * temp directory, on loopback, for the life of a test class. Run as the {@code postgres} user when the tests run as
 * root, since the server refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    /** The password of the {@code postgres} user. */
    public static final String PASSWORD = "pg-test-secret";

    private final Path bin;
    private final Path data;
    private final int port;

    public PostgresServer() throws IOException, InterruptedException {
        this.bin = binaries();
        Path root = Files.createTempDirectory("camel-icloud-photos-pg",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        this.data = root.resolve("data");
        this.port = freePort();
        Path passwordFile = Files.writeString(root.resolve("password"), PASSWORD + "\n");
        // over TCP a password is asked, as on a real server; the tools use the socket in the temp directory
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "--auth-local=trust",
                "--auth-host=scram-sha-256", "-U", "postgres", "--pwfile=" + passwordFile, "--no-sync"), root);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", root.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), root);
    }

    /** A JDBC URL of the server's {@code postgres} database, with the user and its password. */
    public String jdbcUrl() {
        return url() + "?user=postgres&password=" + PASSWORD;
    }

    /** The JDBC URL of the server's {@code postgres} database, without credentials; the user is {@code postgres}. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                    data.getParent());
        } finally {
            try (Stream<Path> walk = Files.walk(data.getParent())) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Path binaries() throws IOException {
        if (Files.isDirectory(DEBIAN_BINARIES)) {
            try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
                Path found = versions.map(version -> version.resolve("bin")).filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                        .max(Comparator.naturalOrder()).orElse(null);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new IllegalStateException("PostgreSQL's server is not installed (apt-get install postgresql; .ci/run does it)");
    }

    private static void run(List<String> command, Path directory) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            chown(directory);
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static void chown(Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("chown", "-R", "postgres:postgres", directory.toString()).start();
        if (process.waitFor() != 0) {
            throw new IOException("cannot give " + directory + " to the postgres user");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
