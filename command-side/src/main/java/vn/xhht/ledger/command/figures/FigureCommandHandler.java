package vn.xhht.ledger.command.figures;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.RecordRecognitionBatchCommand;
import vn.xhht.ledger.domain.figures.FigureMessages.ReportIndicatorValueCommand;
import vn.xhht.ledger.domain.figures.FigureMessages.SetBaselineCommand;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.List;

/**
 * Records the facts indicators are computed from. Each is dated (a batch by its decision, a baseline or reported
 * value by its year, taken as 31 Dec) and admitted only into open periods of its unit's lineage.
 */
@Component
public class FigureCommandHandler {

    private final Repository<RecognitionBatchAggregate> batches;
    private final Repository<BaselineAggregate> baselines;
    private final Repository<ReportedValueAggregate> values;
    private final Hierarchy hierarchy;
    private final PeriodLedgers periods;

    public FigureCommandHandler(Repository<RecognitionBatchAggregate> batches, Repository<BaselineAggregate> baselines,
                                Repository<ReportedValueAggregate> values, Hierarchy hierarchy, PeriodLedgers periods) {
        this.batches = batches;
        this.baselines = baselines;
        this.values = values;
        this.hierarchy = hierarchy;
        this.periods = periods;
    }

    @CommandHandler
    public long handle(RecordRecognitionBatchCommand command) throws Exception {
        if (!command.title().countedInBatches()) {
            throw new DomainException(ErrorCode.INVALID_TITLE, "title",
                                      command.title() + " is granted one by one, not counted in batches");
        }
        UnitKind kind = hierarchy.kindOf(command.unitId(), "unitId");
        if (kind != UnitKind.VILLAGE && kind != UnitKind.COMMUNE) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "unitId",
                                      "Batches are recorded for a village or a commune, not a " + kind);
        }
        List<String> lineage = hierarchy.lineageOn(command.unitId(), command.decidedOn(), "unitId");
        periods.admit(lineage, command.decidedOn(), command.batchId(), "RecognitionBatchRecorded");
        // Household, clan and citizen titles count for their recognition year only (DOMAIN.md §8, provisional).
        RecognitionBatchRecordedEvent recorded = new RecognitionBatchRecordedEvent(
                command.batchId(), command.unitId(), command.title(), command.year(), command.count(),
                command.decisionNumber(), command.decidedOn(), LocalDate.of(command.year(), 12, 31));
        return batches.newInstance(() -> new RecognitionBatchAggregate(recorded)).version();
    }

    @CommandHandler
    public long handle(SetBaselineCommand command) throws Exception {
        LocalDate effective = LocalDate.of(command.year(), 12, 31);
        List<String> lineage = hierarchy.lineageOn(command.unitId(), effective, "unitId");
        var baseline = baselines.loadOrCreate(command.baselineId(),
                                              () -> new BaselineAggregate(command.unitId(), command.year()));
        long before = baseline.version() == null ? -1 : baseline.version();
        long version = baseline.invoke(b -> b.set(command.baseline()));
        if (version != before) {
            periods.admit(lineage, effective, command.baselineId(), "BaselineSet");
        }
        return version;
    }

    @CommandHandler
    public long handle(ReportIndicatorValueCommand command) throws Exception {
        if (command.numerator() > command.denominator()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "numerator", "The numerator exceeds the denominator");
        }
        LocalDate effective = LocalDate.of(command.year(), 12, 31);
        List<String> lineage = hierarchy.lineageOn(command.unitId(), effective, "unitId");
        String id = FigureMessages.reportedValueId(command.unitId(), command.indicator(), command.year());
        var value = values.loadOrCreate(id, () -> new ReportedValueAggregate(command.unitId(), command.indicator(),
                                                                             command.year()));
        long before = value.version() == null ? -1 : value.version();
        long version = value.invoke(v -> v.report(command.numerator(), command.denominator(), command.source()));
        if (version != before) {
            periods.admit(lineage, effective, id, "IndicatorValueReported");
        }
        return version;
    }
}
