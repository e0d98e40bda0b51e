package com.camelicloud.photos.destination;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 bucket (or an S3-compatible store) as destination: objects under a key prefix. Files are written by
 * the routes through camel-aws2-s3; this class answers what is there and applies the policies (a "move" is a
 * copy then a delete; S3 has no links, so albums get copies).
 */
public class S3Destination implements Destination {

    private final DestinationUri uri;
    private final S3Client client;
    private final String endpoint;

    /**
     * @param client   the run's S3 client ({@link S3Clients}), which the aws2-s3 uploads use too
     * @param endpoint the S3-compatible store's URL, empty for AWS: part of the destination's identity
     */
    public S3Destination(DestinationUri uri, S3Client client, String endpoint) {
        this.uri = uri;
        this.client = client;
        this.endpoint = endpoint;
    }

    /** The client, which the aws2-s3 uploads use too (the {@code s3Client} bean). */
    public S3Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public Optional<Long> sizeOf(String relativePath) {
        return head(uri.keyOf(relativePath)).map(HeadObjectResponse::contentLength);
    }

    @Override
    public Optional<String> sha256Of(String relativePath) {
        return Optional.empty();
    }

    @Override
    public List<ListedFile> listFiles() {
        String prefix = uri.keyOf("");
        List<ListedFile> files = new ArrayList<>();
        try {
            client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(uri.bucket()).prefix(prefix).build())
                    .contents().forEach(object -> {
                        if (!object.key().endsWith("/")) {
                            files.add(new ListedFile(object.key().substring(prefix.length()), object.size(), null));
                        }
                    });
        } catch (S3Exception e) {
            throw new IllegalStateException("cannot list " + describe() + ": HTTP " + e.statusCode() + " "
                    + e.awsErrorDetails().errorMessage(), e);
        }
        return files;
    }

    @Override
    public Optional<byte[]> head(String relativePath, int maxBytes) {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(uri.bucket()).key(uri.keyOf(relativePath))
                    .range("bytes=0-" + (maxBytes - 1))).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            if (e.statusCode() == 416) {
                // an empty object has no first byte to ask for
                return Optional.of(new byte[0]);
            }
            throw new IllegalStateException("S3 " + uri.bucket() + " answered HTTP " + e.statusCode() + " for "
                    + uri.keyOf(relativePath) + ": " + e.awsErrorDetails().errorMessage(), e);
        }
    }

    @Override
    public boolean move(String from, String to) {
        if (head(uri.keyOf(from)).isEmpty()) {
            return false;
        }
        if (head(uri.keyOf(to)).isPresent()) {
            throw new IllegalStateException("cannot move " + from + " to " + to + ": a different object is already there");
        }
        copy(from, to);
        client.deleteObject(b -> b.bucket(uri.bucket()).key(uri.keyOf(from)));
        return true;
    }

    @Override
    public boolean delete(String path) {
        boolean existed = head(uri.keyOf(path)).isPresent();
        client.deleteObject(b -> b.bucket(uri.bucket()).key(uri.keyOf(path)));
        return existed;
    }

    @Override
    public boolean link(String existing, String target, boolean hardLink) {
        if (head(uri.keyOf(target)).isPresent()) {
            return false;
        }
        copy(existing, target);
        return true;
    }

    @Override
    public void store(Path source, String relativePath) {
        client.putObject(b -> b.bucket(uri.bucket()).key(uri.keyOf(relativePath)), RequestBody.fromFile(source));
    }

    @Override
    public InputStream read(String relativePath) {
        try {
            return client.getObject(b -> b.bucket(uri.bucket()).key(uri.keyOf(relativePath)));
        } catch (S3Exception e) {
            throw failure("read " + relativePath, e);
        }
    }

    /** Multipart uploads under the prefix that were started and never completed or aborted: one request a page. */
    @Override
    public List<UnfinishedUpload> unfinishedUploads() {
        String prefix = uri.keyOf("");
        List<UnfinishedUpload> uploads = new ArrayList<>();
        try {
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(b -> b.bucket(uri.bucket())
                    .prefix(prefix)).uploads()) {
                uploads.add(new UnfinishedUpload(upload.key().substring(prefix.length()), upload.uploadId()));
            }
        } catch (S3Exception e) {
            throw failure("list the unfinished uploads of " + describe(), e);
        }
        return uploads;
    }

    @Override
    public void discard(UnfinishedUpload upload) {
        try {
            client.abortMultipartUpload(b -> b.bucket(uri.bucket()).key(uri.keyOf(upload.path())).uploadId(upload.id()));
        } catch (S3Exception e) {
            throw failure("abort the upload of " + upload.path(), e);
        }
    }

    @Override
    public String describe() {
        return uri.toString();
    }

    /** The same bucket name on another S3-compatible store is another destination. */
    @Override
    public String identity() {
        return endpoint.isBlank() ? describe() : describe() + " at " + endpoint;
    }

    private void copy(String from, String to) {
        client.copyObject(b -> b.sourceBucket(uri.bucket()).sourceKey(uri.keyOf(from))
                .destinationBucket(uri.bucket()).destinationKey(uri.keyOf(to)));
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(client.headObject(b -> b.bucket(uri.bucket()).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IllegalStateException("S3 " + uri.bucket() + " answered HTTP " + e.statusCode() + " for "
                    + key + ": " + e.awsErrorDetails().errorMessage(), e);
        }
    }

    private IllegalStateException failure(String what, S3Exception e) {
        return new IllegalStateException("cannot " + what + ": S3 " + uri.bucket() + " answered HTTP " + e.statusCode()
                + ": " + e.awsErrorDetails().errorMessage(), e);
    }
}
