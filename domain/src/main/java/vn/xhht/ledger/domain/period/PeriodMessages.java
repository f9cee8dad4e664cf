package vn.xhht.ledger.domain.period;

import java.time.LocalDate;

/**
 * The period ledger of a unit and year: closed by the unit's plan, reopened by it. Facts dated in a year are
 * refused while a ledger of the fact's unit or of one of its ancestors is closed for that year.
 * <p>
 * A fact is recorded once, on one <em>admission shard</em> of its province and year (one of {@link #SHARDS}, by its
 * unit; a shard's stream is bounded, its generations sealed one after the other); a close passes through every shard
 * of its province and year in the commit that closes its ledger. A fact and a close racing each other thus meet on
 * one shard's stream, whose sequence lets only one of them through first.
 */
public final class PeriodMessages {
    private PeriodMessages() {
    }

    /** The admission shards of a province and year. */
    public static final int SHARDS = 64;
    /** How many facts a shard generation takes before it is sealed and the next one takes the facts. */
    public static final int FACTS_PER_GENERATION = 250;

    public static String ledgerId(String unitId, int year) {
        return "period:" + unitId + ":" + year;
    }

    /** The shard of a unit's facts: stable across nodes and restarts (String.hashCode is specified). */
    public static int shardOf(String unitId) {
        return Math.floorMod(unitId.hashCode(), SHARDS);
    }

    public static String admissionShardId(String rootUnitId, int year, int shard, int generation) {
        return "admission:" + rootUnitId + ":" + year + ":" + shard + ":" + generation;
    }

    public record PeriodClosedEvent(String unitId, int year, String planId, String reason) {
    }

    public record PeriodReopenedEvent(String unitId, int year, String planId, String reason) {
    }

    /**
     * A fact dated in the year was accepted while the period was open (it counts in any later close). Recorded on
     * every ledger of the fact's lineage until facts were admitted through shards; such events stay as they are.
     */
    public record PeriodFactCountedEvent(String unitId, int year, String factId, String factType,
                                         LocalDate effectiveOn) {
    }

    /**
     * A fact accepted while the periods of its lineage were open, recorded on its admission shard. Bookkeeping: the
     * fact itself is its own event. (Its unit is {@code factUnitId}, not {@code unitId}, so that a unit's history,
     * which follows aggregates naming a {@code unitId}, does not take in a province-wide shard.)
     */
    public record FactAdmittedEvent(String shardId, String factUnitId, int year, String factId, String factType,
                                    LocalDate effectiveOn) {
    }

    /** A close of {@code closingUnitId}'s year passing through an admission shard of its province. */
    public record AdmissionFencedEvent(String shardId, String closingUnitId, int year, String planId) {
    }

    /** A shard generation that took its share of facts: those that follow go to {@code nextShardId}. */
    public record AdmissionShardSealedEvent(String shardId, String nextShardId) {
    }
}
