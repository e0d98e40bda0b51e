package com.camelicloud.photos.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.camelicloud.photos.cloudkit.Database;
import com.camelicloud.photos.cloudkit.ZoneId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Read side of the sync state: tokens, stored asset fields and written files. Writes happen in the
 * routes, through camel-sql, inside each page's transaction; this class only answers questions.
 */
public class SyncStateRepository {

    /** SQLite allows 999 parameters in old builds; stay well below. */
    private static final int IN_CHUNK = 500;

    private final JdbcTemplate jdbc;

    public SyncStateRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Creates or upgrades the schema; registered as the bean's init method. */
    public void migrate() {
        new SchemaMigrator(jdbc.getDataSource()).migrate();
    }

    /** The stored changes/zone token; an empty stored value counts as none (PROTOCOL.md §4.1 row 6). */
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
        List<String> ids = new ArrayList<>(assetIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            List<Object> args = new ArrayList<>();
            args.add(zoneName);
            args.addAll(chunk);
            jdbc.query("SELECT * FROM asset WHERE zone_name = ? AND asset_id IN (" + placeholders(chunk.size()) + ")",
                    ASSET, args.toArray()).forEach(state -> states.put(state.assetId(), state));
        }
        return states;
    }

    public List<AssetState> assetsOfMaster(String zoneName, String masterId) {
        return jdbc.query("SELECT * FROM asset WHERE zone_name = ? AND master_id = ?", ASSET, zoneName, masterId);
    }

    public boolean isKnownMaster(String masterId) {
        return !jdbc.queryForList("SELECT 1 FROM master WHERE master_id = ?", Integer.class, masterId).isEmpty();
    }

    public Optional<MediaFileState> fileByKey(String fileKey) {
        return first(jdbc.query("SELECT * FROM media_file WHERE file_key = ?", FILE, fileKey));
    }

    public Optional<MediaFileState> fileAtPath(String path) {
        return first(jdbc.query("SELECT * FROM media_file WHERE path = ?", FILE, path));
    }

    /** Every file written from a master, including the edits of the assets that share it. */
    public List<MediaFileState> filesOfMaster(String masterId) {
        return jdbc.query("SELECT * FROM media_file WHERE master_id = ?", FILE, masterId);
    }

    /** Failed files that may still be retried, oldest first. */
    public List<MediaFileState> filesToRetry(int maxAttempts, int limit) {
        return jdbc.query("SELECT * FROM media_file WHERE status = 'failed' AND attempts < ? ORDER BY updated_at LIMIT ?",
                FILE, maxAttempts, limit);
    }

    public int countFiles(String status) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM media_file WHERE status = ?", Integer.class, status);
        return count == null ? 0 : count;
    }

    private static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private static final RowMapper<AssetState> ASSET = (rs, n) -> new AssetState(rs.getString("zone_name"),
            rs.getString("asset_id"), rs.getString("master_id"), rs.getString("change_tag"),
            rs.getInt("is_deleted") == 1, rs.getInt("is_hidden") == 1, rs.getInt("is_favorite") == 1,
            rs.getString("adjustment_type"), rs.getString("adjustment_fingerprint"), rs.getString("status"),
            rs.getString("content_profile"), rs.getInt("files_complete") == 1);

    private static final RowMapper<MediaFileState> FILE = (rs, n) -> new MediaFileState(rs.getString("file_key"),
            rs.getString("master_id"), rs.getString("zone_name"), rs.getString("asset_id"), rs.getString("rendition"),
            rs.getString("path"), rs.getObject("size") == null ? null : rs.getLong("size"), rs.getString("sha256"),
            rs.getString("status"), rs.getInt("attempts"));
}
