package com.camelicloud.photos.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A file's "publishing" mark is committed when {@link PublishingMarks#mark} returns, whichever thread's commit carried
 * it; and a mark the database refuses fails its own call only.
 */
class PublishingMarksTest {

    private static final int THREADS = 10;
    private static final int MARKS_PER_THREAD = 40;

    @TempDir
    Path dir;

    private Path database;
    private HikariDataSource pool;
    private PublishingMarks marks;

    @BeforeEach
    void stateAsTheSyncOpensIt() {
        database = dir.resolve("state.db");
        StateLocation location = new StateLocation("jdbc:sqlite:" + database, "/photos", true, null);
        // one connection, as state.pool-size gives SQLite
        pool = StateDatabase.dataSource(location, "", "", "", 1);
        new SyncStateRepository(pool, location).migrate();
        marks = new PublishingMarks(pool, new DataSourceTransactionManager(pool));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private static Map<String, Object> mark(String key, String path) {
        Map<String, Object> row = new HashMap<>();
        row.put("fileKey", key);
        row.put("masterId", key);
        row.put("zoneName", "PrimarySync");
        row.put("assetId", "asset-" + key);
        row.put("rendition", "original");
        row.put("path", path);
        row.put("size", 1234L);
        row.put("sha256", "ab".repeat(32));
        row.put("checksum", null);
        row.put("layout", "folders=none");
        row.put("updatedAt", 1L);
        return row;
    }

    /** What another process (the next run, after a crash) reads: committed rows only. */
    private String statusSeenFromOutside(String key) throws SQLException {
        try (Connection outside = DriverManager.getConnection("jdbc:sqlite:" + database);
             ResultSet row = outside.createStatement().executeQuery(
                     "SELECT status FROM media_file WHERE file_key = '" + key + "'")) {
            return row.next() ? row.getString(1) : null;
        }
    }

    @Test
    void everyMarkIsCommittedWhenItsCallReturnsWhileTenThreadsMarkAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> unseen = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            unseen.add(threads.submit(() -> {
                start.await();
                List<String> notCommitted = new ArrayList<>();
                for (int i = 0; i < MARKS_PER_THREAD; i++) {
                    String key = "m" + thread + "-" + i;
                    marks.mark(mark(key, "2026/" + key + ".jpg"));
                    if (!"publishing".equals(statusSeenFromOutside(key))) {
                        notCommitted.add(key);
                    }
                }
                return notCommitted;
            }));
        }
        start.countDown();
        for (Future<List<String>> thread : unseen) {
            assertThat(thread.get(60, TimeUnit.SECONDS)).as("marks not committed when their call returned").isEmpty();
        }
        threads.shutdown();
        try (Connection outside = DriverManager.getConnection("jdbc:sqlite:" + database);
             ResultSet count = outside.createStatement().executeQuery(
                     "SELECT COUNT(*), MIN(size), MIN(path) FROM media_file WHERE status = 'publishing'")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(THREADS * MARKS_PER_THREAD);
            assertThat(count.getLong(2)).isEqualTo(1234L);
            assertThat(count.getString(3)).isEqualTo("2026/m0-0.jpg");
        }
    }

    @Test
    void aMarkTheDatabaseRefusesFailsItsOwnCallOnly() throws Exception {
        marks.mark(mark("first", "2026/IMG_0001.JPG"));
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            // thread 0 claims a path another file's row holds (media_file_by_path is unique)
            String key = "k" + t;
            String path = t == 0 ? "2026/IMG_0001.JPG" : "2026/IMG_" + (100 + t) + ".JPG";
            calls.add(threads.submit(() -> {
                start.await();
                marks.mark(mark(key, path));
                return null;
            }));
        }
        start.countDown();
        List<Throwable> failures = new ArrayList<>();
        for (Future<?> call : calls) {
            try {
                call.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        threads.shutdown();

        assertThat(failures).hasSize(1).first().isInstanceOf(DataAccessException.class);
        assertThat(statusSeenFromOutside("k0")).isNull();
        for (int t = 1; t < THREADS; t++) {
            assertThat(statusSeenFromOutside("k" + t)).as("k" + t).isEqualTo("publishing");
        }
    }
}
