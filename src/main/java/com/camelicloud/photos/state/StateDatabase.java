package com.camelicloud.photos.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The JDBC pool behind the sync state. SQLite by default; any JDBC database works by changing the
 * URL (the SQL is portable between SQLite and PostgreSQL).
 */
public final class StateDatabase {

    private StateDatabase() {
    }

    /**
     * A pool for the state database of one destination. For SQLite: WAL journal and a busy timeout, and the file's
     * directory is created owner-only; SQLite wants a single writer, so keep {@code poolSize} at 1 there.
     */
    public static HikariDataSource dataSource(StateLocation location, String user, String password, int poolSize) {
        String url = location.jdbcUrl();
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
        if (url.startsWith("jdbc:sqlite:")) {
            prepareSqliteFile(url.substring("jdbc:sqlite:".length()));
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "30000");
            config.addDataSourceProperty("synchronous", "FULL");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // the pool opens a first connection right away: a damaged or locked SQLite file fails here
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLiteException sqlite) {
                    throw unreadable(location.describe(), sqlite);
                }
            }
            throw e;
        }
    }

    /** What to run about a state database that cannot be read. */
    static final String REBUILD = "run `camel-icloud-photos import-existing --rebuild-state` with the same -u and -d "
            + "to move it aside (it is kept) and rebuild the state from iCloud and the files already in the destination, "
            + "downloading none of them again";

    /** The state database cannot be read: says which, what is wrong and what to do, in one line. */
    public static IllegalStateException unreadable(String database, Exception cause) {
        return unreadable(database, problem(cause), cause);
    }

    /** @param problem what is wrong, as the rest of a sentence that starts with the database's name */
    private static IllegalStateException unreadable(String database, String problem, Exception cause) {
        return new IllegalStateException("the state database " + database + " " + problem + "; " + REBUILD, cause);
    }

    /** A database of a later version: upgrading keeps it, rebuilding makes one this version can use. */
    static IllegalStateException newer(String database, SchemaMigrator.NewerSchemaException cause) {
        return new IllegalStateException("the state database " + database + " " + cause.getMessage()
                + "; upgrade camel-icloud-photos to go on with it, or " + REBUILD, cause);
    }

    /** SQLite's reasons in words; the driver's own message for anything else. */
    static String problem(Throwable cause) {
        if (cause instanceof SQLiteException sqlite) {
            int primary = sqlite.getResultCode().code & 0xFF;
            if (primary == SQLiteErrorCode.SQLITE_NOTADB.code || primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
                return "is damaged: it is not a readable SQLite database (" + sqlite.getResultCode().name() + ")";
            }
            if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
                return "is locked by another program (" + sqlite.getResultCode().name() + "); if no other "
                        + "camel-icloud-photos or database tool has it open, the lock was left by a program that ended "
                        + "(network file systems can keep such locks)";
            }
        }
        return "cannot be read (" + cause.getMessage() + ")";
    }

    private static void prepareSqliteFile(String location) {
        String path = location.startsWith("file:") ? location.substring(5) : location;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.equals(":memory:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            PrivateFiles.createPrivateDirectory(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + parent + ": " + e.getMessage(), e);
        }
    }
}
