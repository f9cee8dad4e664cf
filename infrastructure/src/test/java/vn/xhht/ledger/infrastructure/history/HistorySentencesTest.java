package vn.xhht.ledger.infrastructure.history;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import vn.xhht.ledger.query.history.HistorySentences;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type of the domain is told in a history sentence, or is bookkeeping that no history shows. */
class HistorySentencesTest {

    private static List<String> eventTypes() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                      .importPackages("vn.xhht.ledger.domain").stream()
                                      .filter(JavaClass::isRecord)
                                      // the audit log's own records (LoggedEvent) are views of events, not events
                                      .filter(c -> !c.getPackageName().endsWith(".domain.history"))
                                      .map(JavaClass::getSimpleName)
                                      .filter(name -> name.endsWith("Event"))
                                      .sorted().distinct().toList();
    }

    @TestFactory
    Stream<DynamicTest> everyEventTypeHasASentenceOrIsBookkeeping() {
        List<String> types = eventTypes();
        assertThat(types).hasSizeGreaterThan(60).contains("NominationDecidedEvent", "SurveyLockedEvent");
        return types.stream().map(type -> DynamicTest.dynamicTest(type, () -> assertThat(
                HistorySentences.tells(type) != HistorySentences.BOOKKEEPING.contains(type))
                .as("%s has a sentence, or is bookkeeping (not both)", type).isTrue()));
    }

    @Test
    void aSentenceReadsItsPayloadAndNamesItsActor() {
        HistorySentences.Sentence sentence = HistorySentences.of(
                "AssessmentReturnedEvent", Map.of("assessmentId", "a1", "reason", "thiếu biên bản"), "reviewer");
        assertThat(sentence.vi()).isEqualTo("reviewer trả lại bản đánh giá a1: thiếu biên bản");
        assertThat(sentence.en()).isEqualTo("reviewer returned assessment a1: thiếu biên bản");
    }

    @Test
    void anEventOfAnUnknownTypeIsNamedByItsType() {
        assertThat(HistorySentences.of("SomethingNewEvent", Map.of(), null).vi()).isEqualTo("hệ thống ghi sự kiện SomethingNewEvent");
    }
}
