package vn.xhht.ledger.domain.plan;

public enum PlanStatus {
    DRAFT, ISSUED, CLOSED
}
