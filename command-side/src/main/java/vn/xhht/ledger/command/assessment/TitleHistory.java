package vn.xhht.ledger.command.assessment;

import java.time.LocalDate;
import java.util.Optional;

/** When a subject last received a title at a level: the evidence for the upgrade rule. */
public interface TitleHistory {

    Optional<LocalDate> latestRecognition(String subjectUnitId, String title, String level);
}
