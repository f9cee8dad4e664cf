package vn.xhht.ledger.command.figures;

import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.List;

/** The policies the figure aggregates' handlers are given, stubbed: a small lineage, and Củ Chi's 2023 closed. */
final class FigureFixtures {

    private FigureFixtures() {
    }

    /** Ấp Chợ (village) ⊂ xã Tân Thông Hội ⊂ huyện Củ Chi; the 2023 period of Củ Chi is closed. */
    static Hierarchy hierarchy() {
        return new Hierarchy(null, null) {
            @Override
            public List<String> lineageOn(String unitId, LocalDate date, Field field) {
                if (unitId.equals("nowhere")) {
                    throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit nowhere does not exist on " + date);
                }
                return unitId.equals("cu-chi") ? List.of("cu-chi") : List.of(unitId, "tan-thong-hoi", "cu-chi");
            }

            @Override
            public UnitKind kindOf(String unitId, Field field) {
                return unitId.equals("cu-chi") ? UnitKind.DISTRICT : UnitKind.VILLAGE;
            }
        };
    }

    /** The admissions asked of the period ledgers; a fact dated in 2023 is refused (Củ Chi's 2023 is closed). */
    static PeriodLedgers periods(List<String> admitted) {
        return new PeriodLedgers(null, null) {
            @Override
            public void admit(List<String> lineage, LocalDate effectiveOn, String factId, String factType) {
                if (effectiveOn.getYear() == 2023) {
                    throw new DomainException(ErrorCode.PERIOD_CLOSED, "The 2023 period of cu-chi is closed");
                }
                admitted.add(factType + " " + factId + " " + effectiveOn);
            }
        };
    }
}
