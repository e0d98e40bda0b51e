package com.camelicloud.photos.state;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The state database cannot be used: one line saying which file, what is wrong with it and what to do, instead of
 * the pool's or the SQL template's wording (a whole statement, error codes).
 */
public final class StateDatabaseException extends IllegalStateException {

    /** SQLite's primary result codes (the low byte of the extended ones). */
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;
    private static final String WHAT_TO_DO = "move it aside or run `verify --rebuild-state`";

    private StateDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Why the database at {@code url} failed to open or migrate; {@code failure} is what the driver threw. */
    static StateDatabaseException of(String url, Throwable failure) {
        SQLException sql = sqlException(failure);
        String database = name(url);
        if (sql != null && url.startsWith(StateDatabase.SQLITE)) {
            String reason = sqliteReason(sql);
            switch (sql.getErrorCode() & 0xff) {
                case SQLITE_NOTADB:
                    return new StateDatabaseException("the state database " + database + " is not a SQLite database ("
                            + reason + "); " + WHAT_TO_DO, failure);
                case SQLITE_CORRUPT:
                    return new StateDatabaseException("the state database " + database + " is damaged (" + reason
                            + "); " + WHAT_TO_DO, failure);
                case SQLITE_CANTOPEN:
                    return new StateDatabaseException("the state database " + database + " cannot be opened ("
                            + reason + "); check that it is a file in a folder this user may write to", failure);
                default:
                    break;
            }
        }
        Throwable cause = sql != null ? sql : failure;
        return new StateDatabaseException("the state database " + database + " cannot be used: "
                + cause.getMessage(), failure);
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
