package com.camelicloud.photos.sync;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.metadata.XmpSidecar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link FileChanges} made at the destination. */
final class AppliedFileChanges implements FileChanges {

    private static final Logger LOG = LoggerFactory.getLogger(AppliedFileChanges.class);
    /** How the sidecars of stored files are named, as the metadata step writes them. */
    private static final XmpSidecar SIDECARS = new XmpSidecar();

    private final Destination destination;

    AppliedFileChanges(Destination destination) {
        this.destination = destination;
    }

    /** One already at the sidecar's new path (left by an older version) is not overwritten; the moved file's stays. */
    @Override
    public void move(String from, String to, String why) {
        destination.move(from, to);
        String sidecar = SIDECARS.nameFor(from);
        String movedSidecar = SIDECARS.nameFor(to);
        if (destination.sizeOf(sidecar).isPresent()) {
            if (destination.sizeOf(movedSidecar).isPresent()) {
                LOG.warn("{} stays where it is: {} is already there", sidecar, movedSidecar);
            } else {
                destination.move(sidecar, movedSidecar);
            }
        }
        LOG.info("Moved {} to {} ({})", from, to, why);
    }

    @Override
    public void delete(String path, String why) {
        destination.delete(path);
        destination.delete(SIDECARS.nameFor(path));
        LOG.info("Deleted {} ({})", path, why);
    }

    @Override
    public void link(String stored, String link, boolean hardLink, String why) {
        destination.link(stored, link, hardLink);
        LOG.info("Linked {} into {} ({})", stored, link, why);
    }

    @Override
    public void unlink(String link, String why) {
        destination.delete(link);
        LOG.info("Deleted {} ({})", link, why);
    }

    @Override
    public boolean committed() {
        return true;
    }
}
