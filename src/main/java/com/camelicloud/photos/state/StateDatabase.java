package com.camelicloud.photos.state;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.sqlite.SQLiteConfig;

/**
 * The JDBC pool behind the sync state. SQLite by default; any JDBC database works by changing the
 * URL (the SQL is portable between SQLite and PostgreSQL).
 */
public final class StateDatabase {

    static final String SQLITE = "jdbc:sqlite:";

    private StateDatabase() {
    }

    /**
     * A pool for the state database of one destination. For SQLite: WAL journal and a busy timeout, and the file's
     * directory is created owner-only; SQLite wants a single writer, so keep {@code poolSize} at 1 there.
     *
     * @throws StateDatabaseException when the database cannot be opened (not a database, damaged, no access)
     */
    public static HikariDataSource dataSource(StateLocation location, String user, String password, String passwordFile,
                                              int poolSize) {
        String url = location.jdbcUrl();
        password = password(password, passwordFile);
        HikariConfig config = new HikariConfig();
        config.setPoolName("camel-icloud-photos-state");
        config.setJdbcUrl(url);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(Math.max(1, poolSize));
        if (location.schema() != null) {
            createSchema(location, user, password);
            config.setSchema(location.schema());
        }
        if (url.startsWith(SQLITE)) {
            sqliteFile(url).ifPresent(StateDatabase::prepareDirectory);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "30000");
            config.addDataSourceProperty("synchronous", "FULL");
        }
        try {
            // the pool opens a first connection here: a damaged file fails now, named in one line
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw StateDatabaseException.of(url, e);
        }
    }

    /**
     * {@code state.password}, or the first line of {@code state.password-file} (a file only the service can read,
     * rather than the password in the configuration).
     */
    private static String password(String password, String passwordFile) {
        if (passwordFile == null || passwordFile.isBlank()) {
            return password;
        }
        if (password != null && !password.isBlank()) {
            throw new IllegalArgumentException("state.password and state.password-file are both set: keep one");
        }
        try (BufferedReader reader = Files.newBufferedReader(Path.of(passwordFile), StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("state.password-file " + passwordFile + " is empty");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state.password-file " + passwordFile + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The schema of one account's destination on a database server, created on first use, under the migration lock:
     * "if not exists" does not keep two processes that create it at once from colliding.
     */
    private static void createSchema(StateLocation location, String user, String password) {
        List<String> lock = StateSql.read(StateSql.dialect(location.jdbcUrl()), SchemaMigrator.LOCK)
                .map(SchemaMigrator::split).orElse(List.of());
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), blankToNull(user),
                blankToNull(password)); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String sql : lock) {
                statement.execute(sql);
            }
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + location.schema());
            connection.commit();
        } catch (SQLException e) {
            throw StateDatabaseException.of(location.jdbcUrl(), e);
        }
    }

    /**
     * One read-only connection to an existing SQLite state database ({@link StateLocation#existing}), for reading it
     * while a sync may be writing it; close it with {@link SingleConnectionDataSource#destroy()}.
     */
    public static SingleConnectionDataSource readOnly(StateLocation location) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(30_000);
        try {
            return new SingleConnectionDataSource(DriverManager.getConnection(location.jdbcUrl(), config.toProperties()),
                    true);
        } catch (SQLException e) {
            throw StateDatabaseException.of(location.jdbcUrl(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The file of a {@code jdbc:sqlite:} URL; empty for an in-memory database or another kind of URL. */
    static Optional<Path> sqliteFile(String url) {
        if (!url.startsWith(SQLITE)) {
            return Optional.empty();
        }
        String location = url.substring(SQLITE.length());
        String path = location.startsWith("file:") ? location.substring(5) : location;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.equals(":memory:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path));
    }

    private static void prepareDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            PrivateFiles.createPrivateDirectory(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + parent + ": " + e.getMessage(), e);
        }
    }
}
