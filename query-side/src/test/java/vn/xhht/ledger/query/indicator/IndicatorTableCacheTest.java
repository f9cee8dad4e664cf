package vn.xhht.ledger.query.indicator;

import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorTable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IndicatorTableCacheTest {

    private final AtomicLong clock = new AtomicLong();
    private final IndicatorTableCache cache = new IndicatorTableCache(Duration.ofSeconds(1), 3, clock::get);
    private final IndicatorTable table = new IndicatorTable("cu-chi", 2023, null, List.of());

    @Test
    void aTableReadWhileNothingChangedIsServedAgain() {
        long generation = cache.generation();
        cache.put("cu-chi", 2023, generation, cache.now(), table);

        assertThat(cache.get("cu-chi", 2023)).isSameAs(table);
        assertThat(cache.get("cu-chi", 2024)).isNull();
    }

    @Test
    void aBatchWrittenByTheViewDropsEveryTableReadBeforeIt() {
        cache.put("cu-chi", 2023, cache.generation(), cache.now(), table);

        cache.invalidateAll();

        assertThat(cache.get("cu-chi", 2023)).isNull();
    }

    @Test
    void aTableReadWhileABatchWasBeingWrittenIsNeverKept() {
        long generationBeforeTheRead = cache.generation();
        cache.invalidateAll(); // the view writes a batch while the table is being read

        cache.put("cu-chi", 2023, generationBeforeTheRead, cache.now(), table);

        assertThat(cache.get("cu-chi", 2023)).isNull();
    }

    @Test
    void aTableIsDroppedAfterItsTimeToLiveSoAnotherNodesWritesShowUp() {
        cache.put("cu-chi", 2023, cache.generation(), cache.now(), table);

        clock.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(cache.get("cu-chi", 2023)).isSameAs(table);
        clock.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(cache.get("cu-chi", 2023)).isNull();
    }

    @Test
    void theCacheNeverHoldsMoreThanItsSize() {
        for (int i = 0; i < 10; i++) {
            cache.put("unit-" + i, 2023, cache.generation(), cache.now(), table);
        }

        long kept = java.util.stream.IntStream.range(0, 10).filter(i -> cache.get("unit-" + i, 2023) != null).count();
        assertThat(kept).isBetween(1L, 3L);
    }

    @Test
    void aZeroTimeToLiveKeepsNothing() {
        IndicatorTableCache off = new IndicatorTableCache(Duration.ZERO, 3, clock::get);

        off.put("cu-chi", 2023, off.generation(), off.now(), table);

        assertThat(off.get("cu-chi", 2023)).isNull();
    }
}
