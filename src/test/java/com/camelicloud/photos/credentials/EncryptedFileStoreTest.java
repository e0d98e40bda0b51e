package com.camelicloud.photos.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.testing.StoredSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last-resort store: an AES-256-GCM file and its key, owner-only, under the data directory. */
class EncryptedFileStoreTest {

    private static final String APPLE_ID = "file@example.com";
    private static final String PASSWORD = "pässword with ünicode and spaces";

    @TempDir
    Path dataDir;

    @Test
    void aWrittenPasswordReadsBackFromOwnerOnlyFilesThatDoNotHoldItInClear() throws IOException {
        EncryptedFileStore store = new EncryptedFileStore(dataDir);

        store.write(APPLE_ID, PASSWORD.toCharArray());

        assertThat(store.read(APPLE_ID)).hasValueSatisfying(read -> assertThat(new String(read)).isEqualTo(PASSWORD));
        DataDirectory files = new DataDirectory(dataDir);
        for (Path file : new Path[] {files.passwordFile(APPLE_ID), files.passwordKeyFile(APPLE_ID)}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(Files.size(files.passwordKeyFile(APPLE_ID))).as("an AES-256 key").isEqualTo(32);
        StoredSecrets.assertAbsentFrom(dataDir, PASSWORD);
        assertThat(store.read("other@example.com")).isEmpty();
    }

    @Test
    void writingAgainReplacesThePassword() {
        EncryptedFileStore store = new EncryptedFileStore(dataDir);
        store.write(APPLE_ID, "first".toCharArray());

        store.write(APPLE_ID, PASSWORD.toCharArray());

        assertThat(store.read(APPLE_ID)).hasValueSatisfying(read -> assertThat(new String(read)).isEqualTo(PASSWORD));
    }

    @Test
    void aFileWithoutItsKeyOrUnderAnotherAccountsNameIsRefusedWithAMessageThatSaysWhatToDo() throws IOException {
        EncryptedFileStore store = new EncryptedFileStore(dataDir);
        store.write(APPLE_ID, PASSWORD.toCharArray());
        DataDirectory files = new DataDirectory(dataDir);
        String other = "other@example.com";
        Files.copy(files.passwordFile(APPLE_ID), files.passwordFile(other));
        Files.copy(files.passwordKeyFile(APPLE_ID), files.passwordKeyFile(other));

        assertThatThrownBy(() -> store.read(other)).isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining("cannot be decrypted").hasMessageContaining("password set")
                .hasMessageNotContaining(PASSWORD);
        Files.delete(files.passwordKeyFile(APPLE_ID));
        assertThatThrownBy(() -> store.read(APPLE_ID)).isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining("key file is missing").hasMessageContaining("password clear");
    }

    @Test
    void deleteRemovesThePasswordAndItsKey() throws IOException {
        EncryptedFileStore store = new EncryptedFileStore(dataDir);
        store.write(APPLE_ID, PASSWORD.toCharArray());

        assertThat(store.delete(APPLE_ID)).isTrue();

        try (var left = Files.list(dataDir)) {
            assertThat(left).isEmpty();
        }
        assertThat(store.read(APPLE_ID)).isEmpty();
        assertThat(store.delete(APPLE_ID)).as("nothing left to delete").isFalse();
    }
}
