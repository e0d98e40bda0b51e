package com.camelicloud.photos.destination;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.camelicloud.photos.library.Sha256;

/** A destination folder on a local or mounted filesystem. */
public class LocalDestination implements Destination {

    private final Path root;

    public LocalDestination(String root) {
        this.root = Path.of(root).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The absolute path of a relative one; refuses anything that would leave the root. */
    public Path resolve(String relativePath) {
        Path resolved = root.resolve(relativePath).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("refusing a path outside the destination: " + relativePath);
        }
        return resolved;
    }

    /** The published file at a relative path, e.g. as the body handed to hooks. */
    public java.io.File fileOf(String relativePath) {
        return resolve(relativePath).toFile();
    }

    @Override
    public Optional<Long> sizeOf(String relativePath) {
        Path file = resolve(relativePath);
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(Files.size(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ListedFile> listFiles() {
        List<ListedFile> files = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try {
            // Symbolic links are not followed: the copy is what lies under the root.
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        files.add(new ListedFile(relative(file), attributes.size(),
                                attributes.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                // a file removed while the walk runs (a sync's temp file renamed) is simply not there
                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return files;
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    @Override
    public Optional<byte[]> head(String relativePath, int maxBytes) {
        Path file = resolve(relativePath);
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(in.readNBytes(maxBytes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean move(String from, String to) {
        Path source = resolve(from);
        Path target = resolve(to);
        try {
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("cannot move " + from + " to " + to + ": a different file is already there");
            }
            Files.createDirectories(target.getParent());
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String path) {
        try {
            return Files.deleteIfExists(resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean link(String existing, String target, boolean hardLink) {
        Path source = resolve(existing);
        Path link = resolve(target);
        try {
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.createDirectories(link.getParent());
            if (hardLink) {
                try {
                    Files.createLink(link, source);
                    return true;
                } catch (UnsupportedOperationException | IOException e) {
                    // another filesystem, or one without hard links: a copy keeps the album complete
                }
            }
            Files.copy(source, link, StandardCopyOption.COPY_ATTRIBUTES);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + existing + " into " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void store(Path source, String relativePath) {
        Path target = resolve(relativePath);
        try {
            Files.createDirectories(target.getParent());
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relativePath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream read(String relativePath) {
        Path file = resolve(relativePath);
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public Optional<String> sha256Of(String relativePath) {
        return Optional.of(Sha256.of(read(relativePath), relativePath));
    }

    /** A folder holds nothing open between calls. */
    @Override
    public void close() {
    }
}
