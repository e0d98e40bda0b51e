package com.camelicloud.photos.destination;

import java.util.ArrayList;
import java.util.List;

import com.camelicloud.photos.download.DownloadException;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a write the destination refused into a sentence a user can act on. camel-ftp and the AWS SDK report
 * "General failure" or "Access Denied" deep inside Camel's wrappers; the user needs the destination, the file
 * and the server's reason together.
 */
public final class DestinationFailures {

    private DestinationFailures() {
    }

    /**
     * True when {@code failure} came from writing to the destination (camel-file/ftp or the S3 client), or to the
     * temp file a download is written to before it is published.
     */
    public static boolean isWriteFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof GenericFileOperationFailedException || cause instanceof SdkException
                    || (cause instanceof DownloadException download && download.isLocal())) {
                return true;
            }
        }
        return false;
    }

    /** "cannot write to DEST: what failed: why", each distinct message of the chain once. */
    public static String describe(Throwable failure, String destination) {
        List<String> parts = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            String message = cause.getMessage();
            boolean camelWrapper = cause instanceof CamelExchangeException || cause instanceof CamelExecutionException;
            if (!camelWrapper && message != null && !message.isBlank() && parts.stream().noneMatch(message::contains)
                    && parts.stream().noneMatch(part -> part.contains(message))) {
                parts.add(message);
            }
        }
        return "cannot write to " + destination + ": " + String.join(": ", parts);
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }
}
