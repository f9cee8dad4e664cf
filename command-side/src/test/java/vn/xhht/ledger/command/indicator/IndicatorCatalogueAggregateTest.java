package vn.xhht.ledger.command.indicator;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.common.PublishResult;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue.IndicatorDefinition;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue.Names;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue.Quantity;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorCataloguePublishedEvent;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.PublishIndicatorCatalogueCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.util.List;

import static org.axonframework.test.matchers.Matchers.predicate;

/** The indicator catalogue's versions: published once per content, the next number for changed content, refused when invalid. */
class IndicatorCatalogueAggregateTest {

    private final AggregateTestFixture<IndicatorCatalogueAggregate> fixture =
            new AggregateTestFixture<>(IndicatorCatalogueAggregate.class);

    private static IndicatorCatalogue catalogue(Integer version, String level) {
        Quantity communes = new Quantity(Quantity.Kind.UNIT_COUNT, null, null, null, UnitKind.COMMUNE, null);
        Quantity literate = new Quantity(Quantity.Kind.TITLE_HOLDERS, Title.XMC, level, null, UnitKind.COMMUNE, null);
        return new IndicatorCatalogue("XHHT-INDICATORS", version, "Chỉ tiêu", List.of(new IndicatorDefinition(
                "COMMUNES_XMC_2", new Names("Tỷ lệ xã đạt chuẩn xóa mù chữ mức độ 2", "Communes at literacy level 2"),
                literate, communes, IndicatorCatalogue.RollUp.RATIO_OF_SUMS, null)), true, null);
    }

    private static final IndicatorCataloguePublishedEvent FIRST = new IndicatorCataloguePublishedEvent(
            "XHHT-INDICATORS", 1, catalogue(1, "MUC_DO_2"), "h1", "indicators/XHHT-INDICATORS.yml");

    @Test
    void canPublishACatalogueOnceForTheSameContent() {
        fixture.givenNoPriorActivity()
               .when(new PublishIndicatorCatalogueCommand("XHHT-INDICATORS", catalogue(1, "MUC_DO_2"), "h1",
                                                          "indicators/XHHT-INDICATORS.yml"))
               .expectEvents(FIRST)
               .expectResultMessagePayload(new PublishResult("XHHT-INDICATORS", 1, true));
        fixture.given(FIRST)
               .when(new PublishIndicatorCatalogueCommand("XHHT-INDICATORS", catalogue(1, "MUC_DO_2"), "h1",
                                                          "indicators/XHHT-INDICATORS.yml"))
               .expectNoEvents()
               .expectResultMessagePayload(new PublishResult("XHHT-INDICATORS", 1, false));
    }

    @Test
    void canPublishChangedContentAsTheNextVersionWhateverTheFileSays() {
        fixture.given(FIRST)
               .when(new PublishIndicatorCatalogueCommand("XHHT-INDICATORS", catalogue(1, "MUC_DO_1"), "h2", "x.yml"))
               .expectEvents(new IndicatorCataloguePublishedEvent("XHHT-INDICATORS", 2, catalogue(2, "MUC_DO_1"), "h2", "x.yml"));
    }

    @Test
    void canTellCommandsTheCodesOfTheLatestVersionFromTheAggregateItself() {
        var events = org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder()
                .storageEngine(new org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine()).build();
        IndicatorCodes codes = new IndicatorCodes(org.axonframework.eventsourcing.EventSourcingRepository
                .builder(IndicatorCatalogueAggregate.class).eventStore(events).build());
        java.util.function.Supplier<java.util.Set<String>> known = () ->
                org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null)
                        .executeWithResult(codes::known).getPayload();
        org.assertj.core.api.Assertions.assertThat(known.get()).isEmpty();
        events.publish(new org.axonframework.eventhandling.GenericDomainEventMessage<>(
                "IndicatorCatalogueAggregate", "XHHT-INDICATORS", 0, FIRST));
        org.assertj.core.api.Assertions.assertThat(known.get()).containsExactly("COMMUNES_XMC_2");
        IndicatorCatalogue renamed = new IndicatorCatalogue("XHHT-INDICATORS", 2, "Chỉ tiêu", List.of(new IndicatorDefinition(
                "COMMUNES_XMC_1", new Names("a", "a"), catalogue(1, "MUC_DO_1").indicators().get(0).numerator(),
                catalogue(1, "MUC_DO_1").indicators().get(0).denominator(), IndicatorCatalogue.RollUp.RATIO_OF_SUMS, null)),
                true, null);
        events.publish(new org.axonframework.eventhandling.GenericDomainEventMessage<>(
                "IndicatorCatalogueAggregate", "XHHT-INDICATORS", 1,
                new IndicatorCataloguePublishedEvent("XHHT-INDICATORS", 2, renamed, "h2", "x.yml")));
        org.assertj.core.api.Assertions.assertThat(known.get()).containsExactly("COMMUNES_XMC_1");
    }

    @Test
    void cannotPublishAnotherCatalogueThanTheOneTheServiceKeeps() {
        IndicatorCatalogue other = new IndicatorCatalogue("OTHER", 1, "Khác", catalogue(1, "MUC_DO_2").indicators(), true, null);
        fixture.givenNoPriorActivity()
               .when(new PublishIndicatorCatalogueCommand("OTHER", other, "h9", "x.yml"))
               .expectException(predicate(e -> e instanceof DomainException d
                       && d.problems().stream().anyMatch(p -> p.field().equals(Field.of("code")))));
    }

    @Test
    void cannotPublishALevelCountWithoutTheKindOfUnitItCounts() {
        Quantity noKind = new Quantity(Quantity.Kind.TITLE_HOLDERS, Title.XMC, "MUC_DO_2", null, null, null);
        IndicatorCatalogue broken = new IndicatorCatalogue("XHHT-INDICATORS", 1, "Chỉ tiêu", List.of(new IndicatorDefinition(
                "COMMUNES_XMC_2", new Names("a", "a"), noKind,
                new Quantity(Quantity.Kind.UNIT_COUNT, null, null, null, UnitKind.COMMUNE, null),
                IndicatorCatalogue.RollUp.RATIO_OF_SUMS, null)), true, null);
        fixture.givenNoPriorActivity()
               .when(new PublishIndicatorCatalogueCommand("XHHT-INDICATORS", broken, "h3", "x.yml"))
               .expectException(predicate(e -> e instanceof DomainException d && d.code() == ErrorCode.VALIDATION_FAILED
                       && d.problems().stream().anyMatch(p -> p.field().equals(Field.of("indicators").at(0).dot("numerator").dot("unitKind")))));
    }
}
