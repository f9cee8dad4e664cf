package vn.xhht.ledger.infrastructure.security;

/** What a user may do; see docs/ACCESS.md for the full matrix. */
public enum Role {
    /** Units and frameworks. */
    ADMIN,
    /** Plans: create, issue, amend, close, reopen. */
    PLANNER,
    ASSESSOR,
    REVIEWER,
    RECOGNIZER,
    /** Reads everything, everywhere. */
    AUDITOR,
    /** Reads within scope. */
    VIEWER
}
