package vn.xhht.ledger.infrastructure.web;

import java.time.Clock;

import vn.xhht.ledger.domain.common.ProgrammeTime;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitView;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code 404} for a unit that does not exist today, asked of the unit view once per unit: a unit, once it exists,
 * exists on every later day (a merged unit keeps its record), so a positive answer never goes stale.
 */
@Component
public class KnownUnits {

    private static final int KEPT = 200_000;

    private final Reads reads;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    private final Clock clock;

    public KnownUnits(Reads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    public Mono<Void> requireExists(String unitId) {
        if (known.contains(unitId)) {
            return Mono.empty();
        }
        return reads.ask(new FetchUnitQuery(unitId, ProgrammeTime.today(clock)), UnitView.class)
                    .doOnNext(unit -> {
                        if (known.size() >= KEPT) {
                            known.clear();
                        }
                        known.add(unitId);
                    })
                    .then();
    }

    /** The unit and the units directly under it, as the hierarchy stood {@code on} (as known at {@code asOf}). */
    public Mono<java.util.List<UnitView>> withChildren(String unitId, java.time.LocalDate on, java.time.Instant asOf) {
        return Mono.zip(reads.ask(new FetchUnitQuery(unitId, on, asOf), UnitView.class),
                        reads.ask(new vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitChildrenQuery(unitId, on, asOf),
                                  vn.xhht.ledger.domain.unit.UnitQueries.UnitChildrenView.class))
                   .map(found -> {
                       java.util.List<UnitView> units = new java.util.ArrayList<>();
                       units.add(found.getT1());
                       units.addAll(found.getT2().items());
                       return units;
                   });
    }
}
