package vn.xhht.ledger.infrastructure.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import vn.xhht.ledger.query.history.StoredForm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.in;

/**
 * The event store's own form of an event, for the history view: its payload and metadata as the log keeps them
 * ({@link EventDocumentCodec}: the serializer's JSON tree as BSON; a tree the log keeps as text or bytes has no
 * document form here, null), and its position in the log — its commit's first position plus its place in the commit,
 * looked up by the stream keys of the whole batch being handled in one read (a tracking token's position is the
 * highest position its reader has seen: for an event committed late, below positions already handled, it is not the
 * event's own).
 */
public final class StoredEventForm implements StoredForm {

    private final Serializer serializer;
    private final MongoCollection<Document> events;
    /**
     * The positions of the batch last looked up, per thread: a live processor and a rebuild's replay each handle
     * their own batches, and one must not forget what the other just looked up.
     */
    private final ThreadLocal<Map<String, Long>> positions = ThreadLocal.withInitial(HashMap::new);

    public StoredEventForm(Serializer eventSerializer, MongoDatabase eventDatabase) {
        this.serializer = eventSerializer;
        this.events = eventDatabase.getCollection(MongoCommitStorageEngine.EVENTS);
    }

    @Override
    public Document payload(EventMessage<?> event) {
        if (!serializer.canSerializeTo(JsonNode.class)) {
            return null;
        }
        return document(event.serializePayload(serializer, JsonNode.class).getData());
    }

    @Override
    public Document metaData(EventMessage<?> event) {
        if (!serializer.canSerializeTo(JsonNode.class)) {
            return null;
        }
        return document(event.serializeMetaData(serializer, JsonNode.class).getData());
    }

    @Override
    public long position(EventMessage<?> event) {
        Map<String, Long> looked = positions.get();
        Long known = looked.remove(event.getIdentifier());
        if (known != null) {
            return known;
        }
        List<EventMessage<?>> batch = new ArrayList<>();
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> unitOfWork) {
            unitOfWork.getMessages().forEach(message -> batch.add((EventMessage<?>) message));
        }
        if (batch.stream().noneMatch(message -> message.getIdentifier().equals(event.getIdentifier()))) {
            batch.add(event);
        }
        // what an earlier batch looked up and nobody asked for (events the view skips) is of no further use
        looked.clear();
        List<String> keys = batch.stream().map(MongoCommitStorageEngine::streamKey).toList();
        for (Document commit : events.find(in(MongoCommitStorageEngine.KEYS, keys))
                                     .projection(new Document("_id", 1).append("events.id", 1))) {
            long first = ((Number) commit.get("_id")).longValue();
            List<Document> stored = commit.getList(MongoCommitStorageEngine.EVENTS, Document.class);
            for (int i = 0; i < stored.size(); i++) {
                looked.put(stored.get(i).getString(EventDocumentCodec.ID), first + i);
            }
        }
        Long found = looked.remove(event.getIdentifier());
        return found == null ? -1 : found;
    }

    private static Document document(JsonNode tree) {
        if (tree == null || !tree.isObject() || !BsonJson.storableAsBson(tree)) {
            return null;
        }
        return (Document) BsonJson.toBson(tree);
    }
}
