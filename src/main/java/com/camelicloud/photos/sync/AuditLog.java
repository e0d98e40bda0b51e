package com.camelicloud.photos.sync;

import java.util.List;

import org.apache.camel.Body;

/**
 * The audit log's source (the {@code audit} route appends each entry as a JSON line): what a change's branch, or a
 * batch moved to Recently Deleted, did to stored files.
 */
public class AuditLog {

    /** The work's entries noted since it was last audited; each entry is written once. */
    public List<AuditEntry> newEntries(@Body AuditedWork work) {
        return work.takeAuditEntries();
    }
}
