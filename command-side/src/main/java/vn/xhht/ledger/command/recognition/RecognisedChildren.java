package vn.xhht.ledger.command.recognition;

import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.pcgd.Standards;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A district's or province's universal-education levels from its children's recognitions (DOMAIN-2 §1.1): the
 * children as the hierarchy stood at the year's end (from the parent's register of children, as a merge reads them) — a
 * district's communes; a province's districts, or its communes where it has no district (after the 2025 reform,
 * provisional) — each child's highest level held that year read from its title register.
 */
@Component
public class RecognisedChildren {

    private final Hierarchy hierarchy;
    private final RegisteredTitles titles;

    public RecognisedChildren(Hierarchy hierarchy, RegisteredTitles titles) {
        this.hierarchy = hierarchy;
        this.titles = titles;
    }

    public Standards.Outcome levels(String unitId, UnitKind kind, int year, CriteriaFramework standard, Title title) {
        List<Hierarchy.Child> children = hierarchy.childrenOn(unitId, LocalDate.of(year, 12, 31));
        UnitKind counted = Standards.countedChildren(kind, children.stream().map(Hierarchy.Child::kind).toList());
        List<String> highest = new ArrayList<>();
        for (Hierarchy.Child child : children) {
            if (child.kind() != counted) {
                continue;
            }
            highest.add(Standards.highest(standard, titles.levelsHeld(child.id(), title, year)));
        }
        return Standards.rollUp(standard, kind.name(), highest);
    }
}
