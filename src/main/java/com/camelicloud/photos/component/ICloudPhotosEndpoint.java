package com.camelicloud.photos.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** {@code icloud-photos:appleId?operation=…}: producer only; a Quartz route drives the polling. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "icloud-photos", title = "iCloud Photos",
        syntax = "icloud-photos:appleId", producerOnly = true, category = {Category.CLOUD, Category.FILE})
public class ICloudPhotosEndpoint extends DefaultEndpoint {

    @UriParam
    private final ICloudPhotosConfiguration configuration;

    ICloudPhotosEndpoint(String uri, ICloudPhotosComponent component, ICloudPhotosConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public ICloudPhotosComponent getComponent() {
        return (ICloudPhotosComponent) super.getComponent();
    }

    public ICloudPhotosConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public Producer createProducer() {
        return new ICloudPhotosProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("icloud-photos has no consumer: poll it from a quartz: route with "
                + "operation=listChanges");
    }
}
