package vn.xhht.ledger.command.emulation;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

/**
 * The policy "one achievement, one award, within the quota": the subject's award register for the occasion and the
 * deciding unit's quota book, changed in the commit of the decision (or revocation) that changes them.
 */
@Component
public class AwardBooks {

    private final Repository<AwardRegisterAggregate> registers;
    private final Repository<AwardQuotaAggregate> quotas;

    public AwardBooks(Repository<AwardRegisterAggregate> registers, Repository<AwardQuotaAggregate> quotas) {
        this.registers = registers;
        this.quotas = quotas;
    }

    /** Refuses, early, a nomination of a subject already awarded for the occasion. */
    public void requireNoAward(String registerId, String nominationId) {
        try {
            registers.load(registerId).invoke(AwardRegisterAggregate::holder)
                     .filter(holder -> !holder.equals(nominationId))
                     .ifPresent(holder -> {
                         throw new DomainException(ErrorCode.DUPLICATE_AWARD, "The subject already received an award "
                                 + "for this occasion of the movement (nomination " + holder + ")");
                     });
        } catch (AggregateNotFoundException e) {
            // never awarded
        }
    }

    public void award(String registerId, String quotaId, String nominationId, String form, Integer quota) throws Exception {
        registers.loadOrCreate(registerId, () -> new AwardRegisterAggregate(registerId))
                 .execute(r -> r.record(nominationId, form));
        quotas.loadOrCreate(quotaId, () -> new AwardQuotaAggregate(quotaId)).execute(q -> q.count(nominationId, quota));
    }

    public void release(String registerId, String quotaId, String nominationId) {
        registers.load(registerId).execute(r -> r.release(nominationId));
        quotas.load(quotaId).execute(q -> q.uncount(nominationId));
    }
}
