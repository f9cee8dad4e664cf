package vn.xhht.ledger.infrastructure.config;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Deadlines (filing deadlines of assessments) that survive restarts. */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    @Bean(destroyMethod = "shutdown")
    public PersistentDeadlineManager deadlineManager(org.axonframework.config.Configuration axon,
                                                     MongoDatabase eventDatabase, Serializer serializer) {
        SimpleDeadlineManager timer = SimpleDeadlineManager.builder()
                                                           .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                                                           .transactionManager(NoTransactionManager.INSTANCE)
                                                           .build();
        return new PersistentDeadlineManager(timer, eventDatabase, serializer);
    }

    @Bean(destroyMethod = "stop")
    public DeadlineRecovery deadlineRecovery(PersistentDeadlineManager deadlines,
                                             @Value("${xhht.deadlines.rescan-interval:PT1M}") Duration rescan) {
        return new DeadlineRecovery(deadlines, rescan, Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deadline-rescan");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /**
     * Arms stored deadlines once the application (and Axon) has started, then looks for new ones every
     * {@code rescan} interval: with several nodes, a deadline scheduled on one is armed on all, so it fires even if
     * that node is gone (the handlers are idempotent: a deadline arriving twice changes nothing the second time).
     */
    public record DeadlineRecovery(PersistentDeadlineManager deadlines, Duration rescan,
                                   ScheduledExecutorService timer) {
        @EventListener(ApplicationReadyEvent.class)
        public void recover() {
            deadlines.recover();
            timer.scheduleWithFixedDelay(() -> {
                try {
                    deadlines.recover();
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(DeadlineRecovery.class).warn("Rescanning stored deadlines failed", e);
                }
            }, rescan.toMillis(), rescan.toMillis(), TimeUnit.MILLISECONDS);
        }

        public void stop() {
            timer.shutdownNow();
        }
    }
}
