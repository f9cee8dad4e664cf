package vn.xhht.ledger.domain.pcgd;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A commune's universal-education and literacy survey for a data year (DOMAIN-2 §1.2–1.3): recorded (replaced as a
 * whole; the same values store nothing), locked at the reference date, unlocked by a higher level with a reason.
 * Events are stored forever: never change a record's shape; add a revision and an upcaster.
 */
public final class PcgdMessages {
    private PcgdMessages() {
    }

    /** The figures a survey holds, by name. */
    public static final List<String> FIGURES = List.of(
            "children5", "children5Attending", "children5CompletedPreschool", "children6", "children6InGrade1",
            "children11", "children11CompletedPrimary", "children11InPrimary", "children14", "children14CompletedPrimary",
            "youth15to18", "youth15to18LowerSecondaryGraduates", "youth15to18InUpperSecondaryOrVocational",
            "people15to25", "people15to25LiterateL1", "people15to35", "people15to35LiterateL1", "people15to35LiterateL2",
            "people15to60", "people15to60LiterateL2");

    /** Each counted group and the cohort it is part of: it cannot be larger. */
    public static final Map<String, String> COHORTS = Map.ofEntries(
            Map.entry("children5Attending", "children5"), Map.entry("children5CompletedPreschool", "children5"),
            Map.entry("children6InGrade1", "children6"), Map.entry("children11CompletedPrimary", "children11"),
            Map.entry("children11InPrimary", "children11"), Map.entry("children14CompletedPrimary", "children14"),
            Map.entry("youth15to18LowerSecondaryGraduates", "youth15to18"),
            Map.entry("youth15to18InUpperSecondaryOrVocational", "youth15to18"),
            Map.entry("people15to25LiterateL1", "people15to25"), Map.entry("people15to35LiterateL1", "people15to35"),
            Map.entry("people15to35LiterateL2", "people15to35LiterateL1"), Map.entry("people15to60LiterateL2", "people15to60"));

    public static String surveyId(String unitId, int year) {
        return "pcgd-survey:" + unitId + "|" + year;
    }

    /**
     * The survey's figures are known names, whole numbers from 0, and no group is larger than its cohort (the 11-year-olds
     * who completed primary and those still in it together neither); the field at fault is named.
     */
    public static Survey check(Survey survey) {
        for (Map.Entry<String, Long> figure : survey.figures().entrySet()) {
            Field field = Field.of("figures").key(figure.getKey());
            if (!FIGURES.contains(figure.getKey())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field, "Not a survey figure: " + figure.getKey());
            }
            if (figure.getValue() == null || figure.getValue() < 0) {
                throw new DomainException(ErrorCode.SCORE_OUT_OF_RANGE, field, figure.getKey() + " is a count from 0");
            }
        }
        for (Map.Entry<String, String> group : COHORTS.entrySet()) {
            Long part = survey.figures().get(group.getKey());
            Long whole = survey.figures().get(group.getValue());
            if (part != null && whole != null && part > whole) {
                throw new DomainException(ErrorCode.SCORE_OUT_OF_RANGE, Field.of("figures").key(group.getKey()),
                                          group.getKey() + " (" + part + ") is larger than " + group.getValue() + " (" + whole + ")");
            }
        }
        Long completed = survey.figures().get("children11CompletedPrimary");
        Long inPrimary = survey.figures().get("children11InPrimary");
        Long eleven = survey.figures().get("children11");
        if (completed != null && inPrimary != null && eleven != null && completed + inPrimary > eleven) {
            throw new DomainException(ErrorCode.SCORE_OUT_OF_RANGE, "figures.children11InPrimary",
                                      "The 11-year-olds who completed primary and those in it are more than the 11-year-olds");
        }
        return survey;
    }

    // ------------------------------------------------------------------------------------------ commands

    public record RecordSurveyCommand(@TargetAggregateIdentifier String surveyId, String unitId, int year, Survey survey,
                                      String dbkkSource) {
    }

    public record LockSurveyCommand(@TargetAggregateIdentifier String surveyId, String reason) {
    }

    public record UnlockSurveyCommand(@TargetAggregateIdentifier String surveyId, String reason) {
    }

    /** Publish the yearly cycle (reference dates, who recognises whom); the same content is never published twice. */
    public record PublishPcgdCycleCommand(@TargetAggregateIdentifier String code, PcgdCycle cycle, String contentHash,
                                          String source) {
    }

    /** The payload of the deadline that locks a survey at the end of its reference date. */
    public record SurveyLockDue(String surveyId, LocalDate referenceDate) {
    }

    // ------------------------------------------------------------------------------------------ events

    public record PcgdCyclePublishedEvent(String code, int version, PcgdCycle cycle, String contentHash, String source) {
    }

    public record SurveyRecordedEvent(String unitId, int year, Map<String, Long> figures, boolean dbkk, String dbkkSource,
                                      Map<String, Boolean> conditionsMet) {
    }

    public record SurveyLockedEvent(String unitId, int year, String reason) {
    }

    public record SurveyUnlockedEvent(String unitId, int year, String reason) {
    }

    // ------------------------------------------------------------------------------------------ reads

    public record FetchSurveyQuery(String unitId, int year, Instant asOf) {
    }

    public record Change(String actor, Instant at, String reason) {
    }

    public record SurveyView(String unitId, int year, Map<String, Long> figures, boolean dbkk, String dbkkSource,
                             Map<String, Boolean> conditionsMet, boolean locked, Change lastChange, long version) {
    }

    /** The yearly cycle as last published. */
    public record FetchPcgdCycleQuery() {
    }

    /**
     * A unit's levels for a data year: one outcome per standard, with every check; the reference date its figures are
     * taken at, and who recognised such a unit's levels at that date (by kind of unit, or the Ministry).
     */
    public record LevelsView(String unitId, int year, boolean dbkk, LocalDate referenceDate, String recognisedBy,
                             String recognisingAuthority, List<Standards.Outcome> items) {
    }

}
