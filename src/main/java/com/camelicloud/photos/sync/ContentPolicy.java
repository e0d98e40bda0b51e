package com.camelicloud.photos.sync;

import java.util.ArrayList;
import java.util.List;

import com.camelicloud.photos.layout.Rendition;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Resource;

/**
 * Which renditions of an item the destination keeps (PROTOCOL.md §8.1). Its {@link #profile()} is
 * stored with every item, so a change of settings re-plans items fetched under the old ones.
 */
public class ContentPolicy {

    /** A rendition to keep and the resource it comes from. */
    public record Wanted(Rendition rendition, Resource resource) {
    }

    /** Identity of these settings, stored with each item. */
    public String profile() {
        return "original;live=both";
    }

    /** The files an item needs: its original, and a Live Photo's motion video. */
    public List<Wanted> renditions(PhotoAsset asset) {
        List<Wanted> wanted = new ArrayList<>();
        Resource original = asset.resource(PhotoAsset.ORIGINAL).orElseThrow(() -> new IllegalStateException(
                asset + " has no downloadable original (resOriginalRes without a download URL)"));
        wanted.add(new Wanted(Rendition.ORIGINAL, original));
        if (asset.isLivePhoto()) {
            asset.resource(PhotoAsset.LIVE_VIDEO).ifPresent(video -> wanted.add(new Wanted(Rendition.LIVE_ORIGINAL, video)));
        }
        return wanted;
    }
}
