package vn.xhht.ledger.infrastructure.web;

import vn.xhht.ledger.domain.common.ProgrammeTime;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitLineageQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitLineageView;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Role and scope decisions, in one place. A user may act on a unit when one of their roles allows the action and
 * the unit lies in one of their subtrees as the hierarchy stands today. {@code AUDITOR} (and {@code ADMIN})
 * read everything; everyone else reads within scope.
 */
@Component
public class AccessPolicy {

    private final Reads reads;
    private final Clock clock;

    public AccessPolicy(Reads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    public Mono<Void> requireRole(Actor actor, Role... allowed) {
        if (actor.hasAnyRole(Arrays.asList(allowed))) {
            return Mono.empty();
        }
        return Mono.error(new DomainException(ErrorCode.FORBIDDEN_ROLE,
                                              "This needs one of the roles " + Arrays.toString(allowed)));
    }

    /** The actor may change things at {@code unitId} ({@code null}: at the top of the hierarchy). */
    public Mono<Void> requireScope(Actor actor, String unitId) {
        if (actor.coversEverything()) {
            return Mono.empty();
        }
        if (unitId == null) {
            return Mono.error(notInScope("the top of the hierarchy"));
        }
        return lineage(unitId).flatMap(lineage -> actor.covers(lineage) ? Mono.<Void>empty()
                : Mono.error(notInScope("unit " + unitId)));
    }

    public Mono<Void> requireRoleAndScope(Actor actor, String unitId, Role... allowed) {
        return requireRole(actor, allowed).then(requireScope(actor, unitId));
    }

    public boolean readsEverything(Actor actor) {
        return actor.hasRole(Role.AUDITOR) || actor.hasRole(Role.ADMIN) || actor.coversEverything();
    }

    /** The actor may read what is recorded at {@code unitId}. */
    public Mono<Void> requireRead(Actor actor, String unitId) {
        if (readsEverything(actor)) {
            return Mono.empty();
        }
        return lineage(unitId).flatMap(lineage -> actor.covers(lineage) ? Mono.<Void>empty()
                : Mono.error(notInScope("unit " + unitId)));
    }

    public Mono<Boolean> mayRead(Actor actor, String unitId) {
        return requireRead(actor, unitId).thenReturn(true).onErrorReturn(false);
    }

    private Mono<List<String>> lineage(String unitId) {
        return reads.ask(new FetchUnitLineageQuery(unitId, ProgrammeTime.today(clock)), UnitLineageView.class)
                    .map(UnitLineageView::lineage);
    }

    private static DomainException notInScope(String what) {
        return new DomainException(ErrorCode.NOT_IN_SCOPE, "Your scope does not include " + what);
    }
}
