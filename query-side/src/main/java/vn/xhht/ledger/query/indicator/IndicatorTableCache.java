package vn.xhht.ledger.query.indicator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorTable;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Current indicator tables already answered, so that a dashboard polled by many clients costs one set of reads per
 * change rather than one per request. A table is served only while nothing has changed since it was read:
 * <ul>
 * <li>every batch the indicator view writes on this node moves the generation on, which drops every table read
 * before it (a table read while a batch was being written carries the older generation and is never served);</li>
 * <li>a table is also dropped after {@code xhht.indicators.cache-ttl} (default 1 s), which bounds how stale a
 * table can be when the view is written by another node.</li>
 * </ul>
 * Past tables ({@code asOf}) are not kept. The cache holds at most {@code xhht.indicators.cache-size} tables.
 */
@Component
public class IndicatorTableCache {

    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Entry> tables = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxSize;
    private final LongSupplier nanoTime;

    @Autowired
    public IndicatorTableCache(@Value("${xhht.indicators.cache-ttl:PT1S}") Duration ttl,
                               @Value("${xhht.indicators.cache-size:10000}") int maxSize) {
        this(ttl, maxSize, System::nanoTime);
    }

    IndicatorTableCache(Duration ttl, int maxSize, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.maxSize = maxSize;
        this.nanoTime = nanoTime;
    }

    private record Entry(long generation, long readAt, IndicatorTable table) {
    }

    /** The generation to pass to {@link #put} for a table about to be read. */
    public long generation() {
        return generation.get();
    }

    /** Every table read before this call is stale. */
    public void invalidateAll() {
        generation.incrementAndGet();
    }

    public IndicatorTable get(String unitId, int year) {
        Entry entry = tables.get(key(unitId, year));
        if (entry == null || entry.generation != generation.get() || nanoTime.getAsLong() - entry.readAt > ttlNanos) {
            return null;
        }
        return entry.table;
    }

    /** Keeps a table read at {@code readGeneration}, unless the view changed while it was being read. */
    public void put(String unitId, int year, long readGeneration, long readAt, IndicatorTable table) {
        if (ttlNanos <= 0 || readGeneration != generation.get()) {
            return;
        }
        if (tables.size() >= maxSize) {
            tables.clear();
        }
        tables.put(key(unitId, year), new Entry(readGeneration, readAt, table));
    }

    /** The clock used for {@code readAt}: take it before reading. */
    public long now() {
        return nanoTime.getAsLong();
    }

    private static String key(String unitId, int year) {
        return unitId + '|' + year;
    }
}
