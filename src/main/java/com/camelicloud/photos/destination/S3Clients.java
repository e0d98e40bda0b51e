package com.camelicloud.photos.destination;

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
 * The one S3 client of a run, configured from {@link DestinationSettings}: {@link S3Destination} that lists, probes,
 * moves and deletes owns it, and the aws2-s3 endpoint that uploads uses the same one (the {@code s3Client} bean), so
 * they see the bucket alike. Only an S3 destination builds one: an AWS SDK client costs a folder or SFTP run nothing.
 */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * Default credentials chain unless keys are given. Checksums only where S3 requires them: S3-compatible stores
     * do not all compute the SDK's newer default ones (docs/stack.md).
     */
    public static S3Client build(DestinationSettings settings) {
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
}
