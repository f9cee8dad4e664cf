package vn.xhht.ledger.infrastructure.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import vn.xhht.ledger.command.period.AdmissionShardAggregate;
import vn.xhht.ledger.command.period.PeriodLedgerAggregate;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import vn.xhht.ledger.domain.common.AuditMetaData;
import vn.xhht.ledger.infrastructure.cluster.SegmentBalancer;
import vn.xhht.ledger.infrastructure.eventstore.LogNotary;
import vn.xhht.ledger.infrastructure.eventstore.LogSeal;
import vn.xhht.ledger.infrastructure.eventstore.MongoCommitStorageEngine;
import vn.xhht.ledger.infrastructure.eventstore.MongoTokenStore;
import vn.xhht.ledger.infrastructure.eventstore.StoredEventForm;
import vn.xhht.ledger.query.history.StoredForm;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Axon without Axon Server: our MongoDB storage engine and token store, Jackson for every message (events are
 * stored as readable BSON), and the audit metadata of each command copied onto the events it produces.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** Lenient on reading, so that old events keep deserializing as their records grow (with upcasters). */
    public static JacksonSerializer jacksonSerializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        return JacksonSerializer.builder().objectMapper(mapper).lenientDeserialization().build();
    }

    /**
     * Snapshots hold an aggregate's own fields (aggregates have no getters): read and written by field, and only
     * by field, so that a snapshot is exactly the state its events built.
     */
    public static JacksonSerializer snapshotSerializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.ALL,
                               com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
                .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
                               com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /**
     * A projection that fails on an event fails its batch, which its processor retries (with a growing pause), instead
     * of Axon's default of logging the failure and moving on: a view must never skip an event it could not write —
     * after a crash, a read that fails while the store recovers would otherwise leave a hole no restart fills.
     */
    @org.springframework.beans.factory.annotation.Autowired
    public void projectionsNeverSkipAnEvent(org.axonframework.config.EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(
                configuration -> org.axonframework.eventhandling.PropagatingErrorHandler.instance());
    }

    /** Period ledgers and admission shards are snapshotted every 100 events (see {@code PeriodLedgers}). */
    @Bean(PeriodLedgerAggregate.SNAPSHOTS)
    public SnapshotTriggerDefinition periodSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    /** Snapshots of another shape of the period ledger are ignored: it is then loaded from its events. */
    @Bean(PeriodLedgerAggregate.SNAPSHOT_FILTER)
    public SnapshotFilter periodLedgerSnapshotFilter() {
        return RevisionSnapshotFilter.builder().type(PeriodLedgerAggregate.class).revision(PeriodLedgerAggregate.SHAPE).build();
    }

    /** Snapshots of another shape of an admission shard are ignored: it is then loaded from its events. */
    @Bean(AdmissionShardAggregate.SNAPSHOT_FILTER)
    public SnapshotFilter admissionShardSnapshotFilter() {
        return RevisionSnapshotFilter.builder().type(AdmissionShardAggregate.class).revision(AdmissionShardAggregate.SHAPE).build();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return jacksonSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jacksonSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jacksonSerializer();
    }

    /** The log's form of an event, for the history view (which shows events as the log keeps them). */
    @Bean
    public StoredForm storedForm(@Qualifier("eventSerializer") Serializer eventSerializer, MongoDatabase eventDatabase) {
        return new StoredEventForm(eventSerializer, eventDatabase);
    }

    @Bean
    public EventStorageEngine eventStorageEngine(MongoDatabase eventDatabase, Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 LogSeal seal) {
        return MongoCommitStorageEngine.builder()
                                       .database(eventDatabase)
                                       .seal(seal)
                                       .snapshotSerializer(snapshotSerializer())
                                       .eventSerializer(eventSerializer)
                                       .upcasterChain(configuration.upcasterChain())
                                       .build();
    }

    /**
     * Axon's event store over our engine, as Axon's auto-configuration builds it, but looking for events written by
     * other nodes every {@code xhht.events.fetch-delay} (Axon's default: 1 s) — a node hears of its own commits at
     * once, of another node's only by asking. It bounds how long a command answered by one node waits for a view
     * another node processes, at the cost of one indexed read per interval on an idle node.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                         @Value("${xhht.events.fetch-delay:PT0.1S}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                                 .storageEngine(storageEngine)
                                 .fetchDelay(fetchDelay.toMillis())
                                 .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                                 .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                                 .build();
    }

    /**
     * The service's signing key for the event log: {@code xhht.audit.signing-key-file}, created on first start. It is
     * the service's identity as a witness — keep it with the data and out of the database. Every node of one
     * database must hold the same key: a node with another refuses to start. To rotate it, stop every node and start
     * them with a new key file and the old one listed in {@code xhht.audit.retired-key-files} (see {@link LogSeal#open}).
     */
    @Bean
    public LogSeal logSeal(@Value("${xhht.audit.signing-key-file:${xhht.data-dir:./data}/log-signing.key}") String file,
                           @Value("${xhht.audit.retired-key-files:}") List<String> retiredFiles,
                           MongoDatabase eventDatabase) {
        return LogSeal.open(eventDatabase, java.nio.file.Path.of(file),
                            retiredFiles.stream().filter(name -> !name.isBlank()).map(java.nio.file.Path::of).toList());
    }

    /** Signed checkpoints over the log, every {@code xhht.audit.checkpoint-interval} while events arrive. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    public LogNotary logNotary(EventStore eventStore, MongoDatabase eventDatabase, LogSeal seal,
                               @Value("${xhht.audit.checkpoint-interval:PT1M}") Duration interval) {
        return new LogNotary(eventStore, eventDatabase, seal, interval);
    }

    @Bean
    public MongoTokenStore tokenStore(MongoDatabase eventDatabase, Serializer serializer,
                                      @Value("${xhht.processors.claim-timeout:PT10S}") Duration claimTimeout) {
        return new MongoTokenStore(eventDatabase, serializer, claimTimeout);
    }

    /** Shares the projections' segments with the other nodes on the same MongoDB (none: it only keeps a heartbeat). */
    @Bean(initMethod = "start", destroyMethod = "stop")
    public SegmentBalancer segmentBalancer(EventProcessingConfiguration processing, MongoTokenStore tokenStore,
                                           MongoDatabase eventDatabase,
                                           @Value("${xhht.processors.balance-interval:PT2S}") Duration interval,
                                           @Value("${xhht.processors.claim-timeout:PT10S}") Duration claimTimeout) {
        return new SegmentBalancer(processing, tokenStore, eventDatabase, interval, claimTimeout, Clock.systemUTC());
    }

    /** Replaces Axon's default MessageOriginProvider: the client's correlation id is kept, not overwritten. */
    @Bean
    public CorrelationDataProvider auditCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(AuditMetaData.ACTOR, AuditMetaData.ROLES, AuditMetaData.REASON,
                                                 AuditMetaData.CORRELATION_ID, AuditMetaData.REQUEST_ID,
                                                 AuditMetaData.IMPORT_FILE, AuditMetaData.IMPORT_ROW);
    }
}
