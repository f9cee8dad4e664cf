package vn.xhht.ledger.command.emulation;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.emulation.AwardCriteria;
import vn.xhht.ledger.domain.emulation.Movement;

import java.time.LocalDate;

/** Movements and their award criteria as the command side needs them: from their aggregates, never from a view. */
@Component
public class Movements {

    private final Repository<MovementAggregate> movements;
    private final Repository<AwardCriteriaAggregate> criteria;

    public Movements(Repository<MovementAggregate> movements, Repository<AwardCriteriaAggregate> criteria) {
        this.movements = movements;
        this.criteria = criteria;
    }

    /** The movement's rules as last published; {@code UNKNOWN_MOVEMENT} naming {@code movement} when there are none. */
    public Movement movement(String code) {
        try {
            return movements.load(code).invoke(MovementAggregate::latest);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.UNKNOWN_MOVEMENT, "movement", "No emulation movement " + code);
        }
    }

    /** The movement's award criteria in force on a day. */
    public AwardCriteria criteriaOn(Movement movement, LocalDate day) {
        try {
            return criteria.load(movement.criteria()).invoke(c -> c.inForceOn(day)).orElseThrow(() -> missing(movement, day));
        } catch (AggregateNotFoundException e) {
            throw missing(movement, day);
        }
    }

    private static DomainException missing(Movement movement, LocalDate day) {
        return new DomainException(ErrorCode.UNKNOWN_MOVEMENT, "movement", "The criteria " + movement.criteria()
                + " of " + movement.code() + " are not published for " + day);
    }
}
