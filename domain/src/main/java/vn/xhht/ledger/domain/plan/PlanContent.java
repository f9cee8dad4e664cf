package vn.xhht.ledger.domain.plan;

import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The value objects a plan is made of. */
public final class PlanContent {
    private PlanContent() {
    }

    /**
     * A target for an indicator as a share between 0 and 1 (0.60 is 60%). {@code scope} optionally narrows it to
     * one kind of subject (e.g. "adults").
     */
    public record Target(String indicator, BigDecimal target, String scope) {
    }

    /** A task with its lead unit (đơn vị chủ trì), coordinating units (phối hợp) and timeframe. */
    public record Task(String content, String leadUnitId, List<String> coordinatingUnitIds, String timeframe) {
        public Task {
            coordinatingUnitIds = coordinatingUnitIds == null ? List.of() : List.copyOf(coordinatingUnitIds);
        }
    }

    /** A reporting deadline: what is due, and when. */
    public record Deadline(String what, LocalDate due) {
    }

    /** Targets must be shares in [0, 1], one per indicator and scope. */
    public static List<Target> checkTargets(List<Target> targets) {
        if (targets == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            String field = "targets[" + i + "]";
            if (target == null || target.indicator() == null || target.indicator().isBlank()) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field + ".indicator", "An indicator is required");
            }
            if (target.target() == null || target.target().signum() < 0 || target.target().compareTo(BigDecimal.ONE) > 0) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field + ".target",
                                          "A target is a share between 0 and 1 (0.6 for 60%)");
            }
            if (!seen.add(target.indicator() + "|" + target.scope())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field + ".indicator",
                                          "Indicator " + target.indicator() + " is targeted twice");
            }
        }
        return List.copyOf(targets);
    }
}
