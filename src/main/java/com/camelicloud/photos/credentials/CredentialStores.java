package com.camelicloud.photos.credentials;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential stores of this machine, best first: the OS keyring where one answers, the systemd credential
 * when {@code $CREDENTIALS_DIRECTORY} holds one, the encrypted file under the data directory always. The first
 * usable one is the store in use ({@code password set} and {@code --save-password} write there); a password is
 * read from the first usable one that holds it, so one saved while no keyring answered (over SSH) is still found
 * in a desktop session.
 */
public final class CredentialStores {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialStores.class);

    /** A store and, when it cannot be used here, why. */
    public record Candidate(CredentialStore store, Optional<String> unavailableReason) {
        public boolean usable() {
            return unavailableReason.isEmpty();
        }
    }

    /** A stored password and the store it came from. */
    public record Found(CredentialStore store, char[] password) {
    }

    private final List<CredentialStore> stores;
    private List<Candidate> candidates;

    public CredentialStores(List<CredentialStore> stores) {
        this.stores = List.copyOf(stores);
    }

    /** The stores of this machine for an account whose state lives in {@code dataDir}. */
    public static CredentialStores of(Path dataDir, Map<String, String> environment) {
        return new CredentialStores(List.of(new KeyringStore(environment), new SystemdCredentialStore(environment),
                new EncryptedFileStore(dataDir)));
    }

    /** Every store, best first, each asked once whether it can be used. */
    public synchronized List<Candidate> candidates() {
        if (candidates == null) {
            List<Candidate> checked = new ArrayList<>();
            for (CredentialStore store : stores) {
                checked.add(new Candidate(store, store.unavailableReason()));
            }
            candidates = List.copyOf(checked);
        }
        return candidates;
    }

    /** The store that {@code password set} and {@code --save-password} write to. */
    public CredentialStore inUse() {
        return candidates().stream().filter(Candidate::usable).map(Candidate::store).findFirst()
                .orElseThrow(() -> new CredentialStoreException("no credential store can be used here"));
    }

    /**
     * The account's password from the first usable store that holds one. A store that fails is passed over (and
     * logged), so that a keyring gone wrong does not hide a password kept in another.
     */
    public Optional<Found> read(String appleId) {
        for (Candidate candidate : candidates()) {
            if (!candidate.usable()) {
                continue;
            }
            try {
                Optional<char[]> password = candidate.store().read(appleId);
                if (password.isPresent()) {
                    return Optional.of(new Found(candidate.store(), password.get()));
                }
            } catch (CredentialStoreException e) {
                LOG.warn("Cannot read the stored password from the {}: {}", candidate.store().name(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The store that holds the account's password, if one does (read as by {@link #read}, and wiped). */
    public Optional<CredentialStore> holding(String appleId) {
        return read(appleId).map(found -> {
            Arrays.fill(found.password(), '\0');
            return found.store();
        });
    }

    /** Stores the account's password in the store in use and returns that store. */
    public CredentialStore write(String appleId, char[] password) {
        CredentialStore store = inUse();
        store.write(appleId, password);
        return store;
    }
}
