package vn.xhht.ledger.domain.unit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Queries on the unit hierarchy; {@code on} is the valid-time date the answer is for, {@code asOf} (null: now) the
 * record-time instant: the hierarchy as the service knew it then.
 */
public final class UnitQueries {
    private UnitQueries() {
    }

    public record FetchUnitQuery(String unitId, LocalDate on, Instant asOf) {
        public FetchUnitQuery(String unitId, LocalDate on) {
            this(unitId, on, null);
        }
    }

    public record FetchUnitChildrenQuery(String unitId, LocalDate on, Instant asOf) {
        public FetchUnitChildrenQuery(String unitId, LocalDate on) {
            this(unitId, on, null);
        }
    }

    /** The unit and its ancestors on a date, nearest first (the unit itself included). */
    public record FetchUnitLineageQuery(String unitId, LocalDate on) {
    }

    /** The unit and every unit under it on a date. */
    public record FetchUnitSubtreeQuery(String unitId, LocalDate on) {
    }

    /**
     * The unit and every unit that sat under it (valid time) on the date {@code on} — or on any date when {@code on}
     * is null: a commune merged into another district, or a village moved away, is still one of them; a unit that
     * joined a commune only after the commune left is not — as the service knew the hierarchy at {@code asOf} (null:
     * now). What the history and the audit log of a subtree cover. Answered as a {@link UnitSubtreeView}.
     */
    public record FetchUnitSubtreeMembersQuery(String unitId, LocalDate on, Instant asOf) {
    }

    /**
     * Units existing on {@code on} whose name holds every word of {@code text}, compared without case or diacritics
     * ("cu chi" finds "Củ Chi"; empty text: all), of {@code kind} if given, inside the subtrees of {@code within}
     * (null: anywhere); by name, at most {@code limit}. Answered as a {@link UnitChildrenView} (its {@code unitId}
     * null).
     */
    public record SearchUnitsQuery(String text, UnitKind kind, LocalDate on, java.util.Set<String> within, int limit) {
    }

    public record UnitSubtreeView(String unitId, LocalDate on, List<String> unitIds) {
    }

    public record UnitView(String id, String name, UnitKind kind, String parentId, LocalDate validFrom,
                           LocalDate validTo, String mergedInto, long version) {
    }

    public record UnitChildrenView(String unitId, LocalDate on, List<UnitView> items) {
    }

    public record UnitLineageView(String unitId, LocalDate on, List<String> lineage) {
    }
}
