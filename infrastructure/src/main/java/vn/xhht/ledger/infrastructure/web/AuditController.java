package vn.xhht.ledger.infrastructure.web;

import com.mongodb.client.MongoDatabase;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.infrastructure.eventstore.LogSeal;
import vn.xhht.ledger.infrastructure.eventstore.LogVerifier;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;

/** Audit (API.md: History and audit): the log's tamper check, for auditors and administrators. */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    private final AccessPolicy access;
    private final LogVerifier verifier;

    public AuditController(AccessPolicy access, MongoDatabase eventDatabase, LogSeal seal) {
        this.access = access;
        this.verifier = new LogVerifier(eventDatabase, seal);
    }

    /** Reads the whole log once (sync driver, off the event loop) and names the first broken position. */
    @GetMapping("/verify")
    public Mono<LogVerifier.Report> verify(@AuthenticationPrincipal Actor actor) {
        return access.requireRole(actor, Role.AUDITOR, Role.ADMIN)
                     .then(Mono.fromCallable(verifier::verify).subscribeOn(Schedulers.boundedElastic()));
    }
}
