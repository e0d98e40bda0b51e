package com.camelicloud.photos.sync;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import com.camelicloud.photos.component.ICloudPhotosConstants;
import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.LocalDestination;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local copy of a downloaded file around its publishing: for a folder destination the published file
 * itself (the temp copy was renamed into place); for S3 and SFTP the uploaded temp copy, deleted once the
 * route is done with it.
 */
public class Staging {

    private static final Logger LOG = LoggerFactory.getLogger(Staging.class);

    /** Header of the {@code publish} route: true when the file replaces the stored one at its path. */
    public static final String REPLACING = "CamelICloudPhotosReplacing";
    /** camel-aws2-s3's header for the object's user metadata ({@code AWS2S3Constants.METADATA}). */
    private static final String S3_METADATA = "CamelAwsS3Metadata";

    private final Destination destination;

    public Staging(Destination destination) {
        this.destination = destination;
    }

    /**
     * Clears the way for a download that repairs a damaged copy at its own path: the damaged file goes only now,
     * once its replacement is complete and validated, because publishing never overwrites.
     */
    public void makeRoom(@ExchangeProperty(SyncProperties.FILE_TASK) FileTask task) {
        if (task.isReplacingDamagedCopy() && destination.delete(task.getRelativePath())) {
            LOG.info("Replaced the damaged copy of {} in {}", task.getRelativePath(), destination.describe());
        }
    }

    /**
     * The "publishing" mark's parameters (mark-publishing.sql, state/PublishingMarks): the identity columns of the
     * file's state row and the download's size and hash, written just before it is renamed into place, so that after
     * a crash the planner recognises the file as its own.
     */
    public Map<String, Object> publishingMark(@ExchangeProperty(SyncProperties.FILE_TASK) FileTask task,
                                              @Header(ICloudPhotosConstants.FILE_SIZE) Long size,
                                              @Header(ICloudPhotosConstants.SHA256) String sha256) {
        Map<String, Object> mark = task.getStateKeys();
        mark.put("size", size);
        mark.put("sha256", sha256);
        return mark;
    }

    /**
     * What the {@code publish} route takes from the task: whether the file replaces the stored one at its path (a new
     * edit, {@value #REPLACING}), and the S3 object's metadata.
     */
    public void publishHeaders(@ExchangeProperty(SyncProperties.FILE_TASK) FileTask task, Message message) {
        message.setHeader(REPLACING, task.isReplacing());
        message.setHeader(S3_METADATA, task.getObjectMetadata());
    }

    /** What the {@code file-published} hook receives as its body. */
    public File localCopy(@ExchangeProperty(SyncProperties.FILE_TASK) FileTask task,
                          @ExchangeProperty(SyncProperties.STAGED_FILE) File staged) {
        return destination instanceof LocalDestination local ? local.fileOf(task.getRelativePath()) : staged;
    }

    /** Removes the temp copy an upload left behind (a rename leaves nothing). */
    public void discard(@ExchangeProperty(SyncProperties.STAGED_FILE) File staged) {
        try {
            Files.deleteIfExists(staged.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temp copy " + staged + ": " + e.getMessage(), e);
        }
    }
}
