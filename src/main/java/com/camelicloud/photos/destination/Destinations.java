package com.camelicloud.photos.destination;

/** Builds the destination {@code -d} names (YAML declares the bean with this factory). */
public final class Destinations {

    private Destinations() {
    }

    public static Destination create(String destination, DestinationSettings settings) {
        DestinationUri uri = DestinationUri.parse(destination);
        return switch (uri.kind()) {
            case FILE -> new LocalDestination(uri.location());
            case S3 -> new S3Destination(uri, settings);
            case SFTP -> new SftpDestination(uri, settings);
        };
    }
}
