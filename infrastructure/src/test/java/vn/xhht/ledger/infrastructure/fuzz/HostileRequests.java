package vn.xhht.ledger.infrastructure.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import vn.xhht.ledger.infrastructure.fuzz.ApiDocument.Operation;
import vn.xhht.ledger.infrastructure.fuzz.ApiDocument.Parameter;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requests generated from the OpenAPI document that break an operation's contract in one way each: a body field of
 * the wrong type, missing, extra or repeated; text that is not valid Unicode or UTF-8, or holds control characters;
 * numbers at and beyond their bounds; absurd dates; malformed or oversized bodies; wrong media types and charsets;
 * hostile path segments, query values and headers. Everything else about the request is valid (the operation's
 * example body, the fixture's ids, a user whose role the operation accepts), so the break is what is judged.
 */
public final class HostileRequests {

    /** One generated request: the operation, what was broken, and the bytes sent. */
    public record Probe(Operation operation, String broken, RawHttp.Request request, boolean transport) {
        @Override
        public String toString() {
            return operation.key() + " with " + broken;
        }
    }

    private static final List<String> TEXTS = List.of(
            "\"A\\ud800B\"", "\"\\udc00\"", "\"\\ud83d\"", "\"\\ud83d\\ud83d\"", "\"a\\u0000b\"", "\"\\u0007\"",
            "\"\\u001b[31m\"", "\"\\u0085\"", "\"\\u009b\"", "\"\\ufffe\"", "\"\\uffff\"", "\"\\ufdd0\"",
            "\"\\udbff\\udfff\"", "\"x\\ny\"", "\"x\\ty\"", "\"x\\ry\"", "\"\"", "\" \"", "\"\\x\"", "\"\\u12\"",
            "\"" + "x".repeat(301) + "\"", "\"" + "ệ".repeat(2001) + "\"", "\"$where\"", "\"../../etc\"",
            "\"{\\\"$gt\\\":\\\"\\\"}\"", "\"Cu\\u0309 Chi\"");
    private static final List<String> OTHER_TYPES = List.of(
            "5", "-1", "true", "false", "null", "[]", "{}", "[1,2]", "{\"$gt\":\"\"}", "\"5\"", "\"true\"", "1.5", "\"\"",
            "[\"a\",null]", "[[[]]]");
    private static final List<String> NUMBERS = List.of(
            "0", "-0", "0.5", "-0.5", "1e308", "-1e308", "1e400", "1e-400", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "1e999999999", "123456789012345678901234567890123", "01", "1.", ".5", "NaN",
            "Infinity", "-Infinity", "0x10", "1_000", "1.000", "1,5", "+1");
    private static final List<String> DATES = List.of(
            "\"+999999999-12-31\"", "\"-999999999-01-01\"", "\"0000-01-01\"", "\"2023-02-30\"", "\"2023-02-29\"",
            "\"1944-12-31\"", "\"2101-01-01\"", "\"2023-13-01\"", "\"20230101\"", "\"2023-1-1\"",
            "\"2023-01-01T00:00:00Z\"", "\"１９４５-01-01\"", "\"2023-01-01\\u0000\"", "\"31/12/2023\"", "\"\"");
    private static final List<String> EXTRA_FIELDS = List.of(
            "actor", "$where", "a.b", "", "__proto__", "ACTOR", "id\\u0000", "x".repeat(200), "\\ud800");
    private static final List<String> WHOLE_BODIES = List.of(
            "", "{", "}", "[]", "[{}]", "null", "\"x\"", "1", "{}x", "{}}", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}",
            "[".repeat(3000) + "]".repeat(3000), "{\"a\":" .repeat(1500) + "1" + "}".repeat(1500),
            "\uFEFF{}", "{\"x\":\"" + "y".repeat(300_000) + "\"}");
    private static final List<byte[]> BAD_UTF8 = List.of(
            new byte[]{(byte) 0xC0, (byte) 0xAF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[]{(byte) 0xFF},
            new byte[]{(byte) 0x80}, new byte[]{(byte) 0xE2, (byte) 0x82}, new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
    private static final List<String> CONTENT_TYPES = List.of(
            "application/x-ndjson", "application/problem+json", "text/plain", "text/json", "application/xml",
            "application/json; charset=ISO-8859-1", "application/json; charset=utf-16", "application/json; charset=nonsense",
            "nonsense", "application/json;;", "*/*", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded");
    private static final List<String> PATH_SEGMENTS = List.of(
            "..", "%2e%2e", ".", "x".repeat(300), "A-UPPER", "%00", "%ZZ", "a%2Fb", "%F0%9F%98%80", "-",
            "00000000-0000-0000-0000-000000000000", "a b", "ñ", "%C3%B1", "$where", "%7Bid%7D", "null", "-1",
            "99999999999", "x".repeat(5000), "%ED%A0%80");
    private static final List<String> QUERY_VALUES = List.of(
            "", "%ZZ", "%00", "x".repeat(5000), "-1", "0", "501", "1e3", "99999999999999999999", "2023-02-30",
            "%2B999999999-01-01", "1900-01-01", "2101-01-01T00:00:00Z", "2023-01-01T25:00:00Z", "now", "%C3%B1",
            "a%0Ab", "%ED%A0%80", "%EF%BF%BE", "2023-12-31", "2024-01-01T00:00:00Z");
    private static final List<String> QUERY_NAMES = List.of("on", "asOf", "limit", "cursor", "year", "unitId",
                                                            "from", "to", "actor", "type", "aggregateId");
    private static final List<String> IF_MATCH = List.of(
            "", "\"\"", "W/\"-1\"", "\"99999999999999999999\"", "*", "\"1\", \"2\"", "\"abc\"", "x".repeat(10_000), "ñ");
    private static final List<String> KEYS = List.of("", " ", "a b", "é", "x".repeat(101), "x".repeat(20_000), "a/b", "\t");

    private final ApiDocument document;
    private final Map<String, String> ids;

    HostileRequests(ApiDocument document, Map<String, String> ids) {
        this.document = document;
        this.ids = ids;
    }

    Arbitrary<Probe> all() {
        return Arbitraries.of(document.operations).flatMap(this::breaking);
    }

    private Arbitrary<Probe> breaking(Operation operation) {
        List<Arbitrary<Probe>> ways = new ArrayList<>();
        if (!operation.in("path").isEmpty()) {
            ways.add(pathSegments(operation));
        }
        ways.add(queries(operation));
        ways.add(headers(operation));
        if (operation.hasBody()) {
            List<String> slots = slots(operation);
            if (slots.isEmpty()) {
                throw new IllegalStateException(operation + " has a body but no example in the document");
            }
            ways.add(Arbitraries.of(slots).flatMap(slot -> Arbitraries.of(valuesFor(operation, slot))
                    .map(raw -> bodyProbe(operation, "body " + slot + " = " + abbreviate(raw), Map.of(slot, raw), Set.of(), Set.of(), null))));
            ways.add(Arbitraries.of(slots).map(slot -> bodyProbe(operation, "body " + slot + " removed", Map.of(), Set.of(slot), Set.of(), null)));
            ways.add(Arbitraries.of(slots).map(slot -> bodyProbe(operation, "body " + slot + " repeated", Map.of(), Set.of(), Set.of(slot), null)));
            ways.add(Arbitraries.of(EXTRA_FIELDS).map(name -> bodyProbe(operation, "body with extra field '" + abbreviate(name) + "'",
                                                                        Map.of("/" + name + "\u0001extra", "1"), Set.of(), Set.of(), null)));
            ways.add(Arbitraries.of(WHOLE_BODIES).map(body -> probe(operation, "body " + abbreviate(body),
                                                                    body.getBytes(StandardCharsets.UTF_8), "application/json", List.of(), false)));
            List<String> texts = slots.stream().filter(s -> "string".equals(schemaAt(operation, s).path("type").asText())).toList();
            if (!texts.isEmpty()) {
                ways.add(Arbitraries.of(texts).flatMap(slot -> Arbitraries.of(BAD_UTF8).map(bytes -> bodyProbe(
                        operation, "body " + slot + " with bytes that are not UTF-8", Map.of(slot, "\"x\u0002y\""), Set.of(), Set.of(), bytes))));
            }
            ways.add(Arbitraries.of(CONTENT_TYPES).map(type -> probe(operation, "Content-Type: " + type,
                                                                     RawJson.write(operation.example(), Map.of(), Set.of(), Set.of()), type, List.of(), false)));
            ways.add(Arbitraries.just(probe(operation, "no Content-Type", RawJson.write(operation.example(), Map.of(), Set.of(), Set.of()),
                                            null, List.of(), false)));
        }
        return Arbitraries.oneOf(ways);
    }

    /** Every field of the example body, as a pointer ({@code /period/from}, {@code /targets/0/indicator}). */
    private static List<String> slots(Operation operation) {
        List<String> slots = new ArrayList<>();
        collect(operation.example(), "", slots);
        return slots;
    }

    private static void collect(JsonNode node, String at, List<String> slots) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                slots.add(at + "/" + field.getKey());
                collect(field.getValue(), at + "/" + field.getKey(), slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(at + "/" + i);
                collect(node.get(i), at + "/" + i, slots);
            }
        }
    }

    JsonNode schemaAt(Operation operation, String pointer) {
        JsonNode schema = operation.bodySchema();
        for (String part : pointer.substring(1).split("/")) {
            schema = document.resolve(schema);
            schema = part.matches("\\d+") ? document.resolve(schema.path("items")) : document.property(schema, part);
        }
        return document.resolve(schema);
    }

    private List<String> valuesFor(Operation operation, String slot) {
        JsonNode schema = schemaAt(operation, slot);
        List<String> values = new ArrayList<>(OTHER_TYPES);
        String type = schema.path("type").asText("");
        if (type.equals("string") && schema.path("format").asText("").startsWith("date")) {
            values.addAll(DATES);
        } else if (type.equals("string")) {
            values.addAll(TEXTS);
            if (schema.has("maxLength")) {
                values.add("\"" + "a".repeat(schema.path("maxLength").asInt() + 1) + "\"");
            }
        } else if (type.equals("integer") || type.equals("number")) {
            values.addAll(NUMBERS);
            for (String bound : List.of("minimum", "maximum")) {
                if (schema.has(bound)) {
                    BigDecimal value = new BigDecimal(schema.path(bound).asText());
                    values.addAll(List.of(value.toPlainString(), value.subtract(BigDecimal.ONE).toPlainString(),
                                          value.add(BigDecimal.ONE).toPlainString(), value.add(new BigDecimal("0.001")).toPlainString()));
                }
            }
        }
        return values;
    }

    private Probe bodyProbe(Operation operation, String broken, Map<String, String> raw, Set<String> removed,
                            Set<String> repeated, byte[] badBytes) {
        byte[] body = RawJson.write(operation.example(), raw, removed, repeated);
        if (badBytes != null) {
            body = replace(body, "\u0002".getBytes(StandardCharsets.UTF_8), badBytes);
        }
        return probe(operation, broken, body, "application/json", List.of(), false);
    }

    private Arbitrary<Probe> pathSegments(Operation operation) {
        return Arbitraries.of(operation.in("path")).flatMap(parameter -> Arbitraries.of(PATH_SEGMENTS).map(segment -> {
            Map<String, String> path = pathValues(operation);
            path.put(parameter.name(), segment);
            return probe(operation, "path " + parameter.name() + " = " + abbreviate(segment), target(operation, path, query(operation)),
                         validBody(operation), "application/json", List.of(), segment.contains(" ") || segment.length() > 4000);
        }));
    }

    private Arbitrary<Probe> queries(Operation operation) {
        List<String> names = new ArrayList<>(QUERY_NAMES);
        operation.in("query").forEach(p -> {
            if (!names.contains(p.name())) {
                names.add(p.name());
            }
        });
        Arbitrary<Probe> values = Arbitraries.of(names).flatMap(name -> Arbitraries.of(QUERY_VALUES).map(value -> {
            Map<String, String> query = query(operation);
            query.put(name, value);
            return probe(operation, "query " + name + "=" + abbreviate(value), target(operation, pathValues(operation), query),
                         validBody(operation), "application/json", List.of(), value.length() > 4000);
        }));
        Arbitrary<Probe> repeated = Arbitraries.of(names).map(name -> {
            String target = target(operation, pathValues(operation), query(operation));
            target += (target.contains("?") ? "&" : "?") + name + "=1&" + name + "=2";
            return probe(operation, "query " + name + " repeated", target, validBody(operation), "application/json", List.of(), false);
        });
        return Arbitraries.oneOf(values, repeated);
    }

    private Arbitrary<Probe> headers(Operation operation) {
        Arbitrary<String[]> header = Arbitraries.oneOf(
                Arbitraries.of(IF_MATCH).map(v -> new String[]{"If-Match", v}),
                Arbitraries.of(KEYS).map(v -> new String[]{"Idempotency-Key", v}),
                Arbitraries.of(KEYS).map(v -> new String[]{"X-Correlation-Id", v}));
        return header.map(h -> probe(operation, "header " + h[0] + ": " + abbreviate(h[1]),
                                     target(operation, pathValues(operation), query(operation)), validBody(operation),
                                     "application/json", List.<String[]>of(h), h[1].length() > 15_000));
    }

    private Probe probe(Operation operation, String broken, byte[] body, String contentType, List<String[]> extra,
                        boolean transport) {
        return probe(operation, broken, target(operation, pathValues(operation), query(operation)), body, contentType,
                     extra, transport);
    }

    private Probe probe(Operation operation, String broken, String target, byte[] body, String contentType,
                        List<String[]> extra, boolean transport) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[]{"Authorization", RawHttp.basic(userFor(operation))});
        if (body != null && contentType != null) {
            headers.add(new String[]{"Content-Type", contentType});
        }
        headers.addAll(extra);
        return new Probe(operation, broken, new RawHttp.Request(operation.method(), target, headers, body), transport);
    }

    private byte[] validBody(Operation operation) {
        return operation.hasBody() ? RawJson.write(operation.example(), Map.of(), Set.of(), Set.of()) : null;
    }

    Map<String, String> pathValues(Operation operation) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Parameter parameter : operation.in("path")) {
            String path = operation.path();
            values.put(parameter.name(), switch (parameter.name()) {
                case "year" -> "2023";
                case "version" -> "latest";
                case "code" -> "TT22-2020-DVHT";
                case "name" -> "units";
                default -> path.startsWith("/api/v1/plans") ? ids.get("plan")
                        : path.startsWith("/api/v1/assessments") ? ids.get("assessment")
                        : path.startsWith("/api/v1/recognitions") ? ids.get("recognition")
                        : path.startsWith("/api/v1/recognition-batches") ? ids.get("batch")
                        : ServiceUnderTest.COMMUNE;
            });
        }
        return values;
    }

    Map<String, String> query(Operation operation) {
        Map<String, String> query = new LinkedHashMap<>();
        for (Parameter parameter : operation.in("query")) {
            if (parameter.required()) {
                query.put(parameter.name(), switch (parameter.name()) {
                    case "unitId" -> ServiceUnderTest.DISTRICT;
                    case "year" -> "2023";
                    case "indicator" -> "INFO_LITERACY";
                    default -> "x";
                });
            }
        }
        return query;
    }

    static String target(Operation operation, Map<String, String> pathValues, Map<String, String> query) {
        String path = operation.path();
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        StringBuilder target = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            target.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
            separator = '&';
        }
        return target.toString();
    }

    /** The demo user whose role the operation accepts (scope: everything). */
    static String userFor(Operation operation) {
        String path = operation.path();
        if (operation.method().equals("GET")) {
            return "auditor";
        }
        if (path.startsWith("/api/v1/plans") || path.contains("/baselines/") || path.endsWith("/indicator-values")) {
            return "planner";
        }
        if (path.endsWith("/return") || path.endsWith("/review")) {
            return "reviewer";
        }
        if (path.startsWith("/api/v1/assessments")) {
            return "assessor";
        }
        if (path.startsWith("/api/v1/recognition")) {
            return "recognizer";
        }
        return "admin";
    }

    private static byte[] replace(byte[] body, byte[] marker, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i++) {
            if (i + marker.length <= body.length && java.util.Arrays.equals(body, i, i + marker.length, marker, 0, marker.length)) {
                out.writeBytes(with);
                i += marker.length - 1;
            } else {
                out.write(body[i]);
            }
        }
        return out.toByteArray();
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 20) + "…(" + text.length() + " chars)" : text;
    }
}
