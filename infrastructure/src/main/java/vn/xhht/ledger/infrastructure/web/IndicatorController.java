package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.FetchIndicatorCatalogueQuery;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.FetchIndicatorsQuery;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorRow;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorTable;
import vn.xhht.ledger.infrastructure.security.Actor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Indicators (API.md: Indicators): the live view, a Server-Sent-Events stream of its changes, the view as it
 * stood at a past instant ({@code asOf}, e.g. a plan's close), and the catalogue that defines them.
 */
@RestController
public class IndicatorController {

    private final Reads reads;
    private final AccessPolicy access;
    private final Duration streamPoll;
    private final KnownUnits units;

    public IndicatorController(Reads reads, AccessPolicy access, KnownUnits units,
                               @Value("${xhht.indicators.stream-poll:PT0.5S}") Duration streamPoll) {
        this.reads = reads;
        this.access = access;
        this.units = units;
        this.streamPoll = streamPoll;
    }

    @Operation(summary = "Bảng chỉ số của một đơn vị cho một năm")
    @GetMapping("/api/v1/indicators")
    public Mono<IndicatorTable> indicators(@RequestParam String unitId, @RequestParam int year,
                                           @RequestParam(required = false) String asOf,
                                           @AuthenticationPrincipal Actor actor) {
        FetchIndicatorsQuery query = new FetchIndicatorsQuery(Requests.unitId(unitId), Requests.year(year), Requests.instant(asOf, "asOf"));
        return readable(actor, unitId).then(reads.ask(query, IndicatorTable.class));
    }

    /** The current rows first, then each row again whenever it changes; only for a unit the caller may read. */
    @Operation(summary = "Bảng chỉ số trực tiếp (Server-Sent Events)")
    @GetMapping(path = "/api/v1/indicators/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<IndicatorRow>> stream(@RequestParam String unitId, @RequestParam int year,
                                                      @AuthenticationPrincipal Actor actor) {
        FetchIndicatorsQuery query = new FetchIndicatorsQuery(Requests.unitId(unitId), Requests.year(year), null);
        return readable(actor, unitId).thenMany(Flux.defer(() -> {
            Map<String, IndicatorRow> sent = new HashMap<>();
            return Flux.interval(Duration.ZERO, streamPoll)
                       .onBackpressureDrop()
                       .concatMap(tick -> reads.ask(query, IndicatorTable.class), 1)
                       .concatMapIterable(table -> changed(table, sent))
                       .map(row -> ServerSentEvent.builder(row).event("indicator")
                                                  .id(unitId + "|" + year + "|" + row.indicator()).build());
        }));
    }

    @Operation(summary = "Danh mục chỉ số")
    @GetMapping("/api/v1/indicators/catalogue")
    public Mono<IndicatorCatalogue> catalogue() {
        return reads.ask(new FetchIndicatorCatalogueQuery(), IndicatorCatalogue.class);
    }

    /** Rows whose figures, target or status differ from what was sent (not those only re-stamped). */
    private static List<IndicatorRow> changed(IndicatorTable table, Map<String, IndicatorRow> sent) {
        return table.items().stream().filter(row -> !unstamped(row).equals(sent.put(row.indicator(), unstamped(row))))
                    .toList();
    }

    private static IndicatorRow unstamped(IndicatorRow row) {
        return new IndicatorRow(row.indicator(), row.name(), row.target(), row.targetPlanId(), row.targetSetBy(),
                                row.numerator(), row.denominator(), row.value(), row.status(), null);
    }

    private Mono<Void> readable(Actor actor, String unitId) {
        return units.requireExists(unitId).then(access.requireRead(actor, unitId));
    }

}
