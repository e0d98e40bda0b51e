package com.camelicloud.photos.cluster;

import com.camelicloud.photos.sync.StopRequestedException;

/**
 * This node no longer leads the sync of its account (it lost the cluster service, or another node took over): the
 * cycle stops where it is, writes nothing more, and the node that leads next resumes from the last committed page.
 */
public class LeadershipLostException extends StopRequestedException {

    public LeadershipLostException(String message) {
        super(message);
    }
}
