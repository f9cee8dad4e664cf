package vn.xhht.ledger.infrastructure.config;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Axon deadlines that survive a restart. Each schedule is stored in {@code deadlines} (name, trigger time, the
 * aggregate it belongs to, its payload) when the command that scheduled it commits; Axon's
 * {@link SimpleDeadlineManager} does the timing. At start-up every
 * stored schedule is armed again (one that fell due while the service was down fires at once), and a schedule is
 * deleted once its handler has run.
 */
public class PersistentDeadlineManager implements DeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(PersistentDeadlineManager.class);
    private static final String ID = "deadlineId";

    private final SimpleDeadlineManager delegate;
    private final MongoCollection<Document> store;
    private final Serializer serializer;
    private final Map<String, String> delegateIds = new ConcurrentHashMap<>();

    public PersistentDeadlineManager(SimpleDeadlineManager delegate, MongoDatabase database, Serializer serializer) {
        this.delegate = delegate;
        this.store = database.getCollection("deadlines");
        this.serializer = serializer;
        delegate.registerHandlerInterceptor((unitOfWork, chain) -> {
            Object result = chain.proceed();
            Object id = unitOfWork.getMessage().getMetaData().get(ID);
            if (id != null) {
                unitOfWork.afterCommit(u -> {
                    store.deleteOne(eq("_id", id.toString()));
                    delegateIds.remove(id.toString());
                });
            }
            return result;
        });
    }

    /**
     * Arms every stored schedule this node has not armed yet: all of them once the application has started, and those
     * other nodes stored since on every rescan.
     */
    public void recover() {
        int armed = 0;
        for (Document document : store.find()) {
            if (delegateIds.containsKey(document.getString("_id"))) {
                continue;
            }
            try {
                Object payload = serializer.deserialize(new SimpleSerializedObject<>(
                        document.getString("payload"), String.class,
                        new SimpleSerializedType(document.getString("payloadType"), null)));
                ScopeDescriptor scope = new AggregateScopeDescriptor(document.getString("scopeType"),
                                                                     document.getString("scopeId"));
                arm(document.getString("_id"), document.getDate("at").toInstant(), document.getString("name"),
                    payload, scope);
                armed++;
            } catch (RuntimeException e) {
                log.error("Deadline {} could not be armed again", document.get("_id"), e);
            }
        }
        if (armed > 0) {
            log.info("Armed {} stored deadline(s) again", armed);
        }
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        String id = UUID.randomUUID().toString();
        if (deadlineScope instanceof AggregateScopeDescriptor aggregate) {
            SerializedObject<String> payload = serializer.serialize(messageOrPayload, String.class);
            Document record = new Document("_id", id).append("name", deadlineName).append("at", Date.from(triggerDateTime))
                                                     .append("scopeType", aggregate.getType())
                                                     .append("scopeId", String.valueOf(aggregate.getIdentifier()))
                                                     .append("payloadType", payload.getType().getName())
                                                     .append("payload", payload.getData());
            afterCommit(() -> store.insertOne(record));
        } else {
            log.warn("Deadline {} of scope {} is kept in memory only", deadlineName, deadlineScope.scopeDescription());
        }
        arm(id, triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
        return id;
    }

    private void arm(String id, Instant at, String name, Object payload, ScopeDescriptor scope) {
        DeadlineMessage<Object> message = GenericDeadlineMessage.asDeadlineMessage(name, payload, at)
                                                                .andMetaData(Map.of(ID, id));
        delegateIds.put(id, delegate.schedule(at, name, message, scope));
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        afterCommit(() -> store.deleteOne(eq("_id", scheduleId)));
        String delegateId = delegateIds.remove(scheduleId);
        if (delegateId != null) {
            delegate.cancelSchedule(deadlineName, delegateId);
        }
    }

    @Override
    public void cancelAll(String deadlineName) {
        afterCommit(() -> store.deleteMany(eq("name", deadlineName)));
        delegate.cancelAll(deadlineName);
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        if (scope instanceof AggregateScopeDescriptor aggregate) {
            String scopeId = String.valueOf(aggregate.getIdentifier());
            afterCommit(() -> store.deleteMany(and(eq("name", deadlineName), eq("scopeType", aggregate.getType()),
                                                   eq("scopeId", scopeId))));
        }
        delegate.cancelAllWithinScope(deadlineName, scope);
    }

    /**
     * Stored schedules change with the command that asked for them: only once its unit of work commits (a refused
     * or retried command leaves no orphan record and deletes none), or at once outside a unit of work.
     */
    private static void afterCommit(Runnable storeChange) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> storeChange.run());
        } else {
            storeChange.run();
        }
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
        return delegate.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

}
