package vn.xhht.ledger.infrastructure.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import vn.xhht.ledger.infrastructure.api.ApiTest;
import vn.xhht.ledger.infrastructure.fuzz.ApiDocument.Operation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v3/api-docs} describes the service as it is: every endpoint under {@code /api/v1} and nothing else, each
 * with a summary, its problem answers and (for a body) a Vietnamese example that is valid; each body field the
 * document calls required is refused when missing ({@code 400} naming it) and each it calls optional is not.
 */
class OpenApiContractTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private ApiDocument document;

    private JsonNode raw;

    @BeforeEach
    void readTheDocument() throws Exception {
        byte[] body = anonymous().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                                 .expectBody().returnResult().getResponseBody();
        raw = JSON.readTree(body);
        document = new ApiDocument(raw);
    }

    /** An assessment's value is typed: a number, a boolean or a ratio, as the service writes it — never "any". */
    @Test
    void anAssessmentsValuesAreDocumentedAsTheirThreeShapes() {
        JsonNode self = raw.at("/components/schemas/ScoreView/properties/self");
        JsonNode shown = self.has("$ref") ? raw.at("/components/schemas/" + self.get("$ref").asText().replaceAll(".*/", "")) : self;
        assertThat(shown.path("oneOf")).extracting(JsonNode::toString)
                .anySatisfy(s -> assertThat(s).contains("\"number\""))
                .anySatisfy(s -> assertThat(s).contains("\"boolean\""))
                .anySatisfy(s -> assertThat(s).contains("numerator").contains("denominator"));
    }

    @Test
    void everyEndpointOfTheServiceIsDocumentedAndNothingElse() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns().forEach(pattern -> {
            if (pattern.getPatternString().startsWith("/api/v1/")) {
                info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + pattern.getPatternString()));
            }
        }));
        Set<String> documented = new TreeSet<>();
        document.operations.forEach(op -> documented.add(op.key()));
        assertThat(served).hasSizeGreaterThan(40);
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void theDocumentIsReadableWithoutLoginAndSwaggerUiIsServed() {
        anonymous().get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        anonymous().get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
        anonymous().get().uri("/api/v1/units/x").exchange().expectStatus().isUnauthorized();
    }

    @TestFactory
    Stream<DynamicTest> everyOperationHasASummaryItsProblemsAndSecurity() {
        return document.operations.stream().map(op -> DynamicTest.dynamicTest(op.key(), () -> {
            JsonNode node = rawOperation(op);
            assertThat(node.path("summary").asText()).as("summary").isNotBlank();
            assertThat(op.statuses()).as("statuses").contains(400, 401, 403, 503);
            assertThat(op.statuses().stream().filter(s -> s < 300)).as("a success").isNotEmpty();
            Iterator<Map.Entry<String, JsonNode>> responses = node.path("responses").fields();
            while (responses.hasNext()) {
                Map.Entry<String, JsonNode> response = responses.next();
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    assertThat(response.getValue().path("content").has("application/problem+json"))
                            .as("%s answers problem+json", response.getKey()).isTrue();
                }
            }
            if (op.method().equals("POST") || op.method().equals("PUT")) {
                assertThat(op.in("header").stream().map(ApiDocument.Parameter::name)).contains("Idempotency-Key");
            }
            if (op.hasBody()) {
                assertThat(op.example()).as("a body example").isNotNull();
                assertThat(op.example().isObject()).as("a body example").isTrue();
                for (String required : document.required(op.bodySchema())) {
                    assertThat(op.example().has(required)).as("the example gives required field %s", required).isTrue();
                }
            }
        }));
    }

    /** For each body field of each example: missing, it is refused if and only if the document calls it required. */
    @TestFactory
    Stream<DynamicTest> requiredFieldsAreWhatTheServiceRequires() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : document.operations) {
            if (!op.hasBody()) {
                continue;
            }
            HostileRequests requests = new HostileRequests(document, Map.of("plan", "00000000-0000-0000-0000-000000000001",
                    "assessment", "00000000-0000-0000-0000-000000000001", "recognition", "00000000-0000-0000-0000-000000000001",
                    "batch", "00000000-0000-0000-0000-000000000001"));
            collectFields(op.example(), op.bodySchema(), "", "", tests, op, requests);
        }
        return tests.stream();
    }

    private void collectFields(JsonNode example, JsonNode schema, String pointer, String field, List<DynamicTest> tests,
                               Operation op, HostileRequests requests) {
        JsonNode object = document.resolve(schema);
        if (!example.isObject()) {
            return;
        }
        Set<String> required = document.required(object);
        example.fieldNames().forEachRemaining(name -> {
            String at = pointer + "/" + name;
            String path = field.isEmpty() ? name : field + "." + name;
            JsonNode when = document.property(object, name).path("x-required-when");
            boolean isRequired = required.contains(name) || (when.isObject() && matches(op.example(), when));
            tests.add(DynamicTest.dynamicTest(op.key() + " without " + path + (isRequired ? " is refused" : " is not refused for it"), () -> {
                byte[] body = RawJson.write(op.example(), Map.of(), Set.of(at), Set.of());
                var answer = as(HostileRequests.userFor(op)).method(org.springframework.http.HttpMethod.valueOf(op.method()))
                                                            .uri(HostileRequests.target(op, requests.pathValues(op), requests.query(op))
                                                                                .substring("/api/v1".length()))
                                                            .bodyValue(body).exchange().expectBody().returnResult();
                JsonNode problem = answer.getResponseBody() == null ? JSON.nullNode() : JSON.readTree(answer.getResponseBody());
                List<String> named = new ArrayList<>();
                problem.path("errors").forEach(e -> named.add(e.path("field").asText()));
                boolean refusedForIt = answer.getStatus().value() == 400 && named.contains(path);
                assertThat(refusedForIt).as("%s answered %s %s", path, answer.getStatus(), problem).isEqualTo(isRequired);
            }));
            JsonNode value = example.path(name);
            JsonNode propertySchema = document.property(object, name);
            if (value.isObject()) {
                collectFields(value, propertySchema, at, path, tests, op, requests);
            } else if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                collectFields(value.get(0), document.resolve(propertySchema.path("items")), at + "/0", path + "[0]", tests, op, requests);
            }
        });
    }

    /** Whether the body's top-level fields have the values an {@code x-required-when} names. */
    private static boolean matches(JsonNode body, JsonNode when) {
        Iterator<Map.Entry<String, JsonNode>> conditions = when.fields();
        while (conditions.hasNext()) {
            Map.Entry<String, JsonNode> condition = conditions.next();
            if (!condition.getValue().equals(body.path(condition.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private JsonNode rawOperation(Operation op) throws Exception {
        byte[] body = anonymous().get().uri("/v3/api-docs").exchange().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body).path("paths").path(op.path()).path(op.method().toLowerCase());
    }
}
