package com.camelicloud.photos.sync;

import java.util.ArrayList;
import java.util.List;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.cloudkit.CloudKitException;
import com.camelicloud.photos.cloudkit.CloudKitPages.ZoneChangesPage;
import com.camelicloud.photos.cloudkit.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks {@code changes/zone} from the stored token until {@code moreComing} is false (docs/protocol.md §4.2).
 * Every emitted page carries its token, so each is a resume point; a page is only emitted when every
 * asset on it is paired with its master (or looked up), because a token stored past half a pair would
 * lose the other half on a crash. Empty pages never end the walk (§4.1 row 14). While a page is processed, the
 * request for the next one, from the token it carries, is already under way ({@link PageReadAhead}).
 */
final class ZoneChangesWalker implements ZoneWalker {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneChangesWalker.class);
    /** §4.1 row 14: a generous cap that fails loudly instead of stopping silently. */
    static final int MAX_PAGES = 10_000;
    /** Empty pages are coalesced into one checkpoint every so many. */
    private static final int EMPTY_PAGES_PER_CHECKPOINT = 50;
    /** Pages read ahead to find the other half of a pair before looking masters up instead. */
    private static final int MAX_MERGED_PAGES = 5;

    private final ZoneId zone;
    private final CloudKitClient cloudKit;
    private final BatchResolver resolver;
    private final ZoneWalkerFactory fallbackFactory;
    private final PageReadAhead readAhead;
    private String token;
    private boolean finished;
    private int pagesFetched;
    private int sequence;
    private ZoneWalker fallback;

    /** Creates the full-scan walker used when the stored token is rejected. */
    interface ZoneWalkerFactory {
        ZoneWalker fullScan(ZoneId zone);
    }

    /** A changes/zone request, as told apart by the read-ahead. */
    private record ChangesRequest(ZoneId zone, String token) {
    }

    ZoneChangesWalker(ZoneId zone, String storedToken, CloudKitClient cloudKit, BatchResolver resolver,
                      ZoneWalkerFactory fallbackFactory, PageReadAhead readAhead) {
        this.zone = zone;
        this.token = storedToken;
        this.cloudKit = cloudKit;
        this.resolver = resolver;
        this.fallbackFactory = fallbackFactory;
        this.readAhead = readAhead;
    }

    /** Until moreComing is false, every call gives a page: at the latest the last one, which carries the token. */
    @Override
    public boolean hasNextPage() {
        return fallback != null ? fallback.hasNextPage() : !finished;
    }

    @Override
    public ChangePage nextPage() {
        if (fallback != null) {
            return fallback.nextPage();
        }
        List<CkRecord> batch = new ArrayList<>();
        int merged = 0;
        int emptyRun = 0;
        while (true) {
            ZoneChangesPage page;
            try {
                page = readAhead.fetch(new ChangesRequest(zone, token), this::changes);
            } catch (CloudKitException e) {
                if (e.is(CloudKitException.BAD_REQUEST) && batch.isEmpty()) {
                    LOG.warn("iCloud rejected the stored sync token of {} ({}); discarding it and listing the whole "
                            + "library instead. Files already present are not downloaded again.", zone.zoneName(),
                            e.getMessage());
                    fallback = fallbackFactory.fullScan(zone);
                    return fallback.nextPage();
                }
                if (e.is(CloudKitException.ZONE_NOT_FOUND) && zone.isSharedLibrary()) {
                    finished = true;
                    LOG.debug("changes/zone says {} does not exist any more", zone.zoneName());
                    return new ChangePage(zone, false, sequence++, List.of(LibraryChange.ofRecord(ChangeType.LIBRARY_GONE,
                            zone, zone.zoneName(), null)), null, true, resolver.contentProfile());
                }
                throw e;
            }
            if (++pagesFetched > MAX_PAGES) {
                throw new CloudKitException("changes/zone", 200, null, "changes/zone for " + zone.zoneName()
                        + " still says moreComing after " + MAX_PAGES + " pages; stopping this cycle");
            }
            token = page.syncToken();
            page.records().stream().filter(BatchResolver::isRelevant).forEach(batch::add);
            finished = !page.moreComing();
            if (batch.isEmpty() && !finished) {
                if (++emptyRun < EMPTY_PAGES_PER_CHECKPOINT) {
                    continue;
                }
                return handOut(List.of());
            }
            BatchResolver.Resolution resolution = resolver.resolve(batch);
            if (!resolution.complete() && !finished && merged < MAX_MERGED_PAGES) {
                merged++;
                continue;
            }
            List<LibraryChange> changes = new ArrayList<>(resolution.changes());
            changes.addAll(resolver.hydrate(resolution.assetsWithoutMaster()));
            return handOut(changes);
        }
    }

    /** A page and its token; while moreComing, the request for the next page starts meanwhile. */
    private ChangePage handOut(List<LibraryChange> changes) {
        if (!finished) {
            readAhead.start(new ChangesRequest(zone, token), this::changes);
        }
        return new ChangePage(zone, false, sequence++, changes, token, finished, resolver.contentProfile());
    }

    private ZoneChangesPage changes(ChangesRequest request) {
        return cloudKit.zoneChanges(request.zone(), request.token());
    }
}
