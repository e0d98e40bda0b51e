package com.camelicloud.photos.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.SyncStateRepository;

/**
 * The last walk of a cycle: the items its pages asked to see again ({@link Reoffers}) are looked up once those pages
 * are committed and go through the sync again, so that their files end where a fresh sync would put them — moved to
 * their first album's folder (FilePlanner plans the moves), their metadata written by the item that now decides it.
 * It is asked for a page before the cycle's last page was processed (see {@link ChangeFeed#hasNext()}), so when that
 * page turns out to ask for nothing, its one page is empty.
 */
final class ReofferWalker implements ZoneWalker {

    private final CloudKitClient cloudKit;
    private final SyncStateRepository state;
    private final CopySettings copy;
    private final Reoffers reoffers;
    private final ZoneId lastZone;
    private LookupWalker lookup;
    private boolean asked;

    /** @param lastZone the zone of the cycle's last page, for an empty page */
    ReofferWalker(CloudKitClient cloudKit, SyncStateRepository state, CopySettings copy, Reoffers reoffers,
                  ZoneId lastZone) {
        this.cloudKit = cloudKit;
        this.state = state;
        this.copy = copy;
        this.reoffers = reoffers;
        this.lastZone = lastZone;
    }

    @Override
    public boolean hasNextPage() {
        return lookup == null ? !asked : lookup.hasNextPage();
    }

    @Override
    public ChangePage nextPage() {
        if (lookup != null) {
            return lookup.nextPage();
        }
        asked = true;
        Map<String, ZoneId> libraries = new LinkedHashMap<>();
        state.knownLibraries().forEach(zone -> libraries.put(zone.zoneName(), zone));
        List<AssetState> items = new ArrayList<>();
        reoffers.items().forEach((zone, ids) -> items.addAll(state.assetStates(zone, ids).values()));
        if (!items.isEmpty()) {
            lookup = new LookupWalker(cloudKit, state, copy, libraries, items,
                    "are to be seen again: their files move to their first album's folder, or take the metadata of "
                            + "the item that now decides it; nothing is downloaded again");
            if (lookup.hasNextPage()) {
                return lookup.nextPage();
            }
        }
        return new ChangePage(lastZone, false, 0, List.of(), null, false, copy.contentProfile());
    }
}
