package com.camelicloud.photos.credentials;

import java.util.Optional;

import com.camelicloud.photos.auth.PasswordSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password kept in a credential store, else the one {@code fallback} gives (the terminal prompt). Asked each
 * time a sign-in needs a password, so a {@code password set} while a watch-mode sync runs counts at its next
 * sign-in.
 */
public final class StoredPasswordSource implements PasswordSource {

    private static final Logger LOG = LoggerFactory.getLogger(StoredPasswordSource.class);

    private final CredentialStores stores;
    private final String appleId;
    private final PasswordSource fallback;
    private volatile boolean fromFallback;

    public StoredPasswordSource(CredentialStores stores, String appleId, PasswordSource fallback) {
        this.stores = stores;
        this.appleId = appleId;
        this.fallback = fallback;
    }

    @Override
    public char[] password() {
        Optional<CredentialStores.Found> stored = stores.read(appleId);
        if (stored.isPresent()) {
            fromFallback = false;
            // Said, so that a rejected password is known to be the stored one.
            LOG.info("Signing in with the password of {} stored in the {}", appleId, stored.get().store().name());
            return stored.get().password();
        }
        fromFallback = true;
        return fallback.password();
    }

    /** Only the fallback's password may need saving: the stored one is where it belongs. */
    @Override
    public void accepted(char[] password) {
        if (fromFallback) {
            fallback.accepted(password);
        }
    }
}
