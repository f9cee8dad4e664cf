package vn.xhht.ledger.command.pcgd;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;

/** The universal-education cycle as the command side needs it: from its aggregate, never from a view. */
@Component
public class PcgdCycles {

    private final Repository<PcgdCycleAggregate> cycles;

    public PcgdCycles(Repository<PcgdCycleAggregate> cycles) {
        this.cycles = cycles;
    }

    /** The reference date of a level's figures for a data year. */
    public LocalDate referenceDate(UnitKind kind, int year) {
        try {
            return cycles.load(PcgdCycleAggregate.ID).invoke(PcgdCycleAggregate::latest).referenceDate(kind, year)
                         .orElseThrow(() -> missing("a reference date for " + kind));
        } catch (AggregateNotFoundException e) {
            throw missing("the cycle " + PcgdCycleAggregate.ID);
        }
    }

    private static DomainException missing(String what) {
        return new DomainException(ErrorCode.UNKNOWN_FRAMEWORK, "year", "No universal-education cycle publishes " + what);
    }
}
