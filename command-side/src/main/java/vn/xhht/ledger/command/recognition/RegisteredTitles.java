package vn.xhht.ledger.command.recognition;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.assessment.TitleHistory;
import vn.xhht.ledger.domain.recognition.RecognitionMessages;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The subjects' title registers: the grants, withdrawals and validity corrections recorded in the commit of the
 * recognition that makes them (two grants of the same title and level racing for one subject cannot both succeed),
 * and the history they answer (the levels held in a year, the latest recognition at a level).
 */
@Component
public class RegisteredTitles implements TitleHistory {

    private final Repository<TitleRegisterAggregate> registers;

    public RegisteredTitles(Repository<TitleRegisterAggregate> registers) {
        this.registers = registers;
    }

    public void record(String subjectUnitId, String recognitionId, Title title, String level, int year,
                       java.time.LocalDate decidedOn, java.time.LocalDate validThrough) throws Exception {
        registers.loadOrCreate(RecognitionMessages.registryId(subjectUnitId), () -> new TitleRegisterAggregate(subjectUnitId))
                 .execute(r -> r.record(recognitionId, title, level, year, decidedOn, validThrough));
    }

    public void withdraw(String subjectUnitId, String recognitionId, java.time.LocalDate revokedOn) {
        registers.load(RecognitionMessages.registryId(subjectUnitId)).execute(r -> r.withdraw(recognitionId, revokedOn));
    }

    public void correctValidity(String subjectUnitId, String recognitionId, java.time.LocalDate validThrough) {
        registers.load(RecognitionMessages.registryId(subjectUnitId)).execute(r -> r.correctValidity(recognitionId, validThrough));
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
