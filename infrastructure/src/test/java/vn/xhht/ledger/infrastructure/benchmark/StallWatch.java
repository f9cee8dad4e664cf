package vn.xhht.ledger.infrastructure.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says what the service's threads are doing while a request is slow: a request watched is given a deadline, and if
 * it is still running then, the threads that are running or waiting on a lock are printed with the top of their
 * stacks (idle pool and network threads left out). At most one print every {@link #QUIET} so a long stall under load
 * does not flood the output.
 */
final class StallWatch {

    private static final Duration QUIET = Duration.ofSeconds(20);
    private static final ScheduledExecutorService WATCHER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stall-watch");
        thread.setDaemon(true);
        return thread;
    });
    private static final AtomicLong lastPrinted = new AtomicLong();

    private StallWatch() {
    }

    /** A request being watched; {@link #done()} when it is answered. */
    record Watch(ScheduledFuture<?> dump) {
        void done() {
            dump.cancel(false);
        }
    }

    static Watch after(Duration deadline) {
        return new Watch(WATCHER.schedule(StallWatch::printBusyThreads, deadline.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static void printBusyThreads() {
        long now = System.nanoTime();
        long last = lastPrinted.get();
        if (last != 0 && now - last < QUIET.toNanos() || !lastPrinted.compareAndSet(last, now)) {
            return;
        }
        System.out.println("  threads of a slow request:");
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            StackTraceElement[] stack = thread.getStackTrace();
            if (stack.length == 0 || thread.getThreadName().equals("stall-watch")
                    || stack[0].getClassName().startsWith("sun.nio.ch") || stack[0].getMethodName().equals("epollWait")
                    || thread.getThreadState() == Thread.State.TIMED_WAITING
                    || (thread.getThreadState() == Thread.State.WAITING && thread.getLockInfo() != null
                        && thread.getLockInfo().getClassName().contains("ConditionObject"))) {
                continue;
            }
            System.out.printf("    [%s] %s%s%n", thread.getThreadName(), thread.getThreadState(),
                              thread.getLockName() == null ? "" : " on " + thread.getLockName());
            for (int i = 0; i < Math.min(stack.length, 14); i++) {
                System.out.println("        at " + stack[i]);
            }
        }
    }
}
