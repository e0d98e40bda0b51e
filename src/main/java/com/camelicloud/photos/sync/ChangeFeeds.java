package com.camelicloud.photos.sync;

import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.component.ChangeFeedFactory;
import com.camelicloud.photos.component.ICloudPhotosConfiguration;
import com.camelicloud.photos.destination.DestinationProbe;
import com.camelicloud.photos.layout.PhotoLayout;
import com.camelicloud.photos.metadata.MetadataOptions;
import com.camelicloud.photos.state.SyncStateRepository;

/**
 * The sync's side of {@code icloud-photos:…?operation=listChanges}: a {@link ChangeFeed} of the cycle, diffed against
 * the state, for the content policy and the layout (routes/beans.yaml binds it as {@code changeFeeds}).
 */
public final class ChangeFeeds implements ChangeFeedFactory {

    private final SyncStateRepository state;
    private final ContentPolicy content;
    private final PhotoLayout layout;
    private final DestinationProbe destination;
    private final FeedOptions.FeedListener listener;
    private final MetadataOptions metadata;

    /**
     * @param destination what full listings check files against; null to trust the state
     * @param listener    progress callbacks of the feed; may be null
     * @param metadata    what the sync writes into files, so that a change to it reaches the stored files
     */
    public ChangeFeeds(SyncStateRepository state, ContentPolicy content, PhotoLayout layout,
                       DestinationProbe destination, FeedOptions.FeedListener listener, MetadataOptions metadata) {
        this.state = state;
        this.content = content;
        this.layout = layout;
        this.destination = destination;
        this.listener = listener;
        this.metadata = metadata;
    }

    @Override
    public ChangeFeed open(CloudKitClient cloudKit, ICloudPhotosConfiguration config) {
        // full listings read the album index for {album} layouts: files stored otherwise move
        FeedOptions options = new FeedOptions(config.getLibrary(), config.isFullEnumeration(),
                new CopySettings(content.profile(), config.keepsHidden(), content.keepsEdits(), metadata), listener,
                config.getMaxDownloadAttempts(), config.isRetryFailedOnly(), config.isRepairOnly(), content.recent(),
                content.filtersByAlbum() || layout.folders().usesAlbum(), layout.folders().usesAlbum(),
                layout.profile());
        return new ChangeFeed(cloudKit, state, options, destination).plan();
    }
}
