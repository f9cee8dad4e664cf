package vn.xhht.ledger.command.assessment;

import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Title history until recognitions are recorded (issue 4): nobody holds a title yet, so an upgrade is refused
 * for want of the lower-level recognition, which is what the rule says when there is none.
 */
@Component
public class NoTitlesYet implements TitleHistory {
    @Override
    public Optional<LocalDate> latestRecognition(String subjectUnitId, String title, String level) {
        return Optional.empty();
    }
}
