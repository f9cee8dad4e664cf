package vn.xhht.ledger.infrastructure.web;

import com.mongodb.client.model.Filters;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.bson.types.Binary;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.MultipartHttpMessageReader;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.infrastructure.cluster.SegmentBalancer;
import vn.xhht.ledger.infrastructure.eventstore.MongoDuplicateKeyResolver;
import vn.xhht.ledger.infrastructure.eventstore.MongoTokenStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on every command (POST and PUT under {@code /api/v1}): the first request with a key runs
 * and its successful answer is kept in MongoDB ({@code idempotency}, per actor and key, so it survives restarts); the
 * same key with the same method, path and body answers that first answer again and runs nothing; the same key with
 * anything else is {@code 409 IDEMPOTENCY_KEY_REUSED}. A refused request keeps nothing, so it may be retried with the
 * same key. A key whose first request is still running is also a 409.
 * <p>
 * A key whose first request was abandoned — its node stopped sending heartbeats (a crash between storing the events
 * and keeping the answer) — is taken over by the retry: it runs as that request (same request id, so the same ids
 * for what it creates) and, if the first attempt's events are in the log, answers from them without sending the
 * command again ({@link Commands#send}); otherwise the command runs now.
 * <p>
 * A key is kept for {@code xhht.idempotency.retention} (default one day) from its first request: after that the key
 * is free again (a retry that late is a new request), and the records are deleted every
 * {@code xhht.idempotency.sweep-interval} (kept answers hold response bodies; they are not kept for ever).
 */
@Component
public class IdempotencyFilter implements WebFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final int MAX_BODY = 256 * 1024;
    /** An upload (multipart/form-data): the import's 10 MB and its envelope. */
    private static final int MAX_UPLOAD = 11 * 1024 * 1024;
    private static final MultipartHttpMessageReader MULTIPART = new MultipartHttpMessageReader(new DefaultPartHttpMessageReader());
    private static final ResolvableType PARTS = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, Part.class);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final String CREATED_AT = "createdAt";

    private static final String REQUEST_ID = "requestId";
    private static final String NODE = "node";

    private final MongoCollection<Document> records;
    private final MongoCollection<Document> nodes;
    private final Problems problems;
    private final Duration retention;
    private final Duration sweepInterval;
    private final Duration nodeTimeout;
    private final String node;
    private Disposable sweeping;

    public IdempotencyFilter(MongoDatabase readDatabase, Problems problems, MongoTokenStore tokens,
                             @Value("${xhht.idempotency.retention:P1D}") Duration retention,
                             @Value("${xhht.idempotency.sweep-interval:PT1H}") Duration sweepInterval,
                             @Value("${xhht.processors.claim-timeout:PT10S}") Duration nodeTimeout) {
        this.records = readDatabase.getCollection("idempotency");
        this.nodes = readDatabase.getCollection(SegmentBalancer.NODES);
        this.problems = problems;
        this.retention = retention;
        this.sweepInterval = sweepInterval;
        this.nodeTimeout = nodeTimeout;
        this.node = tokens.nodeId();
    }

    @PostConstruct
    void startSweeping() {
        sweeping = Flux.interval(sweepInterval)
                       .onBackpressureDrop()
                       .concatMap(tick -> sweep().onErrorResume(e -> {
                           log.warn("Could not delete expired idempotency records: {}", e.toString());
                           return Mono.empty();
                       }), 1)
                       .subscribe();
    }

    @PreDestroy
    void stopSweeping() {
        if (sweeping != null) {
            sweeping.dispose();
        }
    }

    /** Deletes the records of keys whose retention has passed; answers how many. */
    public Mono<Long> sweep() {
        return Mono.from(records.deleteMany(Filters.lt(CREATED_AT, expiredBefore())))
                   .map(DeleteResult::getDeletedCount);
    }

    private Date expiredBefore() {
        return Date.from(Instant.now().minus(retention));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        HttpMethod method = exchange.getRequest().getMethod();
        if (key == null || !(HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method))
                || !exchange.getRequest().getPath().value().startsWith("/api/v1/")) {
            return chain.filter(exchange);
        }
        if (!KEY.matcher(key).matches()) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED,
                                  "Idempotency-Key must be 1 to 100 letters, digits, '.', '_', ':' or '-'",
                                  List.of(new Problems.FieldError(HEADER, "invalid")));
        }
        boolean upload = isMultipart(exchange);
        return DataBufferUtils.join(exchange.getRequest().getBody(), upload ? MAX_UPLOAD : MAX_BODY)
                              .map(IdempotencyFilter::bytes)
                              .defaultIfEmpty(new byte[0])
                              .zipWith(ReactiveSecurityContextHolder.getContext()
                                                                    .map(c -> c.getAuthentication().getName())
                                                                    .defaultIfEmpty("anonymous"))
                              .flatMap(bodyAndActor -> {
                                  byte[] body = bodyAndActor.getT1();
                                  String id = bodyAndActor.getT2() + "\u0000" + key;
                                  String fingerprint = fingerprint(method.name(), exchange.getRequest().getURI().getRawPath(),
                                                                   exchange.getRequest().getURI().getRawQuery(),
                                                                   upload ? withoutBoundary(exchange, body) : body);
                                  String requestId = UUID.randomUUID().toString();
                                  return claim(id, fingerprint, requestId).flatMap(existing -> existing.isEmpty()
                                          ? run(exchange, chain, id, body, requestId, false)
                                          : answerAgain(exchange, chain, existing, fingerprint, body));
                              })
                              .onErrorResume(DataBufferLimitException.class, e -> problems.write(
                                      exchange, HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.FILE_TOO_LARGE,
                                      "The body is larger than the service accepts" + (upload ? " (a file: 10 MB)" : ""),
                                      List.of()));
    }

    /**
     * A multipart body with its boundary (chosen anew by the client for every request) replaced by a fixed word:
     * the same form sent again has the same fingerprint.
     */
    private static byte[] withoutBoundary(ServerWebExchange exchange, byte[] body) {
        String boundary = exchange.getRequest().getHeaders().getContentType().getParameter("boundary");
        if (boundary == null || boundary.isEmpty()) {
            return body;
        }
        String unquoted = boundary.startsWith("\"") && boundary.endsWith("\"") && boundary.length() > 1
                ? boundary.substring(1, boundary.length() - 1) : boundary;
        // ISO-8859-1 maps every byte to one char and back: the replacement leaves the parts' bytes as they were
        return new String(body, StandardCharsets.ISO_8859_1).replace(unquoted, "xhht-boundary")
                                                             .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isMultipart(ServerWebExchange exchange) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        return type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type);
    }

    /**
     * Inserts a pending record; answers an empty document when the key is new (or its record had expired, and is
     * replaced), or the record found.
     */
    private Mono<Document> claim(String id, String fingerprint, String requestId) {
        Document pending = new Document("_id", id).append("fingerprint", fingerprint).append(CREATED_AT, new Date())
                                                  .append(REQUEST_ID, requestId).append(NODE, node);
        return Mono.from(records.insertOne(pending)).map(r -> new Document())
                   .onErrorResume(MongoDuplicateKeyResolver::isDuplicateKey, e -> Mono.from(records.findOneAndReplace(
                           Filters.and(Filters.eq("_id", id), Filters.lt(CREATED_AT, expiredBefore())), pending))
                           .map(expired -> new Document())
                           .switchIfEmpty(Mono.defer(() -> Mono.from(records.find(Filters.eq("_id", id)).first())))
                           // deleted in between (a refused first request, or the sweep): claim it afresh
                           .switchIfEmpty(Mono.defer(() -> claim(id, fingerprint, requestId))));
    }

    private Mono<Void> answerAgain(ServerWebExchange exchange, WebFilterChain chain, Document record,
                                   String fingerprint, byte[] body) {
        if (!fingerprint.equals(record.getString("fingerprint"))) {
            return problems.write(exchange, HttpStatus.CONFLICT, ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                  "This Idempotency-Key was used for a different request", List.of());
        }
        Integer status = record.getInteger("status");
        if (status == null) {
            return takeOverIfAbandoned(record)
                    .flatMap(takenOver -> takenOver
                            ? run(exchange, chain, record.getString("_id"), body, record.getString(REQUEST_ID), true)
                            : problems.write(exchange, HttpStatus.CONFLICT, ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                             "The first request with this Idempotency-Key has not finished", List.of()));
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(status));
        Document headers = record.get("headers", Document.class);
        headers.forEach((name, value) -> response.getHeaders().set(name, (String) value));
        response.getHeaders().set("Idempotent-Replayed", "true");
        byte[] answer = record.get("body", Binary.class).getData();
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer)));
    }

    /**
     * Whether the unfinished first request of a key was abandoned (its node sends no heartbeat) and this node now
     * owns it. Records kept before requests carried their id cannot be recovered and stay in progress until expiry.
     */
    private Mono<Boolean> takeOverIfAbandoned(Document record) {
        String owner = record.getString(NODE);
        if (owner == null || record.getString(REQUEST_ID) == null || owner.equals(node)) {
            return Mono.just(false);
        }
        Date aliveSince = Date.from(Instant.now().minus(nodeTimeout));
        return Mono.from(nodes.find(Filters.and(Filters.eq("_id", owner), Filters.gte("seen", aliveSince))).first())
                   .map(alive -> false)
                   .switchIfEmpty(Mono.defer(() -> Mono.from(records.updateOne(
                                   Filters.and(Filters.eq("_id", record.get("_id")), Filters.eq(NODE, owner),
                                               Filters.exists("status", false)),
                                   new Document("$set", new Document(NODE, node).append("takenOverAt", new Date()))))
                           .map(update -> update.getModifiedCount() == 1)));
    }

    private Mono<Void> run(ServerWebExchange exchange, WebFilterChain chain, String id, byte[] body, String requestId,
                           boolean recovering) {
        RequestIds.assign(exchange, requestId, recovering);
        ServerHttpRequestDecorator request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> content) {
                return DataBufferUtils.join(Flux.from(content)).flatMap(buffer -> {
                    byte[] answer = bytes(buffer);
                    HttpStatusCode status = getStatusCode() == null ? HttpStatus.OK : getStatusCode();
                    Mono<?> keep = status.is2xxSuccessful()
                            ? Mono.from(records.updateOne(Filters.eq("_id", id), new Document("$set", new Document(
                                    "status", status.value()).append("headers", kept(getHeaders())).append("body", new Binary(answer)))))
                            : Mono.from(records.deleteOne(Filters.eq("_id", id)));
                    return keep.then(getDelegate().writeWith(Mono.just(getDelegate().bufferFactory().wrap(answer))));
                });
            }
        };
        ServerWebExchange mutated = exchange.mutate().request(request).response(response).build();
        // the exchange parses a form from the request it was made with, whose body this filter has read: a multipart
        // form is parsed again from the body kept here
        ServerWebExchange forwarded = !isMultipart(exchange) ? mutated : new ServerWebExchangeDecorator(mutated) {
            private final Mono<MultiValueMap<String, Part>> parts =
                    MULTIPART.readMono(PARTS, request, java.util.Map.of()).cache();

            @Override
            public Mono<MultiValueMap<String, Part>> getMultipartData() {
                return parts;
            }
        };
        return chain.filter(forwarded)
                    .onErrorResume(e -> Mono.from(records.deleteOne(Filters.eq("_id", id))).then(Mono.error(e)));
    }

    private static Document kept(HttpHeaders headers) {
        Document kept = new Document();
        for (String name : List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.CONTENT_TYPE)) {
            String value = headers.getFirst(name);
            if (value != null) {
                kept.append(name, value);
            }
        }
        return kept;
    }

    private static byte[] bytes(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    private static String fingerprint(String method, String path, String query, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "?" + (query == null ? "" : query) + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
