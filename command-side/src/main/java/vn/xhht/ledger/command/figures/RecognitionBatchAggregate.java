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
import vn.xhht.ledger.domain.figures.FigureMessages.RecordRecognitionBatchCommand;
import vn.xhht.ledger.domain.unit.UnitKind;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;

import java.time.LocalDate;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One decision recognizing a number of households, clans or citizens of a village or commune. Dated by its decision,
 * it is admitted only into open periods of its unit's lineage; such titles count for their recognition year only
 * (DOMAIN.md §8, provisional).
 */
@Aggregate(snapshotTriggerDefinition = "")
public class RecognitionBatchAggregate {

    @AggregateIdentifier
    private String batchId;
    private long version;

    protected RecognitionBatchAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(RecordRecognitionBatchCommand command, Hierarchy hierarchy, PeriodLedgers periods) throws Exception {
        if (!command.title().countedInBatches()) {
            throw new DomainException(ErrorCode.INVALID_TITLE, "title",
                                      command.title() + " is granted one by one, not counted in batches");
        }
        UnitKind kind = hierarchy.kindOf(command.unitId(), Field.of("unitId"));
        if (kind != UnitKind.VILLAGE && kind != UnitKind.COMMUNE) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "unitId",
                                      "Batches are recorded for a village or a commune, not a " + kind);
        }
        List<String> lineage = hierarchy.lineageOn(command.unitId(), command.decidedOn(), Field.of("unitId"));
        periods.admit(lineage, command.decidedOn(), command.batchId(), "RecognitionBatchRecorded");
        apply(new RecognitionBatchRecordedEvent(command.batchId(), command.unitId(), command.title(), command.year(),
                                                command.count(), command.decisionNumber(), command.decidedOn(),
                                                LocalDate.of(command.year(), 12, 31)));
        return version;
    }

    @EventSourcingHandler
    void on(RecognitionBatchRecordedEvent event, @SequenceNumber long sequence) {
        batchId = event.batchId();
        version = sequence;
    }
}
