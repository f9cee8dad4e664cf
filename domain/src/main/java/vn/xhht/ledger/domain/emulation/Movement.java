package vn.xhht.ledger.domain.emulation;

import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An emulation movement (phong trào thi đua, DOMAIN-2 §2) as kept in the repository's {@code emulation/} files and
 * published as an event: its phases with the occasions each holds, the award forms with who decides them (by the
 * levels above the proposing unit, per effective date: the 2025 reform removed the district), and the criteria
 * framework its nominees are judged by. Regulations change: a changed file publishes a new version.
 */
public record Movement(String code, Integer version, String name, String regulation, boolean provisional,
                       String criteria, String reportDue, List<Phase> phases, List<Form> forms, String notes) {

    /** Occasions of an award (DOMAIN-2 §2): yearly, the phase's interim review, the final review, extraordinary. */
    public enum Occasion { HANG_NAM, SO_KET, TONG_KET, DOT_XUAT }

    /** Who can be nominated (Luật TĐKT 2022 Art. 2). */
    public enum SubjectKind { TAP_THE, HO_GIA_DINH, CA_NHAN }

    public record Phase(String code, String name, LocalDate from, LocalDate to, List<Occasion> occasions) {
        public List<Occasion> occasions() {
            return occasions == null ? List.of() : occasions;
        }

        /** The year an occasion of this phase stands for: a yearly award its own year, a review the phase's last. */
        public boolean holdsYear(int year) {
            return year >= from.getYear() && year <= to.getYear();
        }
    }

    /**
     * An award form and its deciders: from each effective date, the levels that decide it — the nearest unit of one
     * of those kinds at or above the proposing unit; {@code proposedUp}: that level's council proposes the award to an
     * authority outside the service (the Prime Minister), whose decision is then recorded.
     */
    public record Form(String code, String name, List<SubjectKind> subjects, List<Deciders> deciders, boolean reserved) {
        public List<SubjectKind> subjects() {
            return subjects == null ? List.of() : subjects;
        }

        public List<Deciders> deciders() {
            return deciders == null ? List.of() : deciders;
        }

        /** The deciders in force on a day. */
        public Optional<Deciders> decidersOn(LocalDate day) {
            return deciders().stream().filter(d -> !d.from().isAfter(day)).max(Comparator.comparing(Deciders::from));
        }
    }

    public record Deciders(LocalDate from, List<UnitKind> levels, boolean proposedUp) {
        public List<UnitKind> levels() {
            return levels == null ? List.of() : levels;
        }
    }

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,63}");

    public List<Phase> phases() {
        return phases == null ? List.of() : phases;
    }

    public List<Form> forms() {
        return forms == null ? List.of() : forms;
    }

    public Optional<Phase> phase(String code) {
        return phases().stream().filter(p -> p.code().equals(code)).findFirst();
    }

    public Optional<Form> form(String code) {
        return forms().stream().filter(f -> f.code().equals(code)).findFirst();
    }

    /** The same document as published in {@code version}. */
    public Movement withVersion(Integer version) {
        return new Movement(code, version, name, regulation, provisional, criteria, reportDue, phases, forms, notes);
    }

    /** The document's problems; empty when it can be published. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (code == null || !CODE.matcher(code).matches()) {
            problems.add(new Problem("code", "A code of capitals, digits, '.', '_' or '-' is required"));
        }
        if (name == null || name.isBlank()) {
            problems.add(new Problem("name", "Required"));
        }
        if (criteria == null || !CODE.matcher(criteria).matches()) {
            problems.add(new Problem("criteria", "The code of the criteria its nominees are judged by"));
        }
        if (phases().isEmpty()) {
            problems.add(new Problem("phases", "At least one phase is required"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < phases().size(); i++) {
            Phase p = phases().get(i);
            Field at = Field.of("phases").at(i);
            if (p == null || p.code() == null || !CODE.matcher(p.code()).matches() || !seen.add(p.code())) {
                problems.add(new Problem(at.dot("code"), "A distinct code is required"));
            } else if (p.from() == null || p.to() == null || p.to().isBefore(p.from())) {
                problems.add(new Problem(at.dot("to"), "A phase runs from a day to a later one"));
            } else if (p.occasions().isEmpty()) {
                problems.add(new Problem(at.dot("occasions"), "At least one occasion is required"));
            }
        }
        if (forms().isEmpty()) {
            problems.add(new Problem("forms", "At least one award form is required"));
        }
        seen.clear();
        for (int i = 0; i < forms().size(); i++) {
            Form f = forms().get(i);
            Field at = Field.of("forms").at(i);
            if (f == null || f.code() == null || !CODE.matcher(f.code()).matches() || !seen.add(f.code())) {
                problems.add(new Problem(at.dot("code"), "A distinct code is required"));
                continue;
            }
            if (f.name() == null || f.name().isBlank()) {
                problems.add(new Problem(at.dot("name"), "Required"));
            }
            if (f.subjects().isEmpty()) {
                problems.add(new Problem(at.dot("subjects"), "Who may receive it (TAP_THE, HO_GIA_DINH, CA_NHAN)"));
            }
            if (!f.reserved() && f.deciders().isEmpty()) {
                problems.add(new Problem(at.dot("deciders"), "Who decides it, from which day"));
            }
            for (int j = 0; j < f.deciders().size(); j++) {
                Deciders d = f.deciders().get(j);
                if (d == null || d.from() == null || d.levels().isEmpty()) {
                    problems.add(new Problem(at.dot("deciders").at(j), "A day from which and the levels that decide"));
                }
            }
        }
        return problems;
    }
}
