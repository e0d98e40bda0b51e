package com.camelicloud.photos.credentials;

import com.camelicloud.photos.auth.PasswordSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --save-password}: a password given for this run only (typed at the prompt, {@code -p},
 * {@code ICLOUD_PASSWORD}) that iCloud accepted is stored in the credential store in use for later runs. A store
 * that fails is reported and does not fail the sign-in.
 */
public final class SavingPasswordSource implements PasswordSource {

    private static final Logger LOG = LoggerFactory.getLogger(SavingPasswordSource.class);

    private final PasswordSource source;
    private final CredentialStores stores;
    private final String appleId;

    public SavingPasswordSource(PasswordSource source, CredentialStores stores, String appleId) {
        this.source = source;
        this.stores = stores;
        this.appleId = appleId;
    }

    @Override
    public char[] password() {
        return source.password();
    }

    @Override
    public void accepted(char[] password) {
        try {
            CredentialStore store = stores.write(appleId, password);
            LOG.info("Stored the password of {} in the {}: {}", appleId, store.name(), store.location(appleId));
        } catch (CredentialStoreException e) {
            LOG.warn("--save-password: the password of {} was not stored: {}", appleId, e.getMessage());
        }
    }
}
