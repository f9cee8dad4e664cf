package vn.xhht.ledger.command.unit;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.unit.UnitEvents;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The hierarchy as the command side sees it: from the unit aggregates and their registers of children, consistent
 * with the command — upwards a unit's lineage on a date, downwards the units under it on a date.
 */
@Component
public class Hierarchy {

    private static final int MAX_DEPTH = 16;
    private final Repository<UnitAggregate> units;
    private final Repository<UnitChildrenAggregate> registers;

    public Hierarchy(Repository<UnitAggregate> units, Repository<UnitChildrenAggregate> registers) {
        this.units = units;
        this.registers = registers;
    }

    /** A unit under another on some day, with its kind. */
    public record Child(String id, UnitKind kind) {
    }

    /**
     * The units under {@code unitId} on {@code on}, in the order they were placed there: those its register knows,
     * each confirmed by its own aggregate (there that day, under this unit then).
     */
    public List<Child> childrenOn(String unitId, LocalDate on) {
        List<Child> children = new ArrayList<>();
        for (String childId : everPlacedUnder(unitId)) {
            var child = load(childId, Field.of("unitId"));
            if (child.invoke(c -> c.aliveOn(on)) && unitId.equals(child.invoke(c -> c.parentOn(on)))) {
                children.add(new Child(childId, child.invoke(UnitAggregate::kind)));
            }
        }
        return children;
    }

    /** Records in the parent's register that {@code childId} was placed under it (once; in the command's commit). */
    void recordChild(String parentId, String childId) throws Exception {
        if (parentId != null) {
            registers.loadOrCreate(UnitEvents.childrenRegisterId(parentId), () -> new UnitChildrenAggregate(parentId))
                     .execute(register -> register.record(childId));
        }
    }

    /** Records on the unit's register that it ends from {@code from} (in the ending's commit). */
    void closeChildren(String unitId, LocalDate from) throws Exception {
        registers.loadOrCreate(UnitEvents.childrenRegisterId(unitId), () -> new UnitChildrenAggregate(unitId))
                 .execute(register -> register.close(from));
    }

    /** Whether {@code childId} was ever placed under {@code parentId} (its own history says so). */
    boolean everUnder(String childId, String parentId) {
        try {
            return units.load(childId).invoke(c -> c.everUnder(parentId));
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    private List<String> everPlacedUnder(String unitId) {
        try {
            return registers.load(UnitEvents.childrenRegisterId(unitId)).invoke(UnitChildrenAggregate::children);
        } catch (AggregateNotFoundException e) {
            return List.of(); // nothing was ever placed under it
        }
    }

    /** The unit and its ancestors on {@code date}, nearest first; refuses a unit that does not exist then. */
    public List<String> lineageOn(String unitId, LocalDate date, Field field) {
        List<String> lineage = new ArrayList<>();
        String current = unitId;
        while (current != null && lineage.size() < MAX_DEPTH && !lineage.contains(current)) {
            String id = current;
            var unit = load(id, field);
            if (lineage.isEmpty() && !unit.invoke(u -> u.aliveOn(date))) {
                throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit " + id + " does not exist on " + date);
            }
            lineage.add(id);
            current = unit.invoke(u -> u.parentOn(date));
        }
        return lineage;
    }

    /**
     * The provinces (tops of the hierarchy) a unit lay under on some day of {@code year}: the lineage is followed from
     * every day of the year on which the unit or one of its ancestors changed parent. The 2025 reform moved units
     * from one province to another mid-year; a close of such a unit's year concerns the facts of both.
     */
    public Set<String> provincesDuring(String unitId, int year) {
        SortedSet<LocalDate> days = new TreeSet<>();
        Set<LocalDate> followed = new HashSet<>();
        Set<String> provinces = new LinkedHashSet<>();
        days.add(LocalDate.of(year, 1, 1));
        while (!days.isEmpty()) {
            LocalDate day = days.first();
            days.remove(day);
            if (!followed.add(day)) {
                continue;
            }
            String current = unitId;
            String top = null;
            for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
                var unit = load(current, Field.of("unitId"));
                unit.invoke(u -> u.parentChangesIn(year)).forEach(change -> {
                    if (!followed.contains(change)) {
                        days.add(change);
                    }
                });
                top = current;
                current = unit.invoke(u -> u.parentOn(day));
            }
            provinces.add(top);
        }
        return provinces;
    }

    /** The kind of a unit. */
    public UnitKind kindOf(String unitId, Field field) {
        return load(unitId, field).invoke(UnitAggregate::kind);
    }

    private org.axonframework.modelling.command.Aggregate<UnitAggregate> load(String unitId, Field field) {
        try {
            return units.load(unitId);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit " + unitId + " does not exist");
        }
    }
}
