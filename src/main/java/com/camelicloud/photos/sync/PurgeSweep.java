package com.camelicloud.photos.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.SyncStateRepository;

/**
 * {@code --purge-after-days}: items purged in iCloud keep their local copy for a grace period; each
 * cycle turns those whose period is over into pages of purge changes, handled like any other page.
 */
public class PurgeSweep {

    private static final int MAX_PER_CYCLE = 1_000;

    private final SyncStateRepository state;
    private final ContentPolicy contentPolicy;

    public PurgeSweep(SyncStateRepository state, ContentPolicy contentPolicy) {
        this.state = state;
        this.contentPolicy = contentPolicy;
    }

    /** One page per library of the items whose grace period ended. */
    public List<ChangePage> duePages(int afterDays) {
        long cutoff = System.currentTimeMillis() - Duration.ofDays(afterDays).toMillis();
        Map<String, List<LibraryChange>> byZone = new LinkedHashMap<>();
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        state.knownLibraries().forEach(zone -> zones.put(zone.zoneName(), zone));
        for (AssetState purged : state.purgedBefore(cutoff, MAX_PER_CYCLE)) {
            ZoneId zone = zones.get(purged.zoneName());
            if (zone != null) {
                byZone.computeIfAbsent(zone.zoneName(), z -> new ArrayList<>()).add(LibraryChange.purged(zone, purged));
            }
        }
        List<ChangePage> pages = new ArrayList<>();
        byZone.forEach((zone, changes) -> pages.add(new ChangePage(zones.get(zone), false, 0, changes, null, false,
                contentPolicy.profile())));
        return pages;
    }
}
