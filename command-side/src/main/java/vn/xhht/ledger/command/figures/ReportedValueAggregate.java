package vn.xhht.ledger.command.figures;

import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.IndicatorValueReportedEvent;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A survey-based indicator value of a unit for a year, with its source; replaceable. */
@Aggregate(snapshotTriggerDefinition = "")
public class ReportedValueAggregate {

    @AggregateIdentifier
    private String valueId;
    private String unitId;
    private String indicator;
    private int year;
    private Long numerator;
    private Long denominator;
    private String source;
    private long version = -1;

    protected ReportedValueAggregate() {
        // for Axon
    }

    ReportedValueAggregate(String unitId, String indicator, int year) {
        this.valueId = FigureMessages.reportedValueId(unitId, indicator, year);
        this.unitId = unitId;
        this.indicator = indicator;
        this.year = year;
    }

    long report(long newNumerator, long newDenominator, String newSource) {
        if (!Objects.equals(numerator, newNumerator) || !Objects.equals(denominator, newDenominator)
                || !Objects.equals(source, newSource)) {
            apply(new IndicatorValueReportedEvent(unitId, indicator, year, newNumerator, newDenominator, newSource,
                                                  numerator, denominator));
        }
        return version;
    }

    @EventSourcingHandler
    void on(IndicatorValueReportedEvent event, @SequenceNumber long sequence) {
        valueId = FigureMessages.reportedValueId(event.unitId(), event.indicator(), event.year());
        unitId = event.unitId();
        indicator = event.indicator();
        year = event.year();
        numerator = event.numerator();
        denominator = event.denominator();
        source = event.source();
        version = sequence;
    }
}
