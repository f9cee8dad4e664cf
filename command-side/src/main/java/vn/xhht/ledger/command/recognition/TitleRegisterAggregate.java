package vn.xhht.ledger.command.recognition;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.recognition.RecognitionMessages;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.TitleRecordedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.TitleValidityCorrectedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.TitleWithdrawnEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The titles one unit holds. A grant is recorded here in the same commit as the recognition, so two grants of the
 * same title and level racing for one subject cannot both succeed; it also answers when the subject last received a
 * title at a level (the evidence for the upgrade rule).
 */
@Aggregate(snapshotTriggerDefinition = "")
public class TitleRegisterAggregate {

    private record Entry(String recognitionId, Title title, String level, int year, LocalDate decidedOn,
                         LocalDate validThrough, LocalDate revokedOn) {
        /** Held for a recognition year: from its own year through its last valid year, unless revoked. */
        boolean heldFor(int recognitionYear) {
            return revokedOn == null && recognitionYear >= year && recognitionYear <= validThrough.getYear();
        }
    }

    @AggregateIdentifier
    private String registerId;
    private String subjectUnitId;
    private final List<Entry> entries = new ArrayList<>();

    protected TitleRegisterAggregate() {
        // for Axon
    }

    TitleRegisterAggregate(String subjectUnitId) {
        this.registerId = RecognitionMessages.registryId(subjectUnitId);
        this.subjectUnitId = subjectUnitId;
    }

    /** Refuses a grant for a year in which the subject already holds the same title and level. */
    void record(String recognitionId, Title title, String level, int year, LocalDate decidedOn, LocalDate validThrough) {
        for (Entry entry : entries) {
            if (entry.title() == title && Objects.equals(entry.level(), level) && entry.heldFor(year)) {
                throw new DomainException(ErrorCode.DUPLICATE_RECOGNITION, "Unit " + subjectUnitId + " already holds "
                        + title + (level == null ? "" : " " + level) + " (recognition " + entry.recognitionId()
                        + ", valid through " + entry.validThrough() + ")");
            }
        }
        apply(new TitleRecordedEvent(subjectUnitId, recognitionId, title, level, year, decidedOn, validThrough));
    }

    void withdraw(String recognitionId, LocalDate revokedOn) {
        apply(new TitleWithdrawnEvent(subjectUnitId, recognitionId, revokedOn));
    }

    void correctValidity(String recognitionId, LocalDate validThrough) {
        apply(new TitleValidityCorrectedEvent(subjectUnitId, recognitionId, validThrough));
    }

    /** The levels of a title held for a recognition year (not revoked). */
    List<String> levelsHeldFor(Title title, int recognitionYear) {
        return entries.stream().filter(e -> e.title() == title && e.level() != null && e.heldFor(recognitionYear))
                      .map(Entry::level).distinct().toList();
    }

    /** Whether the title is held, at any level, for a recognition year. */
    boolean holds(Title title, int recognitionYear) {
        return entries.stream().anyMatch(e -> e.title() == title && e.heldFor(recognitionYear));
    }

    Optional<LocalDate> latest(Title title, String level) {
        return entries.stream().filter(e -> e.title() == title && Objects.equals(e.level(), level) && e.revokedOn() == null)
                      .map(Entry::decidedOn).max(LocalDate::compareTo);
    }

    @EventSourcingHandler
    void on(TitleRecordedEvent event) {
        registerId = RecognitionMessages.registryId(event.subjectUnitId());
        subjectUnitId = event.subjectUnitId();
        entries.add(new Entry(event.recognitionId(), event.title(), event.level(), event.year(), event.decidedOn(),
                              event.validThrough(), null));
    }

    @EventSourcingHandler
    void on(TitleWithdrawnEvent event) {
        entries.replaceAll(e -> e.recognitionId().equals(event.recognitionId())
                ? new Entry(e.recognitionId(), e.title(), e.level(), e.year(), e.decidedOn(), e.validThrough(), event.revokedOn())
                : e);
    }

    @EventSourcingHandler
    void on(TitleValidityCorrectedEvent event) {
        entries.replaceAll(e -> e.recognitionId().equals(event.recognitionId())
                ? new Entry(e.recognitionId(), e.title(), e.level(), e.year(), e.decidedOn(), event.validThrough(), e.revokedOn())
                : e);
    }
}
