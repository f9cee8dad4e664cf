package vn.xhht.ledger.domain.pcgd;

import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Indicator;
import vn.xhht.ledger.domain.framework.CriteriaFramework.IndicatorKind;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The universal-education and literacy standards (Nghị định 20/2014) applied to a commune's survey, and rolled up to a
 * district or province. Each level stands on its own indicators — ratios of the survey's figures against the
 * level's minimum (exactly: {@code numerator × 100 ≥ min × denominator}, no rounding; a missing or zero denominator is
 * no data, not met), the resource conditions, and the other standards (or lower levels) it names as prerequisites
 * in the same year — so a level that the regulation does not chain to the one below (XMC 2) is judged alone. The
 * result is the highest level reached.
 */
public final class Standards {

    public static final String NO_DATA = "NO_DATA";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One indicator checked at one level: the figures read, the share, the minimum applied, and the verdict. */
    public record Check(String level, String indicator, Long numerator, Long denominator, BigDecimal value,
                        BigDecimal min, boolean met) {
    }

    /** A standard applied to a survey: the highest level reached (or CHUA_DAT, NO_DATA) and every check. */
    public record Outcome(String framework, String result, List<String> reached, List<Check> checks) {
    }

    private Standards() {
    }

    /**
     * {@code reachedElsewhere}: the levels the other standards reach in the same year (for prerequisites such as
     * THCS 1's TH 1 and XMC 1); a standard not evaluated reaches none.
     */
    public static Outcome evaluate(CriteriaFramework standard, Survey survey,
                                   Function<String, Set<String>> reachedElsewhere) {
        List<Check> checks = new ArrayList<>();
        Set<String> reached = new LinkedHashSet<>();
        boolean anyData = false;
        for (String level : standard.levels()) {
            boolean met = true;
            for (Indicator indicator : standard.indicators()) {
                IndicatorKind kind = standard.kindOf(indicator);
                if (!indicator.hasTargetAt(level, standard.decision())) {
                    continue;
                }
                Check check = switch (kind) {
                    case RATIO -> ratio(level, indicator, survey);
                    case CONDITION -> new Check(level, indicator.code(), null, null, null, null,
                                                Boolean.TRUE.equals(survey.conditionsMet().get(standard.code())));
                    case PREREQUISITE -> {
                        Set<String> other = indicator.prerequisite().framework().equals(standard.code()) ? reached
                                : reachedElsewhere.apply(indicator.prerequisite().framework());
                        yield new Check(level, indicator.code(), null, null, null, null,
                                        other != null && other.contains(indicator.prerequisite().level()));
                    }
                    case COUNT, POINTS -> new Check(level, indicator.code(), null, null, null, null, false);
                };
                anyData |= kind == IndicatorKind.RATIO && check.value() != null;
                met &= check.met();
                checks.add(check);
            }
            if (met) {
                reached.add(level);
            }
        }
        String result = reached.isEmpty() ? (anyData ? CriteriaFramework.NOT_MET : NO_DATA)
                : standard.levels().stream().filter(reached::contains).reduce((a, b) -> b).orElseThrow();
        return new Outcome(standard.code(), result, List.copyOf(reached), checks);
    }

    /**
     * A standard applied to a survey together with the standards it stands on (its prerequisites, evaluated first,
     * each once), {@code frameworks} giving a standard by code.
     */
    public static Outcome evaluateWith(CriteriaFramework standard, Survey survey,
                                       Function<String, CriteriaFramework> frameworks) {
        return evaluateWith(standard, survey, frameworks, new java.util.HashMap<>(), 0);
    }

    private static Outcome evaluateWith(CriteriaFramework standard, Survey survey,
                                        Function<String, CriteriaFramework> frameworks,
                                        Map<String, Set<String>> reached, int depth) {
        if (depth < 8) {
            standard.indicators().stream()
                    .filter(i -> standard.kindOf(i) == IndicatorKind.PREREQUISITE)
                    .map(i -> i.prerequisite().framework())
                    .filter(code -> !code.equals(standard.code()) && !reached.containsKey(code))
                    .distinct()
                    .forEach(code -> reached.put(code, new LinkedHashSet<>(
                            evaluateWith(frameworks.apply(code), survey, frameworks, reached, depth + 1).reached())));
        }
        return evaluate(standard, survey, code -> reached.getOrDefault(code, Set.of()));
    }

