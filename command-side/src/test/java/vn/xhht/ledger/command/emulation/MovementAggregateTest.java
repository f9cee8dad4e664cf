package vn.xhht.ledger.command.emulation;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.emulation.EmulationMessages.MovementPublishedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.PublishMovementCommand;
import vn.xhht.ledger.domain.emulation.Movement;
import vn.xhht.ledger.domain.emulation.Movement.SubjectKind;
import vn.xhht.ledger.domain.common.PublishResult;

import java.util.List;

import static org.axonframework.test.matchers.Matchers.predicate;
import static vn.xhht.ledger.command.emulation.NominationAggregateTest.MOVEMENT;

/** A movement's rules as versioned data: published once per content, changes as the next version, refused when invalid. */
class MovementAggregateTest {

    private final AggregateTestFixture<MovementAggregate> movements = new AggregateTestFixture<>(MovementAggregate.class);

    @Test
    void canPublishAMovementOnceForTheSameContent() {
        movements.givenNoPriorActivity()
                 .when(new PublishMovementCommand("PT-1315-2023", MOVEMENT, "h1", "emulation/PT-1315-2023.yml"))
                 .expectEvents(new MovementPublishedEvent("PT-1315-2023", 1, MOVEMENT, "h1", "emulation/PT-1315-2023.yml"))
                 .expectResultMessagePayload(new PublishResult("PT-1315-2023", 1, true));
        movements.given(new MovementPublishedEvent("PT-1315-2023", 1, MOVEMENT, "h1", "emulation/PT-1315-2023.yml"))
                 .when(new PublishMovementCommand("PT-1315-2023", MOVEMENT, "h1", "emulation/PT-1315-2023.yml"))
                 .expectNoEvents()
                 .expectResultMessagePayload(new PublishResult("PT-1315-2023", 1, false));
    }

    @Test
    void canPublishChangedRulesAsTheNextVersion() {
        movements.given(new MovementPublishedEvent("PT-1315-2023", 1, MOVEMENT, "h1", "emulation/PT-1315-2023.yml"))
                 .when(new PublishMovementCommand("PT-1315-2023", MOVEMENT, "h2", "emulation/PT-1315-2023.yml"))
                 .expectEvents(new MovementPublishedEvent("PT-1315-2023", 2, MOVEMENT.withVersion(2), "h2",
                                                          "emulation/PT-1315-2023.yml"));
    }

    @Test
    void cannotPublishAMovementWithoutPhasesOrDeciders() {
        Movement broken = new Movement("PT-1315-2023", 1, "Phong trào", null, true, "KH163-2024-TDXHHT", null, List.of(),
                                       List.of(new Movement.Form("GIAY_KHEN", "Giấy khen", List.of(SubjectKind.TAP_THE),
                                                                 List.of(), false)), null);
        movements.givenNoPriorActivity()
                 .when(new PublishMovementCommand("PT-1315-2023", broken, "h3", "x.yml"))
                 .expectException(predicate(e -> e instanceof DomainException d && d.code() == ErrorCode.VALIDATION_FAILED
                         && d.problems().stream().map(DomainException.FieldProblem::field).toList()
                             .containsAll(List.of(Field.of("phases"), Field.of("forms").at(0).dot("deciders")))));
    }
}
