package com.camelicloud.photos.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.cloudkit.CloudKitPages.QueryPage;
import com.camelicloud.photos.cloudkit.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enumerates a zone with {@code records/query} (docs/protocol.md §3.4, §3.11): ASCENDING from rank 0,
 * advancing by the distinct assets of each page, stopping on an empty page confirmed by one probe; then, when
 * hidden photos are part of the copy ({@code --on-hidden keep}), the Hidden index the same way, since the main
 * index leaves them out.
 * The zone token of the <em>first</em> page is the bootstrap token, handed out only with the last page
 * so that changes made during the walk are replayed by the next incremental cycle (§4.3 rule 3).
 * While a page is processed, the listing requests of the next ones are already under way ({@link PageReadAhead}):
 * a page holds at most {@value #RANKS_PER_PAGE} assets, so the next pages most likely start that many ranks apart,
 * up to the count iCloud reported for the listing. A guess that proves wrong (a page with fewer assets) only costs a
 * request; pages are still handed out, planned and committed in rank order.
 */
final class FullScanWalker implements ZoneWalker {

    private static final Logger LOG = LoggerFactory.getLogger(FullScanWalker.class);
    static final String INDEX = "CPLAssetAndMasterByAssetDateWithoutHiddenOrDeleted";
    static final String COUNT_INDEX = "CPLAssetByAssetDateWithoutHiddenOrDeleted";
    static final String HIDDEN_INDEX = "CPLAssetAndMasterHiddenByAssetDate";
    static final String HIDDEN_COUNT_INDEX = "CPLAssetHiddenByAssetDate";
    static final String MEMBERS_INDEX = "CPLContainerRelationLiveByAssetDate";
    private static final long USER_ALBUM = 0;
    /** The album listing without a folder filter. */
    private static final int RANKS_PER_PAGE = 100;
    private static final int CONFIRMATION_PROBES = 1;

    private final ZoneId zone;
    private final CloudKitClient cloudKit;
    private final BatchResolver resolver;
    private final FeedOptions options;
    private final PageReadAhead readAhead;
    private final List<CkRecord> carried = new ArrayList<>();
    /** The asset listings still to walk, the current one first. */
    private final Deque<String> indexes = new ArrayDeque<>();
    private long rank;
    private String bootstrapToken;
    private boolean indexingFinished = true;
    private boolean started;
    private boolean finished;
    private int sequence;
    private long assetsSeen;
    /** The count iCloud reported for each listing of {@link #indexes} (absent when it reported none). */
    private final Map<String, Long> reportedCounts = new HashMap<>();

    /** A listing request, as told apart by the read-ahead: the next page's index and rank. */
    private record ListingRequest(ZoneId zone, String index, long startRank) {
    }

    FullScanWalker(ZoneId zone, CloudKitClient cloudKit, BatchResolver resolver, FeedOptions options,
                   PageReadAhead readAhead) {
        this.zone = zone;
        this.cloudKit = cloudKit;
        this.resolver = resolver;
        this.options = options;
        this.readAhead = readAhead;
        indexes.add(INDEX);
        if (options.listHidden()) {
            indexes.add(HIDDEN_INDEX);
        }
    }

    /** Until the walk ends, every call gives a page: at the latest the last one, which carries the token. */
    @Override
    public boolean hasNextPage() {
        return !finished;
    }

    @Override
    public ChangePage nextPage() {
        if (!started) {
            ChangePage albums = start();
            if (albums != null) {
                return albums;
            }
        }
        int emptyInARow = 0;
        while (true) {
            if (limitReached()) {
                return finish();
            }
            QueryPage page = readAhead.fetch(new ListingRequest(zone, indexes.peek(), rank), this::listing);
            if (bootstrapToken == null) {
                bootstrapToken = page.syncToken();
            }
            List<CkRecord> records = limited(page.records().stream()
                    .filter(r -> r.isType(CkRecord.ASSET) || r.isType(CkRecord.MASTER)).toList());
            if (records.isEmpty()) {
                if (++emptyInARow <= CONFIRMATION_PROBES) {
                    rank += RANKS_PER_PAGE;
                    continue;
                }
                indexes.poll();
                if (indexes.isEmpty()) {
                    return finish();
                }
                rank = 0;
                emptyInARow = 0;
                continue;
            }
            emptyInARow = 0;
            Set<String> assets = new HashSet<>();
            records.stream().filter(r -> r.isType(CkRecord.ASSET)).forEach(r -> assets.add(r.recordName()));
            assetsSeen += assets.size();
            rank += assets.isEmpty() ? RANKS_PER_PAGE : assets.size();

            List<CkRecord> batch = new ArrayList<>(carried);
            batch.addAll(records);
            carried.clear();
            BatchResolver.Resolution resolution = resolver.resolve(batch);
            // Without a token to protect, unpaired records simply wait for a later page.
            carried.addAll(resolution.assetsWithoutMaster());
            carried.addAll(resolution.orphanMasters());
            if (!resolution.changes().isEmpty()) {
                return handOut(resolution.changes());
            }
        }
    }

    /** A page of the walk; the listing requests the walk makes next start meanwhile (see {@link #nextRanks()}). */
    private ChangePage handOut(List<LibraryChange> changes) {
        String index = indexes.peek();
        List<ListingRequest> next = nextRanks().stream().map(r -> new ListingRequest(zone, index, r)).toList();
        if (!next.isEmpty()) {
            readAhead.start(next, this::listing);
        }
        return new ChangePage(zone, true, sequence++, changes, null, false, resolver.contentProfile());
    }

    /**
     * The ranks of the current listing the walk most likely asks for next, starting with the next one: full pages
     * apart up to the count iCloud reported, where the last page ends, then the empty page and its probes. None past
     * the listing limit ({@code --recent}), which a walk of full pages would not ask for either.
     */
    private List<Long> nextRanks() {
        long reportedCount = reportedCounts.getOrDefault(indexes.peek(), -1L);
        List<Long> ranks = new ArrayList<>();
        long guess = rank;
        int atOrPastEnd = 0;
        while (ranks.size() < PageReadAhead.IN_FLIGHT && atOrPastEnd <= CONFIRMATION_PROBES) {
            if (options.listingLimit() > 0 && assetsSeen + (guess - rank) >= options.listingLimit()) {
                break;
            }
            ranks.add(guess);
            if (reportedCount < 0 || guess >= reportedCount) {
                atOrPastEnd += reportedCount < 0 ? 0 : 1;
                guess += RANKS_PER_PAGE;
            } else {
                guess = Math.min(guess + RANKS_PER_PAGE, reportedCount);
            }
        }
        return ranks;
    }

    private QueryPage listing(ListingRequest request) {
        return cloudKit.queryPage(request.zone(), request.index(), request.startRank(), List.of());
    }

    /** {@code --recent}: the listing stops after so many items. */
    private boolean limitReached() {
        return options.listingLimit() > 0 && assetsSeen >= options.listingLimit();
    }

    /**
     * {@code --recent}: the page cut after the assets still allowed, in listing order (newest first), with the
     * masters they point at.
     */
    private List<CkRecord> limited(List<CkRecord> records) {
        long remaining = options.listingLimit() - assetsSeen;
        if (options.listingLimit() <= 0) {
            return records;
        }
        Set<String> assets = new LinkedHashSet<>();
        Set<String> masters = new HashSet<>();
        for (CkRecord record : records) {
            if (record.isType(CkRecord.ASSET) && assets.size() < remaining && assets.add(record.recordName())) {
                masters.add(record.reference("masterRef"));
            }
        }
        return records.stream().filter(r -> r.isType(CkRecord.ASSET) ? assets.contains(r.recordName())
                : masters.contains(r.recordName())).toList();
    }

    /** @return the album index page, when the settings need albums, else null */
    private ChangePage start() {
        started = true;
        String indexing = cloudKit.indexingState(zone);
        if (indexing != null && !"FINISHED".equals(indexing)) {
            indexingFinished = false;
            LOG.warn("iCloud is still indexing {} ({}); syncing what is listed, and scanning again next time",
                    zone.zoneName(), indexing);
        }
        OptionalLong count = cloudKit.count(zone, COUNT_INDEX);
        count.ifPresent(n -> reportedCounts.put(INDEX, n));
        if (options.listHidden() && count.isPresent()) {
            OptionalLong hidden = cloudKit.count(zone, HIDDEN_COUNT_INDEX);
            hidden.ifPresent(n -> reportedCounts.put(HIDDEN_INDEX, n));
            count = hidden.isPresent() ? OptionalLong.of(count.getAsLong() + hidden.getAsLong()) : OptionalLong.empty();
        }
        if (options.listener() != null) {
            options.listener().zoneStarted(zone, true, count.orElse(-1));
        }
        LOG.info("Listing {} ({} items reported)", zone.zoneName(), count.isPresent() ? count.getAsLong() : "?");
        if (!options.albumIndex()) {
            return null;
        }
        List<LibraryChange> albums = albumIndex();
        return albums.isEmpty() ? null : handOut(albums);
    }

    /**
     * The user albums and their members, and the folders they are in (§3.6, §3.4): read once with the first listing,
     * so that album filters and album folders work from the start; later the change feed keeps the index current.
     */
    private List<LibraryChange> albumIndex() {
        List<LibraryChange> changes = new ArrayList<>();
        for (CkRecord album : cloudKit.albumTree(zone)) {
            String name = album.decodedText("albumNameEnc").orElse(null);
            Long type = album.longValue("albumType");
            boolean isFolder = type != null && type == CloudKitClient.ALBUM_FOLDER;
            if (name == null || album.flag("isDeleted") || (type != null && type != USER_ALBUM && !isFolder)) {
                continue;
            }
            changes.add(LibraryChange.ofRecord(ChangeType.ALBUM_CHANGED, zone, album.recordName(), album));
            if (!isFolder) {
                for (String member : members(album.recordName())) {
                    changes.add(LibraryChange.ofRecord(ChangeType.ALBUM_MEMBER_ADDED, zone,
                            member + "-IN-" + album.recordName(), null));
                }
            }
        }
        LOG.info("Read {} album entries of {}", changes.size(), zone.zoneName());
        return changes;
    }

    /** Members of one album: the assets its listing names, whichever record types it answers with (U5). */
    private Set<String> members(String albumId) {
        Set<String> members = new LinkedHashSet<>();
        long memberRank = 0;
        while (true) {
            QueryPage page = cloudKit.queryPage(zone, MEMBERS_INDEX, memberRank,
                    List.of(CloudKitClient.equalsFilter("parentId", albumId)));
            int before = members.size();
            for (CkRecord record : page.records()) {
                if (record.isType(CkRecord.ASSET)) {
                    members.add(record.recordName());
                } else if (record.isType(CkRecord.CONTAINER_RELATION) && record.string("itemId") != null) {
                    members.add(record.string("itemId"));
                }
            }
            if (members.size() == before) {
                return members;
            }
            memberRank += members.size() - before;
        }
    }

    private ChangePage finish() {
        finished = true;
        List<CkRecord> withoutMaster = carried.stream().filter(r -> r.isType(CkRecord.ASSET)).toList();
        List<LibraryChange> changes = resolver.hydrate(withoutMaster);
        carried.clear();
        LOG.info("Listed {} items of {}", assetsSeen, zone.zoneName());
        // §4.3: never advance the token from an incomplete listing.
        String token = indexingFinished ? bootstrapToken : null;
        return new ChangePage(zone, true, sequence++, changes, token, true, resolver.contentProfile());
    }
}
