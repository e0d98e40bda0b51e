package com.camelicloud.photos.component;

import java.time.Instant;

import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Resource;

/** The body of the {@code download} operation: one rendition of one asset, and where it is to be published. */
public interface MediaFile {

    /** The rendition to fetch, with its download URL; null once iCloud no longer has it. */
    Resource getResource();

    /** The resource field of the rendition, e.g. {@code resOriginal}: names it in messages. */
    String getRendition();

    /** Where the file goes, relative to the destination: becomes {@code CamelFileName}. */
    String getRelativePath();

    /** The file's modification time, or null to leave it to the file system. */
    Instant getModified();

    /** The asset whose rendition it is: its records are looked up again for a fresh URL. */
    PhotoAsset getAsset();

    ZoneId getZone();

    /** Takes the rendition as a records/lookup found it again (docs/protocol.md §8.8); null when it is gone. */
    void refreshed(Resource fresh);

    /** The files whose URLs came in the same answer and expire together; null for a file on its own. */
    UrlBatch getUrlBatch();
}
