package vn.xhht.ledger.infrastructure.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * Tracking tokens and segment claims in MongoDB, one document per processor segment
 * ({@code _id: "<processor>#<segment>"}). A claim is a conditional update (unowned, ours, or expired), which is
 * atomic per document on MongoDB; the token itself is stored as a BSON document.
 * Segments of a processor are found by key ({@code <processor>#0 .. #n}) through a per-processor directory
 * document, so no query depends on a secondary index.
 */
public class MongoTokenStore implements TokenStore {

    private static final String OWNER = "owner";
    private static final String CLAIMED_AT = "claimedAt";
    private static final String TOKEN = "token";
    private static final String TOKEN_TYPE = "tokenType";
    private static final String PROCESSOR = "processor";
    private static final String SEGMENT = "segment";
    private static final String SEGMENTS = "segments";

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final String nodeId;
    private final Duration claimTimeout;
    private final Clock clock;

    public MongoTokenStore(MongoDatabase database, Serializer serializer, Duration claimTimeout) {
        this(database.getCollection("tracking_tokens"), serializer,
             ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID(), claimTimeout,
             Clock.systemUTC());
    }

    MongoTokenStore(MongoCollection<Document> tokens, Serializer serializer, String nodeId, Duration claimTimeout,
                    Clock clock) {
        this.tokens = tokens;
        this.serializer = serializer;
        this.nodeId = nodeId;
        this.claimTimeout = claimTimeout;
        this.clock = clock;
    }


    /** This node's name in claims: {@code <pid>@<host>/<random>}, new on every start. */
    public String nodeId() {
        return nodeId;
    }

    /** A segment as stored: who holds a live claim on it ({@code null}: nobody) and where its token stands. */
    public record SegmentClaim(String processor, int segment, String owner, long position) {
    }

    /**
     * The segments of a processor as the store sees them, without claiming anything: for the operators' view and for
     * balancing segments between nodes. An expired claim is reported as no claim.
     */
    public List<SegmentClaim> segmentClaims(String processorName) {
        Date expired = Date.from(clock.instant().minus(claimTimeout));
        List<SegmentClaim> claims = new ArrayList<>();
        for (int segment : fetchSegments(processorName)) {
            Document document = tokens.find(eq("_id", id(processorName, segment))).first();
            if (document == null) {
                continue;
            }
            String owner = document.getString(OWNER);
            boolean live = owner != null && !document.getDate(CLAIMED_AT).before(expired);
            TrackingToken token = readToken(document);
            claims.add(new SegmentClaim(processorName, segment, live ? owner : null,
                                        token == null ? 0 : token.position().orElse(0)));
        }
        return claims;
    }

    private static String id(String processorName, int segment) {
        return processorName + "#" + segment;
    }

    private static String directoryId(String processorName) {
        return processorName + "#segments";
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        initializeTokenSegments(processorName, segmentCount, null);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        if (fetchSegments(processorName).length > 0) {
            throw new UnableToClaimTokenException("Segments of " + processorName + " are already initialized");
        }
        for (int segment = 0; segment < segmentCount; segment++) {
            initializeSegment(initialToken, processorName, segment);
        }
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        Document document = new Document("_id", id(processorName, segment))
                .append(PROCESSOR, processorName).append(SEGMENT, segment)
                .append(OWNER, null).append(CLAIMED_AT, new Date(0));
        putToken(document, token);
        try {
            tokens.insertOne(document);
        } catch (MongoException e) {
            if (MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                throw new UnableToInitializeTokenException("Segment " + segment + " of " + processorName
                                                                   + " already exists");
            }
            throw e;
        }
        tokens.updateOne(eq("_id", directoryId(processorName)), Updates.addToSet(SEGMENTS, segment),
                         new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        Document update = new Document();
        putToken(update, token);
        update.append(OWNER, nodeId).append(CLAIMED_AT, now());
        Document result = tokens.findOneAndUpdate(and(eq("_id", id(processorName, segment)), claimable()),
                                                  new Document("$set", update),
                                                  new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (result == null) {
            throw new UnableToClaimTokenException("Cannot store the token of segment " + segment + " of "
                                                          + processorName + ": it is claimed by another node");
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        Document claimed = claim(processorName, segment);
        return readToken(claimed);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return fetchToken(processorName, segment.getSegmentId());
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        claim(processorName, segment);
    }

    private Document claim(String processorName, int segment) {
        Document claimed = tokens.findOneAndUpdate(
                and(eq("_id", id(processorName, segment)), claimable()),
                Updates.combine(Updates.set(OWNER, nodeId), Updates.set(CLAIMED_AT, now())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed == null || !nodeId.equals(claimed.getString(OWNER))) {
            boolean exists = tokens.find(eq("_id", id(processorName, segment))).first() != null;
            throw new UnableToClaimTokenException(exists
                    ? "Segment " + segment + " of " + processorName + " is claimed by another node"
                    : "Segment " + segment + " of " + processorName + " does not exist");
        }
        return claimed;
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        tokens.updateOne(and(eq("_id", id(processorName, segment)), eq(OWNER, nodeId)),
                         Updates.combine(Updates.set(OWNER, null), Updates.set(CLAIMED_AT, new Date(0))));
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        long deleted = tokens.deleteOne(and(eq("_id", id(processorName, segment)), eq(OWNER, nodeId)))
                             .getDeletedCount();
        if (deleted == 0) {
            throw new UnableToClaimTokenException("Cannot delete segment " + segment + " of " + processorName
                                                          + ": not claimed by this node");
        }
        tokens.updateOne(eq("_id", directoryId(processorName)), Updates.pull(SEGMENTS, segment));
    }

    /**
     * Forgets where a processor stands — its segments and their directory — so that it is initialized again, from the
     * log's beginning, when it starts. Only while no node runs it (at start-up, before the processors start).
     */
    public void forget(String processorName) {
        for (int segment : fetchSegments(processorName)) {
            tokens.deleteOne(eq("_id", id(processorName, segment)));
        }
        tokens.deleteOne(eq("_id", directoryId(processorName)));
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return true;
    }

    @Override
    public int[] fetchSegments(String processorName) {
        Document directory = tokens.find(eq("_id", directoryId(processorName))).first();
        if (directory == null) {
            return new int[0];
        }
        List<Integer> segments = new ArrayList<>(directory.getList(SEGMENTS, Integer.class));
        List<String> ids = segments.stream().map(s -> id(processorName, s)).toList();
        List<Integer> existing = new ArrayList<>();
        for (Document document : tokens.find(com.mongodb.client.model.Filters.in("_id", ids))) {
            existing.add(document.getInteger(SEGMENT));
        }
        return existing.stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        int[] all = fetchSegments(processorName);
        List<Segment> available = new ArrayList<>();
        Date expired = Date.from(clock.instant().minus(claimTimeout));
        for (int segment : all) {
            Document document = tokens.find(eq("_id", id(processorName, segment))).first();
            if (document != null && (document.getString(OWNER) == null || nodeId.equals(document.getString(OWNER))
                    || document.getDate(CLAIMED_AT).before(expired))) {
                available.add(Segment.computeSegment(segment, all));
            }
        }
        return available;
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        Document identity = tokens.find(eq("_id", "#storage")).first();
        if (identity == null) {
            try {
                tokens.insertOne(new Document("_id", "#storage").append("id", UUID.randomUUID().toString()));
            } catch (MongoException e) {
                if (!MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                    throw e;
                }
            }
            identity = tokens.find(eq("_id", "#storage")).first();
        }
        return Optional.of(identity.getString("id"));
    }


    private Bson claimable() {
        return or(eq(OWNER, null), eq(OWNER, nodeId), lt(CLAIMED_AT, Date.from(clock.instant().minus(claimTimeout))));
    }

    private Date now() {
        return Date.from(clock.instant());
    }

    private void putToken(Document document, TrackingToken token) {
        if (token == null) {
            document.append(TOKEN, null).append(TOKEN_TYPE, null);
            return;
        }
        SerializedObject<JsonNode> serialized = serializer.serialize(token, JsonNode.class);
        JsonNode json = serialized.getData();
        document.append(TOKEN, BsonJson.storableAsBson(json) ? BsonJson.toBson(json) : json.toString())
                .append(TOKEN_TYPE, serialized.getType().getName());
    }

    private TrackingToken readToken(Document document) {
        Object token = document.get(TOKEN);
        String type = document.getString(TOKEN_TYPE);
        if (token == null || type == null) {
            return null;
        }
        SimpleSerializedType serializedType = new SimpleSerializedType(type, null);
        return token instanceof String text
                ? serializer.deserialize(new SimpleSerializedObject<>(text, String.class, serializedType))
                : serializer.deserialize(new SimpleSerializedObject<>(BsonJson.toJson(token), JsonNode.class,
                                                                      serializedType));
    }
}
