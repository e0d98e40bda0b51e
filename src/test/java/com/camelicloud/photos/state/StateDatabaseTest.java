package com.camelicloud.photos.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** What a run says about a state database it cannot use, and what --rebuild-state sees in one. */
class StateDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aDamagedFileIsNamedWithWhatToRun() throws Exception {
        Path file = dir.resolve("state.db");
        byte[] junk = new byte[8192];
        new Random(3).nextBytes(junk);
        Files.write(file, junk);
        StateLocation location = new StateLocation("jdbc:sqlite:" + file, "/photos", true);

        assertThatThrownBy(() -> StateDatabase.dataSource(location, null, null, 1).close())
                .hasMessageStartingWith("the state database " + file + " is damaged")
                .hasMessageContaining("import-existing --rebuild-state")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(StateRebuild.problem(file)).hasValueSatisfying(problem -> assertThat(problem).startsWith("is damaged"));
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
                SQLException busy = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                        () -> write.execute("INSERT INTO t VALUES (1)"));
                assertThat(StateDatabase.unreadable(file.toString(), busy).getMessage())
                        .contains("is locked by another program").contains("import-existing --rebuild-state");
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
    }
}
