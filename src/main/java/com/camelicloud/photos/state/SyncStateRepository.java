package com.camelicloud.photos.state;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.camelicloud.photos.cloudkit.Database;
import com.camelicloud.photos.cloudkit.ZoneId;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;

/**
 * Read side of the sync state: tokens, stored asset fields and written files. Writes happen in the
 * routes, through camel-sql, inside each page's transaction; this class only answers questions.
 */
public class SyncStateRepository {

    /**
     * The files that failed and are still wanted (see {@link #missingFiles}): one parameter, the status of the items
     * that are part of the copy besides active ones ({@code hidden} when hidden photos are kept).
     */
    private static final String MISSING = "FROM media_file f WHERE f.status = 'failed' AND EXISTS (SELECT 1 FROM asset a "
            + "WHERE a.master_id = f.master_id AND a.status IN ('active', ?) AND a.files_complete = 0)";

    /** SQLite allows 999 parameters in old builds; stay well below. */
    private static final int IN_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final StateLocation location;

    public SyncStateRepository(DataSource dataSource, StateLocation location) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.location = location;
    }

    /**
     * Creates or upgrades the schema and makes sure the database describes this destination, recording it when
     * the database belongs to none yet; registered as the bean's init method.
     */
    public void migrate() {
        new SchemaMigrator(jdbc.getDataSource()).migrate();
        List<String> owners = jdbc.queryForList("SELECT identity FROM destination", String.class);
        if (owners.isEmpty()) {
            if (location.writable()) {
                // nodes of a cluster starting together may both find none
                jdbc.update("INSERT INTO destination (identity, created_at) VALUES (?, ?) ON CONFLICT (identity) DO NOTHING",
                        location.destinationIdentity(), System.currentTimeMillis());
            }
        } else if (!owners.contains(location.destinationIdentity())) {
            throw new IllegalStateException("the state database " + location.describe() + " holds the state of "
                    + owners.get(0) + ", not of " + location.destinationIdentity() + "; give each destination a "
                    + "state.jdbc-url of its own, or leave state.jdbc-url empty for a SQLite file per destination");
        }
    }

    /** The destination this state describes. */
    public String destinationIdentity() {
        return location.destinationIdentity();
    }

    /** The stored changes/zone token; an empty stored value counts as none (docs/protocol.md §4.1 row 6). */
    public Optional<String> zoneToken(ZoneId zone) {
        return first(jdbc.queryForList("SELECT sync_token FROM zone_token WHERE database_name = ? AND zone_name = ?",
                String.class, zone.database().path(), zone.zoneName())).filter(token -> !token.isEmpty());
    }

    public Optional<String> databaseToken(Database database) {
        return first(jdbc.queryForList("SELECT sync_token FROM database_token WHERE database_name = ?",
                String.class, database.path())).filter(token -> !token.isEmpty());
    }

    /** The libraries synced before, with the database each lives in. */
    public List<ZoneId> knownLibraries() {
        return jdbc.query("SELECT zone_name, database_name FROM library WHERE status = 'active' ORDER BY zone_name",
                (rs, n) -> new ZoneId(rs.getString(1), Database.fromPath(rs.getString(2))));
    }

    public Map<String, AssetState> assetStates(String zoneName, Collection<String> assetIds) {
        Map<String, AssetState> states = new HashMap<>();
        inChunks(assetIds, chunk -> {
            List<Object> args = new ArrayList<>();
            args.add(zoneName);
            args.addAll(chunk);
            jdbc.query("SELECT * FROM asset WHERE zone_name = ? AND asset_id IN (" + placeholders(chunk.size()) + ")",
                    ASSET, args.toArray()).forEach(state -> states.put(state.assetId(), state));
        });
        return states;
    }

    public List<AssetState> assetsOfMaster(String zoneName, String masterId) {
        return jdbc.query("SELECT * FROM asset WHERE zone_name = ? AND master_id = ?", ASSET, zoneName, masterId);
    }

    /**
     * Items that show this master, in any zone, and whose copy is kept: still in a library (not trashed, purged or
     * removed), or moved to Recently Deleted to free iCloud space (their copy is then the one left).
     */
    public List<AssetState> activeAssetsOfMaster(String masterId) {
        return jdbc.query("SELECT * FROM asset WHERE master_id = ? AND (status IN ('active', 'hidden') "
                + "OR freeing IN ('wanted', 'freed'))", ASSET, masterId);
    }

    /**
     * Items in the library whose files are not all written, unless one of their files already failed
     * {@code maxAttempts} times (docs/protocol.md §9.3: attempts are counted across runs).
     *
     * @param hiddenToo hidden items count as well (they are part of the copy)
     */
    public List<AssetState> incompleteAssets(int maxAttempts, boolean hiddenToo, int limit) {
        return jdbc.query("SELECT a.* FROM asset a WHERE a.status IN ('active', ?) AND a.files_complete = 0 AND NOT EXISTS "
                + "(SELECT 1 FROM media_file f WHERE f.master_id = a.master_id AND (f.status = 'forgotten' "
                + "OR (f.status = 'failed' AND f.attempts >= ?))) ORDER BY a.zone_name, a.updated_at LIMIT ?", ASSET,
                keptStatus(hiddenToo), maxAttempts, limit);
    }

    /** The status of the items that are part of the copy besides active ones: hidden ones, when they are kept. */
    private static String keptStatus(boolean hiddenToo) {
        return hiddenToo ? "hidden" : "active";
    }

    /**
     * How many items in the library lack a file this copy should hold (a download that failed, even one given up,
     * or a file a rebuild did not find), leaving out those with a file forgotten by {@code --forget-failed}: what
     * {@link #incompleteAssets} offers with no limit on attempts.
     *
     * @param hiddenToo hidden items count as well (they are part of the copy)
     */
    public long incompleteItemCount(boolean hiddenToo) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM asset a WHERE a.status IN ('active', ?) "
                + "AND a.files_complete = 0 AND NOT EXISTS (SELECT 1 FROM media_file f WHERE f.master_id = a.master_id "
                + "AND f.status = 'forgotten')", Long.class, keptStatus(hiddenToo));
        return count == null ? 0 : count;
    }

    /**
     * The files that failed and are still wanted: their item is in the library and not complete. Those that failed
     * {@code maxAttempts} times are given up (see {@link #incompleteAssets}).
     *
     * @param hiddenToo files of hidden items count as well (they are part of the copy)
     */
    public MissingFiles missingFiles(int maxAttempts, boolean hiddenToo) {
        Map<String, Long> byLibrary = new TreeMap<>();
        long[] givenUp = {0};
        jdbc.query("SELECT f.zone_name, COUNT(*), SUM(CASE WHEN f.attempts >= ? THEN 1 ELSE 0 END) " + MISSING
                + " GROUP BY f.zone_name", (RowCallbackHandler) rs -> {
                    byLibrary.put(rs.getString(1), rs.getLong(2));
                    givenUp[0] += rs.getLong(3);
                }, maxAttempts, keptStatus(hiddenToo));
        List<MissingFiles.MissingFile> files = jdbc.query("SELECT f.file_key, f.path, f.zone_name, f.attempts, "
                + "f.last_error " + MISSING + " ORDER BY f.path, f.file_key LIMIT ?", (rs, n) -> new MissingFiles.MissingFile(
                rs.getString("path") == null ? rs.getString("file_key") : rs.getString("path"), rs.getString("zone_name"),
                rs.getInt("attempts"), rs.getInt("attempts") >= maxAttempts, rs.getString("last_error")),
                keptStatus(hiddenToo), MissingFiles.LISTED);
        Long forgotten = jdbc.queryForObject("SELECT COUNT(*) FROM media_file WHERE status = 'forgotten'", Long.class);
        return new MissingFiles(byLibrary.values().stream().mapToLong(Long::longValue).sum(), givenUp[0], maxAttempts,
                byLibrary, forgotten == null ? 0 : forgotten, files);
    }

    /** Per library: its items, and the files written of it with their size. */
    public List<LibraryTotals> libraryTotals() {
        return jdbc.query("SELECT l.zone_name, l.status, "
                + "(SELECT COUNT(*) FROM asset a WHERE a.zone_name = l.zone_name AND a.status IN ('active', 'hidden')) AS items, "
                + "(SELECT COUNT(*) FROM media_file f WHERE f.zone_name = l.zone_name AND f.status = 'done' "
                + "AND f.placement = 'live') AS files, "
                + "(SELECT COALESCE(SUM(f.size), 0) FROM media_file f WHERE f.zone_name = l.zone_name AND f.status = 'done' "
                + "AND f.placement = 'live') AS bytes, "
                // status reads a state without migrating it: one older than V8 has freed nothing
                + (hasColumn("asset", "freeing") ? "(SELECT COUNT(*) FROM asset a WHERE a.zone_name = l.zone_name "
                        + "AND a.freeing = 'freed')" : "0") + " AS freed FROM library l ORDER BY l.zone_name",
                (rs, n) -> new LibraryTotals(rs.getString("zone_name"), rs.getString("status"), rs.getLong("items"),
                        rs.getLong("files"), rs.getLong("bytes"), rs.getLong("freed")));
    }

    /** How the last cycle ended; empty before the first (or in a state written by a version that did not record it). */
    public Optional<LastSync> lastSync() {
        if (!hasTable("last_sync")) {
            return Optional.empty();
        }
        return first(jdbc.query("SELECT * FROM last_sync WHERE id = 1", (rs, n) -> new LastSync(
                Instant.ofEpochMilli(rs.getLong("started_at")), Instant.ofEpochMilli(rs.getLong("finished_at")),
                rs.getString("status"), rs.getLong("files_downloaded"), rs.getLong("bytes_downloaded"),
                rs.getLong("files_failed"), rs.getInt("max_download_attempts"), rs.getString("error"),
                rs.getObject("last_success_at") == null ? null : Instant.ofEpochMilli(rs.getLong("last_success_at")))));
    }

    private boolean hasColumn(String table, String column) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            try (ResultSet columns = connection.getMetaData().getColumns(null, null, table, column)) {
                return columns.next();
            }
        }));
    }

    private boolean hasTable(String table) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, table, null)) {
                return tables.next();
            }
        }));
    }

    /** The albums an item is in, as stored (deleted and unnamed ones included: the caller overlays its page). */
    public List<StoredAlbum> albumsOf(String zoneName, String assetId) {
        return jdbc.query("SELECT a.album_id, a.name, a.parent_id, a.is_deleted FROM album_member m JOIN album a "
                + "ON a.zone_name = m.zone_name AND a.album_id = m.album_id WHERE m.zone_name = ? AND m.asset_id = ?",
                ALBUM, zoneName, assetId);
    }

    public Optional<StoredAlbum> album(String zoneName, String albumId) {
        return first(jdbc.query("SELECT album_id, name, parent_id, is_deleted FROM album WHERE zone_name = ? "
                + "AND album_id = ?", ALBUM, zoneName, albumId));
    }

    /** The albums and folders stored as inside a folder. */
    public List<String> childrenOf(String zoneName, String folderId) {
        return jdbc.queryForList("SELECT album_id FROM album WHERE zone_name = ? AND parent_id = ?", String.class,
                zoneName, folderId);
    }

    /** The items of an album, as stored. */
    public List<String> membersOf(String zoneName, String albumId) {
        return jdbc.queryForList("SELECT asset_id FROM album_member WHERE zone_name = ? AND album_id = ?", String.class,
                zoneName, albumId);
    }

    /** The links placed in an album's folder, of every item or of one ({@code assetId} null for all). */
    public List<AlbumLinkState> albumLinks(String zoneName, String albumId, String assetId) {
        return assetId == null
                ? jdbc.query("SELECT * FROM album_link WHERE zone_name = ? AND album_id = ? ORDER BY path", LINK,
                zoneName, albumId)
                : jdbc.query("SELECT * FROM album_link WHERE zone_name = ? AND album_id = ? AND asset_id = ? ORDER BY path",
                LINK, zoneName, albumId, assetId);
    }

    /** The links recorded of a stored file, in every album's folder. */
    public List<AlbumLinkState> albumLinksOf(String fileKey) {
        return jdbc.query("SELECT * FROM album_link WHERE file_key = ? ORDER BY path", LINK, fileKey);
    }

    /** The links recorded at a path (one per album showing it). */
    public List<AlbumLinkState> albumLinksAt(String path) {
        return jdbc.query("SELECT * FROM album_link WHERE path = ?", LINK, path);
    }

    /**
     * When an item was captured, in the zone it was captured in (its stored UTC offset, else {@code fallbackZone},
     * as {@code PhotoAsset.localCaptureTime} does); empty when the date is unknown or the item is not stored.
     */
    public Optional<ZonedDateTime> localCaptureTime(String zoneName, String assetId,
                                                     java.time.ZoneId fallbackZone) {
        return first(jdbc.query("SELECT asset_date, time_zone_offset FROM asset WHERE zone_name = ? AND asset_id = ?",
                (rs, n) -> {
                    if (rs.getObject("asset_date") == null) {
                        return null;
                    }
                    Object offset = rs.getObject("time_zone_offset");
                    java.time.ZoneId zone = offset == null ? fallbackZone
                            : ZoneOffset.ofTotalSeconds((int) rs.getLong("time_zone_offset"));
                    return Instant.ofEpochMilli(rs.getLong("asset_date")).atZone(zone);
                }, zoneName, assetId));
    }

    /**
     * The files an item shows that are written and at their path: its master's renditions and its own edits
     * (not those of another item sharing the master). None while the item is trashed, purged or removed.
     */
    public List<MediaFileState> liveFilesOf(String zoneName, String assetId) {
        return jdbc.query("SELECT f.* FROM asset a JOIN media_file f ON f.master_id = a.master_id "
                + "AND (f.file_key = a.master_id || '/' || f.rendition "
                + "OR f.file_key = a.zone_name || '/' || a.asset_id || '/' || f.rendition) WHERE a.zone_name = ? "
                + "AND a.asset_id = ? AND a.status IN ('active', 'hidden') AND f.status = 'done' AND f.placement = 'live' "
                + "AND f.path IS NOT NULL ORDER BY f.file_key", FILE, zoneName, assetId);
    }

    /**
     * Items in a library (visible, or hidden when hidden photos are part of the copy) with a stored file at its path
     * whose path other layout settings decided: their files move to the paths {@code layoutProfile} gives them.
     */
    public List<AssetState> itemsLaidOutOtherThan(String layoutProfile, boolean hiddenToo) {
        // two ranges of the index media_file_by_layout (a row with no layout is in neither)
        String others = "SELECT 1 FROM media_file WHERE status = 'done' AND placement = 'live' AND layout %s ?";
        if (!exists(others.formatted("<"), layoutProfile) && !exists(others.formatted(">"), layoutProfile)) {
            return List.of();
        }
        return jdbc.query("SELECT a.* FROM asset a WHERE a.status IN ('active', ?) AND EXISTS (SELECT 1 FROM media_file f "
                + "WHERE f.master_id = a.master_id AND f.status = 'done' AND f.placement = 'live' AND f.layout IS NOT NULL "
                + "AND f.layout <> ?) ORDER BY a.zone_name, a.asset_date DESC, a.asset_id", ASSET,
                hiddenToo ? "hidden" : "active", layoutProfile);
    }

    /** Whether a zone has items fetched under other download settings (which only a full listing revisits). */
    public boolean hasItemsOutside(String zoneName, String contentProfile) {
        // two ranges of the index asset_by_content_profile (a row with no profile is in neither)
        String others = "SELECT 1 FROM asset WHERE zone_name = ? AND status = 'active' AND content_profile %s ?";
        return exists(others.formatted("<"), zoneName, contentProfile)
                || exists(others.formatted(">"), zoneName, contentProfile);
    }

    private boolean exists(String query, Object... parameters) {
        return !jdbc.queryForList(query + " LIMIT 1", Integer.class, parameters).isEmpty();
    }

    /**
     * Items purged before {@code cutoffMillis} whose files may still be on disk, for the purge grace period; not those
     * moved to Recently Deleted to free iCloud space, whose copy is kept.
     */
    public List<AssetState> purgedBefore(long cutoffMillis, int limit) {
        return jdbc.query("SELECT a.* FROM asset a WHERE a.status = 'purged' AND a.purged_at <= ? "
                + "AND (a.freeing IS NULL OR a.freeing = 'restored') AND EXISTS "
                + "(SELECT 1 FROM media_file f WHERE f.master_id = a.master_id AND f.status = 'done' "
                + "AND f.placement <> 'removed') ORDER BY a.purged_at LIMIT ?", ASSET, cutoffMillis, limit);
    }

    /**
     * The personal library's items that may move to Recently Deleted to free iCloud space, by asset id after
     * {@code afterAssetId} (null for the first): visible, every file the current download settings want written (and
     * some written: the settings leave out those that have none), never chosen or chosen and not confirmed yet, and in
     * no other library (an item also in a Shared Library would leave it for everyone).
     *
     * @param chosenOnly only items already chosen ({@code --delete-after-download} marks those it downloaded)
     * @param takenBy    only items taken at or before this time (ms), or null for any
     */
    public List<AssetState> freeSpaceCandidates(String contentProfile, boolean chosenOnly, Long takenBy,
                                                String afterAssetId, int limit) {
        List<Object> args = new ArrayList<>(List.of(ZoneId.PRIMARY, contentProfile));
        StringBuilder sql = new StringBuilder("SELECT a.* FROM asset a WHERE a.zone_name = ? AND a.status = 'active' "
                + "AND a.is_deleted = 0 AND a.is_hidden = 0 AND a.files_complete = 1 AND a.content_profile = ? "
                + "AND (a.freeing IS NULL OR a.freeing = 'wanted') AND NOT EXISTS (SELECT 1 FROM asset s "
                + "WHERE s.master_id = a.master_id AND s.zone_name <> a.zone_name) AND EXISTS (SELECT 1 FROM media_file f "
                + "WHERE f.master_id = a.master_id AND f.status = 'done')");
        if (chosenOnly) {
            sql.append(" AND a.freeing = 'wanted'");
        }
        if (takenBy != null) {
            sql.append(" AND a.asset_date <= ?");
            args.add(takenBy);
        }
        if (afterAssetId != null) {
            sql.append(" AND a.asset_id > ?");
            args.add(afterAssetId);
        }
        sql.append(" ORDER BY a.asset_id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ASSET, args.toArray());
    }

    public Optional<MediaFileState> fileByKey(String fileKey) {
        return first(jdbc.query("SELECT * FROM media_file WHERE file_key = ?", FILE, fileKey));
    }

    /**
     * The files an item shows, written and (as far as the state knows) at their path or set aside: its master's
     * renditions and its own edits, whatever the item's status.
     */
    public List<MediaFileState> filesShownBy(String zoneName, String assetId, String masterId) {
        return jdbc.query("SELECT * FROM media_file WHERE master_id = ? AND status = 'done' AND path IS NOT NULL "
                + "AND (file_key = master_id || '/' || rendition OR file_key = ? || '/' || ? || '/' || rendition) "
                + "ORDER BY file_key", FILE, masterId, zoneName, assetId);
    }

    public Optional<MediaFileState> fileAtPath(String path) {
        return first(jdbc.query("SELECT * FROM media_file WHERE path = ?", FILE, path));
    }

    /** {@link #fileByKey} for many keys in a few queries: the files found, by key. */
    public Map<String, MediaFileState> filesByKey(Collection<String> fileKeys) {
        Map<String, MediaFileState> files = new HashMap<>();
        filesWhereIn("file_key", fileKeys, file -> files.put(file.fileKey(), file));
        return files;
    }

    /** {@link #fileAtPath} for many paths in a few queries: the files found, by path. */
    public Map<String, MediaFileState> filesAtPaths(Collection<String> paths) {
        Map<String, MediaFileState> files = new HashMap<>();
        filesWhereIn("path", paths, file -> files.put(file.path(), file));
        return files;
    }

    private void filesWhereIn(String column, Collection<String> values, Consumer<MediaFileState> found) {
        inChunks(values, chunk -> jdbc.query("SELECT * FROM media_file WHERE " + column + " IN ("
                + placeholders(chunk.size()) + ")",
                (RowCallbackHandler) rs -> found.accept(FILE.mapRow(rs, rs.getRow())), chunk.toArray()));
    }

    /** Hands {@code values} over in slices small enough for one {@code IN (...)} list each. */
    private static void inChunks(Collection<String> values, Consumer<List<String>> query) {
        List<String> all = new ArrayList<>(values);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            query.accept(all.subList(from, Math.min(all.size(), from + IN_CHUNK)));
        }
    }

    /** Every path the state accounts for at the destination: its files (wherever a policy put them) and album links. */
    public List<String> recordedPaths() {
        return jdbc.queryForList("SELECT path FROM media_file WHERE path IS NOT NULL UNION SELECT path FROM album_link",
                String.class);
    }

    /** Every file written from a master, including the edits of the assets that share it. */
    public List<MediaFileState> filesOfMaster(String masterId) {
        return jdbc.query("SELECT * FROM media_file WHERE master_id = ?", FILE, masterId);
    }

    /**
     * Every file the state records a path for, whatever its status and placement, handed over one row at a time so
     * that verify's memory follows what it keeps, not the table. The visitor must not query this repository.
     */
    public void forEachRecordedFile(Consumer<MediaFileState> visitor) {
        jdbc.query("SELECT * FROM media_file WHERE path IS NOT NULL",
                (RowCallbackHandler) rs -> visitor.accept(FILE.mapRow(rs, rs.getRow())));
    }

    /** The path of every album link recorded, one at a time (the visitor must not query this repository). */
    public void forEachAlbumLinkPath(Consumer<String> visitor) {
        jdbc.query("SELECT DISTINCT path FROM album_link", (RowCallbackHandler) rs -> visitor.accept(rs.getString(1)));
    }

    /** The items in the library by library and file type, with how many have all their files. */
    public List<StoredItems> storedItems() {
        return jdbc.query("SELECT a.zone_name, m.item_type, COUNT(*), SUM(a.files_complete) FROM asset a "
                + "LEFT JOIN master m ON m.master_id = a.master_id WHERE a.status = 'active' "
                + "GROUP BY a.zone_name, m.item_type ORDER BY a.zone_name",
                (rs, n) -> new StoredItems(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
    }

    private static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private static final RowMapper<AssetState> ASSET = (rs, n) -> new AssetState(rs.getString("zone_name"),
            rs.getString("asset_id"), rs.getString("master_id"), rs.getString("change_tag"),
            rs.getInt("is_deleted") == 1, rs.getInt("is_hidden") == 1, rs.getInt("is_favorite") == 1,
            rs.getString("adjustment_type"), rs.getString("adjustment_fingerprint"), rs.getString("status"),
            rs.getString("content_profile"), rs.getInt("files_complete") == 1,
            rs.getObject("purged_at") == null ? null : rs.getLong("purged_at"), rs.getString("freeing"),
            rs.getString("metadata_digest"));

    private static final RowMapper<StoredAlbum> ALBUM = (rs, n) -> new StoredAlbum(rs.getString("album_id"),
            rs.getString("name"), rs.getString("parent_id"), rs.getInt("is_deleted") == 1, List.of());

    private static final RowMapper<AlbumLinkState> LINK = (rs, n) -> new AlbumLinkState(rs.getString("zone_name"),
            rs.getString("album_id"), rs.getString("path"), rs.getString("asset_id"), rs.getString("file_key"));

    private static final RowMapper<MediaFileState> FILE = (rs, n) -> new MediaFileState(rs.getString("file_key"),
            rs.getString("master_id"), rs.getString("zone_name"), rs.getString("asset_id"), rs.getString("rendition"),
            rs.getString("path"), rs.getObject("size") == null ? null : rs.getLong("size"), rs.getString("sha256"),
            rs.getString("checksum"), rs.getString("status"), rs.getInt("attempts"), rs.getString("placement"),
            rs.getString("layout"), rs.getInt("damaged") != 0);
}
