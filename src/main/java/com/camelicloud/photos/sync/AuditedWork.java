package com.camelicloud.photos.sync;

import java.util.List;

/** Work whose effects on stored files go to the audit log: a change's branch, a batch moved to Recently Deleted. */
public interface AuditedWork {

    /** The entries noted since the last call, each handed out once. */
    List<AuditEntry> takeAuditEntries();
}
