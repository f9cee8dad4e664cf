package vn.xhht.ledger.domain.unit;

import java.time.LocalDate;

/**
 * Events of the unit hierarchy. Stored forever: never change a record's shape; add a {@code @Revision} and an
 * upcaster instead. Valid time ({@code validFrom}) is part of the fact; record time is the event's timestamp.
 */
public final class UnitEvents {
    private UnitEvents() {
    }

    public record UnitRegisteredEvent(String unitId, String name, UnitKind kind, String parentId,
                                      LocalDate validFrom) {
    }

    public record UnitRenamedEvent(String unitId, String name, String previousName, LocalDate validFrom,
                                   String reason) {
    }

    public record UnitMovedEvent(String unitId, String parentId, String previousParentId, LocalDate validFrom,
                                 String reason) {
    }

    public record UnitMergedEvent(String unitId, String intoId, LocalDate validFrom, String reason) {
    }

    /** The unit ends from {@code validFrom} without joining another (the 2025 reform ended every district). */
    public record UnitDissolvedEvent(String unitId, LocalDate validFrom, String reason) {
    }

    /**
     * Bookkeeping on the register of the units a unit has held ({@link #childrenRegisterId}): {@code childId} was
     * placed under {@code parentId}, recorded once, in the commit that placed it. When it sat there is the child's own
     * story (its registration and moves); the register lets the parent's rules find its children without a view.
     */
    public record UnitChildRecordedEvent(String parentId, String childId) {
    }

    /**
     * Bookkeeping on the register of the units under {@code parentId}: the unit ends from {@code validFrom} (merged or
     * dissolved). Written in the ending's commit, so that a placement under the unit racing its end on another node
     * writes the same stream and one of the two is refused and retried against the other's result.
     */
    public record UnitChildrenClosedEvent(String parentId, LocalDate validFrom) {
    }

    /** The stream of the register of the units placed under {@code parentId}. */
    public static String childrenRegisterId(String parentId) {
        return "children:" + parentId;
    }
}
