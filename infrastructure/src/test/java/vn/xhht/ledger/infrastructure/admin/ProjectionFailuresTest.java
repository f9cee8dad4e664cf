package vn.xhht.ledger.infrastructure.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.xhht.ledger.infrastructure.api.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection that fails on an event fails its batch (and is retried) rather than logging and skipping the event,
 * Axon's default: a view must not keep a hole after a failure it could have recovered from.
 */
class ProjectionFailuresTest extends ApiTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void everyViewsProcessorPropagatesAHandlerFailureInsteadOfSkippingTheEvent() {
        assertThat(ProjectionRebuilds.COLLECTIONS.keySet()).isNotEmpty();
        for (String view : ProjectionRebuilds.COLLECTIONS.keySet()) {
            assertThat(processing.listenerInvocationErrorHandler(view)).as(view)
                                 .isInstanceOf(PropagatingErrorHandler.class);
        }
    }
}
