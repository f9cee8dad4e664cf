package vn.xhht.ledger.infrastructure.admin;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.ResultMessage;

import java.util.List;

/**
 * Events handed to one projection as a tracking processor hands them over: a batch in one batching unit of work,
 * so that a batched view sees the batch's first and last event. Used by a rebuild's replay and by tests that drive
 * a projection without a processor.
 */
public final class BatchDelivery {

    private BatchDelivery() {
    }

    /** The batch through the projection; the result is exceptional if a handler failed (the batch is rolled back). */
    public static <T extends EventMessage<?>> ResultMessage<?> deliver(AnnotationEventHandlerAdapter projection,
                                                                       List<T> batch) {
        BatchingUnitOfWork<T> unitOfWork = new BatchingUnitOfWork<>(batch);
        return unitOfWork.executeWithResult(() -> {
            if (projection.canHandle(unitOfWork.getMessage())) {
                projection.handle(unitOfWork.getMessage());
            }
            return null;
        });
    }
}
