package com.camelicloud.photos.cluster;

import com.camelicloud.photos.download.DownloadGuard;

/**
 * The sync's writes ask it first: each page, each change, each download chunk, each published file and each commit.
 * Without a cluster it lets everything through; in a cluster it stops the sync of a node that no longer leads the
 * account, so that two nodes never write the same destination and state at once.
 */
public final class LeadershipFence implements DownloadGuard {

    private final SyncLeadership leadership;

    public LeadershipFence(SyncLeadership leadership) {
        this.leadership = leadership;
    }

    /** @throws LeadershipLostException when this node no longer leads the sync */
    @Override
    public void check() {
        if (!leadership.isLeading()) {
            throw new LeadershipLostException("this node no longer leads the sync of " + leadership.namespace()
                    + " in the cluster; another node resumes it from the last committed page");
        }
    }
}
