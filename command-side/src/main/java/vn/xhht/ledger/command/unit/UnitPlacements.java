package vn.xhht.ledger.command.unit;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The placement rules that involve other units, as named policies the unit's command handlers apply: a parent must
 * exist on the date, be of a kind that may hold the unit, and not be the unit or one of its descendants
 * ({@link #requireParent}); a unit placed under a unit merged away later follows that merge ({@link #followMerges});
 * a merge takes the units under it along ({@link #takeChildrenAlong}); a unit ends only with nothing under it
 * ({@link #childrenOn}); every placement is recorded in the parent's register of children ({@link #recordUnder}), which
 * is where the last two find the units under a unit. The other units are read and moved through their own
 * aggregates, in the command's commit.
 */
@Component
public class UnitPlacements {

    private static final int MAX_MERGES_FOLLOWED = 64;

    private final Repository<UnitAggregate> units;
    private final Hierarchy hierarchy;

    public UnitPlacements(Repository<UnitAggregate> units, Hierarchy hierarchy) {
        this.units = units;
        this.hierarchy = hierarchy;
    }

    /** A unit being placed: itself, in its own handler, or another unit loaded here. */
    interface Placed {
        String id();

        UnitKind kind();

        String parentOn(LocalDate date);

        void move(String parentId, LocalDate from, String reason);
    }

    /** Refuses placing a unit of {@code kind} under {@code parentId} on {@code on}. */
    public void requireParent(String unitId, UnitKind kind, String parentId, LocalDate on, Field field) {
        if (parentId == null) {
            if (!kind.mayHaveParent(null)) {
                throw new DomainException(ErrorCode.INVALID_HIERARCHY, field, "A " + kind + " needs a parent unit");
            }
            return;
        }
        Aggregate<UnitAggregate> parent = other(parentId, field);
        if (!parent.invoke(p -> p.aliveOn(on))) {
            throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit " + parentId + " does not exist on " + on);
        }
        if (!kind.mayHaveParent(parent.invoke(UnitAggregate::kind))) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, field,
                                      "A " + kind + " cannot be placed under a " + parent.invoke(UnitAggregate::kind));
        }
        // No cycles: walk up from the new parent as the tree stands on that date.
        Set<String> visited = new HashSet<>();
        for (String ancestor = parentId; ancestor != null; ) {
            if (ancestor.equals(unitId) || !visited.add(ancestor)) {
                throw new DomainException(ErrorCode.INVALID_HIERARCHY, field,
                                          "Unit " + parentId + " lies under " + unitId + " on " + on);
            }
            String current = ancestor;
            ancestor = other(current, field).invoke(a -> a.parentOn(on));
        }
    }

    /**
     * A unit may be merged into one of its own kind, or folded into the level above it where a reform says so (its
     * children then sit under that unit: each is checked); the target must exist that day.
     */
    public void requireMergeTarget(String unitId, UnitKind kind, String intoId, LocalDate on) {
        if (unitId.equals(intoId)) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "intoId", "A unit cannot be merged into itself");
        }
        Aggregate<UnitAggregate> into = other(intoId, Field.of("intoId"));
        UnitKind intoKind = into.invoke(UnitAggregate::kind);
        if (intoKind != kind && !kind.mayHaveParent(intoKind)) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "intoId", "A " + kind + " can be merged into a unit of "
                    + "its own kind or of the level above it, not a " + intoKind);
        }
        into.execute(u -> u.requireAliveOn(on, Field.of("intoId")));
    }

    /**
     * A unit placed under {@code parentId} from {@code from} whose parent is merged away later moves on with it, to
     * the unit the parent joined from the merge date — and on, if that one was merged too.
     */
    void followMerges(Placed unit, String parentId, LocalDate from) throws Exception {
        String parent = parentId;
        LocalDate date = from;
        for (int followed = 0; parent != null && followed < MAX_MERGES_FOLLOWED; followed++) {
            Aggregate<UnitAggregate> current = other(parent, Field.of("parentId"));
            LocalDate mergedFrom = current.invoke(UnitAggregate::mergedFrom);
            String into = current.invoke(UnitAggregate::mergedInto);
            String merged = parent;
            if (mergedFrom == null || !mergedFrom.isAfter(date) || !merged.equals(unit.parentOn(mergedFrom))) {
                return;
            }
            requireParent(unit.id(), unit.kind(), into, mergedFrom, Field.of("parentId"));
            unit.move(into, mergedFrom, followed(merged, into, mergedFrom));
            recordUnder(into, unit.id());
            parent = into;
            date = mergedFrom;
        }
    }

    /** Each unit under {@code unitId} on the merge date moves under the unit it joins from that date. */
    void takeChildrenAlong(String unitId, String intoId, LocalDate from) throws Exception {
        for (Hierarchy.Child child : hierarchy.childrenOn(unitId, from)) {
            Placed placed = placed(child.id(), other(child.id(), Field.of("unitId")));
            requireParent(child.id(), child.kind(), intoId, from, Field.of("intoId"));
            placed.move(intoId, from, followed(unitId, intoId, from));
            recordUnder(intoId, child.id());
            followMerges(placed, intoId, from);
        }
    }

    /** The units under {@code unitId} on a date. */
    List<String> childrenOn(String unitId, LocalDate on) {
        return hierarchy.childrenOn(unitId, on).stream().map(Hierarchy.Child::id).toList();
    }

    /**
     * A unit ending (merged or dissolved) marks it on its register of children, where every placement under it is
     * recorded: a registration under it racing the end on another node then conflicts with it on that stream, and the
     * one retried sees the other (the unit gone, or a unit under it).
     */
    void endUnder(String unitId, LocalDate from) throws Exception {
        hierarchy.closeChildren(unitId, from);
    }

    /** Records that {@code unitId} was placed under {@code parentId} (nothing for a unit at the top). */
    void recordUnder(String parentId, String unitId) throws Exception {
        hierarchy.recordChild(parentId, unitId);
    }

    /** The reason recorded on a move that follows a parent's merge. */
    private static String followed(String merged, String into, LocalDate from) {
        return "Theo sáp nhập " + merged + " vào " + into + " từ " + from;
    }

    private static Placed placed(String id, Aggregate<UnitAggregate> unit) {
        return new Placed() {
            public String id() {
                return id;
            }

            public UnitKind kind() {
                return unit.invoke(UnitAggregate::kind);
            }

            public String parentOn(LocalDate date) {
                return unit.invoke(u -> u.parentOn(date));
            }

            public void move(String parentId, LocalDate from, String reason) {
                unit.execute(u -> u.move(parentId, from, reason));
            }
        };
    }

    private Aggregate<UnitAggregate> other(String unitId, Field field) {
        try {
            return units.load(unitId);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit " + unitId + " does not exist");
        }
    }
}
