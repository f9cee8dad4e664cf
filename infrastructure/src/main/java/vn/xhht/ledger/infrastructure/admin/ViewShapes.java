package vn.xhht.ledger.infrastructure.admin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.annotation.PostConstruct;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.infrastructure.eventstore.MongoTokenStore;
import vn.xhht.ledger.query.Views;

import java.util.Map;

import static com.mongodb.client.model.Filters.eq;

/**
 * Rebuilds, at start-up, a view whose documents were written in a shape its code does not read. Each projection's
 * shape is a number kept in {@code view_shapes}, raised in the code when the documents change (the registry of views,
 * {@link Views}, names it for each). When the stored number differs — lower after an upgrade, higher after going
 * back to an earlier version — the view's collections are dropped and its processor's tokens forgotten before any
 * processor starts: it replays the log from the beginning and the view is built anew in this code's shape. A view
 * that has run before this was kept counts as shape 1; a new install records the current shapes. Upgrade (or go
 * back) on all nodes together: a node still running other code would keep writing its own shape.
 */
@Component
public class ViewShapes {

    private static final Logger log = LoggerFactory.getLogger(ViewShapes.class);
    static final String COLLECTION = "view_shapes";
    /** The shape of each projection's documents, from the registry of views. */
    static final Map<String, Integer> SHAPES = Views.ALL.stream()
            .collect(java.util.stream.Collectors.toMap(Views.View::name, Views.View::shape));

    private final MongoDatabase database;
    private final MongoTokenStore tokenStore;

    public ViewShapes(MongoDatabase eventDatabase, MongoTokenStore tokenStore) {
        this.database = eventDatabase;
        this.tokenStore = tokenStore;
    }

    /** Runs while the context is built: before the processors start (they start with the context). */
    @PostConstruct
    public void rebuildOutdatedViews() {
        MongoCollection<Document> shapes = database.getCollection(COLLECTION);
        for (String name : ProjectionRebuilds.COLLECTIONS.keySet()) {
            int wanted = SHAPES.getOrDefault(name, 1);
            Document stored = shapes.find(eq("_id", name)).first();
            // a view without a stored shape was built before shapes were kept (shape 1), or is new (nothing to drop)
            int shape = stored != null ? stored.getInteger("shape")
                    : tokenStore.fetchSegments(name).length > 0 ? 1 : wanted;
            if (shape != wanted) {
                log.warn("The {} view was written in shape {} by {} version, this one reads shape {}: rebuilding it "
                         + "from the log", name, shape, shape < wanted ? "an earlier" : "a later", wanted);
                for (String collection : ProjectionRebuilds.written(name)) {
                    database.getCollection(collection).drop();
                }
                tokenStore.forget(name);
            }
            shapes.replaceOne(eq("_id", name), new Document("_id", name).append("shape", wanted),
                              new ReplaceOptions().upsert(true));
        }
    }
}
