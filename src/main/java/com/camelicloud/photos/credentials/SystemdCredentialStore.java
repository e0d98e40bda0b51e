package com.camelicloud.photos.credentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The password as a systemd credential: the unit's {@code LoadCredentialEncrypted=icloud-password:…} (or
 * {@code LoadCredential=}) makes systemd decrypt it into {@code $CREDENTIALS_DIRECTORY/icloud-password}, a
 * private file of the service's that exists only while it runs. Read-only: the credential is the administrator's,
 * made with {@code systemd-creds encrypt}, and it is only as many accounts' as the unit's one.
 */
public final class SystemdCredentialStore implements CredentialStore {

    /** The credential's name in the unit. */
    private static final String CREDENTIAL = "icloud-password";
    private static final String DIRECTORY_VARIABLE = "CREDENTIALS_DIRECTORY";
    /** Where the shipped unit (src/main/deploy/systemd) loads the encrypted credential from. */
    private static final String SHIPPED_PATH = "/etc/camel-icloud-photos/icloud-password.cred";

    private final String directory;

    public SystemdCredentialStore(Map<String, String> environment) {
        this.directory = environment.get(DIRECTORY_VARIABLE);
    }

    @Override
    public String name() {
        return "systemd credential";
    }

    @Override
    public Optional<String> unavailableReason() {
        if (directory == null || directory.isBlank()) {
            return Optional.of("$" + DIRECTORY_VARIABLE + " is not set (not a systemd service with credentials)");
        }
        if (!Files.isReadable(file())) {
            return Optional.of("$" + DIRECTORY_VARIABLE + " holds no " + CREDENTIAL + " credential");
        }
        return Optional.empty();
    }

    @Override
    public String location(String appleId) {
        return directory == null ? "$" + DIRECTORY_VARIABLE + "/" + CREDENTIAL : file().toString();
    }

    /** The first line of the credential, like {@code --password-file}: {@code systemd-creds} keeps a final newline. */
    @Override
    public Optional<char[]> read(String appleId) {
        if (unavailableReason().isPresent()) {
            return Optional.empty();
        }
        try (BufferedReader reader = Files.newBufferedReader(file(), StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            return line == null || line.isEmpty() ? Optional.empty() : Optional.of(line.toCharArray());
        } catch (IOException e) {
            throw new CredentialStoreException("cannot read the systemd credential " + file() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    @Override
    public Optional<String> readOnlyReason() {
        return Optional.of("the systemd credential " + CREDENTIAL + " belongs to the service's unit, which only an "
                + "administrator changes: as root, `systemd-ask-password -n | systemd-creds encrypt --name=" + CREDENTIAL
                + " - " + SHIPPED_PATH + "` replaces it; deleting that file and the unit's LoadCredentialEncrypted= "
                + "line removes it; then restart the service");
    }

    @Override
    public void write(String appleId, char[] password) {
        throw new CredentialStoreException(readOnlyReason().orElseThrow());
    }

    @Override
    public boolean delete(String appleId) {
        throw new CredentialStoreException(readOnlyReason().orElseThrow());
    }

    private Path file() {
        return Path.of(directory, CREDENTIAL);
    }
}
