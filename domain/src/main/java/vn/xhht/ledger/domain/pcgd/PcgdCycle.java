package vn.xhht.ledger.domain.pcgd;

import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The yearly cycle of universal education and literacy (DOMAIN-2 §1.2) as kept in the repository's {@code pcgd/} file
 * and published as an event: the reference date of each level's figures (commune 30/9, district 5/10, province 10/10:
 * a commune's survey is locked at the end of its day) and who recognises whom from which day — the 2025 reform moved
 * the commune's recognition from the district to the province and let the province recognise itself at some levels.
 */
public record PcgdCycle(String code, Integer version, String title, String regulation, boolean provisional,
                        Map<UnitKind, MonthDay> referenceDates, List<Recogniser> recognisers, String notes) {

    /** Recognition outside the service's hierarchy (the Ministry of Education and Training). */
    public static final String MINISTRY = "MINISTRY";

    /**
     * From {@code from}, a {@code subject}'s levels are recognised by the nearest unit of kind {@code by} above it (or
     * by the Ministry), for the titles and levels listed in {@code only} (none listed: every title and level).
     */
    public record Recogniser(LocalDate from, UnitKind subject, String by, String authority, Map<String, List<String>> only) {
        public Map<String, List<String>> only() {
            return only == null ? Map.of() : only;
        }

        boolean covers(String title, String level) {
            return only().isEmpty() || only().getOrDefault(title, List.of()).contains(level);
        }
    }

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,63}");

    public List<Recogniser> recognisers() {
        return recognisers == null ? List.of() : recognisers;
    }

    public Map<UnitKind, MonthDay> referenceDates() {
        return referenceDates == null ? Map.of() : referenceDates;
    }

    /** The reference date of a level's figures for a data year (the end of the data year 1/10 (Y−1)–30/9 (Y) and after). */
    public Optional<LocalDate> referenceDate(UnitKind kind, int year) {
        return Optional.ofNullable(referenceDates().get(kind)).map(day -> day.atYear(year));
    }

    /**
     * Who recognises a subject's level on a day: of the rules in force then for the subject's kind, the latest that
     * covers the title and level (a rule naming its titles wins over a general one from the same day).
     */
    public Optional<Recogniser> recogniserOn(UnitKind subject, String title, String level, LocalDate day) {
        return recognisers().stream()
                            .filter(r -> r.subject() == subject && !r.from().isAfter(day) && r.covers(title, level))
                            .max(Comparator.comparing(Recogniser::from)
                                           .thenComparing(r -> !r.only().isEmpty()));
    }

    public PcgdCycle withVersion(Integer version) {
        return new PcgdCycle(code, version, title, regulation, provisional, referenceDates, recognisers, notes);
    }

    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (code == null || !CODE.matcher(code).matches()) {
            problems.add(new Problem("code", "A code of capitals, digits, '.', '_' or '-' is required"));
        }
        if (title == null || title.isBlank()) {
            problems.add(new Problem("title", "Required"));
        }
        if (referenceDates().get(UnitKind.COMMUNE) == null) {
            problems.add(new Problem(Field.of("referenceDates").key("COMMUNE"), "The day a commune's survey is locked"));
        }
        for (int i = 0; i < recognisers().size(); i++) {
            Recogniser r = recognisers().get(i);
            Field at = Field.of("recognisers").at(i);
            if (r == null || r.from() == null || r.subject() == null) {
                problems.add(new Problem(at, "from and subject are required"));
            } else if (r.by() == null || !(MINISTRY.equals(r.by()) || isKind(r.by()))) {
                problems.add(new Problem(at.dot("by"), "PROVINCE, DISTRICT, COMMUNE or " + MINISTRY));
            }
        }
        if (recognisers().isEmpty()) {
            problems.add(new Problem("recognisers", "Who recognises whom is required"));
        }
        return problems;
    }

    private static boolean isKind(String text) {
        try {
            UnitKind.valueOf(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
