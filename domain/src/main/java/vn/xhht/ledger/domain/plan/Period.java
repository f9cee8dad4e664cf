package vn.xhht.ledger.domain.plan;

import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.time.LocalDate;

/** A plan's period, both ends included: a year, or a phase such as 2023-01-01 .. 2025-12-31. */
public record Period(LocalDate from, LocalDate to) {

    public Period {
        if (from == null || to == null) {
            throw new DomainException(ErrorCode.INVALID_PERIOD, "period", "A period needs both from and to");
        }
        if (to.isBefore(from)) {
            throw new DomainException(ErrorCode.INVALID_PERIOD, "period.to", "The period ends before it starts");
        }
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    public boolean overlapsYear(int year) {
        return from.getYear() <= year && to.getYear() >= year;
    }
}
