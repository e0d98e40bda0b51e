package com.camelicloud.photos.sync;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * Whether the application is stopping: the stop-check route's test, evaluated before each page and each file. A
 * registry predicate rather than {@code ${camelContext.isStopping()}}, which makes Camel's bean component introspect
 * the hundreds of methods of the CamelContext and its interfaces: start-up time, and a long JIT compile that held
 * back the download path's own compilation (bench/README.md).
 */
public final class StopRequested implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return exchange.getContext().isStopping();
    }
}
