package com.camelicloud.photos.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state database that cannot be used is named in one line, with what is wrong and what to do. */
class StateDatabaseTest {

    @TempDir
    Path dir;

    private static void openAndMigrate(Path file) {
        try (HikariDataSource pool = StateDatabase.dataSource(
                new StateLocation("jdbc:sqlite:" + file, "/photos", true, null), "", "", 1)) {
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
                        + "move it aside or run `verify --rebuild-state`");
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
                        + "move it aside or run `verify --rebuild-state`");
    }

    @Test
    void aFolderWhereTheFileShouldBeCannotBeOpened() throws IOException {
        Path file = Files.createDirectories(dir.resolve("state.db"));

        assertThatThrownBy(() -> openAndMigrate(file)).isInstanceOf(StateDatabaseException.class)
                .hasMessageStartingWith("the state database " + file + " cannot be opened (unable to open database file)");
    }

    @Test
    void aGoodDatabaseOpensAgain() {
        Path file = dir.resolve("state.db");
        openAndMigrate(file);

        openAndMigrate(file);

        assertThat(file).isRegularFile();
    }
}
