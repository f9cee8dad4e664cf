package vn.xhht.ledger.command.unit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.unit.UnitCommands.RecordUnitChildCommand;
import vn.xhht.ledger.domain.unit.UnitEvents;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitChildRecordedEvent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The units ever placed under one unit, in the order they came. A placement is recorded here in the commit that makes
 * it (a registration, a move, a merge taking children along), so a parent's rules — it ends only with nothing under
 * it, a merge takes its children along, a plan asks the units under its issuer, a district's level is its communes'
 * — find the children from the log, never from a view. Which of them sit under it on a given day each child's own
 * aggregate says ({@link Hierarchy#childrenOn}).
 */
@Aggregate(snapshotTriggerDefinition = "")
public class UnitChildrenAggregate {

    @AggregateIdentifier
    private String registerId;
    private String parentId;
    private final Set<String> children = new LinkedHashSet<>();

    protected UnitChildrenAggregate() {
        // for Axon
    }

    UnitChildrenAggregate(String parentId) {
        this.registerId = UnitEvents.childrenRegisterId(parentId);
        this.parentId = parentId;
    }

    /** A placement found in an older store's log: recorded once the child's own history confirms it. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordUnitChildCommand command, Hierarchy hierarchy) {
        if (!hierarchy.everUnder(command.childId(), command.parentId())) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "childId",
                                      "Unit " + command.childId() + " was never placed under " + command.parentId());
        }
        parentId = command.parentId();
        registerId = command.registerId();
        record(command.childId());
    }

    /** Records the child unless it is known already. */
    void record(String childId) {
        if (!children.contains(childId)) {
            apply(new UnitChildRecordedEvent(parentId, childId));
        }
    }

    /** Marks the parent's end on its register: a placement racing it writes this stream too. */
    void close(java.time.LocalDate from) {
        apply(new UnitEvents.UnitChildrenClosedEvent(parentId, from));
    }

    /** Every unit ever placed under the parent. */
    List<String> children() {
        return List.copyOf(children);
    }

    /** A register may begin with its unit's end (nothing was ever placed under it). */
    @EventSourcingHandler
    void on(UnitEvents.UnitChildrenClosedEvent event) {
        registerId = UnitEvents.childrenRegisterId(event.parentId());
        parentId = event.parentId();
    }

    @EventSourcingHandler
    void on(UnitChildRecordedEvent event) {
        registerId = UnitEvents.childrenRegisterId(event.parentId());
        parentId = event.parentId();
        children.add(event.childId());
    }
}
