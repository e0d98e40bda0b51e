package com.camelicloud.photos.sync;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.camelicloud.photos.component.ICloudPhotosConstants;
import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.LocalDestination;
import com.camelicloud.photos.library.Sha256;
import com.camelicloud.photos.metadata.MetadataOptions;
import com.camelicloud.photos.metadata.MetadataWriter;
import com.camelicloud.photos.metadata.Outcome;
import com.camelicloud.photos.metadata.PhotoMetadata;
import com.camelicloud.photos.metadata.XmpSidecar;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

/**
 * The metadata options of a download: EXIF and XMP written into the temp file before it is published, and
 * an {@code .xmp} sidecar next to the published file when asked for, or when the format cannot be edited.
 */
public class MetadataStep {

    /** The outcome of {@link #embed}, kept on the exchange until the sidecar step. */
    static final String OUTCOME = "metadataOutcome";

    private final MetadataOptions options;
    private final Destination destination;
    private final Path stagingDirectory;
    private final MetadataWriter writer = new MetadataWriter();
    private final XmpSidecar sidecars = new XmpSidecar();

    /** @param stagingDirectory where a sidecar for a remote destination is written before it is uploaded */
    public MetadataStep(MetadataOptions options, Destination destination, String stagingDirectory) {
        this.options = options;
        this.destination = destination;
        this.stagingDirectory = Path.of(stagingDirectory);
    }

    /** Writes the asked-for tags into the downloaded temp file (the body); updates its size and hash headers. */
    public void embed(Exchange exchange) throws InvalidPayloadException {
        if (!options.any()) {
            return;
        }
        FileTask task = exchange.getProperty(SyncProperties.FILE_TASK, FileTask.class);
        Path file = exchange.getMessage().getMandatoryBody(File.class).toPath();
        Outcome outcome = writer.apply(file, task.getResource().uti(), metadataOf(task), options);
        exchange.setProperty(OUTCOME, outcome);
        if (outcome.modified()) {
            exchange.getMessage().setHeader(ICloudPhotosConstants.FILE_SIZE, size(file));
            exchange.getMessage().setHeader(ICloudPhotosConstants.SHA256, sha256(file));
        }
    }

    /** After publishing: the {@code .xmp} sidecar, when asked for or when the file itself could not take the tags. */
    public void sidecar(Exchange exchange) {
        Outcome outcome = exchange.getProperty(OUTCOME, Outcome.class);
        if (outcome == null || !outcome.needsSidecar(options)) {
            return;
        }
        FileTask task = exchange.getProperty(SyncProperties.FILE_TASK, FileTask.class);
        try {
            if (destination instanceof LocalDestination local) {
                // Merged into an existing sidecar: darktable keeps its edit history there.
                sidecars.write(local.resolve(task.getRelativePath()), metadataOf(task));
            } else {
                Files.createDirectories(stagingDirectory);
                Path staged = Files.createTempFile(stagingDirectory, "sidecar", ".xmp");
                Files.write(staged, sidecars.bytes(metadataOf(task)));
                destination.store(staged, sidecars.nameFor(task.getRelativePath()));
                Files.deleteIfExists(staged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the XMP sidecar of " + task.getRelativePath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static PhotoMetadata metadataOf(FileTask task) {
        return PhotoMetadata.of(task.getChange().getAsset());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        return Sha256.of(file);
    }
}
