package com.camelicloud.photos.metadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code .xmp} sidecar files: the fields of {@link XmpPackets} in a file next to the media file.
 *
 * <p><b>Naming.</b> By default the sidecar of {@code IMG_0001.HEIC} is {@code IMG_0001.HEIC.xmp}
 * ({@link Naming#APPEND_EXTENSION}): the convention of darktable and of digiKam's default setting, which ExifTool also
 * reads and writes ({@code -srcfile %d%f.%e.xmp}). It is the only one that cannot collide: a Live Photo's
 * {@code IMG_0001.HEIC} and {@code IMG_0001.MOV}, and a RAW+JPEG pair's {@code IMG_0001.DNG} and {@code IMG_0001.JPG},
 * sit in the same folder, and {@code IMG_0001.xmp} would have to describe both. {@link Naming#REPLACE_EXTENSION}
 * ({@code IMG_0001.xmp}) is what Lightroom, Capture One and digiKam's "compatible" setting expect; choose it when
 * those tools read the library and pairs do not matter.
 *
 * <p>A sidecar already at the path is merged into, not overwritten: darktable and digiKam keep their own edits in
 * it. When it cannot be parsed it is left alone. Writes are atomic. Thread-safe.
 */
public final class XmpSidecar {

    private static final Logger LOG = LoggerFactory.getLogger(XmpSidecar.class);

    /** How the sidecar of a media file is named. */
    public enum Naming {
        /** {@code IMG_0001.HEIC.xmp}: darktable, digiKam (default), ExifTool {@code %f.%e.xmp}. */
        APPEND_EXTENSION,
        /** {@code IMG_0001.xmp}: Lightroom, Capture One, ExifTool {@code %f.xmp}. */
        REPLACE_EXTENSION
    }

    private final Naming naming;

    /** Sidecars named {@code IMG_0001.HEIC.xmp}. */
    public XmpSidecar() {
        this(Naming.APPEND_EXTENSION);
    }

    public XmpSidecar(Naming naming) {
        this.naming = Objects.requireNonNull(naming, "naming");
    }

    public Naming naming() {
        return naming;
    }

    /** The sidecar's file name for a media file name. */
    public String nameFor(String mediaFileName) {
        Objects.requireNonNull(mediaFileName, "mediaFileName");
        if (naming == Naming.REPLACE_EXTENSION) {
            int dot = mediaFileName.lastIndexOf('.');
            if (dot > 0) {
                return mediaFileName.substring(0, dot) + ".xmp";
            }
        }
        return mediaFileName + ".xmp";
    }

    /** The sidecar's path for a media file: its sibling. */
    public Path pathFor(Path mediaFile) {
        return mediaFile.resolveSibling(nameFor(mediaFile.getFileName().toString()));
    }

    /**
     * A complete sidecar (UTF-8 {@code x:xmpmeta} document) for the metadata.
     *
     * @throws IOException only if xmpcore refuses the values, which cleaned metadata does not cause
     */
    public byte[] bytes(PhotoMetadata metadata) throws IOException {
        try {
            return XmpPackets.serializeForSidecar(XmpPackets.create(metadata));
        } catch (XMPException e) {
            throw new IOException("Cannot build the XMP sidecar: " + e.getMessage(), e);
        }
    }

    /**
     * The sidecar bytes for the metadata merged into an existing sidecar's bytes: the existing packet keeps its own
     * fields; see the class comment of {@link XmpPackets} for what wins.
     *
     * @throws IOException when the existing bytes are not XMP
     */
    public byte[] merge(byte[] existing, PhotoMetadata metadata) throws IOException {
        try {
            XMPMeta meta = XmpPackets.parse(existing);
            XmpPackets.merge(meta, metadata);
            return XmpPackets.serializeForSidecar(meta);
        } catch (XMPException e) {
            throw new IOException("The existing sidecar is not readable XMP: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the sidecar of {@code mediaFile} (at {@link #pathFor}) atomically: to a sibling temp file, synced, then
     * renamed over. An existing sidecar is merged into; one that cannot be parsed is left untouched and this throws.
     * The media file itself need not exist yet.
     *
     * @return the sidecar's path
     * @throws IOException when the directory is not writable or an existing sidecar is unreadable
     */
    public Path write(Path mediaFile, PhotoMetadata metadata) throws IOException {
        return writeTo(pathFor(mediaFile), metadata);
    }

    /** As {@link #write}, at an explicit sidecar path. */
    public Path writeTo(Path sidecar, PhotoMetadata metadata) throws IOException {
        byte[] content;
        if (Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            byte[] existing = Files.readAllBytes(sidecar);
            try {
                XMPMeta meta = XmpPackets.parse(existing);
                if (!XmpPackets.merge(meta, metadata)) {
                    LOG.debug("Sidecar {} already up to date", sidecar);
                    return sidecar;
                }
                content = XmpPackets.serializeForSidecar(meta);
            } catch (XMPException e) {
                throw new IOException("Sidecar " + sidecar + " exists but is not readable XMP; left unchanged", e);
            }
        } else if (Files.exists(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("Sidecar path " + sidecar + " exists and is not a regular file; left unchanged");
        } else {
            content = bytes(metadata);
        }
        Files.createDirectories(sidecar.toAbsolutePath().getParent());
        Path temp = AtomicFiles.createHiddenSibling(sidecar);
        try {
            Files.write(temp, content);
            AtomicFiles.replace(temp, sidecar);
            temp = null;
        } finally {
            AtomicFiles.deleteQuietly(temp);
        }
        return sidecar;
    }
}
