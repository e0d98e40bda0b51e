package com.camelicloud.photos.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which store is in use, and why: the keyring where one answers, a systemd credential, else the encrypted file. */
class CredentialStoresTest {

    private static final String APPLE_ID = "stores@example.com";

    @TempDir
    Path home;

    @Test
    void withoutASessionBusOrCredentialsTheEncryptedFileIsUsedAndTheOthersSayWhyNot() {
        CredentialStores stores = CredentialStores.of(home.resolve("data"), Map.of());

        assertThat(stores.inUse()).isInstanceOf(EncryptedFileStore.class);
        assertThat(stores.candidates()).extracting(c -> c.unavailableReason().orElse("usable")).containsExactly(
                "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)",
                "$CREDENTIALS_DIRECTORY is not set (not a systemd service with credentials)",
                "usable");
    }

    @Test
    void aSessionBusThatDoesNotAnswerLeavesTheKeyringOutWithTheReason() {
        Map<String, String> environment = Map.of("DBUS_SESSION_BUS_ADDRESS",
                "unix:path=" + home.resolve("no-bus-here"));

        CredentialStores stores = CredentialStores.of(home.resolve("data"), environment);

        assertThat(stores.inUse()).isInstanceOf(EncryptedFileStore.class);
        assertThat(stores.candidates().get(0).unavailableReason()).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("it cannot store a password: the keyring failed"));
    }

    @Test
    void aSystemdCredentialIsUsedBeforeTheFileAndIsReadOnly() throws IOException {
        Path credentials = Files.createDirectories(home.resolve("credentials"));
        Files.writeString(credentials.resolve("icloud-password"), "from systemd\n");
        new EncryptedFileStore(home.resolve("data")).write(APPLE_ID, "from the file".toCharArray());

        CredentialStores stores = CredentialStores.of(home.resolve("data"),
                Map.of("CREDENTIALS_DIRECTORY", credentials.toString()));

        assertThat(stores.inUse()).isInstanceOf(SystemdCredentialStore.class);
        assertThat(stores.read(APPLE_ID)).hasValueSatisfying(found ->
                assertThat(new String(found.password())).isEqualTo("from systemd"));
        assertThatThrownBy(() -> stores.write(APPLE_ID, "new".toCharArray()))
                .isInstanceOf(CredentialStoreException.class).hasMessageContaining("systemd-creds encrypt");
    }

    @Test
    void aCredentialsDirectoryWithoutThePasswordLeavesTheFileInUseAndItsPasswordIsRead() throws IOException {
        Path credentials = Files.createDirectories(home.resolve("credentials"));
        new EncryptedFileStore(home.resolve("data")).write(APPLE_ID, "from the file".toCharArray());

        CredentialStores stores = CredentialStores.of(home.resolve("data"),
                Map.of("CREDENTIALS_DIRECTORY", credentials.toString()));

        assertThat(stores.inUse()).isInstanceOf(EncryptedFileStore.class);
        assertThat(stores.candidates().get(1).unavailableReason())
                .hasValue("$CREDENTIALS_DIRECTORY holds no icloud-password credential");
        assertThat(stores.read(APPLE_ID)).hasValueSatisfying(found ->
                assertThat(new String(found.password())).isEqualTo("from the file"));
    }
}
