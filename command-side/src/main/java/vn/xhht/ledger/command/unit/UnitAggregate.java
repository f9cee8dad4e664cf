package vn.xhht.ledger.command.unit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.common.Reasons;
import vn.xhht.ledger.domain.unit.UnitCommands.DissolveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MergeUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MoveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RegisterUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RenameUnitCommand;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitDissolvedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMergedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMovedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRenamedEvent;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A unit of the hierarchy with its effective-dated name and parent. It decides its own commands; where a rule
 * involves other units (its parent, the units under it, a merge's target) it applies the named policies of
 * {@link UnitPlacements}. Every command answers the unit's version after it.
 * <p>
 * A merge takes the unit's children along (DOMAIN.md §2: current views follow the new hierarchy, history keeps the
 * old one): each unit under it on the merge date moves under the unit it joins from that date, in the same commit
 * as the merge. A unit placed under a unit that is merged away later (recorded after the merge, dated before it)
 * follows that merge the same way.
 */
@Aggregate(snapshotTriggerDefinition = "")
public class UnitAggregate {

    @AggregateIdentifier
    private String unitId;
    private UnitKind kind;
    private LocalDate validFrom;
    private LocalDate mergedFrom;
    private String mergedInto;
    private LocalDate dissolvedFrom;
    private final NavigableMap<LocalDate, String> names = new TreeMap<>();
    private final NavigableMap<LocalDate, String> parents = new TreeMap<>();
    /** Every unit it was ever placed under, superseded placements included. */
    private final Set<String> placedUnder = new HashSet<>();
    private long version;

    protected UnitAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(RegisterUnitCommand command, UnitPlacements placements) throws Exception {
        placements.requireParent(command.unitId(), command.kind(), command.parentId(), command.validFrom(), Field.of("parentId"));
        apply(new UnitRegisteredEvent(command.unitId(), command.name(), command.kind(), command.parentId(),
                                      command.validFrom()));
        placements.recordUnder(command.parentId(), command.unitId());
        placements.followMerges(placed(), command.parentId(), command.validFrom());
        return version;
    }

    @CommandHandler
    long handle(RenameUnitCommand command) {
        return rename(command.name(), command.validFrom(), command.reason());
    }

    @CommandHandler
    long handle(MoveUnitCommand command, UnitPlacements placements) throws Exception {
        placements.requireParent(unitId, kind, command.parentId(), command.validFrom(), Field.of("parentId"));
        move(command.parentId(), command.validFrom(), command.reason());
        placements.recordUnder(command.parentId(), unitId);
        placements.followMerges(placed(), command.parentId(), command.validFrom());
        return version;
    }

    @CommandHandler
    long handle(MergeUnitCommand command, UnitPlacements placements) throws Exception {
        placements.requireMergeTarget(unitId, kind, command.intoId(), command.validFrom());
        mergeInto(command.intoId(), command.validFrom(), command.reason());
        placements.takeChildrenAlong(unitId, command.intoId(), command.validFrom());
        placements.endUnder(unitId, command.validFrom());
        return version;
    }

    /** Ends the unit: refused while units sit under it on that date. */
    @CommandHandler
    long handle(DissolveUnitCommand command, UnitPlacements placements) throws Exception {
        dissolve(command.validFrom(), command.reason(), placements.childrenOn(unitId, command.validFrom()));
        placements.endUnder(unitId, command.validFrom());
        return version;
    }

    /** This unit as the placement policies see it. */
    private UnitPlacements.Placed placed() {
        return new UnitPlacements.Placed() {
            public String id() {
                return unitId;
            }

            public UnitKind kind() {
                return kind;
            }

            public String parentOn(LocalDate date) {
                return UnitAggregate.this.parentOn(date);
            }

            public void move(String parentId, LocalDate from, String reason) {
                UnitAggregate.this.move(parentId, from, reason);
            }
        };
    }

    long rename(String name, LocalDate from, String reason) {
        String why = Reasons.require(reason);
        requireAliveOn(from, Field.of("validFrom"));
        String previous = nameOn(from);
        if (!Objects.equals(previous, name)) {
            apply(new UnitRenamedEvent(unitId, name, previous, from, why));
        }
        return version;
    }

    long move(String parentId, LocalDate from, String reason) {
        String why = Reasons.require(reason);
        requireAliveOn(from, Field.of("validFrom"));
        String previous = parentOn(from);
        if (!Objects.equals(previous, parentId)) {
            apply(new UnitMovedEvent(unitId, parentId, previous, from, why));
        }
        return version;
    }

