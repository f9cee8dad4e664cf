package vn.xhht.ledger.infrastructure.api;

import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test diagnostics: when a request of the HTTP tests is still unanswered after 20 seconds, prints the stack of every
 * thread once. It caught the rare stall that turned out to be Reactor Netty not reading a keep-alive connection again
 * (see {@code KeepAliveReadGuard}, {@code KeepAliveTest}); it stays to name the cause of any other.
 */
final class SlowRequestWatchdog {

    private static final Duration SLOW = Duration.ofSeconds(20);
    private static final Map<Long, String> IN_FLIGHT = new ConcurrentHashMap<>();
    private static final Map<Long, Long> STARTED = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static volatile boolean dumped;

    static final ExchangeFilterFunction FILTER = (request, next) -> {
        long id = IDS.incrementAndGet();
        IN_FLIGHT.put(id, request.method() + " " + request.url());
        STARTED.put(id, System.nanoTime());
        return next.exchange(request).doFinally(signal -> {
            IN_FLIGHT.remove(id);
            STARTED.remove(id);
        });
    };

    static {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "slow-request-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(SlowRequestWatchdog::check, 5, 5, TimeUnit.SECONDS);
    }

    private SlowRequestWatchdog() {
    }

    private static void check() {
        STARTED.forEach((id, started) -> {
            if (!dumped && System.nanoTime() - started > SLOW.toNanos()) {
                dumped = true;
                StringBuilder dump = new StringBuilder("SLOW REQUEST (> " + SLOW.toSeconds() + " s): "
                                                       + IN_FLIGHT.get(id) + "\n");
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
                    for (StackTraceElement frame : stack) {
                        dump.append("    at ").append(frame).append('\n');
                    }
                });
                System.out.println(dump);
            }
        });
    }
}
