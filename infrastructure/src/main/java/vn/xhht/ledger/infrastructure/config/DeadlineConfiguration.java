package vn.xhht.ledger.infrastructure.config;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

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

    @Bean
    public DeadlineRecovery deadlineRecovery(PersistentDeadlineManager deadlines) {
        return new DeadlineRecovery(deadlines);
    }

    /** Arms stored deadlines once the application (and Axon) has started. */
    public record DeadlineRecovery(PersistentDeadlineManager deadlines) {
        @EventListener(ApplicationReadyEvent.class)
        public void recover() {
            deadlines.recover();
        }
    }
}
