package com.camelicloud.photos.destination;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

/**
 * A folder on an SFTP server as destination. Files are written by the routes through camel-ftp (temp name,
 * then rename); this class answers what is there and applies the policies over one shared connection. The
 * server's host key is checked against known_hosts unless the user turned that off.
 */
public class SftpDestination implements Destination {

    private final DestinationUri uri;
    private final DestinationSettings settings;
    private Session session;
    private ChannelSftp channel;

    public SftpDestination(DestinationUri uri, DestinationSettings settings) {
        this.uri = uri;
        this.settings = settings;
    }

    @Override
    public synchronized Optional<Long> sizeOf(String relativePath) {
        try {
            return Optional.of(channel().stat(absolute(relativePath)).getSize());
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return Optional.empty();
            }
            throw failure("inspect " + relativePath, e);
        }
    }

    @Override
    public Optional<String> sha256Of(String relativePath) {
        return Optional.empty();
    }

    @Override
    public synchronized List<ListedFile> listFiles() {
        List<ListedFile> files = new ArrayList<>();
        try {
            channel().stat(uri.location());
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return files;
            }
            throw failure("list " + uri.location(), e);
        }
        listInto("", files);
        return files;
    }

    /** Walks one folder; symbolic links are not followed. */
    private void listInto(String folder, List<ListedFile> files) {
        List<ChannelSftp.LsEntry> entries = new ArrayList<>();
        try {
            channel().ls(folder.isEmpty() ? uri.location() : absolute(folder), entry -> {
                entries.add(entry);
                return ChannelSftp.LsEntrySelector.CONTINUE;
            });
        } catch (SftpException e) {
            throw failure("list " + (folder.isEmpty() ? "the destination" : folder), e);
        }
        for (ChannelSftp.LsEntry entry : entries) {
            String name = entry.getFilename();
            if (name.equals(".") || name.equals("..")) {
                continue;
            }
            String path = folder.isEmpty() ? name : folder + "/" + name;
            if (entry.getAttrs().isDir()) {
                listInto(path, files);
            } else if (entry.getAttrs().isReg()) {
                files.add(new ListedFile(path, entry.getAttrs().getSize(),
                        Instant.ofEpochSecond(entry.getAttrs().getMTime() & 0xFFFFFFFFL)));
            }
        }
    }

    @Override
    public synchronized Optional<byte[]> head(String relativePath, int maxBytes) {
        if (sizeOf(relativePath).isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = channel().get(absolute(relativePath))) {
            return Optional.of(in.readNBytes(maxBytes));
        } catch (SftpException | IOException e) {
            throw new IllegalStateException("cannot read " + relativePath + " on " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean move(String from, String to) {
        if (sizeOf(from).isEmpty()) {
            return false;
        }
        if (sizeOf(to).isPresent()) {
            throw new IllegalStateException("cannot move " + from + " to " + to + ": a different file is already there");
        }
        try {
            makeParents(to);
            channel().rename(absolute(from), absolute(to));
            return true;
        } catch (SftpException e) {
            throw failure("move " + from + " to " + to, e);
        }
    }

    @Override
    public synchronized boolean delete(String path) {
        try {
            channel().rm(absolute(path));
            return true;
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw failure("delete " + path, e);
        }
    }

    @Override
    public synchronized boolean link(String existing, String target, boolean hardLink) {
        if (sizeOf(target).isPresent()) {
            return false;
        }
        try (InputStream in = channel().get(absolute(existing))) {
            Path copy = Files.createTempFile("camel-icloud-photos-link", ".tmp");
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                store(copy, target);
            } finally {
                Files.deleteIfExists(copy);
            }
            return true;
        } catch (SftpException | IOException e) {
            throw new IllegalStateException("cannot copy " + existing + " to " + target + " on " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void store(Path source, String relativePath) {
        try {
            makeParents(relativePath);
            channel().put(source.toString(), absolute(relativePath), ChannelSftp.OVERWRITE);
        } catch (SftpException e) {
            throw failure("write " + relativePath, e);
        }
    }

    /** Over a channel of its own, closed with the stream, so that reading does not hold up the shared one. */
    @Override
    public synchronized InputStream read(String relativePath) {
        channel();
        ChannelSftp reader = null;
        try {
            reader = (ChannelSftp) session.openChannel("sftp");
            reader.connect(30_000);
            ChannelSftp owner = reader;
            return new FilterInputStream(reader.get(absolute(relativePath))) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        owner.disconnect();
                    }
                }
            };
        } catch (JSchException e) {
            throw new IllegalStateException("cannot read " + relativePath + " on " + describe() + ": " + e.getMessage(), e);
        } catch (SftpException e) {
            reader.disconnect();
            throw failure("read " + relativePath, e);
        }
    }

    @Override
    public String describe() {
        return uri.toString();
    }

    private void makeParents(String relativePath) throws SftpException {
        String[] parts = relativePath.split("/");
        StringBuilder path = new StringBuilder(uri.location());
        for (int i = 0; i < parts.length - 1; i++) {
            path.append('/').append(parts[i]);
            try {
                channel().stat(path.toString());
            } catch (SftpException missing) {
                channel().mkdir(path.toString());
            }
        }
    }

    private String absolute(String relativePath) {
        return uri.location().endsWith("/") ? uri.location() + relativePath : uri.location() + "/" + relativePath;
    }

    private ChannelSftp channel() {
        if (channel != null && channel.isConnected()) {
            return channel;
        }
        try {
            JSch jsch = new JSch();
            Path knownHosts = Path.of(settings.getSftpKnownHostsFile());
            if (Files.exists(knownHosts)) {
                jsch.setKnownHosts(knownHosts.toString());
            }
            if (!settings.getSftpPrivateKeyFile().isBlank()) {
                jsch.addIdentity(settings.getSftpPrivateKeyFile());
            }
            session = jsch.getSession(uri.user(), uri.host(), uri.port());
            if (!settings.getSftpPassword().isBlank()) {
                session.setPassword(settings.getSftpPassword());
            }
            session.setConfig("StrictHostKeyChecking", settings.isSftpStrictHostKeyChecking() ? "yes" : "no");
            session.connect(30_000);
            channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect(30_000);
            return channel;
        } catch (JSchException e) {
            throw new IllegalStateException("cannot connect to " + describe() + ": " + reason(e), e);
        }
    }

    /** JSch's "reject HostKey" says nothing about what to do. */
    private String reason(JSchException e) {
        String message = String.valueOf(e.getMessage());
        String knownHosts = settings.getSftpKnownHostsFile();
        if (message.startsWith("reject HostKey")) {
            return "the server's host key is not in " + knownHosts + "; check its fingerprint, then add it with "
                    + "ssh-keyscan -p " + uri.port() + " " + uri.host() + " >> " + knownHosts;
        }
        if (message.contains("HostKey has been changed")) {
            return "the server's host key differs from the one in " + knownHosts + " (the server was reinstalled, "
                    + "or someone is intercepting the connection); nothing was written";
        }
        return message;
    }

    private IllegalStateException failure(String what, SftpException e) {
        return new IllegalStateException("cannot " + what + " on " + describe() + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.disconnect();
        }
        if (session != null) {
            session.disconnect();
        }
    }
}
