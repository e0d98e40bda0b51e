package com.camelicloud.photos.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.DestinationProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Which database holds the sync state of one destination. The state describes what one destination holds (its
 * files, and the tokens up to which its copy follows iCloud), so every destination of an account has its own: by
 * default a SQLite file per destination under the data directory, named after the destination's identity. A state
 * database written before state was kept per destination is taken over by the destination that holds its files.
 *
 * <p>A database server (PostgreSQL…) holds the state of any number of accounts and destinations, one schema each.
 *
 * @param jdbcUrl             the database to open
 * @param destinationIdentity the destination it belongs to ({@code Destination.identity()})
 * @param writable            false for a dry run, which records nothing, not even whose the database is
 * @param schema              on a database server, the schema of this account's destination; null for SQLite
 */
public record StateLocation(String jdbcUrl, String destinationIdentity, boolean writable, String schema) {

    private static final Logger LOG = LoggerFactory.getLogger(StateLocation.class);
    private static final String SQLITE = "jdbc:sqlite:";
    /** Stored files looked at to tell whether a legacy state database describes this destination. */
    private static final int PROBE_SAMPLE = 20;

    /**
     * @param configuredUrl   {@code state.jdbc-url}: empty for a SQLite file per destination under {@code dataDir}; a
     *                        SQLite URL of one's own serves one destination only, a database server one schema per
     *                        account and destination
     * @param accountKey      the account's file name stem ({@link DataDirectory#accountKey})
     * @param destination     the destination, probed when a legacy database may be its own
     * @param rebuild         {@code --rebuild-state}: this destination's database is moved aside and a new one begun
     */
    public static StateLocation resolve(String configuredUrl, String dataDir, String accountKey, Destination destination,
                                        boolean dryRun, boolean rebuild) {
        String destinationName = destination.identity();
        if (configuredUrl != null && !configuredUrl.isBlank()) {
            if (rebuild) {
                throw new IllegalStateException("--rebuild-state rebuilds the SQLite state under the data directory; "
                        + "the state.jdbc-url database is your own: rename or empty it yourself, then run import-existing");
            }
            String url = configuredUrl.trim();
            String schema = url.startsWith(SQLITE) ? null
                    : "icloud_photos_" + DataDirectory.destinationHash(accountKey + "\n" + destinationName);
            return new StateLocation(url, destinationName, !dryRun, schema);
        }
        DataDirectory directory = new DataDirectory(Path.of(dataDir));
        Path own = directory.databaseFile(accountKey, destinationName);
        Path legacy = directory.legacyDatabaseFile(accountKey);
        if (rebuild && !dryRun) {
            StateRebuild.moveAside(own, destinationName);
            // a legacy database that cannot be read may be this destination's: it is kept too, aside
            if (Files.exists(legacy) && (StateRebuild.problem(legacy).isPresent()
                    || describes(legacy, destinationName, destination))) {
                StateRebuild.moveAside(legacy, destinationName);
            }
            return sqlite(own, destinationName, false);
        }
        if (Files.exists(own) && !rebuild) {
            return sqlite(own, destinationName, dryRun);
        }
        if (Files.exists(legacy) && !rebuild && describes(legacy, destinationName, destination)) {
            return sqlite(legacy, destinationName, dryRun);
        }
        if (dryRun) {
            // Nothing synced to this destination yet (or the dry run of a rebuild): a throw-away database, so that a
            // dry run leaves no state behind.
            return new StateLocation(SQLITE + scratchDatabase(), destinationName, false, null);
        }
        return sqlite(own, destinationName, false);
    }

    /**
     * A state database under the data directory as it is, to be read and never written ({@code status}): the
     * destination is the one it recorded, null when it recorded none (a state kept before state was kept per
     * destination, not synced since).
     */
    public static StateLocation existing(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = DriverManager.getConnection(SQLITE + file, config.toProperties())) {
            List<String> owners = hasTable(connection, "destination")
                    ? strings(connection, "SELECT identity FROM destination") : List.of();
            return new StateLocation(SQLITE + file, owners.isEmpty() ? null : owners.get(0), false, null);
        } catch (SQLException e) {
            throw StateDatabaseException.of(SQLITE + file, e);
        }
    }

    /**
     * The database for messages: a SQLite file's path, else the URL without user, password or parameters, and the
     * schema.
     */
    public String describe() {
        if (jdbcUrl.startsWith(SQLITE)) {
            return jdbcUrl.substring(SQLITE.length());
        }
        String withoutParameters = jdbcUrl.split("[?;]", 2)[0];
        return withoutParameters.replaceFirst("//[^/@]*@", "//") + " (schema " + schema + ")";
    }

    private static StateLocation sqlite(Path file, String destinationName, boolean dryRun) {
        return new StateLocation(SQLITE + file, destinationName, !dryRun, null);
    }

    /**
     * Whether the legacy database is this destination's: it says so, or it belongs to no destination yet and most of
     * the files it recorded last are at this destination with their recorded size (or it recorded none).
     */
    private static boolean describes(Path legacy, String destinationName, DestinationProbe destination) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = DriverManager.getConnection(SQLITE + legacy, config.toProperties())) {
            if (hasTable(connection, "destination")) {
                List<String> owners = strings(connection, "SELECT identity FROM destination");
                if (!owners.isEmpty()) {
                    return owners.contains(destinationName);
                }
            }
            if (!hasTable(connection, "media_file")) {
                return true;
            }
            int sampled = 0;
            int present = 0;
            try (PreparedStatement statement = connection.prepareStatement("SELECT path, size FROM media_file "
                    + "WHERE status = 'done' AND placement = 'live' AND path IS NOT NULL ORDER BY updated_at DESC LIMIT ?")) {
                statement.setInt(1, PROBE_SAMPLE);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sampled++;
                        Long size = rows.getObject(2) == null ? null : rows.getLong(2);
                        if (destination.hasRecordedSize(rows.getString(1), size)) {
                            present++;
                        }
                    }
                }
            }
            boolean ours = sampled == 0 || present * 2 >= sampled;
            LOG.info("The state database {} was kept before state was kept per destination; {}", legacy, ours
                    ? "it describes " + destinationName + " (" + present + " of " + sampled + " files checked are there)"
                    : "it does not describe " + destinationName + " (" + present + " of " + sampled
                    + " files checked are there): this destination gets a state of its own");
            return ours;
        } catch (SQLException e) {
            throw StateDatabaseException.of(StateDatabase.SQLITE + legacy, e);
        }
    }

    private static boolean hasTable(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** A database in a temp folder that is removed when the JVM exits. */
    private static Path scratchDatabase() {
        try {
            Path dir = Files.createTempDirectory("camel-icloud-photos-dry-run");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir.resolve("state.db");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch database for the dry run", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
