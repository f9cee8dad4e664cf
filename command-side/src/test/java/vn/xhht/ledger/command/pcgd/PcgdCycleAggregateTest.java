package vn.xhht.ledger.command.pcgd;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.pcgd.PcgdCycle;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.PcgdCyclePublishedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.PublishPcgdCycleCommand;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

/** The universal-education cycle as data: published once per content; who recognises whom before and after the reform. */
class PcgdCycleAggregateTest {

    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final PcgdCycle CYCLE = new PcgdCycle(
            PcgdCycleAggregate.ID, 1, "Chu kỳ", null, true,
            Map.of(UnitKind.COMMUNE, MonthDay.of(9, 30), UnitKind.DISTRICT, MonthDay.of(10, 5)),
            List.of(new PcgdCycle.Recogniser(LocalDate.of(2014, 1, 1), UnitKind.COMMUNE, "DISTRICT", "Chủ tịch UBND huyện", null),
                    new PcgdCycle.Recogniser(LocalDate.of(2014, 1, 1), UnitKind.PROVINCE, PcgdCycle.MINISTRY, "Bộ trưởng", null),
                    new PcgdCycle.Recogniser(REFORM, UnitKind.COMMUNE, "PROVINCE", "Chủ tịch UBND tỉnh", null),
                    new PcgdCycle.Recogniser(REFORM, UnitKind.PROVINCE, "PROVINCE", "Chủ tịch UBND tỉnh",
                                             Map.of("XMC", List.of("MUC_DO_1")))),
            null);

    private final AggregateTestFixture<PcgdCycleAggregate> fixture = new AggregateTestFixture<>(PcgdCycleAggregate.class);

    @Test
    void canPublishTheCycleOnceForTheSameContent() {
        PcgdCyclePublishedEvent published = new PcgdCyclePublishedEvent(PcgdCycleAggregate.ID, 1, CYCLE, "h1", "pcgd/c.yml");
        fixture.givenNoPriorActivity()
               .when(new PublishPcgdCycleCommand(PcgdCycleAggregate.ID, CYCLE, "h1", "pcgd/c.yml"))
               .expectEvents(published);
        fixture.given(published)
               .when(new PublishPcgdCycleCommand(PcgdCycleAggregate.ID, CYCLE, "h1", "pcgd/c.yml"))
               .expectNoEvents();
    }

    @Test
    void cannotPublishACycleWithoutTheCommunesReferenceDateOrAnUnknownRecogniser() {
        PcgdCycle broken = new PcgdCycle(PcgdCycleAggregate.ID, 1, "Chu kỳ", null, true, Map.of(),
                                         List.of(new PcgdCycle.Recogniser(REFORM, UnitKind.COMMUNE, "BO", "?", null)), null);
        fixture.givenNoPriorActivity()
               .when(new PublishPcgdCycleCommand(PcgdCycleAggregate.ID, broken, "h2", "pcgd/c.yml"))
               .expectException(predicate(e -> e instanceof DomainException d && d.problems().stream()
                       .map(DomainException.FieldProblem::field).toList()
                       .containsAll(List.of(Field.of("referenceDates").key("COMMUNE"), Field.of("recognisers").at(0).dot("by")))));
    }

    @Test
    void canTellWhoRecognisesALevelBeforeAndAfterTheReform() {
        assertThat(CYCLE.recogniserOn(UnitKind.COMMUNE, "XMC", "MUC_DO_2", REFORM.minusDays(1)).orElseThrow().by())
                .isEqualTo("DISTRICT");
        assertThat(CYCLE.recogniserOn(UnitKind.COMMUNE, "XMC", "MUC_DO_2", REFORM).orElseThrow().by()).isEqualTo("PROVINCE");
        // the province recognises itself at XMC 1 only; XMC 2 stays with the Ministry
        assertThat(CYCLE.recogniserOn(UnitKind.PROVINCE, "XMC", "MUC_DO_1", REFORM).orElseThrow().by()).isEqualTo("PROVINCE");
        assertThat(CYCLE.recogniserOn(UnitKind.PROVINCE, "XMC", "MUC_DO_2", REFORM).orElseThrow().by())
                .isEqualTo(PcgdCycle.MINISTRY);
        assertThat(CYCLE.referenceDate(UnitKind.DISTRICT, 2025)).contains(LocalDate.of(2025, 10, 5));
        assertThat(CYCLE.referenceDate(UnitKind.PROVINCE, 2025)).isEmpty();
    }
}
