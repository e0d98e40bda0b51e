package com.camelicloud.photos.state;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The state database cannot be used: one line saying which database, what is wrong with it and what to do, instead
 * of the pool's or the SQL template's wording (a whole statement, error codes).
 */
public final class StateDatabaseException extends IllegalStateException {

    /** SQLite's primary result codes (the low byte of the extended ones). */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;
    /** What to run about a SQLite state database that cannot be read. */
    static final String REBUILD = "run `camel-icloud-photos verify --rebuild-state` with the same -u and -d "
            + "to move it aside (it is kept) and rebuild the state from iCloud and the files already in the destination, "
            + "downloading none of them again";

    private StateDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Why the database at {@code url} failed to open or migrate; {@code failure} is what the driver threw. */
    static StateDatabaseException of(String url, Throwable failure) {
        String database = name(url);
        SQLException sql = sqlException(failure);
        if (sql != null && url.startsWith(StateDatabase.SQLITE)) {
            int code = sql.getErrorCode() & 0xff;
            String what = code == SQLITE_CANTOPEN
                    ? "check that it is a file in a folder this user may write to" : REBUILD;
            return new StateDatabaseException("the state database " + database + " " + problem(sql) + "; " + what,
                    failure);
        }
        Throwable cause = sql != null ? sql : failure;
        return new StateDatabaseException("the state database " + database + " cannot be used: "
                + cause.getMessage(), failure);
    }

    /** A database of a later version: upgrading keeps it, rebuilding makes one this version can use. */
    static StateDatabaseException newer(String url, SchemaMigrator.NewerSchemaException cause) {
        return new StateDatabaseException("the state database " + name(url) + " " + cause.getMessage()
                + "; upgrade camel-icloud-photos to go on with it, or " + REBUILD, cause);
    }

    /** What is wrong with a SQLite database, as the rest of a sentence that starts with its name. */
    static String problem(Throwable failure) {
        SQLException sql = sqlException(failure);
        if (sql == null) {
            return "cannot be read (" + failure.getMessage() + ")";
        }
        String reason = sqliteReason(sql);
        return switch (sql.getErrorCode() & 0xff) {
            case SQLITE_NOTADB -> "is not a SQLite database (" + reason + ")";
            case SQLITE_CORRUPT -> "is damaged (" + reason + ")";
            case SQLITE_CANTOPEN -> "cannot be opened (" + reason + ")";
            case SQLITE_BUSY, SQLITE_LOCKED -> "is locked by another program (" + reason + "); if no other "
                    + "camel-icloud-photos or database tool has it open, the lock was left by a program that ended "
                    + "(network file systems can keep such locks)";
            default -> "cannot be read (" + reason + ")";
        };
    }

    private static SQLException sqlException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** SQLite's own words, the last parenthesis of the driver's message: "(file is not a database)". */
    private static String sqliteReason(SQLException sql) {
        String message = sql.getMessage() == null ? "" : sql.getMessage().trim();
        int open = message.lastIndexOf('(');
        return open >= 0 && message.endsWith(")") ? message.substring(open + 1, message.length() - 1) : message;
    }

    /** The file of a SQLite URL; any other URL without its query, which may carry a password. */
    private static String name(String url) {
        return StateDatabase.sqliteFile(url).map(Path::toString).orElseGet(() ->
                url.indexOf('?') >= 0 ? url.substring(0, url.indexOf('?')) : url);
    }
}
