package com.camelicloud.photos.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3-compatible server (s3proxy over an in-memory blob store) on 127.0.0.1, for destination tests. */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret-0123456789";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    public S3Server() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /**
     * The sync flags that reach this server, followed by {@code more}; the keys go in a settings file under
     * {@code dir}, as a user would keep them out of the shell history.
     */
    public String[] flags(Path dir, String... more) {
        try {
            Path config = Files.writeString(dir.resolve("s3.properties"), String.join("\n",
                    "destination.s3.access-key=" + ACCESS_KEY, "destination.s3.secret-key=" + SECRET_KEY, ""));
            return Stream.concat(Stream.of("--config", config.toString(), "--s3-endpoint", endpoint()), Stream.of(more))
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** Key (below the prefix) → SHA-256 of every object in the bucket under {@code prefix}. */
    public Map<String, String> objects(String bucket, String prefix) {
        BlobStore store = context.getBlobStore();
        Map<String, String> objects = new HashMap<>();
        for (StorageMetadata item : store.list(bucket, ListContainerOptions.Builder.recursive())) {
            if (item.getName().startsWith(prefix) && !item.getName().endsWith("/")) {
                objects.put(item.getName().substring(prefix.length()), LocalFiles.sha256(content(bucket, item.getName())));
            }
        }
        return objects;
    }

    /** The bytes of one object. */
    public byte[] get(String bucket, String key) {
        return content(bucket, key);
    }

    /** Writes an object behind the back of the tool under test (to damage a copy). */
    public void put(String bucket, String key, byte[] bytes) {
        BlobStore store = context.getBlobStore();
        store.putBlob(bucket, store.blobBuilder(key).payload(bytes).contentLength(bytes.length).build());
    }

    public void remove(String bucket, String key) {
        context.getBlobStore().removeBlob(bucket, key);
    }

    /**
     * Begins a multipart upload through the S3 API (s3proxy keeps its own record of those) and leaves it unfinished,
     * as an upload cut off half-way does.
     */
    public void leaveUnfinishedUpload(String bucket, String key) {
        try (S3Client client = S3Client.builder().endpointOverride(URI.create(endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build()) {
            client.createMultipartUpload(b -> b.bucket(bucket).key(key));
        }
    }

    /** The keys of the multipart uploads begun and neither completed nor aborted. */
    public List<String> unfinishedUploads(String bucket) {
        return context.getBlobStore().listMultipartUploads(bucket).stream().map(MultipartUpload::blobName).toList();
    }

    public Map<String, String> userMetadata(String bucket, String key) {
        return context.getBlobStore().blobMetadata(bucket, key).getUserMetadata();
    }

    private byte[] content(String bucket, String key) {
        Blob blob = context.getBlobStore().getBlob(bucket, key);
        try (InputStream in = blob.getPayload().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
