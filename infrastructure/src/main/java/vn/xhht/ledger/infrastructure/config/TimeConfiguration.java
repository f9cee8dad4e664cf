package vn.xhht.ledger.infrastructure.config;

import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.xhht.ledger.domain.common.ProgrammeTime;

import java.time.Clock;

/**
 * One clock for the whole service, in the programme's zone ({@link ProgrammeTime#ZONE}): the web layer's "today"
 * (the default of {@code ?on=}, scope checks, the day a change is shown as of) and the command side's (deadlines,
 * revocations, reviews — read from Axon's event clock, which is set to this one) are the same day.
 */
@Configuration(proxyBeanMethods = false)
public class TimeConfiguration {

    @Bean
    public Clock clock() {
        return Clock.system(ProgrammeTime.ZONE);
    }

    /** Axon stamps events and the command side derives its dates from this clock too. */
    @Bean
    public InitializingBean eventClock(Clock clock) {
        return () -> GenericEventMessage.clock = clock;
    }
}
