package vn.xhht.ledger.domain.emulation;

import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.emulation.Movement.SubjectKind;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The criteria an emulation movement's nominees must all meet (e.g. {@code KH163-2024-TDXHHT}, seed 001), by group of
 * subjects: a group is the subject kind, and for collectives the kind of unit and the kinds of its parent (a Phòng
 * GDĐT is an organisation under a district). A criterion is either a title the service knows — the nominee must hold
 * it, valid that year ({@code TITLE}) — or a statement of the proposer that the council weighs ({@code ATTESTED}).
 */
public record AwardCriteria(String code, Integer version, String movement, String title, String regulation,
                            LocalDate effectiveFrom, boolean provisional, List<Group> groups, String notes) {

    public record Group(String code, String name, SubjectKind subject, UnitKind unitKind, List<UnitKind> parentKinds,
                        List<Criterion> criteria) {
        public List<UnitKind> parentKinds() {
            return parentKinds == null ? List.of() : parentKinds;
        }

        public List<Criterion> criteria() {
            return criteria == null ? List.of() : criteria;
        }

        /** Whether a subject of this kind, at a unit of this kind under a parent of this kind, is in the group. */
        public boolean holds(SubjectKind kind, UnitKind unit, UnitKind parent) {
            return subject == kind && (unitKind == null || unitKind == unit)
                    && (parentKinds().isEmpty() || parentKinds().contains(parent));
        }
    }

    public enum Check { TITLE, ATTESTED }

    public record Criterion(String code, String name, Check check, Title title) {
    }

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,63}");

    public List<Group> groups() {
        return groups == null ? List.of() : groups;
    }

    /** The first group a subject falls in. */
    public Optional<Group> groupOf(SubjectKind kind, UnitKind unit, UnitKind parent) {
        return groups().stream().filter(g -> g.holds(kind, unit, parent)).findFirst();
    }

    public AwardCriteria withVersion(Integer version) {
        return new AwardCriteria(code, version, movement, title, regulation, effectiveFrom, provisional, groups, notes);
    }

    /** The document's problems; empty when it can be published. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (code == null || !CODE.matcher(code).matches()) {
            problems.add(new Problem("code", "A code of capitals, digits, '.', '_' or '-' is required"));
        }
        if (movement == null || !CODE.matcher(movement).matches()) {
            problems.add(new Problem("movement", "The movement whose nominees these criteria judge"));
        }
        if (title == null || title.isBlank()) {
            problems.add(new Problem("title", "Required"));
        }
        if (effectiveFrom == null) {
            problems.add(new Problem("effectiveFrom", "Required"));
        }
        if (groups().isEmpty()) {
            problems.add(new Problem("groups", "At least one group of subjects is required"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < groups().size(); i++) {
            Group g = groups().get(i);
            Field at = Field.of("groups").at(i);
            if (g == null || g.code() == null || !CODE.matcher(g.code()).matches() || !seen.add(g.code())) {
                problems.add(new Problem(at.dot("code"), "A distinct code is required"));
                continue;
            }
            if (g.subject() == null) {
                problems.add(new Problem(at.dot("subject"), "TAP_THE, HO_GIA_DINH or CA_NHAN"));
            }
            if (g.criteria().isEmpty()) {
                problems.add(new Problem(at.dot("criteria"), "At least one criterion is required"));
            }
            Set<String> codes = new HashSet<>();
            for (int j = 0; j < g.criteria().size(); j++) {
                Criterion c = g.criteria().get(j);
                Field cat = at.dot("criteria").at(j);
                if (c == null || c.code() == null || !CODE.matcher(c.code()).matches() || !codes.add(c.code())) {
                    problems.add(new Problem(cat.dot("code"), "A distinct code is required"));
                } else if (c.name() == null || c.name().isBlank()) {
                    problems.add(new Problem(cat.dot("name"), "Required"));
                } else if (c.check() == null) {
                    problems.add(new Problem(cat.dot("check"), "TITLE or ATTESTED"));
                } else if (c.check() == Check.TITLE && c.title() == null) {
                    problems.add(new Problem(cat.dot("title"), "The title the nominee must hold"));
                } else if (c.check() == Check.TITLE && g.subject() != SubjectKind.TAP_THE) {
                    // the service knows the titles of units; a person's or household's are counted, not named
                    problems.add(new Problem(cat.dot("check"), "A title is checked for collectives only: ATTESTED"));
                }
            }
        }
        return problems;
    }
}
