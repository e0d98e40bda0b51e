package com.camelicloud.photos.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * A state database that cannot be used is named in one line, with what is wrong and what to run; and what
 * --rebuild-state sees in one.
 */
class StateDatabaseTest {

    @TempDir
    Path dir;

    private static void openAndMigrate(Path file) {
        try (HikariDataSource pool = StateDatabase.dataSource(
                new StateLocation("jdbc:sqlite:" + file, "/photos", true, null), "", "", "", 1)) {
            new SchemaMigrator(pool).migrate();
        }
    }

    private static byte[] noise(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aFileOfRandomBytesIsNoSqliteDatabase() throws IOException {
        Path file = Files.write(dir.resolve("state.db"), noise(50_000, 1));

        assertThatThrownBy(() -> openAndMigrate(file)).isInstanceOf(StateDatabaseException.class)
                .hasMessage("the state database " + file + " is not a SQLite database (file is not a database); "
                        + StateDatabaseException.REBUILD);
        assertThat(StateRebuild.problem(file)).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("is not a SQLite database"));
    }

    @Test
    void aDatabaseWhoseFirstPageIsOverwrittenIsDamaged() throws IOException {
        Path file = dir.resolve("state.db");
        openAndMigrate(file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] noise = noise(4096 - 100, 2);
        // SQLite's 100-byte header stays: the file still looks like a database
        System.arraycopy(noise, 0, bytes, 100, noise.length);
        Files.write(file, bytes);

        assertThatThrownBy(() -> openAndMigrate(file)).isInstanceOf(StateDatabaseException.class)
                .hasMessage("the state database " + file + " is damaged (database disk image is malformed); "
                        + StateDatabaseException.REBUILD);
    }

    @Test
    void aFolderWhereTheFileShouldBeCannotBeOpened() throws IOException {
        Path file = Files.createDirectories(dir.resolve("state.db"));

        assertThatThrownBy(() -> openAndMigrate(file)).isInstanceOf(StateDatabaseException.class)
                .hasMessageStartingWith("the state database " + file + " cannot be opened (unable to open database file)")
                .hasMessageEndingWith("check that it is a file in a folder this user may write to");
    }

    @Test
    void aGoodDatabaseOpensAgain() {
        Path file = dir.resolve("state.db");
        openAndMigrate(file);

        openAndMigrate(file);

        assertThat(file).isRegularFile();
        assertThat(StateRebuild.problem(file)).isEmpty();
    }

    @Test
    void aLockNobodyLetsGoOfIsNamedAsSuch() throws Exception {
        Path file = dir.resolve("locked.db");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement hold = holder.createStatement()) {
            hold.execute("CREATE TABLE t (x INTEGER)");
            hold.execute("BEGIN EXCLUSIVE");
            SQLiteConfig impatient = new SQLiteConfig();
            impatient.setBusyTimeout(0);
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file, impatient.toProperties());
                 Statement write = other.createStatement()) {
                SQLException busy = assertThrows(SQLException.class, () -> write.execute("INSERT INTO t VALUES (1)"));
                assertThat(StateDatabaseException.of("jdbc:sqlite:" + file, busy).getMessage())
                        .contains("is locked by another program").contains("verify --rebuild-state");
            }
        }
    }

    @Test
    void aNewerVersionsDatabaseIsToldApartFromADamagedOne() throws Exception {
        Path file = dir.resolve("newer.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            statement.execute("INSERT INTO schema_version VALUES (99)");
        }

        assertThat(StateRebuild.problem(file)).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("was written by a newer camel-icloud-photos (schema version 99"));
        assertThatThrownBy(() -> openAndMigrate(file)).isInstanceOf(StateDatabaseException.class)
                .hasMessageContaining("upgrade camel-icloud-photos to go on with it, or run `camel-icloud-photos "
                        + "verify --rebuild-state`");
    }
}
