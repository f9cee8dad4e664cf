package vn.xhht.ledger.domain.unit;

import java.util.Set;

/** Kinds of units in the administrative and organisational hierarchy, and which parents each may have. */
public enum UnitKind {
    PROVINCE, DISTRICT, COMMUNE, VILLAGE, ORGANISATION, LEARNING_CENTRE;

    /** Whether a unit of this kind may sit directly under a unit of {@code parent} kind ({@code null}: top). */
    public boolean mayHaveParent(UnitKind parent) {
        return switch (this) {
            case PROVINCE -> parent == null;
            case DISTRICT -> parent == PROVINCE;
            case COMMUNE -> parent == DISTRICT || parent == PROVINCE;
            case VILLAGE -> parent == COMMUNE;
            case ORGANISATION, LEARNING_CENTRE -> parent != null && ADMINISTRATIVE.contains(parent);
        };
    }

    private static final Set<UnitKind> ADMINISTRATIVE = Set.of(PROVINCE, DISTRICT, COMMUNE, VILLAGE);
}
