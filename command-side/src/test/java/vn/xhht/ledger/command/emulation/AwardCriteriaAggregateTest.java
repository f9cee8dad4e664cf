package vn.xhht.ledger.command.emulation;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.emulation.AwardCriteria;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardCriteriaPublishedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.PublishAwardCriteriaCommand;
import vn.xhht.ledger.domain.emulation.Movement.SubjectKind;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;

import java.util.List;

import static org.axonframework.test.matchers.Matchers.predicate;
import static vn.xhht.ledger.command.emulation.NominationAggregateTest.CRITERIA;

/** A movement's award criteria as versioned data: published once per content, refused when a check cannot apply. */
class AwardCriteriaAggregateTest {

    private final AggregateTestFixture<AwardCriteriaAggregate> criteria = new AggregateTestFixture<>(AwardCriteriaAggregate.class);

    @Test
    void canPublishAwardCriteriaOnceForTheSameContent() {
        criteria.givenNoPriorActivity()
                .when(new PublishAwardCriteriaCommand("KH163-2024-TDXHHT", CRITERIA, "c1", "emulation/KH163.yml"))
                .expectEvents(new AwardCriteriaPublishedEvent("KH163-2024-TDXHHT", 1, CRITERIA, "c1", "emulation/KH163.yml"));
        criteria.given(new AwardCriteriaPublishedEvent("KH163-2024-TDXHHT", 1, CRITERIA, "c1", "emulation/KH163.yml"))
                .when(new PublishAwardCriteriaCommand("KH163-2024-TDXHHT", CRITERIA, "c1", "emulation/KH163.yml"))
                .expectNoEvents();
    }

    @Test
    void cannotPublishAwardCriteriaCheckingAPersonByATitle() {
        AwardCriteria personByTitle = new AwardCriteria(
                "KH163-2024-TDXHHT", 1, "PT-1315-2023", "Tiêu chí", null, CRITERIA.effectiveFrom(), true,
                List.of(new AwardCriteria.Group("CA_NHAN", "Cá nhân", SubjectKind.CA_NHAN, null, List.of(),
                                                List.of(new AwardCriteria.Criterion("CDHT", "Công dân học tập",
                                                                                    AwardCriteria.Check.TITLE,
                                                                                    Title.CONG_DAN_HOC_TAP)))), null);
        criteria.givenNoPriorActivity()
                .when(new PublishAwardCriteriaCommand("KH163-2024-TDXHHT", personByTitle, "c2", "x.yml"))
                .expectException(predicate(e -> e instanceof DomainException d
                        && d.problems().stream().anyMatch(p -> p.field().equals(Field.of("groups").at(0).dot("criteria").at(0).dot("check")))));
    }
}
