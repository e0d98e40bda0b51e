package com.camelicloud.photos.component;

import org.apache.camel.spi.Metadata;

/** Headers of the {@code icloud-photos} component. */
public final class ICloudPhotosConstants {

    @Metadata(description = "The change type of a LibraryChange body (ASSET_ADDED, ASSET_TRASHED, …)", javaType = "String")
    public static final String CHANGE_TYPE = "CamelICloudPhotosChangeType";
    @Metadata(description = "The zone (library) a change or page belongs to", javaType = "String")
    public static final String ZONE = "CamelICloudPhotosZone";
    @Metadata(description = "SHA-256 (hex) of a downloaded file, computed while it streamed", javaType = "String")
    public static final String SHA256 = "CamelICloudPhotosSha256";
    @Metadata(description = "Size of a downloaded file as it will be published (after any metadata was written)", javaType = "Long")
    public static final String FILE_SIZE = "CamelICloudPhotosFileSize";
    @Metadata(description = "Bytes transferred for a download in this run (less than the size when resumed)", javaType = "Long")
    public static final String BYTES_TRANSFERRED = "CamelICloudPhotosBytesTransferred";
    @Metadata(description = "Overrides the endpoint's operation for one exchange", javaType = "String")
    public static final String OPERATION = "CamelICloudPhotosOperation";

    private ICloudPhotosConstants() {
    }
}
