package vn.xhht.ledger.infrastructure.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.infrastructure.fuzz.RawHttp;
import vn.xhht.ledger.infrastructure.fuzz.ServiceUnderTest;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak: the service on its default embedded backend (H2 file) under mixed load for {@code bench.soak.minutes}
 * (20): writers recording title batches and baselines and renaming villages, readers of indicators, units, history
 * and the audit log, and SSE subscribers coming and going on the indicator stream. Prints, per minute, requests, the
 * slowest answer and the heap after a full collection; at the end the count of answers over 2 s (target: none), the
 * heap's growth from the first minute to the last (target: flat), and {@code /audit/verify} (target: ok).
 * {@code ./benchmark -Dtest=SoakBenchmark [-Dbench.soak.minutes=20]}.
 */
class SoakBenchmark {

    private static final long SLOW_NANOS = Duration.ofSeconds(2).toNanos();

    private final ConcurrentMap<String, AtomicLong> slowest = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder slow = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder streams = new LongAdder();
    private volatile boolean running = true;

    @Test
    void mixedLoadOnTheH2DefaultKeepsEveryAnswerUnderTwoSecondsTheHeapFlatAndTheLogIntact() throws Exception {
        int minutes = Integer.getInteger("bench.soak.minutes", 20);
        try (ServiceUnderTest service = new ServiceUnderTest("xhht.mongodb.embedded.backend=h2")) {
            List<String> villages = hierarchy(service);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(client("writer-" + i, () -> write(service, villages)));
            }
            for (int i = 0; i < 4; i++) {
                clients.add(client("reader-" + i, () -> read(service, villages)));
            }
            for (int i = 0; i < 2; i++) {
                clients.add(client("subscriber-" + i, () -> subscribe(service)));
            }
            List<Long> heaps = new ArrayList<>();
            System.out.printf("%nSOAK on H2, %d minutes, 4 writers, 4 readers, 2 SSE subscribers coming and going%n", minutes);
            System.out.println("minute | requests | slowest ms | over 2 s | failures | SSE sessions | heap after GC MB");
            long lastRequests = 0;
            for (int minute = 1; minute <= minutes; minute++) {
                Thread.sleep(Duration.ofMinutes(1).toMillis());
                long heap = heapAfterGc();
                heaps.add(heap);
                long total = requests.sum();
                long slowestMs = slowest.values().stream().mapToLong(AtomicLong::get).max().orElse(0) / 1_000_000;
                System.out.printf("%6d | %8d | %10d | %8d | %8d | %12d | %d%n", minute, total - lastRequests, slowestMs,
                                  slow.sum(), failures.sum(), streams.sum(), heap / (1024 * 1024));
                lastRequests = total;
            }
            running = false;
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(30).toMillis());
            }
            JsonNode verified = service.verify();
            double growth = heaps.size() < 2 ? 1.0 : (double) heaps.get(heaps.size() - 1) / heaps.get(0);
            System.out.printf("SOAK result: %d requests, %d over 2 s, slowest per kind %s, failures %d, "
                              + "heap last/first minute %.2f, audit verify ok=%s (%d events)%n",
                              requests.sum(), slow.sum(), slowestMillis(), failures.sum(), growth,
                              verified.path("ok").asBoolean(), verified.path("checkedEvents").asLong());
            assertThat(verified.path("ok").asBoolean()).isTrue();
        }
    }

    private Map<String, Long> slowestMillis() {
        Map<String, Long> millis = new java.util.TreeMap<>();
        slowest.forEach((kind, nanos) -> millis.put(kind, nanos.get() / 1_000_000));
        return millis;
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private Thread client(String name, ThrowingRunnable work) {
        Thread thread = new Thread(() -> {
            while (running) {
                try {
                    work.run();
                } catch (Exception e) {
                    failures.increment();
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static List<String> hierarchy(ServiceUnderTest service) throws Exception {
        return service.province("soak", 2, 5, 5);
    }

    private void timed(String kind, ServiceUnderTest service, String user, String method, String path, Object body)
            throws Exception {
        long start = System.nanoTime();
        StallWatch.Watch watch = StallWatch.after(Duration.ofMillis(1_500));
        RawHttp.Response answer = service.call(user, method, path, body);
        watch.done();
        long took = System.nanoTime() - start;
        requests.increment();
        slowest.computeIfAbsent(kind, k -> new AtomicLong()).accumulateAndGet(took, Math::max);
        if (took > SLOW_NANOS) {
            slow.increment();
            System.out.printf("SLOW %s %s %s: %d ms%n", kind, method, path, took / 1_000_000);
        }
        if (answer.status() >= 500) {
            failures.increment();
        }
    }

    private void write(ServiceUnderTest service, List<String> villages) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String village = villages.get(random.nextInt(villages.size()));
        int year = 2022 + random.nextInt(3);
        switch (random.nextInt(3)) {
            case 0 -> timed("batch", service, "recognizer", "POST", "/recognition-batches", Map.of(
                    "unitId", village, "title", "GIA_DINH_HOC_TAP", "year", year, "count", 1 + random.nextInt(20),
                    "decisionNumber", "QĐ-" + random.nextInt(1000), "decidedOn", year + "-11-20"));
            case 1 -> timed("baseline", service, "planner", "PUT", "/units/" + village + "/baselines/" + year,
                            Map.of("households", 200 + random.nextInt(300)));
            default -> timed("rename", service, "admin", "POST", "/units/" + village + "/rename", Map.of(
                    "name", "Ấp " + random.nextInt(100), "validFrom", "2024-0" + (1 + random.nextInt(9)) + "-01", "reason", "Đổi tên"));
        }
    }

    private void read(ServiceUnderTest service, List<String> villages) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String village = villages.get(random.nextInt(villages.size()));
        int choice = random.nextInt(5);
        if (choice == 2 && Boolean.getBoolean("bench.soak.noHistory")) {
            choice = 4; // -Dbench.soak.noHistory=true: the same load without the subtree history reads
        }
        switch (choice) {
            case 0 -> timed("indicators", service, "auditor", "GET", "/indicators?unitId=soak-tinh&year=2024", null);
            case 1 -> timed("unit", service, "auditor", "GET", "/units/" + village, null);
            case 2 -> timed("history", service, "auditor", "GET", "/units/soak-huyen-" + random.nextInt(2) + "/history?limit=50", null);
            case 3 -> timed("audit", service, "auditor", "GET", "/audit/events?limit=50&aggregateId=" + village, null);
            default -> timed("children", service, "auditor", "GET", "/units/soak-huyen-0/children", null);
        }
    }

    /** Opens the indicator stream, reads it for a few seconds, and goes away. */
    private void subscribe(ServiceUnderTest service) throws Exception {
        int port = Integer.parseInt(service.context().getEnvironment().getProperty("local.server.port"));
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(("GET /api/v1/indicators/stream?unitId=soak-tinh&year=2024 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + RawHttp.basic("auditor") + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            streams.increment();
            long until = System.nanoTime() + Duration.ofSeconds(1 + ThreadLocalRandom.current().nextInt(8)).toNanos();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (System.nanoTime() < until && running) {
                try {
                    if (in.read(buffer) < 0) {
                        break;
                    }
                } catch (java.net.SocketTimeoutException quiet) {
                    // no change in the last two seconds
                }
            }
        }
    }
}
