package vn.xhht.ledger.infrastructure.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes RFC 9457 problem details with our stable {@code code} and, for validation, {@code errors[]}. */
@Component
public class Problems {

    /** One field at fault. */
    public record FieldError(String field, String message) {
    }

    private final ObjectMapper mapper;

    public Problems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static HttpStatus statusOf(ErrorCode code) {
        return switch (code.kind()) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE_VIOLATION -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    public Map<String, Object> body(HttpStatus status, String code, String detail, String instance,
                                    List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + code.toLowerCase().replace('_', '-'));
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code);
        body.put("instance", instance);
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }

    /** The problem as the bytes of its JSON (also for answers written below the web layer, by the HTTP pipeline). */
    public byte[] bytes(HttpStatus status, String code, String detail, String instance, List<FieldError> errors) {
        try {
            return mapper.writeValueAsBytes(body(status, code, detail, instance, errors));
        } catch (JsonProcessingException e) {
            return ("{\"status\":" + status.value() + ",\"code\":\"" + code + "\"}").getBytes();
        }
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, ErrorCode code, String detail,
                            List<FieldError> errors) {
        return write(exchange, status, code.name(), detail, errors);
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail,
                            List<FieldError> errors) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] bytes = bytes(status, code, detail, exchange.getRequest().getPath().value(), errors);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }
}
