package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/** Recognises MongoDB's duplicate-key refusals (error 11000) wherever they sit in the cause chain. */
public class MongoDuplicateKeyResolver implements PersistenceExceptionResolver {

    public static boolean isDuplicateKey(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof DuplicateEventInCommitException) {
                return true;
            }
            if (t instanceof MongoWriteException write
                    && ErrorCategory.fromErrorCode(write.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            if (t instanceof MongoBulkWriteException bulk && bulk.getWriteErrors().stream().anyMatch(
                    e -> ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                return true;
            }
            if (t instanceof MongoCommandException command
                    && ErrorCategory.fromErrorCode(command.getErrorCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return isDuplicateKey(exception);
    }
}
