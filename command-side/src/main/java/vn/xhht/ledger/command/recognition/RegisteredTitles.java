package vn.xhht.ledger.command.recognition;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.assessment.TitleHistory;
import vn.xhht.ledger.domain.recognition.RecognitionMessages;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;

import java.time.LocalDate;
import java.util.Optional;

/** Title history from the subjects' title registers. */
@Component
public class RegisteredTitles implements TitleHistory {

    private final Repository<TitleRegisterAggregate> registers;

    public RegisteredTitles(Repository<TitleRegisterAggregate> registers) {
        this.registers = registers;
    }

    /** The levels of {@code title} a unit holds for a recognition year. */
    public java.util.List<String> levelsHeld(String subjectUnitId, Title title, int year) {
        try {
            return registers.load(RecognitionMessages.registryId(subjectUnitId)).invoke(r -> r.levelsHeldFor(title, year));
        } catch (AggregateNotFoundException e) {
            return java.util.List.of();
        }
    }

    /** Whether a unit holds {@code title}, at any level, valid for a recognition year (not revoked). */
    public boolean holds(String subjectUnitId, Title title, int year) {
        try {
            return registers.load(RecognitionMessages.registryId(subjectUnitId)).invoke(r -> r.holds(title, year));
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    @Override
    public Optional<LocalDate> latestRecognition(String subjectUnitId, String title, String level) {
        Title wanted;
        try {
            wanted = Title.valueOf(title);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        try {
            return registers.load(RecognitionMessages.registryId(subjectUnitId)).invoke(r -> r.latest(wanted, level));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
