package com.camelicloud.photos.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.cloudkit.LibraryCounts;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.sync.ChangeFeed;
import com.camelicloud.photos.sync.ContentPolicy;
import com.camelicloud.photos.sync.CopySettings;
import com.camelicloud.photos.sync.FeedOptions;
import com.camelicloud.photos.sync.FreeSpaceBatch;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.DefaultProducer;

/** Performs the endpoint's operation; see {@link ICloudPhotosOperations}. */
public class ICloudPhotosProducer extends DefaultProducer {

    /** The count ids of §3.4's table: All Photos, and the Videos smart album. */
    private static final String ALL_ITEMS = "CPLAssetByAssetDateWithoutHiddenOrDeleted";
    private static final String VIDEOS = "CPLAssetInSmartAlbumByAssetDate:Video";

    public ICloudPhotosProducer(ICloudPhotosEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ICloudPhotosEndpoint getEndpoint() {
        return (ICloudPhotosEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ICloudPhotosConfiguration config = getEndpoint().getConfiguration();
        ICloudPhotosOperations operation = exchange.getMessage().getHeader(ICloudPhotosConstants.OPERATION,
                config.getOperation(), ICloudPhotosOperations.class);
        switch (operation) {
            case listChanges -> listChanges(exchange, config);
            case download -> getEndpoint().getComponent().downloads(config).download(exchange);
            case countItems -> countItems(exchange, config);
            case listLibraries -> exchange.getMessage().setBody(
                    getEndpoint().getComponent().account(config).cloudKit().photoLibraries());
            case lookupItems -> getEndpoint().getComponent().recentlyDeletedMoves(config)
                    .lookup(exchange.getMessage().getMandatoryBody(FreeSpaceBatch.class));
            case moveToRecentlyDeleted -> getEndpoint().getComponent().recentlyDeletedMoves(config)
                    .move(exchange.getMessage().getMandatoryBody(FreeSpaceBatch.class),
                            Duration.ofSeconds(config.getModifyInterval()));
            default -> throw new IllegalArgumentException("unsupported operation " + operation);
        }
    }

    private void countItems(Exchange exchange, ICloudPhotosConfiguration config) throws InvalidPayloadException {
        CloudKitClient cloudKit = getEndpoint().getComponent().account(config).cloudKit();
        List<LibraryCounts> counts = new ArrayList<>();
        for (Object library : exchange.getMessage().getMandatoryBody(List.class)) {
            ZoneId zone = (ZoneId) library;
            counts.add(new LibraryCounts(zone, boxed(cloudKit.count(zone, ALL_ITEMS)), boxed(cloudKit.count(zone, VIDEOS))));
        }
        exchange.getMessage().setBody(counts);
    }

    private static Long boxed(OptionalLong count) {
        return count.isPresent() ? count.getAsLong() : null;
    }

    /** Plans the cycle now (so a failure surfaces here) and hands the lazy page sequence on. */
    private void listChanges(Exchange exchange, ICloudPhotosConfiguration config) {
        ICloudPhotosComponent component = getEndpoint().getComponent();
        ContentPolicy content = component.requireContentPolicy();
        FeedOptions options = new FeedOptions(config.getLibrary(), config.isFullEnumeration(),
                new CopySettings(content.profile(), config.keepsHidden(), content.keepsEdits(),
                        component.metadataOptions()), component.feedListener(),
                config.getMaxDownloadAttempts(), config.isRetryFailedOnly(), config.isRepairOnly(), content.recent(),
                content.filtersByAlbum() || component.layout().folders().usesAlbum(),
                component.layout().folders().usesAlbum(), component.layout().profile());
        ChangeFeed feed = new ChangeFeed(component.account(config).cloudKit(), component.requireStateRepository(),
                options, component.destinationProbe()).plan();
        exchange.getMessage().setBody(feed);
    }
}
