package vn.xhht.ledger.infrastructure.admin;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.infrastructure.config.AxonConfiguration;
import vn.xhht.ledger.infrastructure.eventstore.MongoTokenStore;
import vn.xhht.ledger.infrastructure.mongo.EmbeddedMongo;
import vn.xhht.ledger.query.indicator.IndicatorProjection;

import java.time.Duration;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** A view written by other code in another shape is dropped and replayed from the log's beginning; others are kept. */
class ViewShapesTest {

    private EmbeddedMongo server;
    private MongoClient client;
    private MongoDatabase database;
    private MongoTokenStore tokens;

    @BeforeEach
    void start() {
        server = EmbeddedMongo.memory();
        client = MongoClients.create(server.connectionString());
        database = client.getDatabase("shapes");
        tokens = new MongoTokenStore(database, AxonConfiguration.jacksonSerializer(), Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aViewBuiltBeforeItsShapeChangedIsDroppedAndReplayedFromTheBeginning() {
        tokens.initializeTokenSegments(IndicatorProjection.NAME, 1);
        tokens.initializeTokenSegments("units", 1);
        database.getCollection("indicator_figure_versions").insertOne(new Document("_id", "xa|2023|7").append("v", 7));
        database.getCollection("indicator_journal").insertOne(new Document("_id", "journal"));
        database.getCollection("unit_records").insertOne(new Document("_id", "xa"));

        new ViewShapes(database, tokens).rebuildOutdatedViews();

        assertThat(database.getCollection("indicator_figure_versions").countDocuments()).isZero();
        assertThat(database.getCollection("indicator_journal").countDocuments()).isZero();
        assertThat(tokens.fetchSegments(IndicatorProjection.NAME)).as("starts again from the log's beginning").isEmpty();
        assertThat(database.getCollection("unit_records").countDocuments()).as("units kept their shape").isOne();
        assertThat(tokens.fetchSegments("units")).containsExactly(0);
        assertThat(shape(IndicatorProjection.NAME)).isEqualTo(IndicatorProjection.SHAPE);

        tokens.initializeTokenSegments(IndicatorProjection.NAME, 1); // the processor started and rebuilt the view
        database.getCollection("indicator_figures").insertOne(new Document("_id", "xa|2023"));
        new ViewShapes(database, tokens).rebuildOutdatedViews();

        assertThat(database.getCollection("indicator_figures").countDocuments()).as("rebuilt once, not at every start").isOne();
        assertThat(tokens.fetchSegments(IndicatorProjection.NAME)).containsExactly(0);
    }

    @Test
    void aViewWrittenByALaterVersionIsRebuiltWhenAnEarlierOneStarts() {
        tokens.initializeTokenSegments(IndicatorProjection.NAME, 1);
        database.getCollection(ViewShapes.COLLECTION).insertOne(new Document("_id", IndicatorProjection.NAME)
                                                                        .append("shape", IndicatorProjection.SHAPE + 1));
        database.getCollection("indicator_figures").insertOne(new Document("_id", "xa|2023").append("later", true));

        new ViewShapes(database, tokens).rebuildOutdatedViews();

        assertThat(database.getCollection("indicator_figures").countDocuments()).isZero();
        assertThat(tokens.fetchSegments(IndicatorProjection.NAME)).isEmpty();
        assertThat(shape(IndicatorProjection.NAME)).isEqualTo(IndicatorProjection.SHAPE);
    }

    @Test
    void aNewInstallRecordsTheCurrentShapesAndDropsNothing() {
        new ViewShapes(database, tokens).rebuildOutdatedViews();

        assertThat(shape(IndicatorProjection.NAME)).isEqualTo(IndicatorProjection.SHAPE);
        assertThat(shape("units")).isEqualTo(1);
    }

    private int shape(String name) {
        return database.getCollection(ViewShapes.COLLECTION).find(eq("_id", name)).first().getInteger("shape");
    }
}
