package com.camelicloud.photos.metadata;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says a thing once per run: "HEIC files cannot be edited safely; their metadata goes to .xmp sidecars" is worth one
 * warning, not one per photo. One instance per run (per sync cycle in watch mode, or per process, as the caller
 * prefers); thread-safe.
 */
public final class SidecarNotice {

    private static final Logger LOG = LoggerFactory.getLogger(SidecarNotice.class);

    private final Set<String> said = ConcurrentHashMap.newKeySet();

    /**
     * Logs the message at warning level unless something was already said under this key.
     *
     * @param key     what the message is about, typically the UTI (or a UTI plus a reason)
     * @param message the sentence to log
     * @return whether the message was logged now
     */
    public boolean once(String key, String message) {
        if (said.add(key)) {
            LOG.warn("{}", message);
            return true;
        }
        return false;
    }

    /** The keys said so far. */
    public Set<String> keys() {
        return Set.copyOf(said);
    }

    /** Forgets what was said, for a caller that reuses the instance across runs. */
    public void reset() {
        said.clear();
    }
}
