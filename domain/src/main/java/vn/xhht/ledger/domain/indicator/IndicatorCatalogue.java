package vn.xhht.ledger.domain.indicator;

import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The indicator catalogue (DOMAIN.md §5 and §8), as kept in the repository's {@code indicators/} file and published
 * as an event: each indicator's code, names, and what its numerator and denominator count. The figures behind the
 * indicators are kept per {@linkplain Quantity#key quantity}, so a catalogue change applies to every figure already
 * recorded without replaying anything.
 */
public record IndicatorCatalogue(String code, Integer version, String title, List<IndicatorDefinition> indicators,
                                 boolean provisional, String notes) {

    /** The one catalogue the service keeps: new contents are new versions of it. */
    public static final String THE_CATALOGUE = "XHHT-INDICATORS";

    /** The baselines a unit may give (DOMAIN.md §8): the denominators of the title indicators. */
    public static final Set<String> BASELINES = Set.of("households", "clans", "villages", "organisations", "citizens",
                                                       "workingAgePeople");

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern CATALOGUE_CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,63}");

    public record Names(String vi, String en) {
    }

    /** How an indicator rolls up; the only rule the programme allows is Σ numerators / Σ denominators. */
    public enum RollUp { RATIO_OF_SUMS }

    public record IndicatorDefinition(String code, Names name, Quantity numerator, Quantity denominator,
                                      RollUp rollUp, String notes) {
    }

    /**
     * What one side of a ratio counts.
     * <ul>
     * <li>{@code TITLE_HOLDERS}: holders of a valid {@code title} in the subtree — counts of recognition batches
     * plus units holding it by individual recognition (each unit once); with a {@code level} (universal-education
     * titles, with the {@code unitKind} counted), the units of that kind holding it at that level or higher
     * ({@code MUC_DO_2} counts for {@code MUC_DO_1});</li>
     * <li>{@code BASELINE}: the baseline named {@code baseline}; a unit's own baseline replaces its children's sum;</li>
     * <li>{@code UNIT_COUNT}: units of {@code unitKind} in the subtree as it stood at the period's end;</li>
     * <li>{@code REPORTED}: the reported (survey) value of the indicator; a unit's own report replaces its
     * children's sum.</li>
     * </ul>
     */
    public record Quantity(Kind kind, Title title, String level, String baseline, UnitKind unitKind, Names description) {

        public enum Kind { TITLE_HOLDERS, BASELINE, UNIT_COUNT, REPORTED }

        /** The name under which the figures keep this quantity. */
        public String key(String indicator, boolean numerator) {
            return switch (kind) {
                case TITLE_HOLDERS -> level == null ? titleKey(title) : titleLevelKey(title.name(), level, unitKind);
                case BASELINE -> baselineKey(baseline);
                case UNIT_COUNT -> unitCountKey(unitKind);
                case REPORTED -> numerator ? reportedNumeratorKey(indicator) : reportedDenominatorKey(indicator);
            };
        }
    }

    public static String titleKey(Title title) {
        return "T_" + title;
    }

    /** The units of a kind holding {@code title} at {@code level} or higher. */
    public static String titleLevelKey(String title, String level, UnitKind kind) {
        return "T_" + levelHeld(title, level, kind);
    }

    /** What a unit of {@code kind} recognised with {@code title} at {@code level} (or higher) holds, by that name. */
    public static String levelHeld(String title, String level, UnitKind kind) {
        return title + "@" + level + "#" + kind;
    }

    /**
     * The levels a recognition at {@code level} counts for: {@code MUC_DO_n} for every level from 1 to n (a higher level
     * includes the lower ones), any other level (MN5's {@code DAT}) for itself.
     */
    public static List<String> levelsReachedBy(String level) {
        java.util.regex.Matcher numbered = NUMBERED_LEVEL.matcher(level);
        if (!numbered.matches()) {
            return List.of(level);
        }
        List<String> levels = new ArrayList<>();
        for (int n = 1; n <= Integer.parseInt(numbered.group(1)); n++) {
            levels.add("MUC_DO_" + n);
        }
        return levels;
    }

    private static final Pattern NUMBERED_LEVEL = Pattern.compile("MUC_DO_([1-9])");

    public static String baselineKey(String baseline) {
        return "B_" + baseline;
    }

    public static String unitCountKey(UnitKind kind) {
        return "U_" + kind;
    }

    public static String reportedNumeratorKey(String indicator) {
        return "RN_" + indicator;
    }

    public static String reportedDenominatorKey(String indicator) {
        return "RD_" + indicator;
    }

    /**
     * Whether a quantity is summed over the subtree (title holders, unit counts) or given at a unit in place of its
     * children's sum (baselines, reported values).
     */
    public static boolean isAdditive(String key) {
        return key.startsWith("T_") || key.startsWith("U_");
    }

    public List<IndicatorDefinition> indicators() {
        return indicators == null ? List.of() : indicators;
    }

    /** The document's problems; empty when it can be published. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (code == null || !CATALOGUE_CODE.matcher(code).matches()) {
            problems.add(new Problem("code", "A code of capitals, digits, '.', '_' or '-' is required"));
        } else if (!THE_CATALOGUE.equals(code)) {
            problems.add(new Problem("code", "The service keeps one catalogue, " + THE_CATALOGUE + ": publish a new version of it"));
        }
        if (version != null && version < 1) {
            problems.add(new Problem("version", "A version is a positive number"));
        }
        if (title == null || title.isBlank()) {
            problems.add(new Problem("title", "Required"));
        }
        if (indicators().isEmpty()) {
            problems.add(new Problem("indicators", "At least one indicator is required"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < indicators().size(); i++) {
            IndicatorDefinition d = indicators().get(i);
            Field at = Field.of("indicators").at(i);
            if (d == null) {
                problems.add(new Problem(at, "Required"));
                continue;
            }
            if (d.code() == null || !CODE.matcher(d.code()).matches()) {
                problems.add(new Problem(at.dot("code"), "A code of capitals, digits and '_' such as HOUSEHOLDS_TITLED"));
            } else if (!seen.add(d.code())) {
                problems.add(new Problem(at.dot("code"), d.code() + " is defined twice"));
            }
            if (d.name() == null || blank(d.name().vi()) || blank(d.name().en())) {
                problems.add(new Problem(at.dot("name"), "Both a Vietnamese (vi) and an English (en) name are required"));
            }
            if (d.rollUp() == null) {
                problems.add(new Problem(at.dot("rollUp"), "Required (RATIO_OF_SUMS)"));
            }
            quantity(problems, at.dot("numerator"), d.numerator(), true);
            quantity(problems, at.dot("denominator"), d.denominator(), false);
            boolean reportedNumerator = d.numerator() != null && d.numerator().kind() == Quantity.Kind.REPORTED;
            boolean reportedDenominator = d.denominator() != null && d.denominator().kind() == Quantity.Kind.REPORTED;
            if (reportedNumerator != reportedDenominator) {
                problems.add(new Problem(at.dot("denominator"), "A reported indicator reports both sides of its ratio"));
            }
        }
        return problems;
    }

    private static void quantity(List<Problem> problems, Field at, Quantity q, boolean numerator) {
        if (q == null || q.kind() == null) {
            problems.add(new Problem(at.dot("kind"), "Required (TITLE_HOLDERS, BASELINE, UNIT_COUNT or REPORTED)"));
            return;
        }
        switch (q.kind()) {
            case TITLE_HOLDERS -> {
                if (q.title() == null) {
                    problems.add(new Problem(at.dot("title"), "The title whose holders are counted"));
                } else if (q.level() != null && !q.title().universalEducation()) {
                    problems.add(new Problem(at.dot("level"), "Holders are counted by level for universal-education "
                            + "titles (XMC, PCGD_MN5, PCGD_TH, PCGD_THCS)"));
                } else if (q.level() != null && q.unitKind() == null) {
                    problems.add(new Problem(at.dot("unitKind"), "The kind of unit whose levels are counted"));
                }
            }
            case BASELINE -> {
                if (numerator) {
                    problems.add(new Problem(at.dot("kind"), "A baseline is a denominator"));
                } else if (q.baseline() == null || !BASELINES.contains(q.baseline())) {
                    problems.add(new Problem(at.dot("baseline"), "One of " + new java.util.TreeSet<>(BASELINES)));
                }
            }
            case UNIT_COUNT -> {
                if (q.unitKind() == null) {
                    problems.add(new Problem(at.dot("unitKind"), "The kind of unit counted"));
                }
            }
            case REPORTED -> {
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
