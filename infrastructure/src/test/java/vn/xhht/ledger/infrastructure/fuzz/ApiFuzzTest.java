package vn.xhht.ledger.infrastructure.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.xhht.ledger.infrastructure.fuzz.HostileRequests.Probe;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzzer: requests generated from {@code /v3/api-docs} that break each operation's contract (see
 * {@link HostileRequests}), each sent by a user whose role the operation accepts. After every request: no
 * {@code 5xx}; every refusal a {@code problem+json} with a {@code code}, its status one the document lists for the
 * operation; nothing stored on a refusal. After the run: {@code /audit/verify} is {@code ok}.
 * <p>
 * In the suite it runs a fixed seed ({@code jqwik.tries.default}, 1,500 in {@code junit-platform.properties});
 * {@code ./benchmark -Dtest=ApiFuzzBenchmark} runs it long with fresh seeds.
 */
public class ApiFuzzTest {

    static ServiceUnderTest service;
    static HostileRequests requests;
    static int sent;

    @BeforeContainer
    static void start() throws Exception {
        service = new ServiceUnderTest();
        Map<String, String> ids = service.fixture();
        JsonNode document = ServiceUnderTest.JSON.readTree(
                service.http.send(new RawHttp.Request("GET", "/v3/api-docs", java.util.List.of(), null)).body());
        requests = new HostileRequests(new ApiDocument(document), ids);
    }

    @AfterContainer
    static void theLogStillVerifies() throws Exception {
        try {
            if (service != null) {
                JsonNode verified = service.verify();
                assertThat(verified.path("ok").asBoolean()).as("/audit/verify after %d hostile requests: %s", sent, verified)
                                                           .isTrue();
            }
        } finally {
            if (service != null) {
                service.close();
            }
        }
    }

    @Provide
    protected Arbitrary<Probe> hostileRequests() {
        return requests.all();
    }

    @Property(seed = "20261129", shrinking = ShrinkingMode.FULL)
    void everyHostileRequestIsRefusedWithADocumentedProblemAndStoresNothing(@ForAll("hostileRequests") Probe probe)
            throws Exception {
        judge(probe);
    }

    protected static void judge(Probe probe) throws Exception {
        long before = service.storedEvents();
        RawHttp.Response response;
        try {
            response = service.http.send(probe.request());
        } catch (java.io.IOException reset) {
            // a body over the limit: the server answers 413 and closes before reading it all, which may reset the
            // connection before its answer is read; nothing may have been stored all the same
            assertThat(probe.request().body()).as("%s: %s", probe, reset).isNotNull();
            assertThat(probe.request().body().length).as("%s: %s", probe, reset).isGreaterThan(256 * 1024);
            assertThat(service.storedEvents()).isEqualTo(before);
            return;
        }
        sent++;
        int status = response.status();
        assertThat(status).as("%s answered %d: %s", probe, status, response.text()).isLessThan(500);
        if (!probe.transport() && !probe.request().target().startsWith("/api/v1/problems")) {
            assertThat(probe.operation().statuses()).as("%s answered %d, which the document does not list", probe, status)
                                                    .contains(status);
        }
        if (status >= 400) {
            assertThat(response.header("Content-Type")).as("%s answered %d as %s", probe, status, response.header("Content-Type"))
                                                       .startsWith("application/problem+json");
            JsonNode problem = ServiceUnderTest.JSON.readTree(response.body());
            assertThat(problem.path("code").asText("")).as("%s: problem without a code: %s", probe, problem).isNotBlank();
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            for (JsonNode error : problem.path("errors")) {
                assertThat(error.path("field").isTextual() && error.path("message").isTextual())
                        .as("%s: error entries name a field and a message: %s", probe, problem).isTrue();
            }
            assertThat(service.storedEvents()).as("%s was refused (%d) but stored events", probe, status).isEqualTo(before);
        }
        if (sent % 500 == 0) {
            assertThat(service.verify().path("ok").asBoolean()).as("/audit/verify after %d requests", sent).isTrue();
        }
    }
}
