package vn.xhht.ledger.infrastructure.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The service's OpenAPI document as the fuzzer and the contract test read it: operations, parameters, bodies. */
final class ApiDocument {

    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /** One operation: its method and path template, parameters, request body schema and example, answers. */
    record Operation(String method, String path, List<Parameter> parameters, JsonNode bodySchema, JsonNode example,
                     Set<Integer> statuses, String produces) {

        boolean hasBody() {
            return bodySchema != null;
        }

        String key() {
            return method + " " + path;
        }

        List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    private final JsonNode document;
    final List<Operation> operations = new ArrayList<>();

    ApiDocument(JsonNode document) {
        this.document = document;
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                operations.add(operation(method.getKey().toUpperCase(), path.getKey(), method.getValue()));
            }
        }
    }

    private Operation operation(String method, String path, JsonNode node) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode parameter : node.path("parameters")) {
            parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                                         parameter.path("required").asBoolean(false), resolve(parameter.path("schema"))));
        }
        JsonNode content = node.path("requestBody").path("content").path("application/json");
        JsonNode bodySchema = content.isMissingNode() ? null : resolve(content.path("schema"));
        JsonNode example = bodySchema == null ? null
                : !content.path("example").isMissingNode() ? content.path("example")
                : content.path("examples").elements().hasNext() ? content.path("examples").elements().next().path("value")
                : bodySchema.path("example");
        Set<Integer> statuses = new LinkedHashSet<>();
        String produces = null;
        Iterator<Map.Entry<String, JsonNode>> responses = node.path("responses").fields();
        while (responses.hasNext()) {
            Map.Entry<String, JsonNode> response = responses.next();
            statuses.add(Integer.parseInt(response.getKey()));
            if (response.getKey().startsWith("2") && response.getValue().path("content").fieldNames().hasNext()) {
                produces = response.getValue().path("content").fieldNames().next();
            }
        }
        return new Operation(method, path, parameters, bodySchema, example, statuses, produces);
    }

    /** The schema itself where {@code schema} is a {@code $ref}. */
    JsonNode resolve(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return MissingNode.getInstance();
        }
        String ref = schema.path("$ref").asText(null);
        if (ref == null) {
            return schema;
        }
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return resolve(target);
    }

    /** The schema of a body field: an object's property, resolved. */
    JsonNode property(JsonNode objectSchema, String name) {
        return resolve(resolve(objectSchema).path("properties").path(name));
    }

    Set<String> required(JsonNode objectSchema) {
        Set<String> names = new LinkedHashSet<>();
        resolve(objectSchema).path("required").forEach(n -> names.add(n.asText()));
        return names;
    }
}