    long mergeInto(String intoId, LocalDate from, String reason) {
        String why = Reasons.require(reason);
        if (!from.isAfter(validFrom)) {
            throw new DomainException(ErrorCode.INVALID_VALID_FROM, "validFrom",
                                      "A unit can only be merged after it started (" + validFrom + ")");
        }
        requireAliveOn(from, Field.of("validFrom"));
        apply(new UnitMergedEvent(unitId, intoId, from, why));
        return version;
    }

    /**
     * Ends the unit from {@code from} without joining another. {@code childrenThen}: the units under it on that date
     * (each checked by the caller against its own aggregate); while any remains, the unit cannot end.
     */
    long dissolve(LocalDate from, String reason, List<String> childrenThen) {
        String why = Reasons.require(reason);
        if (!from.isAfter(validFrom)) {
            throw new DomainException(ErrorCode.INVALID_VALID_FROM, "validFrom",
                                      "A unit can only end after it started (" + validFrom + ")");
        }
        requireAliveOn(from, Field.of("validFrom"));
        if (!childrenThen.isEmpty()) {
            throw new DomainException(ErrorCode.UNIT_HAS_CHILDREN, "validFrom",
                                      "Units remain under " + unitId + " on " + from + ": " + String.join(", ", childrenThen)
                                              + "; move or merge them first");
        }
        apply(new UnitDissolvedEvent(unitId, from, why));
        return version;
    }

    /** Whether the unit exists on that date: registered on or before it and not ended (merged, dissolved) by then. */
    boolean aliveOn(LocalDate date) {
        LocalDate ended = endedFrom();
        return !date.isBefore(validFrom) && (ended == null || date.isBefore(ended));
    }

    /** The day the unit stopped existing (merged away or dissolved), or null. */
    LocalDate endedFrom() {
        return mergedFrom != null ? mergedFrom : dissolvedFrom;
    }

    void requireAliveOn(LocalDate date, Field field) {
        if (date.isBefore(validFrom)) {
            throw new DomainException(ErrorCode.INVALID_VALID_FROM, field,
                                      "Unit " + unitId + " only exists from " + validFrom);
        }
        if (mergedFrom != null && !date.isBefore(mergedFrom)) {
            throw new DomainException(ErrorCode.UNIT_MERGED, field,
                                      "Unit " + unitId + " was merged away from " + mergedFrom);
        }
        if (dissolvedFrom != null && !date.isBefore(dissolvedFrom)) {
            throw new DomainException(ErrorCode.UNIT_DISSOLVED, field,
                                      "Unit " + unitId + " was dissolved from " + dissolvedFrom);
        }
    }

    /** The days of {@code year} from which its parent changed (the first day of the year included). */
    SortedSet<LocalDate> parentChangesIn(int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        SortedSet<LocalDate> days = new TreeSet<>(parents.subMap(first, true, LocalDate.of(year, 12, 31), true).keySet());
        days.add(first);
        return days;
    }

    String parentOn(LocalDate date) {
        Map.Entry<LocalDate, String> entry = parents.floorEntry(date);
        return entry == null ? null : entry.getValue();
    }

    /** Whether the unit was ever placed under {@code parentId} (a placement superseded the same day included). */
    boolean everUnder(String parentId) {
        return placedUnder.contains(parentId);
    }

    String nameOn(LocalDate date) {
        Map.Entry<LocalDate, String> entry = names.floorEntry(date);
        return entry == null ? null : entry.getValue();
    }

    UnitKind kind() {
        return kind;
    }

    /** The date the unit was merged away from, or null. */
    LocalDate mergedFrom() {
        return mergedFrom;
    }

    /** The unit it was merged into, or null. */
    String mergedInto() {
        return mergedInto;
    }

    long version() {
        return version;
    }

    @EventSourcingHandler
    void on(UnitRegisteredEvent event, @SequenceNumber long sequence) {
        unitId = event.unitId();
        kind = event.kind();
        validFrom = event.validFrom();
        names.put(event.validFrom(), event.name());
        parents.put(event.validFrom(), event.parentId());
        placedUnder.add(event.parentId());
        version = sequence;
    }

    @EventSourcingHandler
    void on(UnitRenamedEvent event, @SequenceNumber long sequence) {
        names.put(event.validFrom(), event.name());
        version = sequence;
    }

    @EventSourcingHandler
    void on(UnitMovedEvent event, @SequenceNumber long sequence) {
        parents.put(event.validFrom(), event.parentId());
        placedUnder.add(event.parentId());
        version = sequence;
    }

    @EventSourcingHandler
    void on(UnitDissolvedEvent event, @SequenceNumber long sequence) {
        dissolvedFrom = event.validFrom();
        version = sequence;
    }

    @EventSourcingHandler
    void on(UnitMergedEvent event, @SequenceNumber long sequence) {
        mergedFrom = event.validFrom();
        mergedInto = event.intoId();
        version = sequence;
    }
}
