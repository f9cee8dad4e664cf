package vn.xhht.ledger.infrastructure.web;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.pcgd.PcgdCycle;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.FetchPcgdCycleQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitLineageQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitLineageView;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitView;
import vn.xhht.ledger.infrastructure.security.Actor;

import java.time.LocalDate;

/**
 * Who may record the recognition of a universal-education level (the cycle's recognisers, data per effective date):
 * a RECOGNIZER whose scope covers the nearest unit of the recognising kind at or above the subject on the decision's
 * day — the district for its communes before 1/7/2025, the province after; a level the Ministry recognises only one
 * whose scope is the whole country.
 */
@Component
public class PcgdRecognisers {

    private final Reads reads;
    private final AccessPolicy access;

    public PcgdRecognisers(Reads reads, AccessPolicy access) {
        this.reads = reads;
        this.access = access;
    }

    public Mono<PcgdCycle> cycle() {
        return reads.ask(new FetchPcgdCycleQuery(), PcgdCycle.class);
    }

    /** Refuses ({@code NOT_IN_SCOPE}) an actor who does not stand for the unit that recognises this level that day. */
    public Mono<Void> requireRecogniser(Actor actor, String subjectUnitId, String title, String level, LocalDate decidedOn) {
        return Mono.zip(cycle(), reads.ask(new FetchUnitQuery(subjectUnitId, decidedOn), UnitView.class))
                   .flatMap(found -> {
                       PcgdCycle.Recogniser rule = found.getT1().recogniserOn(found.getT2().kind(), title, level, decidedOn)
                               .orElseThrow(() -> new DomainException(ErrorCode.INVALID_HIERARCHY, "subjectUnitId",
                                       "No one recognises " + title + " " + level + " of a " + found.getT2().kind()
                                               + " on " + decidedOn));
                       if (PcgdCycle.MINISTRY.equals(rule.by())) {
                           return actor.coversEverything() ? Mono.<Void>empty()
                                   : Mono.error(new DomainException(ErrorCode.NOT_IN_SCOPE, "The Ministry recognises "
                                           + title + " " + level + " of " + subjectUnitId + ": only a recognizer for the "
                                           + "whole country records it"));
                       }
                       return recognisingUnit(subjectUnitId, rule.by(), decidedOn)
                               .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.INVALID_HIERARCHY, "subjectUnitId",
                                       "No " + rule.by() + " stands at or above " + subjectUnitId + " on " + decidedOn
                                               + " to recognise it (" + rule.authority() + ")")))
                               .flatMap(unit -> access.requireScope(actor, unit));
                   });
    }

    /** The nearest unit of {@code kind} at or above a unit on a day. */
    private Mono<String> recognisingUnit(String unitId, String kind, LocalDate on) {
        return reads.ask(new FetchUnitLineageQuery(unitId, on), UnitLineageView.class)
                    .flatMapMany(lineage -> Flux.fromIterable(lineage.lineage()))
                    .concatMap(id -> reads.ask(new FetchUnitQuery(id, on), UnitView.class))
                    .filter(unit -> unit.kind().name().equals(kind))
                    .next()
                    .map(UnitView::id);
    }
}
