package vn.xhht.ledger.command.figures;

import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One decision recognizing a number of households, clans or citizens of a village or commune. */
@Aggregate(snapshotTriggerDefinition = "")
public class RecognitionBatchAggregate {

    @AggregateIdentifier
    private String batchId;
    private long version;

    protected RecognitionBatchAggregate() {
        // for Axon
    }

    RecognitionBatchAggregate(RecognitionBatchRecordedEvent recorded) {
        apply(recorded);
    }

    long version() {
        return version;
    }

    @EventSourcingHandler
    void on(RecognitionBatchRecordedEvent event, @SequenceNumber long sequence) {
        batchId = event.batchId();
        version = sequence;
    }
}
