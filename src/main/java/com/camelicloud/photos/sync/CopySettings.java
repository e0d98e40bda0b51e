package com.camelicloud.photos.sync;

import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.metadata.MetadataOptions;
import com.camelicloud.photos.metadata.PhotoMetadata;

/**
 * What the copy holds, as far as telling whether an item needs anything done: classification compares an item
 * with what was stored under these settings.
 *
 * @param contentProfile identity of the download settings; items fetched under other settings are re-planned
 * @param keepsHidden    hidden photos are part of the copy ({@code --on-hidden keep}): listed, downloaded and
 *                       retried like visible ones
 * @param keepsEdits     rendered edits are part of the copy ({@code --size adjusted}): an edit or a revert changes
 *                       the item's files
 * @param metadata       the metadata written into files and sidecars: a change of what they carry is written again
 */
public record CopySettings(String contentProfile, boolean keepsHidden, boolean keepsEdits, MetadataOptions metadata) {

    /** What the item's files should carry ({@link MetadataOptions#digest}); null when no metadata is written. */
    public String metadataDigest(PhotoAsset asset) {
        return metadata.any() ? metadata.digest(PhotoMetadata.of(asset)) : null;
    }
}
