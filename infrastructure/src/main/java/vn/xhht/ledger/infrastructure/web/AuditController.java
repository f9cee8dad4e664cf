package vn.xhht.ledger.infrastructure.web;

import com.mongodb.client.MongoDatabase;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.infrastructure.eventstore.LogExport;
import vn.xhht.ledger.infrastructure.eventstore.LogSeal;
import vn.xhht.ledger.infrastructure.eventstore.LogVerifier;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;

import java.time.Instant;

/** Audit (API.md: History and audit): the log's tamper check and its export, for auditors and administrators. */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    private final AccessPolicy access;
    private final LogVerifier verifier;
    private final LogExport export;

    public AuditController(AccessPolicy access, MongoDatabase eventDatabase, LogSeal seal) {
        this.access = access;
        this.verifier = new LogVerifier(eventDatabase, seal);
        this.export = new LogExport(eventDatabase, seal);
    }

    /** Reads the whole log once (sync driver, off the event loop) and names the first broken position. */
    @GetMapping("/verify")
    public Mono<LogVerifier.Report> verify(@AuthenticationPrincipal Actor actor) {
        return access.requireRole(actor, Role.AUDITOR, Role.ADMIN)
                     .then(Mono.fromCallable(verifier::verify).subscribeOn(Schedulers.boundedElastic()));
    }

    /**
     * The commits of an aggregate and/or a period as JSON lines with their hashes and signatures, for offline
     * verification (README: "Verifying an export").
     */
    @GetMapping(path = "/export", produces = "application/x-ndjson")
    public Flux<String> export(@RequestParam(required = false) String aggregateId,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @AuthenticationPrincipal Actor actor) {
        String aggregate = aggregateId == null ? null : Requests.aggregateId(aggregateId);
        Instant start = Requests.instant(from, "from");
        Instant end = Requests.instant(to, "to");
        return access.requireRole(actor, Role.AUDITOR, Role.ADMIN)
                     .thenMany(Flux.<String>create(sink -> {
                         export.export(aggregate, start, end, line -> sink.next(line + "\n"));
                         sink.complete();
                     }).subscribeOn(Schedulers.boundedElastic()));
    }
}
