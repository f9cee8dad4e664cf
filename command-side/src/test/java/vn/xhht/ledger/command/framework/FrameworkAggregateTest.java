package vn.xhht.ledger.command.framework;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Criterion;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Decision;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Indicator;
import vn.xhht.ledger.domain.framework.CriteriaFramework.IndicatorKind;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FrameworkVersionPublishedEvent;
import vn.xhht.ledger.domain.framework.FrameworkMessages.PublishFrameworkVersionCommand;
import vn.xhht.ledger.domain.common.PublishResult;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

/** A framework's versions: published once per content, numbered as asked or next, every indicator naming its kind. */
class FrameworkAggregateTest {

    private FixtureConfiguration<FrameworkAggregate> fixture;
    /** The versions the publications recorded under their title. */
    private final List<String> registered = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FrameworkAggregate.class);
        fixture.registerInjectableResource(new TitleFrameworks(null) {
            @Override
            public void register(CriteriaFramework framework) {
                registered.add(framework.subjectTitle() + " " + framework.code() + " v" + framework.version());
            }
        });
    }

    @Test
    void canRecordAPublishedVersionUnderItsTitleAndAgainWhenItsFileComesBackUnchanged() {
        fixture.givenNoPriorActivity().when(publish(allMet(1, PLAN, SHARE), "h1")).expectSuccessfulHandlerExecution();
        assertThat(registered).containsExactly("DON_VI_HOC_TAP TT24-2023-DVHT v1");
        fixture.givenCommands(publish(allMet(1, PLAN, SHARE), "h1"))
               .when(publish(allMet(1, PLAN, SHARE), "h1"))
               .expectNoEvents();
        // a framework published before titles were kept gets its entry when its file is published again
        assertThat(registered).endsWith("DON_VI_HOC_TAP TT24-2023-DVHT v1", "DON_VI_HOC_TAP TT24-2023-DVHT v1");
    }

    /** An all-met document written before per-level targets: no kinds, a level-2-only condition. */
    private static CriteriaFramework allMet(Integer version, Indicator... indicators) {
        return new CriteriaFramework("TT24-2023-DVHT", version, "ĐVHT", "DON_VI_HOC_TAP", "TT 24/2023", null,
                                     LocalDate.of(2024, 1, 29), null, Decision.ALL_MET,
                                     List.of(new Criterion("TC1", "Điều kiện", List.of(indicators))), null,
                                     List.of("MUC_DO_1", "MUC_DO_2"), 3, null, MonthDay.of(1, 15), List.of(), true, null);
    }

    private static final Indicator PLAN = new Indicator("TC1.1", "Kế hoạch", null, List.of("MUC_DO_1", "MUC_DO_2"));
    private static final Indicator SHARE = new Indicator("TC2.3", "Công dân học tập", null, null, IndicatorKind.RATIO,
                                                         Map.of("MUC_DO_1", new BigDecimal("90"), "MUC_DO_2", new BigDecimal("95")));

    private static PublishFrameworkVersionCommand publish(CriteriaFramework document, String hash) {
        return new PublishFrameworkVersionCommand(document.code(), document, hash, "frameworks/TT24-2023-DVHT.v1.yml");
    }

    @Test
    void canPublishAVersionWhoseIndicatorsAllNameTheirKind() {
        fixture.givenNoPriorActivity()
               .when(publish(allMet(1, PLAN, SHARE), "h1"))
               .expectResultMessagePayload(new PublishResult("TT24-2023-DVHT", 1, true))
               .expectEventsMatching(payloadsMatching(exactSequenceOf(predicate(e -> e instanceof FrameworkVersionPublishedEvent p
                       && p.version() == 1 && p.framework().version() == 1
                       && p.framework().indicators().get(0).kind() == IndicatorKind.CONDITION
                       && p.framework().indicators().get(1).kind() == IndicatorKind.RATIO), andNoMore())));
    }

    @Test
    void canPublishTheSameContentAgainWhichStoresNothingAndAnswersItsVersion() {
        fixture.given(new FrameworkVersionPublishedEvent("TT24-2023-DVHT", 1, allMet(1, PLAN).published(1), "h1", "f"))
               .when(publish(allMet(1, PLAN), "h1"))
               .expectResultMessagePayload(new PublishResult("TT24-2023-DVHT", 1, false))
               .expectNoEvents();
    }

    @Test
    void canPublishChangedContentAsTheVersionItAsksForOrElseTheNext() {
        fixture.given(new FrameworkVersionPublishedEvent("TT24-2023-DVHT", 1, allMet(1, PLAN).published(1), "h1", "f"))
               .when(publish(allMet(2, PLAN, SHARE), "h2"))
               .expectResultMessagePayload(new PublishResult("TT24-2023-DVHT", 2, true));
        setUp();
        // changed content that kept its version number becomes the next version
        fixture.given(new FrameworkVersionPublishedEvent("TT24-2023-DVHT", 1, allMet(1, PLAN).published(1), "h1", "f"))
               .when(publish(allMet(1, PLAN, SHARE), "h2"))
               .expectResultMessagePayload(new PublishResult("TT24-2023-DVHT", 2, true));
    }

    @Test
    void cannotPublishADocumentWhoseTargetFallsAsTheLevelRises() {
        Indicator falling = new Indicator("TC2.3", "x", null, null, IndicatorKind.RATIO,
                                          Map.of("MUC_DO_1", new BigDecimal("95"), "MUC_DO_2", new BigDecimal("90")));
        fixture.givenNoPriorActivity()
               .when(publish(allMet(1, PLAN, falling), "h3"))
               .expectException(DomainException.class)
               .expectNoEvents();
    }

    @Test
    void cannotPublishAPointsIndicatorInAnAllMetFramework() {
        Indicator points = new Indicator("TC1.2", "x", new BigDecimal("10"), null, IndicatorKind.POINTS, null);
        fixture.givenNoPriorActivity()
               .when(publish(allMet(1, PLAN, points), "h4"))
               .expectException(DomainException.class)
               .expectNoEvents();
    }
}
