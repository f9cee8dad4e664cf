package vn.xhht.ledger.command.figures;

import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.Baseline;
import vn.xhht.ledger.domain.figures.FigureMessages.BaselineSetEvent;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A unit's denominators for one year; replaced as a whole, and a replacement with the same values stores nothing. */
@Aggregate(snapshotTriggerDefinition = "")
public class BaselineAggregate {

    @AggregateIdentifier
    private String baselineId;
    private String unitId;
    private int year;
    private Baseline current;
    private long version = -1;

    protected BaselineAggregate() {
        // for Axon
    }

    BaselineAggregate(String unitId, int year) {
        this.baselineId = FigureMessages.baselineId(unitId, year);
        this.unitId = unitId;
        this.year = year;
    }

    long set(Baseline baseline) {
        if (!Objects.equals(current, baseline)) {
            apply(new BaselineSetEvent(unitId, year, baseline, current));
        }
        return version;
    }

    @EventSourcingHandler
    void on(BaselineSetEvent event, @SequenceNumber long sequence) {
        baselineId = FigureMessages.baselineId(event.unitId(), event.year());
        unitId = event.unitId();
        year = event.year();
        current = event.baseline();
        version = sequence;
    }
}
