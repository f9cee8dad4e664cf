package vn.xhht.ledger.command.unit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.support.ViewLookup;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.unit.UnitCommands.DissolveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.domain.unit.UnitCommands.MergeUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MoveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RegisterUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RenameUnitCommand;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitChildrenQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitChildrenView;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitView;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Handles unit commands whose rules involve other units: a parent must exist on the date, be of a kind that may
 * hold the unit, and not be the unit itself or one of its descendants. Every command answers the unit's
 * version after it.
 * <p>
 * A merge takes the unit's children along (DOMAIN.md §2: current views follow the new hierarchy, history keeps the
 * old one): each unit under it on the merge date moves under the unit it joins from that date, in the same commit
 * as the merge. A unit placed under a unit that is merged away later (recorded after the merge, dated before it)
 * follows that merge the same way.
 */
@Component
public class UnitCommandHandler {

    private static final int MAX_MERGES_FOLLOWED = 64;

    private final Repository<UnitAggregate> units;
    private final ViewLookup views;

    public UnitCommandHandler(Repository<UnitAggregate> units, ViewLookup views) {
        this.units = units;
        this.views = views;
    }

    @CommandHandler
    public long handle(RegisterUnitCommand command) throws Exception {
        if (command.parentId() != null) {
            checkParent(command.unitId(), command.kind(), command.parentId(), command.validFrom(), "parentId");
        } else if (!command.kind().mayHaveParent(null)) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "parentId",
                                      "A " + command.kind() + " needs a parent unit");
        }
        Aggregate<UnitAggregate> unit = units.newInstance(
                () -> new UnitAggregate(command.unitId(), command.name(), command.kind(), command.parentId(),
                                        command.validFrom()));
        followMerges(unit, command.unitId(), command.parentId(), command.validFrom());
        return unit.invoke(UnitAggregate::version);
    }

    @CommandHandler
    public long handle(RenameUnitCommand command) {
        return load(command.unitId(), command.expectedVersion())
                .invoke(unit -> unit.rename(command.name(), command.validFrom(), command.reason()));
    }

    @CommandHandler
    public long handle(MoveUnitCommand command) {
        Aggregate<UnitAggregate> unit = load(command.unitId(), command.expectedVersion());
        checkParent(command.unitId(), unit.invoke(UnitAggregate::kind), command.parentId(), command.validFrom(),
                    "parentId");
        unit.execute(u -> u.move(command.parentId(), command.validFrom(), command.reason()));
        followMerges(unit, command.unitId(), command.parentId(), command.validFrom());
        return unit.invoke(UnitAggregate::version);
    }

    @CommandHandler
    public long handle(MergeUnitCommand command) {
        if (command.unitId().equals(command.intoId())) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "intoId", "A unit cannot be merged into itself");
        }
        Aggregate<UnitAggregate> unit = load(command.unitId(), command.expectedVersion());
        Aggregate<UnitAggregate> into = other(command.intoId(), "intoId");
        UnitKind kind = unit.invoke(UnitAggregate::kind);
        UnitKind intoKind = into.invoke(UnitAggregate::kind);
        // a reform may fold a unit into the level above it (its children then sit under that unit: each is checked)
        if (intoKind != kind && !kind.mayHaveParent(intoKind)) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "intoId",
                                      "A " + kind + " can be merged into a unit of its own kind or of the level above it, not a "
                                              + intoKind);
        }
        into.execute(u -> u.requireAliveOn(command.validFrom(), "intoId"));
        long version = unit.invoke(u -> u.mergeInto(command.intoId(), command.validFrom(), command.reason()));
        for (String childId : childrenOn(command.unitId(), command.validFrom())) {
            Aggregate<UnitAggregate> child = other(childId, "unitId");
            if (command.unitId().equals(child.invoke(c -> c.parentOn(command.validFrom())))) {
                checkParent(childId, child.invoke(UnitAggregate::kind), command.intoId(), command.validFrom(), "intoId");
                child.execute(c -> c.move(command.intoId(), command.validFrom(),
                                          followed(command.unitId(), command.intoId(), command.validFrom())));
                followMerges(child, childId, command.intoId(), command.validFrom());
            }
        }
        return version;
    }

    /**
     * Dissolves a unit: refused while units sit under it on that date — those the unit view lists, each checked
     * against its own aggregate (still there on that date, under this unit then).
     */
    @CommandHandler
    public long handle(DissolveUnitCommand command) {
        Aggregate<UnitAggregate> unit = load(command.unitId(), command.expectedVersion());
        List<String> remaining = new ArrayList<>();
        for (String childId : childrenOn(command.unitId(), command.validFrom())) {
            Aggregate<UnitAggregate> child = other(childId, "unitId");
            if (child.invoke(c -> c.aliveOn(command.validFrom()))
                    && command.unitId().equals(child.invoke(c -> c.parentOn(command.validFrom())))) {
                remaining.add(childId);
            }
        }
        return unit.invoke(u -> u.dissolve(command.validFrom(), command.reason(), remaining));
    }

    /**
     * The units under {@code unitId} on the date, as the unit view shows them (it follows the log within
     * milliseconds; each is checked against its own aggregate before it moves).
     */
    private List<String> childrenOn(String unitId, LocalDate on) {
        return views.ask(new FetchUnitChildrenQuery(unitId, on), UnitChildrenView.class, "The units under " + unitId)
                    .map(children -> children.items().stream().map(UnitView::id).toList())
                    .orElse(List.of()); // not in the view yet: nothing under it there either
    }

    /**
     * A unit placed under {@code parentId} from {@code from} whose parent is merged away later moves on with it, to
     * the unit the parent joined from the merge date — and on, if that one was merged too.
     */
    private void followMerges(Aggregate<UnitAggregate> unit, String unitId, String parentId, LocalDate from) {
        String parent = parentId;
        LocalDate date = from;
        for (int followed = 0; parent != null && followed < MAX_MERGES_FOLLOWED; followed++) {
            Aggregate<UnitAggregate> current = other(parent, "parentId");
            LocalDate mergedFrom = current.invoke(UnitAggregate::mergedFrom);
            String into = current.invoke(UnitAggregate::mergedInto);
            String merged = parent;
            if (mergedFrom == null || !mergedFrom.isAfter(date)
                    || !merged.equals(unit.invoke(u -> u.parentOn(mergedFrom)))) {
                return;
            }
            checkParent(unitId, unit.invoke(UnitAggregate::kind), into, mergedFrom, "parentId");
            unit.execute(u -> u.move(into, mergedFrom, followed(merged, into, mergedFrom)));
            parent = into;
            date = mergedFrom;
        }
    }

    /** The reason recorded on a move that follows a parent's merge. */
    private static String followed(String merged, String into, LocalDate from) {
        return "Theo sáp nhập " + merged + " vào " + into + " từ " + from;
    }

    private void checkParent(String unitId, vn.xhht.ledger.domain.unit.UnitKind kind, String parentId,
                             LocalDate on, String field) {
        if (parentId == null) {
            if (!kind.mayHaveParent(null)) {
                throw new DomainException(ErrorCode.INVALID_HIERARCHY, field, "A " + kind + " needs a parent unit");
            }
            return;
        }
        Aggregate<UnitAggregate> parent = other(parentId, field);
        if (!parent.invoke(p -> p.aliveOn(on))) {
            throw new DomainException(ErrorCode.UNKNOWN_UNIT, field,
                                      "Unit " + parentId + " does not exist on " + on);
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

    private Aggregate<UnitAggregate> load(String unitId, Long expectedVersion) {
        try {
            return units.load(unitId, expectedVersion);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.UNIT_NOT_FOUND, "Unit " + unitId + " does not exist");
        }
    }

    private Aggregate<UnitAggregate> other(String unitId, String field) {
        try {
            return units.load(unitId);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit " + unitId + " does not exist");
        }
    }
}
