package vn.xhht.ledger.infrastructure.privacy;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.emulation.EmulationMessages.PersonForgottenEvent;

import static com.mongodb.client.model.Filters.eq;

/**
 * Deletes the key of every forgotten person as the log records it: the request that forgets deletes it at once, and
 * this processor makes sure of it should that node have stopped in between.
 */
@Component
@ProcessingGroup(PersonKeyShredder.NAME)
public class PersonKeyShredder {

    public static final String NAME = "person-keys";
    private final com.mongodb.client.MongoCollection<org.bson.Document> keys;

    public PersonKeyShredder(MongoDatabase eventDatabase) {
        this.keys = eventDatabase.getCollection(PersonalData.COLLECTION);
    }

    @EventHandler
    void on(PersonForgottenEvent event) {
        keys.deleteOne(eq("_id", event.personId()));
    }
}
