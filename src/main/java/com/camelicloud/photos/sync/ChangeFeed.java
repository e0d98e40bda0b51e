package com.camelicloud.photos.sync;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.cloudkit.CloudKitException;
import com.camelicloud.photos.cloudkit.CloudKitPages.ChangedZone;
import com.camelicloud.photos.cloudkit.CloudKitPages.DatabaseChanges;
import com.camelicloud.photos.cloudkit.Database;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.destination.DestinationProbe;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.SyncStateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync cycle as a lazy sequence of {@link ChangePage}s (docs/protocol.md §4.2). {@link #plan()} asks
 * {@code changes/database} which zones changed — one call and nothing more when none did — and chooses
 * per zone between an incremental walk from the stored token and a full enumeration. Pages are made only
 * when the consumer asks for the next one, i.e. after the previous page was processed and committed, so
 * memory stays flat and a crash loses at most the page in flight. Only the CloudKit request of a walk's
 * next page is sent earlier, while the consumer processes the current one ({@link PageReadAhead}): its
 * answer is resolved against the state when the page is asked for. {@link #close()} ends a cycle early
 * (Camel's splitter closes its iterator when the split ends, also on failure).
 */
public final class ChangeFeed implements Iterator<ChangePage>, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final int MAX_RETRIES_PER_CYCLE = 1_000;

    private final CloudKitClient cloudKit;
    private final SyncStateRepository state;
    private final FeedOptions options;
    private final DestinationProbe destination;
    private final Deque<ZoneWalker> walkers = new ArrayDeque<>();
    private final Map<Database, String> databaseTokens = new EnumMap<>(Database.class);
    private final PageReadAhead readAhead = new PageReadAhead();
    private final Reoffers reoffers = new Reoffers();
    /** The zone of the last page handed out (null before the first), and whether it may ask to see items again. */
    private ZoneId lastZone;
    private boolean lastPageMayOfferAgain;
    private boolean reoffered;
    private ZoneWalker current;
    private boolean planned;
    private boolean exhausted;
    /** A walk that failed fails every later call the same way, instead of asking iCloud again. */
    private RuntimeException failure;

    /** @param destination checked during full enumerations, so files that went missing are fetched again */
    public ChangeFeed(CloudKitClient cloudKit, SyncStateRepository state, FeedOptions options,
                      DestinationProbe destination) {
        this.cloudKit = cloudKit;
        this.state = state;
        this.options = options;
        this.destination = destination;
    }

    /** Decides what to read this cycle. Costs one changes/database call per database polled. */
    public ChangeFeed plan() {
        if (planned) {
            return this;
        }
        planned = true;
        cloudKit.resetRenewalBudget();
        Map<String, ZoneId> libraries = new LinkedHashMap<>();
        state.knownLibraries().forEach(zone -> libraries.put(zone.zoneName(), zone));
        if (options.repairOnly()) {
            // verify marked the items of missing and damaged copies incomplete; items that lacked a file already
            // are repaired too, whatever their past attempts (a file forgotten with --forget-failed stays forgotten)
            walkers.add(new LookupWalker(cloudKit, state, options.copy(), libraries,
                    state.incompleteAssets(Integer.MAX_VALUE, options.listHidden(), Integer.MAX_VALUE),
                    "lack files in the destination; fetching them at their paths"));
            return this;
        }
        // Taken before the walk, so items failing in this cycle wait for the next one.
        List<AssetState> incomplete = state.incompleteAssets(
                options.retryFailedOnly() ? Integer.MAX_VALUE : options.maxDownloadAttempts(), options.listHidden(),
                MAX_RETRIES_PER_CYCLE);
        // Taken before the walk too: files the walk stores follow the current settings already.
        List<AssetState> laidOutOtherwise = options.retryFailedOnly() ? List.of()
                : state.itemsLaidOutOtherThan(options.layoutProfile(), options.listHidden());
        if (!options.retryFailedOnly()) {
            planZones();
        }
        if (!laidOutOtherwise.isEmpty()) {
            // First, so that files the cycle stores find the paths of the current settings taken by no old file.
            walkers.addFirst(new LookupWalker(cloudKit, state, options.copy(), libraries, laidOutOtherwise,
                    "have files stored under other layout settings; they move to their new paths, nothing is "
                            + "downloaded again"));
        }
        if (!incomplete.isEmpty()) {
            walkers.add(new LookupWalker(cloudKit, state, options.copy(), libraries, incomplete,
                    "have files that failed before; retrying them"));
        }
        if (walkers.isEmpty()) {
            LOG.info("Nothing changed in iCloud since the last sync");
        }
        return this;
    }

    private void planZones() {
        Map<String, ZoneId> candidates = candidateZones();
        Map<String, ZoneId> changed = new LinkedHashMap<>();
        for (Database database : databasesToPoll(candidates)) {
            DatabaseChanges changes = changedZones(database);
            databaseTokens.put(database, changes.syncToken());
            for (ChangedZone zone : changes.zones()) {
                changed.putIfAbsent(zone.zone().zoneName(), zone.zone());
                if (options.selects(zone.zone()) && !candidates.containsKey(zone.zone().zoneName())) {
                    LOG.info("Found a new library: {}", zone.zone().zoneName());
                    candidates.put(zone.zone().zoneName(), zone.zone());
                }
            }
        }
        for (ZoneId zone : candidates.values()) {
            // Settings that changed since items were fetched (sizes, filters) are only applied by a full listing.
            boolean resettle = state.hasItemsOutside(zone.zoneName(), options.contentProfile());
            if (resettle) {
                LOG.info("Download settings changed since {} was last listed; listing it again for the files they add. "
                        + "Files already stored that they leave out stay where they are.", zone.zoneName());
            }
            String token = options.fullEnumeration() || resettle ? null : state.zoneToken(zone).orElse(null);
            BatchResolver resolver = new BatchResolver(zone, cloudKit, state, options.copy(), null);
            if (token == null) {
                walkers.add(fullScan(zone));
            } else if (changed.containsKey(zone.zoneName())) {
                if (options.listener() != null) {
                    options.listener().zoneStarted(zone, false, -1);
                }
                walkers.add(new ZoneChangesWalker(zone, token, cloudKit, resolver, this::fullScan, readAhead));
            }
        }
    }

    /**
     * {@code changes/database} from the stored token. A token iCloud refuses (any error that retrying cannot cure,
     * whatever the HTTP status) is dropped: asked again without one, iCloud names every zone, and each zone then walks
     * from its own stored token, so nothing is listed or downloaded again (docs/protocol.md §4.1 rows 21-23, §4.3).
     */
    private DatabaseChanges changedZones(Database database) {
        String stored = state.databaseToken(database).orElse(null);
        try {
            return cloudKit.changedZones(database, stored);
        } catch (CloudKitException e) {
            if (stored == null || !e.isRejection()) {
                throw e;
            }
            LOG.warn("iCloud rejected the stored database token of {} ({}); asking for every library instead. "
                    + "Each library goes on from its own token.", database.path(), e.getMessage());
            return cloudKit.changedZones(database, null);
        }
    }

    private ZoneWalker fullScan(ZoneId zone) {
        return new FullScanWalker(zone, cloudKit, new BatchResolver(zone, cloudKit, state, options.copy(),
                destination), options, readAhead);
    }

    /**
     * The database tokens to store, available once every page was delivered: stored only after every
     * zone of the cycle succeeded (§4.3 rule 4).
     */
    public Map<Database, String> databaseTokens() {
        if (!exhausted) {
            throw new IllegalStateException("the database tokens are only final after the last page");
        }
        return Collections.unmodifiableMap(databaseTokens);
    }

    /** The same tokens as rows for the SQL that stores them. */
    public List<Map<String, Object>> databaseTokenRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        long now = System.currentTimeMillis();
        databaseTokens().forEach((database, token) -> {
            if (token != null) {
                rows.add(Map.of("databaseName", database.path(), "syncToken", token, "updatedAt", now));
            }
        });
        return rows;
    }

    /** Whether hidden items are part of the copy ({@code --on-hidden keep}): their missing files count. */
    public boolean keepsHidden() {
        return options.listHidden();
    }

    /**
     * Answered without making the next page: Camel's streaming splitter asks right after {@link #next()}, before
     * it processes the page it just took, and the next page must be resolved only after that one was committed.
     */
    @Override
    public boolean hasNext() {
        if (failure != null) {
            throw failure;
        }
        try {
            plan();
            while (current == null || !current.hasNextPage()) {
                current = walkers.poll();
                if (current == null) {
                    current = reofferWalker();
                }
                if (current == null) {
                    exhausted = true;
                    readAhead.close();
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public ChangePage next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            ChangePage page = current.nextPage();
            page.reofferTo(reoffers);
            lastZone = page.getZone();
            lastPageMayOfferAgain = page.mayOfferAgain(options.albumFolders(), options.copy().metadata().any());
            return page;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * Once the walks are done: the items the cycle's pages asked to see again, looked up and synced once more (once per
     * cycle). Decided before the last page was processed: when that page may ask too, what it asks is not known yet,
     * and the walk may turn out to have an empty page.
     */
    private ZoneWalker reofferWalker() {
        if (reoffered || lastZone == null || (reoffers.isEmpty() && !lastPageMayOfferAgain)) {
            return null;
        }
        reoffered = true;
        return new ReofferWalker(cloudKit, state, options.copy(), reoffers, lastZone);
    }

    private RuntimeException failed(RuntimeException e) {
        failure = e;
        readAhead.close();
        return e;
    }

    /** Ends the cycle, also early (a failure, a stop): a page request still ahead is cancelled and its thread ends. */
    @Override
    public void close() {
        readAhead.close();
    }

    private Map<String, ZoneId> candidateZones() {
        Map<String, ZoneId> candidates = new LinkedHashMap<>();
        if (!options.allLibraries() && options.libraries().equals(ZoneId.PRIMARY)) {
            candidates.put(ZoneId.PRIMARY, ZoneId.primary());
            return candidates;
        }
        for (ZoneId known : state.knownLibraries()) {
            if (options.selects(known)) {
                candidates.put(known.zoneName(), known);
            }
        }
        boolean discovered = state.databaseToken(Database.PRIVATE).isPresent() && !candidates.isEmpty();
        if (!discovered) {
            for (ZoneId zone : cloudKit.photoLibraries()) {
                if (options.selects(zone)) {
                    candidates.putIfAbsent(zone.zoneName(), zone);
                }
            }
        }
        if (!options.allLibraries() && !candidates.containsKey(options.libraries())) {
            throw new IllegalArgumentException("this account has no library named " + options.libraries()
                    + "; libraries found: " + String.join(", ", candidates.keySet()));
        }
        return candidates;
    }

    private List<Database> databasesToPoll(Map<String, ZoneId> candidates) {
        List<Database> databases = new ArrayList<>();
        databases.add(Database.PRIVATE);
        if (candidates.values().stream().anyMatch(zone -> zone.database() == Database.SHARED)) {
            databases.add(Database.SHARED);
        }
        return databases;
    }
}
