package vn.xhht.ledger.domain.assessment;

import vn.xhht.ledger.domain.assessment.AssessmentMessages.Score;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Indicator;
import vn.xhht.ledger.domain.framework.CriteriaFramework.IndicatorKind;
import vn.xhht.ledger.domain.framework.IndicatorValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules an assessment's values must follow under its framework version, each a small named policy. */
public final class ScoreRules {
    private ScoreRules() {
    }

    /** Every score names an indicator of the framework, once. */
    public static Indicator knownIndicator(CriteriaFramework framework, String indicator, Field field) {
        return framework.indicator(indicator).orElseThrow(() -> new DomainException(
                ErrorCode.UNKNOWN_INDICATOR, field, "Indicator " + indicator + " is not part of "
                                                   + framework.code() + " version " + framework.version()));
    }

    /**
     * A value is of its indicator's kind and within range: points in 0..maxPoints; met true or false; a ratio's
     * whole numerator and denominator with 0 ≤ numerator ≤ denominator; a whole count of 0 or more. {@code field}
     * is the score's place; the part at fault is named under it.
     */
    public static IndicatorValue valueWithinRange(CriteriaFramework framework, Indicator indicator,
                                                  IndicatorValue given, Field field) {
        IndicatorKind kind = framework.kindOf(indicator);
        return switch (kind) {
            case POINTS -> {
                only(kind, indicator, given, field.dot("points"), given.points() != null && given.met() == null
                        && given.numerator() == null && given.denominator() == null && given.count() == null,
                     "is scored in points (0.." + indicator.maxPoints() + ")");
                if (given.points().signum() < 0 || given.points().compareTo(indicator.maxPoints()) > 0) {
                    throw new DomainException(ErrorCode.SCORE_OUT_OF_RANGE, field.dot("points"), indicator.code()
                            + " takes 0.." + indicator.maxPoints() + " points, not " + given.points().toPlainString());
                }
                yield IndicatorValue.ofPoints(given.points());
            }
            case CONDITION, PREREQUISITE -> {
                only(kind, indicator, given, field.dot("met"), given.met() != null && given.points() == null
                        && given.numerator() == null && given.denominator() == null && given.count() == null,
                     "is met or not met (true/false)");
                yield IndicatorValue.ofMet(given.met());
            }
            case RATIO -> {
                only(kind, indicator, given, field.dot("numerator"), given.numerator() != null
                        && given.denominator() != null && given.points() == null && given.met() == null
                        && given.count() == null, "is a ratio: give numerator and denominator");
                whole(indicator, given.numerator(), field.dot("numerator"));
                whole(indicator, given.denominator(), field.dot("denominator"));
                if (given.numerator().compareTo(given.denominator()) > 0) {
                    throw new DomainException(ErrorCode.SCORE_OUT_OF_RANGE, field.dot("numerator"), indicator.code()
                            + ": the numerator " + given.numerator().toPlainString() + " is above its denominator "
                            + given.denominator().toPlainString());
                }
                yield IndicatorValue.ofRatio(given.numerator(), given.denominator());
            }
            case COUNT -> {
                only(kind, indicator, given, field.dot("count"), given.count() != null && given.points() == null
                        && given.met() == null && given.numerator() == null && given.denominator() == null,
                     "is a count: give count");
                whole(indicator, given.count(), field.dot("count"));
                yield IndicatorValue.ofCount(given.count());
            }
        };
    }

    private static void only(IndicatorKind kind, Indicator indicator, IndicatorValue given, Field field,
                             boolean fits, String message) {
        if (!fits) {
            throw new DomainException(ErrorCode.SCORE_OUT_OF_RANGE, field, indicator.code() + " " + message
                    + (given.isEmpty() ? "; no value was given" : "") + " (" + kind + ")");
        }
    }

    private static void whole(Indicator indicator, BigDecimal number, Field field) {
        if (number.signum() < 0 || number.stripTrailingZeros().scale() > 0) {
            throw new DomainException(ErrorCode.SCORE_OUT_OF_RANGE, field, indicator.code() + " takes a whole number"
                    + " of 0 or more, not " + number.toPlainString());
        }
    }

    /** Checks all scores and answers indicator → value, in the order given. */
    public static Map<String, IndicatorValue> check(CriteriaFramework framework, List<Score> scores) {
        Map<String, IndicatorValue> values = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < scores.size(); i++) {
            Score score = scores.get(i);
            Field field = Field.of("scores").at(i);
            Indicator indicator = knownIndicator(framework, score.indicator(), field.dot("indicator"));
            if (!seen.add(score.indicator())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field.dot("indicator"),
                                          score.indicator() + " is scored twice");
            }
            values.put(indicator.code(), valueWithinRange(framework, indicator, score.value(), field));
        }
        return values;
    }

    /** A submitted assessment has a value for every indicator the framework requires at the level applied for. */
    public static void complete(CriteriaFramework framework, String level, Map<String, IndicatorValue> values) {
        List<String> missing = framework.requiredFor(level).stream().map(Indicator::code)
                                        .filter(code -> !values.containsKey(code)).toList();
        if (!missing.isEmpty()) {
            throw new DomainException(ErrorCode.INCOMPLETE_ASSESSMENT, "scores",
                                      "Indicators without a value: " + String.join(", ", missing));
        }
    }

    /** The level applied for is one of the framework's (all-met frameworks only). */
    public static void levelOfFramework(CriteriaFramework framework, String level) {
        boolean allMet = framework.decision() == CriteriaFramework.Decision.ALL_MET;
        if (level != null && (!allMet || !framework.levels().contains(level))) {
            throw new DomainException(ErrorCode.INVALID_LEVEL, "level", allMet
                    ? "Levels of " + framework.code() + " are " + framework.levels()
                    : framework.code() + " decides by points; it has no levels");
        }
    }

    /**
     * Applying at a higher level needs a recognition at the lower one at least {@code minMonths} before
     * {@code today}; {@code lowerLevelDecidedOn} is that recognition's date, if any.
     */
    public static void upgradeNotTooEarly(CriteriaFramework framework, String level, LocalDate lowerLevelDecidedOn,
                                          LocalDate today) {
        CriteriaFramework.Upgrade upgrade = framework.upgrade();
        if (upgrade == null || level == null || !level.equals(upgrade.toLevel())) {
            return;
        }
        if (lowerLevelDecidedOn == null || lowerLevelDecidedOn.plusMonths(upgrade.minMonths()).isAfter(today)) {
            throw new DomainException(ErrorCode.UPGRADE_TOO_EARLY, "level", "Applying for " + upgrade.toLevel()
                    + " needs a " + upgrade.fromLevel() + " recognition at least " + upgrade.minMonths()
                    + " months earlier" + (lowerLevelDecidedOn == null ? "; there is none" : " (it was on " + lowerLevelDecidedOn + ")"));
        }
    }
}
