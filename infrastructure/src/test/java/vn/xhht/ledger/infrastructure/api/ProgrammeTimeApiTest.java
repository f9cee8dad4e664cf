package vn.xhht.ledger.infrastructure.api;

import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import vn.xhht.ledger.domain.common.ProgrammeTime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * "Today" is a Vietnamese day everywhere: the service runs half an hour after midnight in Hanoi, when it is still
 * the previous day in UTC. A unit that exists from today is there without {@code ?on=}, the scope check of a
 * scoped user finds it, and a command dated today by the command side (a revocation) agrees.
 */
@Import(ProgrammeTimeApiTest.HalfPastMidnightInHanoi.class)
class ProgrammeTimeApiTest extends ApiTest {

    /** The next 00:30 in Hanoi: 17:30 the day before in UTC. */
    static final Instant HALF_PAST_MIDNIGHT = ProgrammeTime.startOf(ProgrammeTime.dayOf(Instant.now()).plusDays(1))
                                                           .plus(Duration.ofMinutes(30));

    @TestConfiguration
    static class HalfPastMidnightInHanoi {
        @Bean
        @Primary
        Clock halfPastMidnight() {
            return Clock.offset(Clock.system(ProgrammeTime.ZONE), Duration.between(Instant.now(), HALF_PAST_MIDNIGHT));
        }
    }

    @AfterAll
    static void restoreTheEventClock() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    @Test
    void aUnitThatExistsFromTodayInVietnamIsReadWithoutOnWhileItIsStillYesterdayInUtc() {
        LocalDate today = ProgrammeTime.dayOf(HALF_PAST_MIDNIGHT);
        assert LocalDate.ofInstant(HALF_PAST_MIDNIGHT, java.time.ZoneOffset.UTC).equals(today.minusDays(1));
        String province = fresh("tinh");
        as("admin").post().uri("/units").bodyValue(Map.of("id", province, "name", "Tỉnh mới", "kind", "PROVINCE",
                                                         "validFrom", today.toString()))
                   .exchange().expectStatus().isCreated();

        as("auditor").get().uri("/units/{id}", province).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.validFrom").isEqualTo(today.toString());
        as("auditor").get().uri("/units/{id}/children", province).exchange().expectStatus().isOk();
        // yesterday (in Vietnam) it did not exist yet
        as("auditor").get().uri("/units/{id}?on={d}", province, today.minusDays(1)).exchange()
                     .expectStatus().isNotFound();
    }
}
