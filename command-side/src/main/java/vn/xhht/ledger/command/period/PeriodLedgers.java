package vn.xhht.ledger.command.period;

import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.period.PeriodMessages;

import java.time.LocalDate;
import java.util.List;

/** Closing and reopening periods, and admitting facts into open ones. */
@Component
public class PeriodLedgers {

    private final Repository<PeriodLedgerAggregate> ledgers;

    public PeriodLedgers(Repository<PeriodLedgerAggregate> ledgers) {
        this.ledgers = ledgers;
    }

    public void close(String unitId, int year, String planId, String reason) throws Exception {
        ledgers.loadOrCreate(PeriodMessages.ledgerId(unitId, year), () -> new PeriodLedgerAggregate(unitId, year))
               .execute(ledger -> ledger.close(planId, reason));
    }

    public void reopen(String unitId, int year, String planId, String reason) throws Exception {
        ledgers.loadOrCreate(PeriodMessages.ledgerId(unitId, year), () -> new PeriodLedgerAggregate(unitId, year))
               .execute(ledger -> ledger.reopen(planId, reason));
    }

    /**
     * Admits a fact dated {@code effectiveOn} for a unit whose lineage (itself and its ancestors on that date) is
     * given: refused with PERIOD_CLOSED while any of their ledgers for that year is closed, otherwise recorded in
     * each of them, so that a concurrent close is serialised with this fact.
     */
    public void admit(List<String> lineage, LocalDate effectiveOn, String factId, String factType) throws Exception {
        int year = effectiveOn.getYear();
        for (String unitId : lineage) {
            var ledger = ledgers.loadOrCreate(PeriodMessages.ledgerId(unitId, year),
                                              () -> new PeriodLedgerAggregate(unitId, year));
            if (ledger.invoke(PeriodLedgerAggregate::isClosed)) {
                throw new DomainException(ErrorCode.PERIOD_CLOSED,
                                          year + " is closed for " + unitId + "; facts dated in it are refused until it is reopened");
            }
        }
        for (String unitId : lineage) {
            ledgers.load(PeriodMessages.ledgerId(unitId, year)).execute(l -> l.count(factId, factType, effectiveOn));
        }
    }
}
