package com.camelicloud.photos.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** A real SFTP server (Apache MINA SSHD) on 127.0.0.1 serving a folder, with a password and a fault switch. */
public final class SftpServer implements AutoCloseable {

    public static final String USER = "photos";
    public static final String PASSWORD = "sftp-password";

    private final SshServer server;
    private final Path root;
    /** Uploads still allowed before writes fail. */
    private final AtomicInteger uploadsLeft = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger sessions = new AtomicInteger();

    public SftpServer(Path root, Path hostKey) throws IOException {
        this.root = Files.createDirectories(root);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                                byte[] data, int dataOffset, int dataLen) throws IOException {
                if (offset == 0 && uploadsLeft.getAndUpdate(left -> Math.max(0, left - 1)) == 0) {
                    throw new IOException("disk quota exceeded");
                }
            }
        });
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(this.root));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    public Path root() {
        return root;
    }

    /** SSH sessions (connections) opened since the server started. */
    public int sessionsOpened() {
        return sessions.get();
    }

    /** After {@code uploads} more files, every upload fails, until {@link #healthy()}. */
    public void failAfter(int uploads) {
        uploadsLeft.set(uploads);
    }

    public void healthy() {
        uploadsLeft.set(Integer.MAX_VALUE);
    }

    /** The sync flags that reach this server (password and known_hosts files under {@code dir}), then {@code more}. */
    public String[] flags(Path dir, String... more) throws IOException {
        Path password = Files.writeString(dir.resolve("sftp-password"), PASSWORD + "\n");
        Path knownHosts = knownHosts(dir.resolve("known_hosts"));
        return Stream.concat(Stream.of("--sftp-password-file", password.toString(), "--sftp-known-hosts",
                knownHosts.toString()), Stream.of(more)).toArray(String[]::new);
    }

    /** The {@code -d} of a folder on this server. */
    public String uri(String folder) {
        return "sftp://" + USER + "@127.0.0.1:" + port() + "/" + folder;
    }

    /** A known_hosts file that trusts this server's host key. */
    public Path knownHosts(Path file) throws IOException {
        PublicKey key;
        try {
            key = server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the test server's host key", e);
        }
        Files.writeString(file, "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key) + "\n");
        return file;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
