package vn.xhht.ledger.domain.emulation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.xhht.ledger.domain.emulation.Movement.Occasion;
import vn.xhht.ledger.domain.emulation.Movement.SubjectKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Emulation movements and award nominations (DOMAIN-2 §2; API.md "Emulation awards"). A nomination goes
 * {@code DRAFT → SUBMITTED → COUNCIL_REVIEWED | PROPOSED_UP → DECIDED}, or is {@code RETURNED} (and submitted again) or
 * {@code REJECTED}; an award may be {@code REVOKED}. A person's name and position are personal data: they travel and
 * are stored only sealed with a key of that person, kept outside the event log, so that deleting the key forgets
 * them while the log stays as written. Events are stored forever: never change a record's shape; add a revision and an
 * upcaster.
 */
public final class EmulationMessages {
    private EmulationMessages() {
    }

    public enum NominationState { DRAFT, SUBMITTED, RETURNED, COUNCIL_REVIEWED, PROPOSED_UP, DECIDED, REJECTED, REVOKED }

    public enum Recommendation { PROPOSE, REJECT }

    public enum Decision { AWARDED, REJECTED }

    /**
     * A person's name and position sealed with the person's own key ({@code personId} names it in the key store);
     * the texts are ciphertexts, never the names themselves.
     */
    public record SealedPerson(String personId, String name, String position) {
    }

    /** Who is nominated: a collective (the unit itself), or a household or person at a unit. */
    public record Subject(SubjectKind kind, String unitId, SealedPerson person) {
    }

    /** How a nominee stands against one criterion when submitted. */
    public record CriterionCheck(String code, String name, AwardCriteria.Check check, boolean met, String evidence) {
    }

    /** The award one subject can receive for one occasion of a movement (one achievement, one award). */
    public static String registerId(String subjectKey, String movement, String phase, Occasion occasion, int year) {
        return "award-register:" + subjectKey + "|" + movement + "|" + phase + "|" + occasion + "|" + year;
    }

    /** The awards one deciding unit gives in one form for one occasion (its quota). */
    public static String quotaId(String decidingUnitId, String form, String movement, String phase, Occasion occasion,
                                 int year) {
        return "award-quota:" + decidingUnitId + "|" + form + "|" + movement + "|" + phase + "|" + occasion + "|" + year;
    }

    // ------------------------------------------------------------------------------------------ rules as data

    public record PublishMovementCommand(@TargetAggregateIdentifier String code, Movement movement, String contentHash,
                                         String source) {
    }

    public record PublishAwardCriteriaCommand(@TargetAggregateIdentifier String code, AwardCriteria criteria,
                                              String contentHash, String source) {
    }

    public record MovementPublishedEvent(String code, int version, Movement movement, String contentHash, String source) {
    }

    public record AwardCriteriaPublishedEvent(String code, int version, AwardCriteria criteria, String contentHash,
                                              String source) {
    }

    // ------------------------------------------------------------------------------------------ commands

    /**
     * {@code subjectKey} names the subject for the one-award rule: the unit, or a keyed digest of the person;
     * {@code year}: the year of a yearly award (a review's is its phase's last year).
     */
    public record NominateCommand(@TargetAggregateIdentifier String nominationId, String movement, String phase,
                                  Occasion occasion, Integer year, String form, Subject subject, String subjectKey,
                                  String achievements, String proposedByUnitId) {
    }

    public record SubmitNominationCommand(@TargetAggregateIdentifier String nominationId, String achievements) {
    }

    public record ReturnNominationCommand(@TargetAggregateIdentifier String nominationId, String reason) {
    }

    public record ReviewNominationCommand(@TargetAggregateIdentifier String nominationId, Recommendation recommendation,
                                          String reason) {
    }

    /** {@code quota}: how many awards of the form the deciding unit may give for the occasion (null: no limit). */
    public record DecideNominationCommand(@TargetAggregateIdentifier String nominationId, Decision decision,
                                          String decisionNumber, LocalDate decidedOn, String reason, Integer quota) {
    }

    public record RevokeAwardCommand(@TargetAggregateIdentifier String nominationId, String reason) {
    }

    public record ForgetPersonCommand(@TargetAggregateIdentifier String nominationId, String reason) {
    }

    // ------------------------------------------------------------------------------------------ events

    public record NominationDraftedEvent(String nominationId, String movement, String phase, Occasion occasion, int year,
                                         String form, SubjectKind subjectKind, String subjectUnitId, SealedPerson person,
                                         String subjectKey, String achievements, String proposedByUnitId) {
    }

    public record NominationSubmittedEvent(String nominationId, String subjectUnitId, String proposedByUnitId,
                                           String decidingUnitId, boolean proposedUp, String criteria,
                                           Integer criteriaVersion, List<CriterionCheck> checks, String achievements) {
    }

    public record NominationReturnedEvent(String nominationId, String subjectUnitId, String proposedByUnitId,
                                          String reason) {
    }

    public record NominationReviewedEvent(String nominationId, String subjectUnitId, String decidingUnitId,
                                          Recommendation recommendation, String reason, NominationState state) {
    }

    public record NominationDecidedEvent(String nominationId, String subjectUnitId, String decidingUnitId, String form,
                                         Decision decision, String decisionNumber, LocalDate decidedOn, String reason) {
    }

    public record AwardRevokedEvent(String nominationId, String subjectUnitId, String reason) {
    }

    /** The person's key is deleted: the sealed name and position of the nomination can no longer be read. */
    public record PersonForgottenEvent(String nominationId, String subjectUnitId, String personId, String reason) {
    }

    /** The one-award register: an award recorded for, or released from, a subject's occasion. */
    public record AwardRegisteredEvent(String registerId, String nominationId, String form) {
    }

    public record AwardReleasedEvent(String registerId, String nominationId) {
    }

    /** A deciding unit's quota: an award counted in it, or no longer. */
    public record AwardCountedEvent(String quotaId, String nominationId, int quota) {
    }

    public record AwardUncountedEvent(String quotaId, String nominationId) {
    }

    // ------------------------------------------------------------------------------------------ reads

    public record FetchMovementsQuery() {
    }

    /** The movements with their latest criteria, as the nomination form needs them. */
    public record MovementList(List<Movement> items, List<AwardCriteria> criteria) {
    }

    public record FetchNominationQuery(String nominationId, Instant asOf) {
    }

    /** Nominations proposed by, about, or decided by units of the subtree of {@code unitId} (null: all). */
    public record ListNominationsQuery(String unitId, String movement, String phase, NominationState state,
                                       boolean awardedOnly, int limit, String cursor) {
    }

    public record Step(String action, String actor, Instant at, String reason) {
    }

    /**
     * A nomination as stored in the view: the person still sealed (the web layer opens it for the roles allowed to
     * read it, while the key exists).
     */
    public record NominationRecord(String id, String movement, String phase, Occasion occasion, int year, String form,
                                   SubjectKind subjectKind, String subjectUnitId, SealedPerson person, boolean forgotten,
                                   String achievements, String proposedByUnitId, String decidingUnitId,
                                   boolean proposedUp, NominationState state, String criteria, Integer criteriaVersion,
                                   List<CriterionCheck> checks, Recommendation recommendation, Decision decision,
                                   String decisionNumber, LocalDate decidedOn, List<Step> steps, List<String> units,
                                   long version) {
    }
}
