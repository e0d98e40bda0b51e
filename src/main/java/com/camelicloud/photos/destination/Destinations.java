package com.camelicloud.photos.destination;

/** Builds the destination {@code -d} names (YAML declares the bean with this factory). */
public final class Destinations {

    private Destinations() {
    }

    /** An S3 destination builds the run's S3 client ({@link S3Clients}). */
    public static Destination create(String destination, DestinationSettings settings) {
        DestinationUri uri = DestinationUri.parse(destination);
        return switch (uri.kind()) {
            case FILE -> new LocalDestination(uri.location());
            case S3 -> new S3Destination(uri, S3Clients.build(settings), settings.getS3Endpoint());
            case SFTP -> new SftpDestination(uri, settings);
        };
    }
}
