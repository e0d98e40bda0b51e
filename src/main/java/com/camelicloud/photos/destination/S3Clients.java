package com.camelicloud.photos.destination;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The one S3 client of a run, configured from {@link DestinationSettings}: the aws2-s3 endpoint that uploads and
 * {@link S3Destination} that lists, probes, moves and deletes both use it, so they see the bucket alike. Built on
 * first use: every run declares it (YAML beans cannot be conditional), and building an AWS SDK client costs seconds
 * that a folder or SFTP destination should not pay.
 */
public final class S3Clients {

    private S3Clients() {
    }

    /** A client that builds itself from {@code settings} on its first call. */
    public static S3Client lazy(DestinationSettings settings) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                new Lazy(settings));
    }

    /**
     * Default credentials chain unless keys are given. Checksums only where S3 requires them: S3-compatible stores
     * do not all compute the SDK's newer default ones (docs/stack.md).
     */
    static S3Client build(DestinationSettings settings) {
        AwsCredentialsProvider credentials = settings.getS3AccessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.getS3AccessKey(),
                settings.getS3SecretKey()));
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.getS3Region()))
                .credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (!settings.getS3Endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.getS3Endpoint())).forcePathStyle(true);
        }
        return builder.build();
    }

    private static final class Lazy implements InvocationHandler {

        private final DestinationSettings settings;
        private S3Client client;

        Lazy(DestinationSettings settings) {
            this.settings = settings;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (method.getParameterCount() == 0) {
                        close();
                        return null;
                    }
                }
                case "toString" -> {
                    if (method.getParameterCount() == 0) {
                        return "S3Client[" + settings + "]";
                    }
                }
                case "hashCode" -> {
                    if (method.getParameterCount() == 0) {
                        return System.identityHashCode(proxy);
                    }
                }
                case "equals" -> {
                    if (method.getParameterCount() == 1) {
                        return proxy == args[0];
                    }
                }
                default -> {
                    // an S3 operation: below
                }
            }
            try {
                return method.invoke(client(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private synchronized S3Client client() {
            if (client == null) {
                client = build(settings);
            }
            return client;
        }

        private synchronized void close() {
            if (client != null) {
                client.close();
                client = null;
            }
        }
    }
}
