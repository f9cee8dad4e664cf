package vn.xhht.ledger.infrastructure.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.infrastructure.web.CorrelationIds;
import vn.xhht.ledger.infrastructure.web.IdempotencyFilter;
import vn.xhht.ledger.infrastructure.web.Problems;
import vn.xhht.ledger.infrastructure.web.input.InputRules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): springdoc reads the endpoints,
 * their parameters and request and view records (with their bean-validation rules and Vietnamese examples); this
 * configuration adds what every operation shares and springdoc cannot see — the security schemes, the
 * {@code Idempotency-Key}, {@code If-Match} and {@code X-Correlation-Id} headers, the meaning of {@code on} and
 * {@code asOf}, and the {@code problem+json} answers with the stable codes each status can carry.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    static {
        // an assessment's value as written (WebConfiguration#shownValues): one of three shapes, or null
        org.springdoc.core.utils.SpringDocUtils.getConfig().replaceWithSchema(
                vn.xhht.ledger.domain.framework.IndicatorValue.Shown.class, shownValueSchema());
    }

    static Schema<?> shownValueSchema() {
        ObjectSchema ratio = new ObjectSchema();
        ratio.addProperty("numerator", new io.swagger.v3.oas.models.media.NumberSchema());
        ratio.addProperty("denominator", new io.swagger.v3.oas.models.media.NumberSchema());
        Schema<Object> shown = new Schema<>();
        shown.setOneOf(List.of(new io.swagger.v3.oas.models.media.NumberSchema().description("points, or a count"),
                               new io.swagger.v3.oas.models.media.BooleanSchema().description("met or not"),
                               ratio.description("a ratio")));
        shown.setNullable(true);
        shown.setDescription("Giá trị của chỉ tiêu theo loại: điểm, đạt/không đạt, số lượng, hoặc tỉ lệ");
        return shown;
    }

    @Bean
    public OpenAPI xhhtOpenApi() {
        Components components = new Components()
                .addSecuritySchemes("basicAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                                                      .description("Tên đăng nhập và mật khẩu (HTTP Basic)"))
                .addSecuritySchemes("bearerAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                                                       .bearerFormat("JWT")
                                                                       .description("JWT của nhà cung cấp định danh (khi được cấu hình)"))
                .addSchemas(PROBLEM, problemSchema());
        return new OpenAPI()
                .info(new Info().title("XHHT Ledger API")
                                .version("v1")
                                .description("""
                                        Sổ cái của chương trình Xây dựng xã hội học tập 2021–2030: mỗi thay đổi là một \
                                        lệnh (command) tạo ra một sự kiện bất biến, có người thực hiện và lý do; các \
                                        khung nhìn (chỉ số, lịch sử, nhật ký kiểm tra) được dựng từ sự kiện.

                                        The system of record of Vietnam's learning-society programme. Every command \
                                        answers once its events are stored; refusals are `application/problem+json` \
                                        with a stable `code`. Reads take `on` (valid time, a date) and `asOf` (record \
                                        time, an instant in UTC). Dates lie between %s and %s.""".formatted(
                                        InputRules.FIRST_DATE, InputRules.LAST_DATE))
                                .license(new License().name("Proprietary: Vietnamese public sector")))
                .components(components)
                .addSecurityItem(new SecurityRequirement().addList("basicAuth"))
                .addSecurityItem(new SecurityRequirement().addList("bearerAuth"));
    }

    /** The shape of every refusal (RFC 9457 plus {@code code} and {@code errors[]}). */
    static Schema<?> problemSchema() {
        Schema<String> code = new StringSchema().description("Mã lỗi ổn định (stable machine code)");
        code.setEnum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema().description("the field at fault, as a JSON path or parameter name"));
        fieldError.addProperty("message", new StringSchema());
        fieldError.setRequired(List.of("field", "message"));
        ObjectSchema problem = new ObjectSchema();
        problem.addProperty("type", new StringSchema().example("/problems/period-closed"));
        problem.addProperty("title", new StringSchema().example("Conflict"));
        problem.addProperty("status", new IntegerSchema().example(409));
        problem.addProperty("detail", new StringSchema().example("Kỳ báo cáo 2023 của huyện Củ Chi đã khoá sổ"));
        problem.addProperty("code", code);
        problem.addProperty("instance", new StringSchema().example("/api/v1/recognition-batches"));
        problem.addProperty("errors", new ArraySchema().items(fieldError));
        problem.setRequired(List.of("type", "title", "status", "code"));
        return problem;
    }

    /**
     * The framework document is a domain record (no annotations there): what {@code FrameworkDocuments} requires of
     * it is declared here — fields always required, and those required when {@code decision} is {@code POINTS}
     * ({@code x-required-when}).
     */
    @Bean
    public OpenApiCustomizer frameworkDocumentRules() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            require(schemas.get("CriteriaFramework"), "code", "title", "regulation", "effectiveFrom", "decision",
                    "criteria", "validityYears", "filingDeadline");
            require(schemas.get("Criterion"), "indicators");
            requireWhenPoints(schemas.get("CriteriaFramework"), "thresholds");
            requireWhenPoints(schemas.get("Indicator"), "maxPoints");
        };
    }

    private static void require(Schema<?> schema, String... fields) {
        if (schema != null) {
            schema.setRequired(List.of(fields));
        }
    }

    private static void requireWhenPoints(Schema<?> schema, String field) {
        if (schema != null && schema.getProperties() != null && schema.getProperties().get(field) != null) {
            Schema<?> property = schema.getProperties().get(field);
            property.addExtension("x-required-when", Map.of("decision", "POINTS"));
            property.setDescription("Required when decision is POINTS");
        }
    }

    @Bean
    public OperationCustomizer sharedParts() {
        return OpenApiConfiguration::customise;
    }

    static Operation customise(Operation operation, HandlerMethod handler) {
        boolean command = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PostMapping.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PutMapping.class)
                || isMapped(handler, org.springframework.web.bind.annotation.RequestMethod.POST)
                || isMapped(handler, org.springframework.web.bind.annotation.RequestMethod.PUT);
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>()
                : new ArrayList<>(operation.getParameters());
        for (Parameter parameter : parameters) {
            describe(parameter);
        }
        parameters.add(new HeaderParameter().name(CorrelationIds.HEADER).required(false)
                                            .schema(new StringSchema().pattern("[A-Za-z0-9._:-]{1,64}"))
                                            .description("Mã tương quan của client, chép vào mọi sự kiện; "
                                                                 + "a malformed one is replaced by a new id (echoed back)"));
        if (command) {
            parameters.add(new HeaderParameter().name(IdempotencyFilter.HEADER).required(false)
                                                .schema(new StringSchema().pattern("[A-Za-z0-9._:-]{1,100}"))
                                                .example("ke-hoach-163-2023-lan-1")
                                                .description("Gửi lại cùng khoá với cùng nội dung: nhận lại câu trả lời đầu tiên, "
                                                                     + "không lưu gì thêm; cùng khoá với nội dung khác: 409 "
                                                                     + "IDEMPOTENCY_KEY_REUSED. Kept for one day."));
        }
        operation.setParameters(parameters);
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        for (HttpStatus status : refusals(command, operation.getRequestBody() != null)) {
            responses.addApiResponse(String.valueOf(status.value()), problem(status));
        }
        for (Map.Entry<String, ApiResponse> answer : responses.entrySet()) {
            if (command && answer.getKey().startsWith("2")) {
                answer.getValue().addHeaderObject(HttpHeaders.ETAG, new Header().description("\"<version>\" of the resource")
                                                                               .schema(new StringSchema()));
                if (answer.getKey().equals("201")) {
                    answer.getValue().addHeaderObject(HttpHeaders.LOCATION, new Header().description("the new resource")
                                                                                       .schema(new StringSchema()));
                }
            }
        }
        operation.setResponses(sorted(responses));
        return operation;
    }

    private static boolean isMapped(HandlerMethod handler, org.springframework.web.bind.annotation.RequestMethod method) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && Arrays.asList(mapping.method()).contains(method);
    }

    /** The refusals an operation can answer (the {@code ProblemExceptionHandler} and the filters decide them). */
    static List<HttpStatus> refusals(boolean command, boolean hasBody) {
        List<HttpStatus> statuses = new ArrayList<>(List.of(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED,
                                                            HttpStatus.FORBIDDEN, HttpStatus.SERVICE_UNAVAILABLE));
        statuses.add(HttpStatus.NOT_FOUND); // an id in the path, the query or the body that names nothing
        if (command) {
            statuses.addAll(List.of(HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY));
        }
        if (hasBody) {
            statuses.addAll(List.of(HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE));
        }
        return statuses;
    }

    private static ApiResponse problem(HttpStatus status) {
        List<String> codes = Arrays.stream(ErrorCode.values()).filter(code -> Problems.statusOf(code) == status)
                                   .map(Enum::name).toList();
        if (status == HttpStatus.PAYLOAD_TOO_LARGE) {
            codes = List.of(ErrorCode.MALFORMED_REQUEST.name());
        }
        String description = status.getReasonPhrase() + (codes.isEmpty() ? "" : " — code: " + String.join(", ", codes));
        MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        if (!codes.isEmpty()) {
            problem.addExamples(codes.get(0), new Example().value(Map.of(
                    "type", "/problems/" + codes.get(0).toLowerCase().replace('_', '-'), "title", status.getReasonPhrase(),
                    "status", status.value(), "code", codes.get(0), "detail", "…")));
        }
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, problem));
    }

    private static void describe(Parameter parameter) {
        switch (parameter.getName()) {
            case "on" -> parameter.description("Ngày hiệu lực (valid time): thế giới như ngày đó — hierarchy and titles "
                                                       + "in force that day; default today in Asia/Ho_Chi_Minh")
                                  .example("2025-06-30");
            case "asOf" -> parameter.description("Thời điểm ghi nhận (record time): what the service knew at that "
                                                         + "instant, replayed from the log; default now")
                                    .example("2025-07-01T00:00:00Z");
            case "If-Match" -> parameter.description("\"<version>\" the change was made against; a stale one is 409 "
                                                             + "STALE_VERSION").example("\"3\"");
            case "limit" -> parameter.description("page size, 1–500 (default 50)");
            case "cursor" -> parameter.description("the opaque `next` of the previous page");
            default -> {
            }
        }
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses ordered = new ApiResponses();
        new TreeMap<>(responses).forEach(ordered::addApiResponse);
        if (responses.getExtensions() != null) {
            ordered.setExtensions(new LinkedHashMap<>(responses.getExtensions()));
        }
        return ordered;
    }
}
