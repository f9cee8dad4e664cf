package vn.xhht.ledger.command.reporting;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * When a reporting unit is reminded of a report: so many days before its due date
 * ({@code xhht.obligations.reminder-days}, 7 and 1 by default — DOMAIN-2 §3).
 */
@Component
public record ReminderPolicy(List<Integer> daysBefore) {

    public ReminderPolicy {
        daysBefore = List.copyOf(daysBefore);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public ReminderPolicy(@Value("${xhht.obligations.reminder-days:7,1}") int[] days) {
        this(java.util.Arrays.stream(days).boxed().toList());
    }
}
