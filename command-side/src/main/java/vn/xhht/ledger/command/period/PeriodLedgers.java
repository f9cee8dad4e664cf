package vn.xhht.ledger.command.period;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.period.PeriodMessages;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closing and reopening periods, and admitting facts into open ones (the policy "a fact dated in a closed period is
 * refused; a fact and a close racing each other are serialised").
 * <p>
 * A unit's ledger for a year holds only its closes and reopens. A fact reads the ledgers of its lineage on its date
 * and is recorded once, on its admission shard ({@link AdmissionShardAggregate}: one of
 * {@link PeriodMessages#SHARDS} per province and year, chosen by the fact's unit, in bounded generations). A close
 * writes its ledger and a fence on every shard of every province its unit belonged to that year, in one commit.
 * Because a fact loads its shard <em>before</em> the ledgers, a close is either stored before that load (the fact
 * then reads the ledger closed and is refused) or after it (the close's fence and the fact's record then compete for
 * the same position of the shard's stream: one of them is refused and retried, and a retried fact reads the ledger
 * closed). A fact's cost does not depend on how many facts its province has recorded.
 */
@Component
public class PeriodLedgers {

    private final Repository<PeriodLedgerAggregate> ledgers;
    private final Repository<AdmissionShardAggregate> shards;
    /** The newest generation seen of each shard: where to start looking (the streams say where the facts go). */
    private final Map<String, Integer> generations = new ConcurrentHashMap<>();

    public PeriodLedgers(Repository<PeriodLedgerAggregate> ledgers, Repository<AdmissionShardAggregate> shards) {
        this.ledgers = ledgers;
        this.shards = shards;
    }

    /** Closes {@code unitId}'s year and fences the shards of {@code provinces} (those it belonged to that year). */
    public void close(String unitId, int year, Collection<String> provinces, String planId, String reason)
            throws Exception {
        ledgers.loadOrCreate(PeriodMessages.ledgerId(unitId, year), () -> new PeriodLedgerAggregate(unitId, year))
               .execute(ledger -> ledger.close(planId, reason));
        for (String province : provinces) {
            for (int shard = 0; shard < PeriodMessages.SHARDS; shard++) {
                current(province, year, shard).aggregate().execute(s -> s.fence(unitId, year, planId));
            }
        }
    }

    public void reopen(String unitId, int year, String planId, String reason) throws Exception {
        ledgers.loadOrCreate(PeriodMessages.ledgerId(unitId, year), () -> new PeriodLedgerAggregate(unitId, year))
               .execute(ledger -> ledger.reopen(planId, reason));
    }

    /**
     * Admits a fact dated {@code effectiveOn} for a unit whose lineage (itself and its ancestors on that date, the
     * province last) is given: refused with PERIOD_CLOSED while any of their ledgers for that year is closed,
     * otherwise recorded on the unit's admission shard.
     */
    public void admit(List<String> lineage, LocalDate effectiveOn, String factId, String factType) throws Exception {
        int year = effectiveOn.getYear();
        String unitId = lineage.get(0);
        Generation current = current(lineage.get(lineage.size() - 1), year, PeriodMessages.shardOf(unitId));
        for (String ancestor : lineage) {
            if (closed(ancestor, year)) {
                throw new DomainException(ErrorCode.PERIOD_CLOSED,
                                          year + " is closed for " + ancestor + "; facts dated in it are refused until it is reopened");
            }
        }
        if (current.aggregate().invoke(AdmissionShardAggregate::full)) {
            String next = current.following();
            current.aggregate().execute(s -> s.seal(next));
            shards.loadOrCreate(next, () -> new AdmissionShardAggregate(next))
                  .execute(s -> s.admit(unitId, year, factId, factType, effectiveOn));
        } else {
            current.aggregate().execute(s -> s.admit(unitId, year, factId, factType, effectiveOn));
        }
    }

    /** Whether a ledger is closed; one never written is open (loadOrCreate reads it without storing anything). */
    private boolean closed(String unitId, int year) throws Exception {
        return ledgers.loadOrCreate(PeriodMessages.ledgerId(unitId, year), () -> new PeriodLedgerAggregate(unitId, year))
                      .invoke(PeriodLedgerAggregate::isClosed);
    }

    /** A shard's generation that takes facts now (one never written yet is created by its first event). */
    private record Generation(String province, int year, int shard, int number, Aggregate<AdmissionShardAggregate> aggregate) {
        String following() {
            return PeriodMessages.admissionShardId(province, year, shard, number + 1);
        }
    }

    private Generation current(String province, int year, int shard) throws Exception {
        String key = province + ":" + year + ":" + shard;
        int number = generations.getOrDefault(key, 0);
        while (true) {
            String id = PeriodMessages.admissionShardId(province, year, shard, number);
            Aggregate<AdmissionShardAggregate> generation = shards.loadOrCreate(id, () -> new AdmissionShardAggregate(id));
            if (generation.invoke(AdmissionShardAggregate::next) == null) {
                return new Generation(province, year, shard, number, generation);
            }
            number++;
            generations.merge(key, number, Math::max);
        }
    }
}
