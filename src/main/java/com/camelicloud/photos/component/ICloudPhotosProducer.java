package com.camelicloud.photos.component;

import com.camelicloud.photos.sync.ChangeFeed;
import com.camelicloud.photos.sync.ContentPolicy;
import com.camelicloud.photos.sync.CopySettings;
import com.camelicloud.photos.sync.FeedOptions;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Performs the endpoint's operation; see {@link ICloudPhotosOperations}. */
public class ICloudPhotosProducer extends DefaultProducer {

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
            default -> throw new IllegalArgumentException("unsupported operation " + operation);
        }
    }

    /** Plans the cycle now (so a failure surfaces here) and hands the lazy page sequence on. */
    private void listChanges(Exchange exchange, ICloudPhotosConfiguration config) {
        ICloudPhotosComponent component = getEndpoint().getComponent();
        ContentPolicy content = component.requireContentPolicy();
        FeedOptions options = new FeedOptions(config.getLibrary(), config.isFullEnumeration(),
                new CopySettings(content.profile(), config.keepsHidden(), content.keepsEdits(),
                        component.metadataOptions()), component.feedListener(),
                config.getMaxDownloadAttempts(), config.isRetryFailedOnly(), content.recent(),
                content.filtersByAlbum() || component.layout().folders().usesAlbum(),
                component.layout().folders().usesAlbum(), component.layout().profile());
        ChangeFeed feed = new ChangeFeed(component.account(config).cloudKit(), component.requireStateRepository(),
                options, component.destinationProbe()).plan();
        exchange.getMessage().setBody(feed);
    }
}
