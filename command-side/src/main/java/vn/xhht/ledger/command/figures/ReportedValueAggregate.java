package vn.xhht.ledger.command.figures;

import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.figures.FigureMessages.ReportIndicatorValueCommand;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.IndicatorValueReportedEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A survey-based indicator value of a unit for a year, with its source; replaceable (the same values store nothing).
 * Dated 31 Dec of its year, it is admitted only into open periods of its unit's lineage.
 */
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

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(ReportIndicatorValueCommand command, Hierarchy hierarchy, PeriodLedgers periods) throws Exception {
        if (command.numerator() > command.denominator()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "numerator", "The numerator exceeds the denominator");
        }
        LocalDate effective = LocalDate.of(command.year(), 12, 31);
        List<String> lineage = hierarchy.lineageOn(command.unitId(), effective, Field.of("unitId"));
        if (!Objects.equals(numerator, command.numerator()) || !Objects.equals(denominator, command.denominator())
                || !Objects.equals(source, command.source())) {
            periods.admit(lineage, effective, command.valueId(), "IndicatorValueReported");
            apply(new IndicatorValueReportedEvent(command.unitId(), command.indicator(), command.year(), command.numerator(),
                                                  command.denominator(), command.source(), numerator, denominator));
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
