package vn.xhht.ledger.infrastructure.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.infrastructure.web.input.InputRuleException;
import vn.xhht.ledger.infrastructure.eventstore.UnstorableTextException;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns every failure into problem+json with a stable code: bad input is a 4xx that names the field, rules
 * refused by the domain carry their own code, and only a genuine fault of ours is a 500 (logged, no internals
 * leaked).
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);
    private static final int MAX_DETAIL = 300;

    private final Problems problems;

    public ProblemExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        Throwable error = unwrap(failure);
        if (error instanceof DomainException refusal) {
            List<Problems.FieldError> errors = refusal.problems().stream()
                                                      .map(p -> new Problems.FieldError(RequestPaths.of(p.field()), p.message()))
                                                      .toList();
            return problems.write(exchange, Problems.statusOf(refusal.code()), refusal.code(), refusal.getMessage(),
                                  errors);
        }
        if (error instanceof RequestRefusedException refused) {
            return problems.write(exchange, Problems.statusOf(refused.code()), refused.code(), refused.getMessage(),
                                  refused.part() == null ? List.of()
                                          : List.of(new Problems.FieldError(refused.part(), refused.getMessage())));
        }
        if (error instanceof WebExchangeBindException invalid) {
            List<Problems.FieldError> errors = invalid.getFieldErrors().stream()
                                                      .map(e -> new Problems.FieldError(e.getField(), e.getDefaultMessage()))
                                                      .toList();
            List<Problems.FieldError> all = errors.isEmpty()
                    ? invalid.getGlobalErrors().stream()
                             .map(e -> new Problems.FieldError(e.getObjectName(), e.getDefaultMessage())).toList()
                    : errors;
            return problems.write(exchange, HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED,
                                  "The request has invalid fields", all);
        }
        if (error instanceof DataBufferLimitException || hasCause(error, DataBufferLimitException.class)) {
            return problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.MALFORMED_REQUEST.name(),
                                  "The request body is too large", List.of());
        }
        if (error instanceof InputRuleException rule) { // a body checked by the endpoint itself
            return inputRule(exchange, rule);
        }
        if (hasCause(error, UnstorableTextException.class)) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, ErrorCode.INVALID_TEXT,
                                  "The request holds text that is not well-formed Unicode", List.of());
        }
        if (error instanceof ServerWebInputException input) {
            return malformed(exchange, input);
        }
        if (error instanceof AggregateStreamCreationException) {
            return problems.write(exchange, HttpStatus.CONFLICT, ErrorCode.DUPLICATE_ID,
                                  "A resource with this id already exists", List.of());
        }
        if (error instanceof ConflictingAggregateVersionException) {
            return problems.write(exchange, HttpStatus.CONFLICT, ErrorCode.STALE_VERSION,
                                  "The resource has changed since the version given in If-Match", List.of());
        }
        if (error instanceof ConcurrencyException) {
            return problems.write(exchange, HttpStatus.CONFLICT, ErrorCode.CONCURRENT_MODIFICATION,
                                  "Another change to the same resource was stored first; retry", List.of());
        }
        if (error instanceof AggregateNotFoundException
                || error instanceof org.axonframework.eventsourcing.IncompatibleAggregateException) {
            // (the latter: an id that names an aggregate of another type, e.g. a unit id given as a framework code)
            return problems.write(exchange, HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND,
                                  "No such resource", List.of());
        }
        if (error instanceof AccessDeniedException) {
            return problems.write(exchange, HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN_ROLE, error.getMessage(),
                                  List.of());
        }
        if (error instanceof AuthenticationException) {
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHENTICATED,
                                  "Missing or bad credentials", List.of());
        }
        if (error instanceof TimeoutException || hasCause(error, TimeoutException.class)
                || hasCause(error, com.mongodb.MongoSocketException.class) || hasCause(error, com.mongodb.MongoTimeoutException.class)) {
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE,
                                  "The service is busy; retry with the same Idempotency-Key", List.of());
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            HttpStatus resolved = HttpStatus.resolve(code.value());
            HttpStatus http = resolved == null ? HttpStatus.BAD_REQUEST : resolved;
            String machineCode = http == HttpStatus.NOT_FOUND ? ErrorCode.NOT_FOUND.name()
                    : http == HttpStatus.UNSUPPORTED_MEDIA_TYPE ? ErrorCode.UNSUPPORTED_MEDIA_TYPE.name()
                    : http.is4xxClientError() ? ErrorCode.MALFORMED_REQUEST.name() : "INTERNAL_ERROR";
            return problems.write(exchange, http, machineCode,
                                  status.getReason() == null ? http.getReasonPhrase() : status.getReason(), List.of());
        }
        log.error("Unexpected failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                  error);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                              "An internal error occurred; nothing was stored by this request unless its answer said so",
                              List.of());
    }

    private Mono<Void> malformed(ServerWebExchange exchange, ServerWebInputException input) {
        Throwable cause = input.getCause();
        while (cause instanceof DecodingException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String field = null;
        String detail = input.getReason() == null ? "Malformed request" : input.getReason();
        if (cause instanceof InputRuleException rule) {
            return inputRule(exchange, rule);
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = InputRuleException.pathOf(mapping);
            if (cause instanceof UnrecognizedPropertyException unknown) {
                detail = "Unknown field '" + unknown.getPropertyName() + "'";
            } else if (cause instanceof InvalidFormatException format) {
                detail = "Invalid value for " + format.getTargetType().getSimpleName();
            } else if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                detail = "Expected a value of type " + mismatch.getTargetType().getSimpleName();
            } else {
                detail = "Invalid value";
            }
        } else if (cause instanceof JsonProcessingException json) {
            detail = "Malformed JSON: " + json.getOriginalMessage();
        }
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "…";
        }
        List<Problems.FieldError> errors = field == null ? List.of() : List.of(new Problems.FieldError(field, detail));
        return problems.write(exchange, HttpStatus.BAD_REQUEST, ErrorCode.MALFORMED_REQUEST, detail, errors);
    }

    /** A body refused by the input rules: its code, and the field at fault unless the body as a whole is. */
    private Mono<Void> inputRule(ServerWebExchange exchange, InputRuleException rule) {
        String message = rule.getOriginalMessage();
        List<Problems.FieldError> errors = rule.field().isEmpty() ? List.of()
                : List.of(new Problems.FieldError(rule.field(), message));
        return problems.write(exchange, Problems.statusOf(rule.code()), rule.code(), message, errors);
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        for (int depth = 0; depth < 10 && current != null; depth++) {
            if (current instanceof DomainException) {
                return current;
            }
            if (current instanceof HandlerExecutionException handler && handler.getDetails().isPresent()
                    && handler.getDetails().get() instanceof Throwable details) {
                current = details;
                continue;
            }
            if ((current instanceof CompletionException || current instanceof ExecutionException
                    || current instanceof CommandExecutionException || current instanceof HandlerExecutionException)
                    && current.getCause() != null) {
                current = current.getCause();
                continue;
            }
            break;
        }
        return current == null ? error : current;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