    private static Check ratio(String level, Indicator indicator, Survey survey) {
        boolean dbkk = survey.dbkk();
        List<String> numeratorFields = dbkk && indicator.numeratorDbkk() != null ? indicator.numeratorDbkk() : indicator.numerator();
        String denominatorField = dbkk && indicator.denominatorDbkk() != null ? indicator.denominatorDbkk() : indicator.denominator();
        BigDecimal min = dbkk && indicator.minDbkk() != null && indicator.minDbkk().containsKey(level)
                ? indicator.minDbkk().get(level) : indicator.min().get(level);
        Long numerator = sum(survey.figures(), numeratorFields);
        Long denominator = denominatorField == null ? null : survey.figures().get(denominatorField);
        if (numerator == null || denominator == null || denominator <= 0) {
            return new Check(level, indicator.code(), numerator, denominator, null, min, false);
        }
        BigDecimal value = BigDecimal.valueOf(numerator).multiply(HUNDRED)
                                     .divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL64);
        boolean met = BigDecimal.valueOf(numerator).multiply(HUNDRED).compareTo(min.multiply(BigDecimal.valueOf(denominator))) >= 0;
        return new Check(level, indicator.code(), numerator, denominator, value, min, met);
    }

    private static Long sum(Map<String, Long> figures, List<String> fields) {
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        long total = 0;
        for (String field : fields) {
            Long figure = figures.get(field);
            if (figure == null) {
                return null;
            }
            total += figure;
        }
        return total;
    }

    /**
     * The children a unit's levels are counted over: a district's communes; a province's districts, or its communes
     * where it has no district (after the 2025 reform; provisional, DOMAIN-2 §1.2).
     */
    public static vn.xhht.ledger.domain.unit.UnitKind countedChildren(vn.xhht.ledger.domain.unit.UnitKind unit,
                                                                       java.util.Collection<vn.xhht.ledger.domain.unit.UnitKind> childKinds) {
        return unit == vn.xhht.ledger.domain.unit.UnitKind.PROVINCE
                && childKinds.contains(vn.xhht.ledger.domain.unit.UnitKind.DISTRICT)
                ? vn.xhht.ledger.domain.unit.UnitKind.DISTRICT : vn.xhht.ledger.domain.unit.UnitKind.COMMUNE;
    }

    /** The highest of a standard's levels among those held; null when none. */
    public static String highest(CriteriaFramework standard, java.util.Collection<String> held) {
        return standard.levels().stream().filter(held::contains).reduce((a, b) -> b).orElse(null);
    }

    /**
     * A district's or province's levels of a standard from its children: for each level, how many of them are
     * recognised that year at that level or higher ({@code childLevels}: each child's highest level held, null for
     * none) against the document's share for {@code unitKind}. No children: no data.
     */
    public static Outcome rollUp(CriteriaFramework standard, String unitKind, List<String> childLevels) {
        List<String> levels = standard.levels();
        List<Check> checks = new ArrayList<>();
        Set<String> reached = new LinkedHashSet<>();
        long total = childLevels.size();
        for (int i = 0; i < levels.size(); i++) {
            int rank = i;
            long recognised = childLevels.stream().filter(l -> l != null && levels.indexOf(l) >= rank).count();
            Map<String, BigDecimal> shares = standard.rollup() == null ? null : standard.rollup().get(levels.get(i));
            BigDecimal share = shares == null ? null : shares.get(unitKind);
            boolean met = rollsUp(standard, levels.get(i), unitKind, recognised, total);
            checks.add(new Check(levels.get(i), "ROLLUP", recognised, total, total == 0 ? null
                    : BigDecimal.valueOf(recognised).multiply(HUNDRED).divide(BigDecimal.valueOf(total), MathContext.DECIMAL64),
                                 share, met));
            if (met) {
                reached.add(levels.get(i));
            }
        }
        String result = total == 0 ? NO_DATA : reached.isEmpty() ? CriteriaFramework.NOT_MET
                : levels.stream().filter(reached::contains).reduce((a, b) -> b).orElseThrow();
        return new Outcome(standard.code(), result, List.copyOf(reached), checks);
    }

    /**
     * Whether a district or province reaches a level of a standard from its children (communes of a district,
     * districts of a province — or, after the 2025 reform, communes of a province where the document says so): at
     * least the document's share of them recognised that year at that level or higher, compared exactly. A level
     * without a roll-up rule for that kind of unit is not reached.
     */
    public static boolean rollsUp(CriteriaFramework standard, String level, String unitKind, long recognised, long children) {
        Map<String, BigDecimal> shares = standard.rollup() == null ? null : standard.rollup().get(level);
        BigDecimal share = shares == null ? null : shares.get(unitKind);
        if (share == null || children <= 0) {
            return false;
        }
        return BigDecimal.valueOf(recognised).multiply(HUNDRED).compareTo(share.multiply(BigDecimal.valueOf(children))) >= 0;
    }
}
