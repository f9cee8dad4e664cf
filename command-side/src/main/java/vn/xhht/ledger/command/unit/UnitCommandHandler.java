package vn.xhht.ledger.command.unit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.unit.UnitCommands.MergeUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MoveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RegisterUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RenameUnitCommand;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Handles unit commands whose rules involve other units: a parent must exist on the date, be of a kind that may
 * hold the unit, and not be the unit itself or one of its descendants. Every command answers the unit's
 * version after it.
 */
@Component
public class UnitCommandHandler {

    private final Repository<UnitAggregate> units;

    public UnitCommandHandler(Repository<UnitAggregate> units) {
        this.units = units;
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
        return unit.version();
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
        return unit.invoke(u -> u.move(command.parentId(), command.validFrom(), command.reason()));
    }

    @CommandHandler
    public long handle(MergeUnitCommand command) {
        if (command.unitId().equals(command.intoId())) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "intoId", "A unit cannot be merged into itself");
        }
        Aggregate<UnitAggregate> unit = load(command.unitId(), command.expectedVersion());
        Aggregate<UnitAggregate> into = other(command.intoId(), "intoId");
        if (into.invoke(UnitAggregate::kind) != unit.invoke(UnitAggregate::kind)) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "intoId",
                                      "A unit can only be merged into a unit of the same kind");
        }
        into.execute(u -> u.requireAliveOn(command.validFrom(), "intoId"));
        return unit.invoke(u -> u.mergeInto(command.intoId(), command.validFrom(), command.reason()));
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
