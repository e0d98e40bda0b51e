package com.camelicloud.photos.state;

import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the steps it wraps in one local database transaction, so that a page's state rows and its zone
 * token are written together or not at all (docs/protocol.md §4.3 rule 1). Unlike Camel's {@code transacted},
 * it does not mark the exchange as transacted: a failure stays an ordinary exception that the calling
 * routes' error handling sees, and the cycle stops at the failing page.
 */
public class StateTransactionPolicy implements Policy {

    private final TransactionTemplate template;

    public StateTransactionPolicy(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare
    }

    @Override
    public Processor wrap(Route route, Processor processor) {
        return exchange -> template.executeWithoutResult(status -> {
            try {
                processor.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                status.setRollbackOnly();
            }
        });
    }
}
