package vn.xhht.ledger.infrastructure.web.input;

import vn.xhht.ledger.infrastructure.web.RequestRefusedException;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A command's body is {@code application/json} in UTF-8 and nothing else ({@code application/x-ndjson},
 * {@code application/problem+json}, {@code text/plain} and other charsets are {@code 415 UNSUPPORTED_MEDIA_TYPE});
 * a command without a body ({@code POST /plans/{id}/issue}) needs no content type. Paths listed in
 * {@link #OTHER_FORMATS} accept their own formats (imports).
 */
@Component
@Order(0)
public class MediaTypeFilter implements WebFilter {

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    /** Path prefixes whose bodies are files rather than JSON. */
    static final List<String> OTHER_FORMATS = List.of("/api/v1/imports/");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        String path = request.getPath().value();
        if (!WITH_BODY.contains(request.getMethod()) || !path.startsWith("/api/v1/")
                || OTHER_FORMATS.stream().anyMatch(path::startsWith) || !hasBody(request.getHeaders())) {
            return chain.filter(exchange);
        }
        String problem = problem(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
        if (problem == null) {
            return chain.filter(exchange);
        }
        return Mono.error(new RequestRefusedException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, HttpHeaders.CONTENT_TYPE, problem));
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsKey(HttpHeaders.TRANSFER_ENCODING);
    }

    /** What is wrong with the content type of a JSON body, or null. */
    static String problem(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "A body must be sent as Content-Type: application/json";
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return "Content-Type is not a media type; send application/json";
        }
        if (!type.getType().equalsIgnoreCase("application") || !type.getSubtype().equalsIgnoreCase("json")) {
            return "Content-Type " + type.getType() + "/" + type.getSubtype() + " is not accepted; send application/json";
        }
        String charset = type.getParameter("charset");
        if (charset != null) {
            try {
                if (!StandardCharsets.UTF_8.equals(Charset.forName(charset.replace("\"", "")))) {
                    return "JSON is accepted in UTF-8 only";
                }
            } catch (RuntimeException e) { // IllegalCharsetNameException, UnsupportedCharsetException
                return "JSON is accepted in UTF-8 only";
            }
        }
        return null;
    }
}
