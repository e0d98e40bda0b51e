package com.camelicloud.photos.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real ZooKeeper server from the machine's packages (Debian's {@code zookeeper}; `.ci/run` installs it), standalone,
 * in a temp directory, on loopback, for the life of a test class. Its tick is short so that tests may use session
 * timeouts of a few seconds (ZooKeeper accepts 2 to 20 ticks).
 */
public final class ZooKeeperServer implements AutoCloseable {

    private static final Path JAR = Path.of("/usr/share/java/zookeeper.jar");
    private static final Path CONF = Path.of("/etc/zookeeper/conf");
    private static final int TICK_MS = 500;

    private final Path root;
    private final int port;
    private Process process;

    public ZooKeeperServer() throws IOException, InterruptedException {
        if (!isInstalled()) {
            throw new IllegalStateException("ZooKeeper is not installed (apt-get install zookeeper; .ci/run does it)");
        }
        this.root = Files.createTempDirectory("camel-icloud-photos-zk");
        this.port = WatchProcess.freePort();
        Files.writeString(root.resolve("zoo.cfg"), String.join("\n",
                "dataDir=" + root.resolve("data"),
                "clientPort=" + port,
                "clientPortAddress=127.0.0.1",
                "tickTime=" + TICK_MS,
                "admin.enableServer=false",
                "4lw.commands.whitelist=ruok",
                ""));
        start();
    }

    /** Whether Debian's ZooKeeper server is on this machine. */
    public static boolean isInstalled() {
        return Files.isRegularFile(JAR);
    }

    /** {@code 127.0.0.1:PORT}, as a client's connect string. */
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server (again, after {@link #stop()}: same data, same port) and waits until it answers. */
    public void start() throws IOException, InterruptedException {
        // the package's own command line (zkServer.sh): its conf folder (logging) and jar, whose manifest names the rest
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", CONF + ":" + JAR, "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                root.resolve("zoo.cfg").toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("server.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"imok".equals(ask("ruok"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("ZooKeeper did not start:\n" + Files.readString(root.resolve("server.log")));
            }
            Thread.sleep(100);
        }
    }

    /** Stops the server as a crash would (SIGKILL); the sessions it held expire once it is back. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** A four-letter command's answer, or null when the server does not answer. */
    private String ask(String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
