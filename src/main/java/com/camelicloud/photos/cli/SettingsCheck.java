package com.camelicloud.photos.cli;

import java.util.Map;
import java.util.Optional;

import com.camelicloud.photos.download.BandwidthLimiter;
import com.camelicloud.photos.layout.FolderStructure;
import com.camelicloud.photos.layout.PhotoLayout;
import com.camelicloud.photos.sync.ContentPolicy;

/**
 * Builds, from the flags, the same objects the routes will build from their properties, so that every bad
 * value stops the run before any network call with the message those objects give.
 */
final class SettingsCheck {

    private SettingsCheck() {
    }

    static void check(Map<String, Object> properties) {
        try {
            ContentPolicy content = new ContentPolicy();
            value(properties, "content.sizes").ifPresent(content::setSizes);
            value(properties, "content.live-photo-mode").ifPresent(content::setLivePhotoMode);
            value(properties, "content.live-photo-size").ifPresent(content::setLivePhotoSize);
            value(properties, "content.force-size").map(Boolean::parseBoolean).ifPresent(content::setForceSize);
            value(properties, "content.align-raw").ifPresent(content::setAlignRaw);
            value(properties, "content.skip-videos").map(Boolean::parseBoolean).ifPresent(content::setSkipVideos);
            value(properties, "content.skip-photos").map(Boolean::parseBoolean).ifPresent(content::setSkipPhotos);
            value(properties, "content.filename-exclude").ifPresent(content::setFilenameExcludes);
            value(properties, "content.skip-created-before").ifPresent(content::setSkipCreatedBefore);
            value(properties, "content.skip-created-after").ifPresent(content::setSkipCreatedAfter);
            value(properties, "content.albums").ifPresent(content::setAlbums);
            value(properties, "content.exclude-albums").ifPresent(content::setExcludeAlbums);
            value(properties, "content.recent").map(Integer::parseInt).ifPresent(content::setRecent);
            content.init();
            PhotoLayout.of(value(properties, "layout.folder-structure").orElse(FolderStructure.DEFAULT_PATTERN),
                    value(properties, "layout.keep-unicode-in-filenames").map(Boolean::parseBoolean).orElse(true),
                    value(properties, "layout.live-photo-mov-filename-policy").orElse("suffix"),
                    value(properties, "layout.file-match-policy").orElse("name-size-dedup-with-suffix"));
            value(properties, "download.bandwidth-limit").filter(v -> !v.isBlank()).ifPresent(BandwidthLimiter::parse);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Optional<String> value(Map<String, Object> properties, String key) {
        return Optional.ofNullable(properties.get(key)).map(Object::toString);
    }
}
