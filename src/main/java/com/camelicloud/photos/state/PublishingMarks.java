package com.camelicloud.photos.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.apache.camel.Body;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "publishing" marks (sql/mark-publishing.sql): a file's state row, committed just before the file is renamed
 * into place, so that after a crash the planner recognises the file at its path as its own.
 *
 * <p>The download threads finish files at the same time; a commit per mark cost each file a transaction and a
 * journal fsync on the state's one connection. Here the marks waiting when a commit starts share it (group commit):
 * a thread commits every mark queued so far, its own among them, and each call returns only once its own mark is
 * committed, which is the guarantee a commit per mark gave. A group that fails is written again mark by mark, so a
 * mark fails alone, as before.
 */
public final class PublishingMarks {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String sql;
    private final Queue<Mark> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();

    public PublishingMarks(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(transactionManager);
        this.sql = StateSql.read("", "mark-publishing.sql")
                .orElseThrow(() -> new IllegalStateException("sql/mark-publishing.sql is missing from the jar"));
    }

    /**
     * Commits the mark of one file; returns once it is durable.
     *
     * @param row the parameters of mark-publishing.sql ({@code Staging.publishingMark})
     */
    public void mark(@Body Map<String, Object> row) {
        Mark mine = new Mark(new MapSqlParameterSource(row));
        waiting.add(mine);
        committing.lock();
        try {
            // a thread that held the lock before may have committed this mark with its own
            if (!mine.settled) {
                commitWaiting();
            }
        } finally {
            committing.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Under the lock: every mark queued so far, in one transaction. */
    private void commitWaiting() {
        List<Mark> group = new ArrayList<>();
        for (Mark next = waiting.poll(); next != null; next = waiting.poll()) {
            group.add(next);
        }
        try {
            write(group);
        } catch (RuntimeException groupFailed) {
            if (group.size() == 1) {
                group.get(0).failure = groupFailed;
            } else {
                for (Mark mark : group) {
                    try {
                        write(List.of(mark));
                    } catch (RuntimeException failed) {
                        mark.failure = failed;
                    }
                }
            }
        }
        group.forEach(mark -> mark.settled = true);
    }

    private void write(List<Mark> group) {
        SqlParameterSource[] rows = group.stream().map(mark -> mark.row).toArray(SqlParameterSource[]::new);
        transaction.executeWithoutResult(status -> jdbc.batchUpdate(sql, rows));
    }

    /** One file's mark; its fields are written and read under the lock. */
    private static final class Mark {
        private final SqlParameterSource row;
        private boolean settled;
        private RuntimeException failure;

        private Mark(SqlParameterSource row) {
            this.row = row;
        }
    }
}
