package vn.xhht.ledger.command.unit;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The hierarchy as the command side sees it: from the unit aggregates, consistent with the command. */
@Component
public class Hierarchy {

    private static final int MAX_DEPTH = 16;
    private final Repository<UnitAggregate> units;

    public Hierarchy(Repository<UnitAggregate> units) {
        this.units = units;
    }

    /** The unit and its ancestors on {@code date}, nearest first; refuses a unit that does not exist then. */
    public List<String> lineageOn(String unitId, LocalDate date, String field) {
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
                var unit = load(current, "unitId");
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
    public vn.xhht.ledger.domain.unit.UnitKind kindOf(String unitId, String field) {
        return load(unitId, field).invoke(UnitAggregate::kind);
    }

    private org.axonframework.modelling.command.Aggregate<UnitAggregate> load(String unitId, String field) {
        try {
            return units.load(unitId);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit " + unitId + " does not exist");
        }
    }
}
