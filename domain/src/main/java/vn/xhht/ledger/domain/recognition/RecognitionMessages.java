package vn.xhht.ledger.domain.recognition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;
import java.util.List;

/** Titles (danh hiệu) granted to units, and revoked. */
public final class RecognitionMessages {
    private RecognitionMessages() {
    }

    /** The titles of DOMAIN.md §8. */
    public enum Title {
        GIA_DINH_HOC_TAP, DONG_HO_HOC_TAP, CONG_DONG_HOC_TAP, CONG_DAN_HOC_TAP, DON_VI_HOC_TAP,
        CONG_DONG_HOC_TAP_XA, CONG_DONG_HOC_TAP_HUYEN, CONG_DONG_HOC_TAP_TINH,
        /** Universal education and literacy levels (DOMAIN-2 §1.4), with {@code level}. */
        XMC, PCGD_MN5, PCGD_TH, PCGD_THCS;

        /** Universal education and literacy levels: their holders are also counted by level. */
        public boolean universalEducation() {
            return this == XMC || this == PCGD_MN5 || this == PCGD_TH || this == PCGD_THCS;
        }

        /** Titles of households, clans and citizens: recorded by communes as counts, in batches. */
        public boolean countedInBatches() {
            return this == GIA_DINH_HOC_TAP || this == DONG_HO_HOC_TAP || this == CONG_DAN_HOC_TAP;
        }
    }

    public static String registryId(String subjectUnitId) {
        return "titles:" + subjectUnitId;
    }

    public record GrantRecognitionCommand(@TargetAggregateIdentifier String recognitionId, Title title, String subjectUnitId, int year,
                                          String level, String decisionNumber, LocalDate decidedOn,
                                          String assessmentId) {
    }

    public record RevokeRecognitionCommand(@TargetAggregateIdentifier String recognitionId, String reason, @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * Sets how long a recognition counts, with a reason: how an administrator acts on a corrected framework rule
     * (e.g. TT 22's annual ranking) for recognitions granted under the earlier version. {@code validThrough} is the
     * 31 December of a year from the recognition year on.
     */
    public record CorrectRecognitionValidityCommand(@TargetAggregateIdentifier String recognitionId, LocalDate validThrough,
                                                    String reason, @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * A title granted by decision. {@code validThrough} is 31 Dec of the recognition year plus the framework's
     * {@code validityYears}; {@code framework}/{@code frameworkVersion} say which rules set it (null: none known, so
     * the recognition year only).
     */
    public record RecognitionGrantedEvent(String recognitionId, Title title, String subjectUnitId, int year,
                                          String level, String decisionNumber, LocalDate decidedOn,
                                          String assessmentId, String framework, Integer frameworkVersion,
                                          LocalDate validThrough) {
    }

    public record RecognitionRevokedEvent(String recognitionId, String subjectUnitId, Title title, String reason,
                                          LocalDate revokedOn) {
    }

    /** A recognition counts through {@code validThrough} from now on, where it counted through {@code previousValidThrough}. */
    public record RecognitionValidityCorrectedEvent(String recognitionId, String subjectUnitId, Title title, int year,
                                                    LocalDate previousValidThrough, LocalDate validThrough,
                                                    String reason, LocalDate correctedOn) {
    }

    /** The subject's register of titles: a grant recorded, for duplicate checks and the upgrade rule. */
    public record TitleRecordedEvent(String subjectUnitId, String recognitionId, Title title, String level, int year,
                                     LocalDate decidedOn, LocalDate validThrough) {
    }

    public record TitleWithdrawnEvent(String subjectUnitId, String recognitionId, LocalDate revokedOn) {
    }

    public record TitleValidityCorrectedEvent(String subjectUnitId, String recognitionId, LocalDate validThrough) {
    }

    /**
     * The recognitions granted under an earlier version of {@code framework} that count for another span than the
     * latest version's {@code validityYears} would give them: what an administrator reviews after a correction.
     */
    public record FetchValidityReviewQuery(String framework) {
    }

    /** One recognition whose validity differs from the latest version's rule, with both dates. */
    /** {@code frameworkVersion}: the version it was granted under; null when granted without one (before titles had theirs). */
    public record ValidityChange(String recognitionId, String subjectUnitId, Title title, String level, int year,
                                 LocalDate decidedOn, Integer frameworkVersion, LocalDate validThrough,
                                 LocalDate validThroughUnderLatest) {
    }

    public record ValidityReview(String framework, int latestVersion, int validityYears, List<ValidityChange> items) {
    }

    /**
     * A unit's recognitions — only those it held {@code on} a date when given (see {@link RecognitionView#validOn}) —
     * as they stand or as the service knew them at {@code asOf} (null: now).
     */
    public record FetchUnitRecognitionsQuery(String unitId, Integer year, LocalDate on, java.time.Instant asOf) {
        public FetchUnitRecognitionsQuery(String unitId, Integer year) {
            this(unitId, year, null, null);
        }
    }

    /** A recognition as it stands, or as the service knew it at {@code asOf} (record time; null: now). */
    public record FetchRecognitionQuery(String recognitionId, java.time.Instant asOf) {
        public FetchRecognitionQuery(String recognitionId) {
            this(recognitionId, null);
        }
    }

    public record RecognitionView(String id, Title title, String subjectUnitId, int year, String level,
                                  String decisionNumber, LocalDate decidedOn, String assessmentId, String framework,
                                  Integer frameworkVersion, LocalDate validThrough, boolean revoked,
                                  String revokedReason, LocalDate revokedOn, long version) {

        /**
         * Whether the title held on {@code date} in valid time: from the start of the year it was granted for to
         * {@code validThrough}, unless revoked by then. (When the decision was taken is record time: {@code asOf}.)
         */
        public boolean validOn(LocalDate date) {
            return !LocalDate.of(year, 1, 1).isAfter(date) && (validThrough == null || !validThrough.isBefore(date))
                    && !(revoked && (revokedOn == null || !revokedOn.isAfter(date)));
        }
    }

    public record RecognitionList(String unitId, List<RecognitionView> items) {
    }
}
