package vn.xhht.ledger.domain.framework;

import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A criteria framework version, as kept in the repository's {@code frameworks/} files and published as an event.
 * Regulations change; this document is data, and an assessment always names the exact version it was made under.
 *
 * @param decision         {@link Decision#POINTS} (total against thresholds) or {@link Decision#ALL_MET}
 *                         (a level is reached when every indicator of that level is met)
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
                                List<Authority> authorities, boolean provisional, String notes) {

    public enum Decision { POINTS, ALL_MET }

    public record Criterion(String code, String name, List<Indicator> indicators) {
    }

    /** An indicator: {@code maxPoints} for POINTS frameworks; {@code levels} it applies to for ALL_MET ones. */
    public record Indicator(String code, String name, BigDecimal maxPoints, List<String> levels) {
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
    public record Problem(String field, String message) {

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

    public Optional<Indicator> indicator(String indicatorCode) {
        return indicators().stream().filter(i -> i.code().equals(indicatorCode)).findFirst();
    }

    /** Indicators an assessment must score: all of them for POINTS, those of levels up to {@code level} for ALL_MET. */
    public List<Indicator> requiredFor(String level) {
        if (decision == Decision.POINTS) {
            return indicators();
        }
        int upTo = level == null ? levels.size() - 1 : levels.indexOf(level);
        Set<String> wanted = new HashSet<>(levels.subList(0, Math.max(0, upTo) + 1));
        return indicators().stream().filter(i -> i.levels().stream().anyMatch(wanted::contains)).toList();
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
        if (authorities != null) {
            for (int i = 0; i < authorities.size(); i++) {
                Authority authority = authorities.get(i);
                if (authority == null || authority.unitLevel() == null || authority.authority() == null) {
                    problems.add(new Problem("authorities[" + i + "]", "unitLevel and authority are required"));
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
                problems.add(new Problem("thresholds[" + i + "]", "result and minPoints are required"));
            } else if (i > 0 && thresholds.get(i - 1) != null && thresholds.get(i - 1).minPoints() != null
                    && threshold.minPoints().compareTo(thresholds.get(i - 1).minPoints()) >= 0) {
                problems.add(new Problem("thresholds[" + i + "].minPoints", "Thresholds go from the highest down"));
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
            String at = "criteria[" + c + "]";
            if (criterion == null || criterion.code() == null || criterion.name() == null) {
                problems.add(new Problem(at, "code and name are required"));
                continue;
            }
            if (criterion.indicators() == null || criterion.indicators().isEmpty()) {
                problems.add(new Problem(at + ".indicators", "At least one indicator is required"));
                continue;
            }
            for (int i = 0; i < criterion.indicators().size(); i++) {
                Indicator indicator = criterion.indicators().get(i);
                String field = at + ".indicators[" + i + "]";
                if (indicator == null || indicator.code() == null || indicator.name() == null) {
                    problems.add(new Problem(field, "code and name are required"));
                    continue;
                }
                if (!codes.add(indicator.code())) {
                    problems.add(new Problem(field + ".code", "Indicator " + indicator.code() + " appears twice"));
                }
                if (decision == Decision.POINTS
                        && (indicator.maxPoints() == null || indicator.maxPoints().signum() <= 0)) {
                    problems.add(new Problem(field + ".maxPoints", "A POINTS indicator needs positive maxPoints"));
                }
                if (decision == Decision.ALL_MET) {
                    if (indicator.maxPoints() != null) {
                        problems.add(new Problem(field + ".maxPoints", "An ALL_MET indicator has no points"));
                    }
                    if (indicator.levels() == null || indicator.levels().isEmpty()
                            || (levels != null && !levels.containsAll(indicator.levels()))) {
                        problems.add(new Problem(field + ".levels", "Name the framework levels this indicator applies to"));
                    }
                }
            }
        }
    }

    private static void blank(List<Problem> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(field, "Required"));
        }
    }
}
