package vn.xhht.ledger.command.figures;

import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.figures.FigureMessages.SetBaselineCommand;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.Baseline;
import vn.xhht.ledger.domain.figures.FigureMessages.BaselineSetEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A unit's denominators for one year; replaced as a whole, and a replacement with the same values stores nothing.
 * Dated 31 Dec of its year, it is admitted only into open periods of its unit's lineage.
 */
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

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(SetBaselineCommand command, Hierarchy hierarchy, PeriodLedgers periods) throws Exception {
        LocalDate effective = LocalDate.of(command.year(), 12, 31);
        List<String> lineage = hierarchy.lineageOn(command.unitId(), effective, Field.of("unitId"));
        if (!Objects.equals(current, command.baseline())) {
            periods.admit(lineage, effective, command.baselineId(), "BaselineSet");
            apply(new BaselineSetEvent(command.unitId(), command.year(), command.baseline(), current));
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
