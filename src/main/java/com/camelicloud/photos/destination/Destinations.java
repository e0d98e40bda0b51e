package com.camelicloud.photos.destination;

import software.amazon.awssdk.services.s3.S3Client;

/** Builds the destination {@code -d} names (YAML declares the bean with this factory). */
public final class Destinations {

    private Destinations() {
    }

    /** @param s3Client the run's S3 client, used only by an S3 destination ({@link S3Clients}) */
    public static Destination create(String destination, DestinationSettings settings, S3Client s3Client) {
        DestinationUri uri = DestinationUri.parse(destination);
        return switch (uri.kind()) {
            case FILE -> new LocalDestination(uri.location());
            case S3 -> new S3Destination(uri, s3Client, settings.getS3Endpoint());
            case SFTP -> new SftpDestination(uri, settings);
        };
    }
}
