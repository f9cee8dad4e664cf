package vn.xhht.ledger.domain.framework;

import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A criteria framework version, as kept in the repository's {@code frameworks/} files and published as an event.
 * Regulations change; this document is data, and an assessment always names the exact version it was made under.
 *
 * @param decision         {@link Decision#POINTS} (total against thresholds) or {@link Decision#ALL_MET}
 *                         (a level is reached when every indicator meets that level's target and every lower
 *                         level's)
 * @param thresholds       for POINTS: results with their minimum total, checked from the highest
 * @param levels           for ALL_MET: the levels in increasing order (MUC_DO_1, MUC_DO_2)
 * @param validityYears    a title recognized in year R stays valid through 31 Dec of R + validityYears
 * @param upgrade          the rule for applying at a higher level, if any
 * @param filingDeadline   the dossier is due on this day of the year after the assessment year
 * @param authorities      who recognizes the title, per unit level and effective dates
 * @param provisional      the wording or figures are not confirmed against the regulation text
 */
public record CriteriaFramework(String code, Integer version, String title, String subjectTitle, String regulation,
                                String replaces, LocalDate effectiveFrom, LocalDate effectiveTo, Decision decision,
                                List<Criterion> criteria, List<Threshold> thresholds, List<String> levels,
                                Integer validityYears, Upgrade upgrade, MonthDay filingDeadline,
                                List<Authority> authorities, boolean provisional, String notes,
                                Map<String, Map<String, BigDecimal>> rollup) {

    /** A document without roll-up rules (every framework but the universal-education standards). */
    public CriteriaFramework(String code, Integer version, String title, String subjectTitle, String regulation,
                             String replaces, LocalDate effectiveFrom, LocalDate effectiveTo, Decision decision,
                             List<Criterion> criteria, List<Threshold> thresholds, List<String> levels,
                             Integer validityYears, Upgrade upgrade, MonthDay filingDeadline,
                             List<Authority> authorities, boolean provisional, String notes) {
        this(code, version, title, subjectTitle, regulation, replaces, effectiveFrom, effectiveTo, decision, criteria,
             thresholds, levels, validityYears, upgrade, filingDeadline, authorities, provisional, notes, null);
    }

    public enum Decision { POINTS, ALL_MET }

    /**
     * What an indicator's value is and how it is judged: {@code POINTS} up to a cap (points frameworks);
     * {@code CONDITION} met or not, at the levels it names; {@code RATIO} numerator over denominator against a
     * minimum percentage per level; {@code COUNT} a whole number against a minimum per level.
     */
    public enum IndicatorKind { POINTS, CONDITION, RATIO, COUNT, PREREQUISITE }

    /** Another standard that must be reached, at a level, in the same year (ND 20/2014: "bảo đảm tiêu chuẩn …"). */
    public record Prerequisite(String framework, String level) {
    }

    public record Criterion(String code, String name, List<Indicator> indicators) {
    }

    /**
     * An indicator. {@code kind} may be left out: it is then POINTS in a points framework and CONDITION in an all-met
     * one (the only kinds documents had before per-level targets). {@code maxPoints}: the cap of a POINTS
     * indicator. {@code levels}: the levels a CONDITION must be met at. {@code min}: per level, the target of a
     * RATIO (a percentage, compared exactly: {@code numerator × 100 ≥ min × denominator}) or of a COUNT.
     */
    public record Indicator(String code, String name, BigDecimal maxPoints, List<String> levels, IndicatorKind kind,
                            Map<String, BigDecimal> min, List<String> numerator, String denominator,
                            List<String> numeratorDbkk, String denominatorDbkk, Map<String, BigDecimal> minDbkk,
                            Prerequisite prerequisite, String condition) {

        public Indicator(String code, String name, BigDecimal maxPoints, List<String> levels) {
            this(code, name, maxPoints, levels, null, null);
        }

        /**
         * An assessment's indicator (its values are scored). A survey's indicator also names the figures it is read
         * from: {@code numerator} (summed) over {@code denominator}; for an especially difficult commune (ĐBKK) the
         * cohort may differ ({@code numeratorDbkk}, {@code denominatorDbkk}) or the minimum ({@code minDbkk}); a
         * PREREQUISITE names another standard's level ({@code prerequisite}) at the {@code levels} it applies to; a
         * CONDITION read from the survey names it ({@code condition}: {@code conditionsMet}).
         */
        public Indicator(String code, String name, BigDecimal maxPoints, List<String> levels, IndicatorKind kind,
                         Map<String, BigDecimal> min) {
            this(code, name, maxPoints, levels, kind, min, null, null, null, null, null, null, null);
        }

        Indicator withKind(IndicatorKind named) {
            return new Indicator(code, name, maxPoints, levels, named, min, numerator, denominator, numeratorDbkk,
                                 denominatorDbkk, minDbkk, prerequisite, condition);
        }

        /** The kind, with the default of documents that leave it out. */
        public IndicatorKind kindUnder(Decision decision) {
            if (kind != null) {
                return kind;
            }
            return decision == Decision.POINTS ? IndicatorKind.POINTS : IndicatorKind.CONDITION;
        }

        /** Whether a level's result depends on this indicator (an all-met framework's). */
        public boolean hasTargetAt(String level, Decision decision) {
            return switch (kindUnder(decision)) {
                case POINTS -> false;
                case CONDITION, PREREQUISITE -> levels != null && levels.contains(level);
                case RATIO, COUNT -> min != null && min.containsKey(level);
            };
        }
    }

    public record Threshold(String result, BigDecimal minPoints) {
    }

    /** Applying at {@code toLevel} needs a {@code fromLevel} recognition at least {@code minMonths} earlier. */
    public record Upgrade(String fromLevel, String toLevel, int minMonths) {
    }

    /** Who decides recognition for subjects at a unit level, in force from/to (inclusive) dates. */
    public record Authority(String unitLevel, String authority, LocalDate from, LocalDate to) {
    }

    /** One problem with a document, naming the field at fault. */
    public record Problem(Field field, String message) {

        /** A problem with a property of the document ({@code effectiveFrom}, {@code upgrade}). */
        public Problem(String property, String message) {
            this(Field.of(property), message);
        }

        /** Refuses a document with problems: VALIDATION_FAILED naming each field at fault. */
        public static void refuseAny(List<Problem> problems, String message) {
            if (!problems.isEmpty()) {
                throw new DomainException(
                        ErrorCode.VALIDATION_FAILED, message,
                        problems.stream().map(p -> new DomainException.FieldProblem(p.field(), p.message()))
                                .toList());
            }
        }
    }

    public static final String NOT_MET = "CHUA_DAT";
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,63}");

    public List<Indicator> indicators() {
        List<Indicator> all = new ArrayList<>();
        if (criteria != null) {
            criteria.forEach(criterion -> all.addAll(criterion.indicators()));
        }
        return all;
    }

    /**
     * The document as published in {@code version}: every indicator names its kind (the default of documents that
     * leave it out), so that readers of the published version need no default of their own.
     */
    public CriteriaFramework published(int version) {
        List<Criterion> named = criteria == null ? null : criteria.stream().map(criterion -> new Criterion(
                criterion.code(), criterion.name(), criterion.indicators() == null ? null : criterion.indicators().stream()
                        .map(i -> i.withKind(i.kindUnder(decision)))
                        .toList())).toList();
        return new CriteriaFramework(code, version, title, subjectTitle, regulation, replaces, effectiveFrom, effectiveTo,
                                     decision, named, thresholds, levels, validityYears, upgrade, filingDeadline,
                                     authorities, provisional, notes, rollup);
    }

    /**
     * A standard read from a commune's survey (universal education and literacy): its indicators name survey figures
     * or other standards, and it rolls up to districts and provinces. It is not assessed by a self-assessment.
     */
    public boolean surveyStandard() {
        return rollup != null || indicators().stream().anyMatch(i -> i.numerator() != null || i.prerequisite() != null);
    }

    public IndicatorKind kindOf(Indicator indicator) {
        return indicator.kindUnder(decision);
    }

    public Optional<Indicator> indicator(String indicatorCode) {
        return indicators().stream().filter(i -> i.code().equals(indicatorCode)).findFirst();
    }

    /** Indicators an assessment must score: all of them for POINTS, those of levels up to {@code level} for ALL_MET. */
    public List<Indicator> requiredFor(String level) {
        if (decision == Decision.POINTS) {
            return indicators();
        }
        int upTo = level == null ? levels.size() - 1 : levels.indexOf(level);
        List<String> wanted = levels.subList(0, Math.max(0, upTo) + 1);
        return indicators().stream().filter(i -> wanted.stream().anyMatch(l -> i.hasTargetAt(l, decision))).toList();
    }

    /** The document's problems; empty when it can be published. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (code == null || !CODE.matcher(code).matches()) {
            problems.add(new Problem("code", "A code of capitals, digits, '.', '_' or '-' is required"));
        }
        if (version != null && version < 1) {
            problems.add(new Problem("version", "A version is a positive number"));
        }
        blank(problems, "title", title);
        blank(problems, "regulation", regulation);
        if (effectiveFrom == null) {
            problems.add(new Problem("effectiveFrom", "Required"));
        } else if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            problems.add(new Problem("effectiveTo", "Ends before effectiveFrom"));
        }
        if (decision == null) {
            problems.add(new Problem("decision", "POINTS or ALL_MET is required"));
        }
        if (validityYears == null || validityYears < 0) {
            problems.add(new Problem("validityYears", "Required, 0 or more"));
        }
        if (filingDeadline == null) {
            problems.add(new Problem("filingDeadline", "Required, as --MM-DD of the year after the assessment year"));
        }
        if (decision == Decision.ALL_MET && (levels == null || levels.isEmpty())) {
            problems.add(new Problem("levels", "An ALL_MET framework lists its levels"));
        }
        if (decision == Decision.POINTS) {
            checkThresholds(problems);
        }
        checkCriteria(problems);
        if (upgrade != null && levels != null
                && (!levels.contains(upgrade.fromLevel()) || !levels.contains(upgrade.toLevel()))) {
            problems.add(new Problem("upgrade", "fromLevel and toLevel must be levels of the framework"));
        }
        if (rollup != null) {
            rollup.forEach((level, shares) -> {
                if (levels == null || !levels.contains(level)) {
                    problems.add(new Problem(Field.of("rollup").key(level), "Roll-up rules name levels of the framework"));
                } else if (shares != null) {
                    shares.forEach((unitKind, share) -> {
                        if (share == null || share.signum() < 0 || share.compareTo(HUNDRED) > 0) {
                            problems.add(new Problem(Field.of("rollup").key(level).key(String.valueOf(unitKind)), "A share is a percentage, 0..100"));
                        }
                    });
                }
            });
        }
        if (authorities != null) {
            for (int i = 0; i < authorities.size(); i++) {
                Authority authority = authorities.get(i);
                if (authority == null || authority.unitLevel() == null || authority.authority() == null) {
                    problems.add(new Problem(Field.of("authorities").at(i), "unitLevel and authority are required"));
                }
            }
        }
        return problems;
    }

    private void checkThresholds(List<Problem> problems) {
        if (thresholds == null || thresholds.isEmpty()) {
            problems.add(new Problem("thresholds", "A POINTS framework lists its thresholds"));
            return;
        }
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold threshold = thresholds.get(i);
            if (threshold == null || threshold.result() == null || threshold.minPoints() == null) {
                problems.add(new Problem(Field.of("thresholds").at(i), "result and minPoints are required"));
            } else if (i > 0 && thresholds.get(i - 1) != null && thresholds.get(i - 1).minPoints() != null
                    && threshold.minPoints().compareTo(thresholds.get(i - 1).minPoints()) >= 0) {
                problems.add(new Problem(Field.of("thresholds").at(i).dot("minPoints"), "Thresholds go from the highest down"));
            }
        }
    }

    private void checkCriteria(List<Problem> problems) {
        if (criteria == null || criteria.isEmpty()) {
            problems.add(new Problem("criteria", "At least one criterion is required"));
            return;
        }
        Set<String> codes = new HashSet<>();
        for (int c = 0; c < criteria.size(); c++) {
            Criterion criterion = criteria.get(c);
            Field at = Field.of("criteria").at(c);
            if (criterion == null || criterion.code() == null || criterion.name() == null) {
                problems.add(new Problem(at, "code and name are required"));
                continue;
            }
            if (criterion.indicators() == null || criterion.indicators().isEmpty()) {
                problems.add(new Problem(at.dot("indicators"), "At least one indicator is required"));
                continue;
            }
            for (int i = 0; i < criterion.indicators().size(); i++) {
                Indicator indicator = criterion.indicators().get(i);
                Field field = at.dot("indicators").at(i);
                if (indicator == null || indicator.code() == null || indicator.name() == null) {
                    problems.add(new Problem(field, "code and name are required"));
                    continue;
                }
                if (!codes.add(indicator.code())) {
                    problems.add(new Problem(field.dot("code"), "Indicator " + indicator.code() + " appears twice"));
                }
                if (decision != null) {
                    checkIndicator(problems, field, indicator);
                }
            }
        }
    }

    private void checkIndicator(List<Problem> problems, Field field, Indicator indicator) {
        IndicatorKind kind = indicator.kindUnder(decision);
        if ((decision == Decision.POINTS) != (kind == IndicatorKind.POINTS)) {
            problems.add(new Problem(field.dot("kind"), decision == Decision.POINTS
                    ? "A POINTS framework's indicators are scored in points"
                    : "An ALL_MET framework's indicators are CONDITION, RATIO or COUNT"));
            return;
        }
        switch (kind) {
            case POINTS -> {
                if (indicator.maxPoints() == null || indicator.maxPoints().signum() <= 0) {
                    problems.add(new Problem(field.dot("maxPoints"), "A POINTS indicator needs positive maxPoints"));
                }
                noTargets(problems, field, indicator);
            }
            case CONDITION -> {
                if (indicator.maxPoints() != null) {
                    problems.add(new Problem(field.dot("maxPoints"), "An ALL_MET indicator has no points"));
                }
                if (indicator.min() != null) {
                    problems.add(new Problem(field.dot("min"), "A CONDITION is met or not: it has no minimum"));
                }
                if (indicator.levels() == null || indicator.levels().isEmpty()
                        || (levels != null && !levels.containsAll(indicator.levels()))) {
                    problems.add(new Problem(field.dot("levels"), "Name the framework levels this indicator applies to"));
                }
            }
            case RATIO, COUNT -> {
                if (indicator.maxPoints() != null) {
                    problems.add(new Problem(field.dot("maxPoints"), "An ALL_MET indicator has no points"));
                }
                if (indicator.levels() != null) {
                    problems.add(new Problem(field.dot("levels"), "A " + kind + " names its levels by its min targets"));
                }
                checkTargets(problems, field.dot("min"), kind, indicator.min());
                if (indicator.minDbkk() != null) {
                    checkTargets(problems, field.dot("minDbkk"), kind, indicator.minDbkk());
                }
                if ((indicator.numerator() == null) != (indicator.denominator() == null)) {
                    problems.add(new Problem(field.dot("denominator"), "A survey's ratio names both its numerator and its denominator"));
                }
            }
            case PREREQUISITE -> {
                if (indicator.prerequisite() == null || indicator.prerequisite().framework() == null
                        || indicator.prerequisite().level() == null) {
                    problems.add(new Problem(field.dot("prerequisite"), "Name the framework and level that must be reached"));
                }
                if (indicator.levels() == null || indicator.levels().isEmpty()
                        || (levels != null && !levels.containsAll(indicator.levels()))) {
                    problems.add(new Problem(field.dot("levels"), "Name the framework levels this prerequisite applies to"));
                }
            }
        }
    }

    private void noTargets(List<Problem> problems, Field field, Indicator indicator) {
        if (indicator.min() != null || indicator.levels() != null) {
            problems.add(new Problem(field.dot("min"), "A POINTS indicator has a cap, not per-level targets"));
        }
    }

    /** Targets name levels of the framework, are within range, and do not fall as the level rises. */
    private void checkTargets(List<Problem> problems, Field field, IndicatorKind kind, Map<String, BigDecimal> min) {
        if (min == null || min.isEmpty()) {
            problems.add(new Problem(field, "A " + kind + " indicator sets a minimum for at least one level"));
            return;
        }
        BigDecimal previous = null;
        for (String level : levels == null ? List.<String>of() : levels) {
            BigDecimal target = min.get(level);
            if (target == null) {
                continue;
            }
            if (target.signum() < 0 || (kind == IndicatorKind.RATIO && target.compareTo(HUNDRED) > 0)) {
                problems.add(new Problem(field.key(level), kind == IndicatorKind.RATIO
                        ? "A ratio's minimum is a percentage, 0..100" : "A count's minimum is 0 or more"));
            } else if (previous != null && target.compareTo(previous) < 0) {
                problems.add(new Problem(field.key(level), "A higher level's target is not below a lower level's"));
            }
            previous = target;
        }
        for (String level : min.keySet()) {
            if (levels != null && !levels.contains(level)) {
                problems.add(new Problem(field.key(level), level + " is not a level of the framework " + levels));
            }
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private static void blank(List<Problem> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(field, "Required"));
        }
    }
}
