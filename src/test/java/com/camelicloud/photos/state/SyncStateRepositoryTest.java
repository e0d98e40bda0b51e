package com.camelicloud.photos.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The questions every cycle asks about items kept under other settings: asked as two index ranges either side of the
 * current settings (V10), they must still find an item on either side, and only active items, and placed files.
 */
class SyncStateRepositoryTest {

    @TempDir
    Path dir;

    private HikariDataSource pool;
    private JdbcTemplate jdbc;
    private SyncStateRepository state;

    @BeforeEach
    void migratedDatabase() {
        StateLocation location = new StateLocation("jdbc:sqlite:" + dir.resolve("state.db"), "/photos", true, null);
        pool = StateDatabase.dataSource(location, "", "", "", 1);
        state = new SyncStateRepository(pool, location);
        state.migrate();
        jdbc = new JdbcTemplate(pool);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private void asset(String id, String status, String contentProfile) {
        jdbc.update("INSERT INTO asset (zone_name, asset_id, master_id, status, content_profile, updated_at) "
                + "VALUES ('PrimarySync', ?, ?, ?, ?, 1)", id, "m-" + id, status, contentProfile);
    }

    private void file(String key, String status, String placement, String layout) {
        jdbc.update("INSERT INTO media_file (file_key, master_id, rendition, path, status, placement, layout, updated_at) "
                + "VALUES (?, ?, 'original', ?, ?, ?, ?, 1)", key, key.substring(0, key.indexOf('/')), key + ".jpg",
                status, placement, layout);
    }

    @Test
    void itemsUnderOtherDownloadSettingsAreFoundOnEitherSideOfTheCurrentOnes() {
        asset("a", "active", "sizes=[original]");
        assertThat(state.hasItemsOutside("PrimarySync", "sizes=[original]")).isFalse();

        asset("b", "active", "sizes=[adjusted]");
        assertThat(state.hasItemsOutside("PrimarySync", "sizes=[original]")).as("a profile sorting before").isTrue();
        assertThat(state.hasItemsOutside("PrimarySync", "sizes=[adjusted]")).as("a profile sorting after").isTrue();
        assertThat(state.hasItemsOutside("SharedSync-1", "sizes=[original]")).as("another library").isFalse();
    }

    @Test
    void onlyActiveItemsUnderOtherDownloadSettingsCount() {
        asset("a", "active", "sizes=[original]");
        asset("b", "deleted", "sizes=[adjusted]");
        asset("c", "active", null);

        assertThat(state.hasItemsOutside("PrimarySync", "sizes=[original]")).isFalse();
    }

    @Test
    void filesPlacedUnderOtherPathSettingsAreFoundOnEitherSideOfTheCurrentOnes() {
        asset("a", "active", "p");
        file("m-a/original", "done", "live", "folders=%Y/%m/%d");
        assertThat(state.itemsLaidOutOtherThan("folders=%Y/%m/%d", false)).isEmpty();
        assertThat(state.itemsLaidOutOtherThan("folders=none", false)).as("a layout sorting after")
                .extracting(AssetState::assetId).containsExactly("a");
        assertThat(state.itemsLaidOutOtherThan("folders=%Y", false)).as("a layout sorting before")
                .extracting(AssetState::assetId).containsExactly("a");
    }

    @Test
    void filesNotPlacedOrNotStoredDoNotCountAsLaidOutOtherwise() {
        asset("a", "active", "p");
        file("m-a/original", "failed", "live", "folders=none");
        file("m-a/live", "done", "removed", "folders=none");
        file("m-a/adjusted", "done", "live", null);

        assertThat(state.itemsLaidOutOtherThan("folders=%Y/%m/%d", false)).isEmpty();
    }

    @Test
    void aPagesFilesAreFoundByKeyAndByPathInChunkedQueries() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1200; i++) { // more than one IN (...) chunk
            keys.add("m" + i + "/original");
        }
        file("m7/original", "done", "placed", null);
        file("m1100/original", "failed", "placed", null);

        assertThat(state.filesByKey(keys)).containsOnlyKeys("m7/original", "m1100/original");
        assertThat(state.filesAtPaths(keys.stream().map(key -> key + ".jpg").toList()))
                .containsOnlyKeys("m7/original.jpg", "m1100/original.jpg")
                .hasEntrySatisfying("m1100/original.jpg", file -> assertThat(file.fileKey()).isEqualTo("m1100/original"));
        assertThat(state.filesByKey(List.of())).isEmpty();
    }
}
