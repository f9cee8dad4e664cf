package vn.xhht.ledger.infrastructure.api;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read costs no observation nobody reads: Spring Security wraps no filter, authentication or authorization in one,
 * and the per-request {@code http.server.requests} observation is off (no metrics endpoint is exposed). Together
 * they held 17% of the request threads' JFR samples for a cached {@code GET /indicators} in the indicator benchmark
 * (the end-to-end latency did not move beyond run-to-run noise when they went).
 */
class RequestObservationsTest extends ApiTest {

    private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

    @Autowired
    ObservationRegistry observations;

    @Test
    void requestsStartNoObservation() {
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStart(Observation.Context context) {
                STARTED.add(context.getName());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });

        as("auditor").get().uri("/indicators/catalogue").exchange().expectStatus().isOk();
        as("auditor").get().uri("/units/{id}", "no-such-unit").exchange().expectStatus().isNotFound();
        anonymous().get().uri("/api/v1/units").exchange().expectStatus().isUnauthorized();

        Observation.start("probe", observations).stop(); // the handler does see what is started

        assertThat(STARTED).contains("probe").doesNotContain("http.server.requests")
                           .noneMatch(name -> name.startsWith("spring.security"));
    }
}
