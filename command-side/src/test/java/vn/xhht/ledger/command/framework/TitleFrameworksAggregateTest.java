package vn.xhht.ledger.command.framework;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages;
import vn.xhht.ledger.domain.framework.FrameworkMessages.TitleFrameworkRegisteredEvent;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frameworks governing one title, given/when/then: a framework version published is recorded once, a newer
 * version again, and the one in force on a day is the latest to start ({@link TitleFrameworks} records them when a
 * framework is published; {@code TitleFrameworksTest} over a real event store).
 */
class TitleFrameworksAggregateTest {

    private static final String TITLE = "DON_VI_HOC_TAP";
    private static final String ID = FrameworkMessages.titleFrameworksId(TITLE);
    private static final LocalDate TT22_FROM = LocalDate.of(2020, 9, 21);
    private static final LocalDate TT24_FROM = LocalDate.of(2024, 1, 29);

    private FixtureConfiguration<TitleFrameworksAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TitleFrameworksAggregate.class);
    }

    private static CriteriaFramework framework(String code, int version, LocalDate from, LocalDate to) {
        return new CriteriaFramework(code, version, code, TITLE, code, null, from, to, CriteriaFramework.Decision.ALL_MET,
                                     List.of(), null, List.of("MUC_DO_1"), 3, null, null, List.of(), true, null);
    }

    private static TitleFrameworkRegisteredEvent registered(String code, int version, LocalDate from, LocalDate to) {
        return new TitleFrameworkRegisteredEvent(TITLE, code, version, from, to, 3);
    }

    @Test
    void canRecordTheFirstFrameworkOfATitle() {
        fixture.givenNoPriorActivity()
               .whenConstructing(() -> {
                   TitleFrameworksAggregate frameworks = new TitleFrameworksAggregate(TITLE);
                   frameworks.register(framework("TT22-2020-DVHT", 2, TT22_FROM, null));
                   return frameworks;
               })
               .expectEvents(registered("TT22-2020-DVHT", 2, TT22_FROM, null));
    }

    @Test
    void canRecordNothingForAVersionAlreadyRecordedOrAnOlderOne() {
        fixture.given(registered("TT22-2020-DVHT", 2, TT22_FROM, null))
               .whenInvoking(ID, f -> {
                   f.register(framework("TT22-2020-DVHT", 2, TT22_FROM, null));
                   f.register(framework("TT22-2020-DVHT", 1, TT22_FROM, null));
               })
               .expectNoEvents();
    }

    @Test
    void canRecordANewerVersionThatEndsTheFramework() {
        fixture.given(registered("TT22-2020-DVHT", 2, TT22_FROM, null))
               .whenInvoking(ID, f -> f.register(framework("TT22-2020-DVHT", 3, TT22_FROM, TT24_FROM.minusDays(1))))
               .expectEvents(registered("TT22-2020-DVHT", 3, TT22_FROM, TT24_FROM.minusDays(1)))
               .expectState(f -> assertThat(f.inForceOn(TT24_FROM)).isEmpty());
    }

    @Test
    void canTellTheFrameworkInForceOnADayTheLatestToStartWinning() {
        fixture.given(registered("TT22-2020-DVHT", 2, TT22_FROM, null), registered("TT24-2023-DVHT", 2, TT24_FROM, null))
               .whenInvoking(ID, f -> { })
               .expectState(f -> {
                   assertThat(f.inForceOn(TT22_FROM.minusDays(1))).isEmpty();
                   assertThat(f.inForceOn(TT24_FROM.minusDays(1))).get().extracting(TitleFrameworkRegisteredEvent::code)
                                                                  .isEqualTo("TT22-2020-DVHT");
                   assertThat(f.inForceOn(TT24_FROM)).get().extracting(TitleFrameworkRegisteredEvent::code)
                                                     .isEqualTo("TT24-2023-DVHT");
               });
    }
}
