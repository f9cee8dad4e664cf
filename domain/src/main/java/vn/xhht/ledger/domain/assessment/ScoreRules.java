package vn.xhht.ledger.domain.assessment;

import vn.xhht.ledger.domain.assessment.AssessmentMessages.Score;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Indicator;

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
    public static Indicator knownIndicator(CriteriaFramework framework, String indicator, String field) {
        return framework.indicator(indicator).orElseThrow(() -> new DomainException(
                ErrorCode.UNKNOWN_INDICATOR, field, "Indicator " + indicator + " is not part of "
                                                   + framework.code() + " version " + framework.version()));
    }

    /** Points lie in 0..maxPoints on a points indicator; an all-met indicator takes true or false, never points. */
    public static Object valueWithinRange(CriteriaFramework framework, Indicator indicator, BigDecimal points,
                                          Boolean met, String field) {
        if (framework.decision() == CriteriaFramework.Decision.POINTS) {
            if (met != null || points == null) {
                throw new DomainException(ErrorCode.SCORE_OUT_OF_RANGE, field,
                                          indicator.code() + " is scored in points (0.." + indicator.maxPoints() + ")");
            }
            if (points.signum() < 0 || points.compareTo(indicator.maxPoints()) > 0) {
                throw new DomainException(ErrorCode.SCORE_OUT_OF_RANGE, field, indicator.code() + " takes 0.."
                                                                               + indicator.maxPoints() + " points, not " + points.toPlainString());
            }
            return points;
        }
        if (points != null || met == null) {
            throw new DomainException(ErrorCode.SCORE_OUT_OF_RANGE, field,
                                      indicator.code() + " is met or not met (true/false), not scored in points");
        }
        return met;
    }

    /** Checks all scores and answers indicator → value (points or met), in the order given. */
    public static Map<String, Object> check(CriteriaFramework framework, List<Score> scores) {
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < scores.size(); i++) {
            Score score = scores.get(i);
            String field = "scores[" + i + "]";
            Indicator indicator = knownIndicator(framework, score.indicator(), field + ".indicator");
            if (!seen.add(score.indicator())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field + ".indicator",
                                          score.indicator() + " is scored twice");
            }
            values.put(indicator.code(), valueWithinRange(framework, indicator, score.points(), score.met(),
                                                          field + (framework.decision() == CriteriaFramework.Decision.POINTS ? ".points" : ".met")));
        }
        return values;
    }

    /** A submitted assessment has a value for every indicator the framework requires at the level applied for. */
    public static void complete(CriteriaFramework framework, String level, Map<String, Object> values) {
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
