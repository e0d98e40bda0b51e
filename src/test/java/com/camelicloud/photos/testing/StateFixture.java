package com.camelicloud.photos.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.state.StateDatabase;
import com.camelicloud.photos.state.StateLocation;
import com.camelicloud.photos.state.SyncStateRepository;
import com.camelicloud.photos.sync.ChangePage;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real SQLite sync state in a test's folder, migrated as the {@code syncState} bean does, and written with the
 * routes' own statements ({@code sql/*.sql}): {@link #commit} does what the {@code sync-commit} route does with a
 * page, so a unit test can build the state a sync would have left, one page at a time, without Camel.
 */
public final class StateFixture implements AutoCloseable {

    /** The statements of sync-commit, in its order, with the page's rows each writes. */
    private static final List<Map.Entry<String, Function<ChangePage, List<Map<String, Object>>>>> COMMIT = List.of(
            Map.entry("upsert-master.sql", ChangePage::getMasterRows),
            Map.entry("upsert-asset.sql", ChangePage::getAssetRows),
            Map.entry("upsert-media-file.sql", ChangePage::getFileRows),
            Map.entry("update-file-placement.sql", ChangePage::getPlacementRows),
            Map.entry("upsert-album.sql", ChangePage::getAlbumRows),
            Map.entry("upsert-album-member.sql", ChangePage::getMembershipRows),
            Map.entry("delete-album-member.sql", ChangePage::getRemovedMembershipRows),
            Map.entry("delete-album-link.sql", ChangePage::getRemovedAlbumLinkRows),
            Map.entry("upsert-album-link.sql", ChangePage::getAlbumLinkRows),
            Map.entry("upsert-library.sql", page -> List.of(page.getLibraryRow())));

    private final HikariDataSource dataSource;
    private final SyncStateRepository repository;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    private StateFixture(HikariDataSource dataSource, StateLocation location) {
        this.dataSource = dataSource;
        this.repository = new SyncStateRepository(dataSource, location);
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        repository.migrate();
    }

    /** A new state database of {@code destination} in {@code folder}. */
    public static StateFixture open(Path folder, Destination destination) {
        StateLocation location = new StateLocation("jdbc:sqlite:" + folder.resolve("state.db"), destination.identity(),
                true, null);
        return new StateFixture(StateDatabase.dataSource(location, null, null, null, 1), location);
    }

    public SyncStateRepository repository() {
        return repository;
    }

    /** A page's state rows and its zone token in one transaction, as sync-commit writes them. */
    public void commit(ChangePage page) {
        transactions.executeWithoutResult(status -> {
            COMMIT.forEach(statement -> execute(statement.getKey(), statement.getValue().apply(page)));
            if (page.getCommitToken() != null) {
                execute("upsert-zone-token.sql", List.of(page.getTokenRow()));
            }
        });
    }

    /** The database tokens of a cycle that ended, as sync-poll stores them. */
    public void storeDatabaseTokens(List<Map<String, Object>> rows) {
        execute("upsert-database-token.sql", rows);
    }

    /** One of the routes' statements, for each row. */
    public void execute(String sqlFile, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql = statement(sqlFile);
        jdbc.batchUpdate(sql, rows.stream().map(MapSqlParameterSource::new).toArray(SqlParameterSource[]::new));
    }

    /** Reads the file as camel-sql would, with its {@code :#name} parameters in Spring's {@code :name} spelling. */
    private static String statement(String sqlFile) {
        try (InputStream in = StateFixture.class.getResourceAsStream("/sql/" + sqlFile)) {
            if (in == null) {
                throw new IllegalArgumentException("no statement sql/" + sqlFile);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(":#", ":");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a query, column name to value, for assertions. */
    public List<Map<String, Object>> rows(String sql, Object... args) {
        return jdbc.getJdbcTemplate().queryForList(sql, args);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
