package vn.xhht.ledger.infrastructure.privacy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.domain.emulation.EmulationMessages.SealedPerson;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static com.mongodb.client.model.Filters.eq;

/**
 * Personal data under Nghị định 13/2023/NĐ-CP, kept so it can be forgotten (crypto-shredding). Each nominated person
 * gets a random AES-256 key in {@code person_keys}, a collection beside the event log and never part of it (nor of its
 * export); the name and position are stored in events only as AES-GCM ciphertexts under that key. Forgetting deletes
 * the key: the ciphertexts in the log can then never be read again, while the log itself — and its hash chain — stays
 * exactly as written. The one-award rule needs to recognise the same person twice: {@link #subjectKey} is a keyed
 * digest (HMAC-SHA-256 with the service's index key, also in {@code person_keys}) of the unit and the normalised name,
 * which without that key says nothing about the name.
 */
@Component
public class PersonalData {

    /** What a forgotten person reads as. */
    public static final String FORGOTTEN = "(đã xoá theo yêu cầu)";
    static final String COLLECTION = "person_keys";
    private static final String INDEX_KEY_ID = "subject-index-key";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final String PREFIX = "v1:";

    private final MongoCollection<Document> keys;
    private final SecureRandom random = new SecureRandom();
    private final String configuredIndexKey;
    private volatile byte[] indexKey;

    public PersonalData(MongoDatabase eventDatabase,
                        @Value("${xhht.personal-data.index-key:}") String configuredIndexKey) {
        this.keys = eventDatabase.getCollection(COLLECTION);
        this.configuredIndexKey = configuredIndexKey;
    }

    /** A person's name and position sealed under a new key of their own. */
    public Mono<SealedPerson> seal(String name, String position) {
        return Mono.fromCallable(() -> {
            String personId = UUID.randomUUID().toString();
            SecretKey key = newKey();
            keys.insertOne(new Document("_id", personId).append("key", new Binary(key.getEncoded()))
                                                        .append("createdAt", java.util.Date.from(Instant.now())));
            return new SealedPerson(personId, encrypt(key, personId, name), encrypt(key, personId, position));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    public record Opened(String name, String position) {
    }

    /** The person's name and position, or nothing once the key is gone. */
    public Mono<Optional<Opened>> open(SealedPerson person) {
        if (person == null) {
            return Mono.just(Optional.empty());
        }
        return Mono.fromCallable(() -> {
            Document found = keys.find(eq("_id", person.personId())).first();
            if (found == null) {
                return Optional.<Opened>empty();
            }
            SecretKey key = new SecretKeySpec(found.get("key", Binary.class).getData(), "AES");
            return Optional.of(new Opened(decrypt(key, person.personId(), person.name()),
                                          decrypt(key, person.personId(), person.position())));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Deletes the person's key (again is nothing). */
    public Mono<Void> forget(String personId) {
        return Mono.fromRunnable(() -> keys.deleteOne(eq("_id", personId))).subscribeOn(Schedulers.boundedElastic()).then();
    }

    /** The subject's name for the one-award rule: the unit for a collective, a keyed digest for a person. */
    public Mono<String> subjectKey(String unitId, String name) {
        if (name == null) {
            return Mono.just("unit:" + unitId);
        }
        return Mono.fromCallable(() -> {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(indexKey(), "HmacSHA256"));
            String normalised = Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ")
                                          .toLowerCase(Locale.ROOT);
            byte[] digest = mac.doFinal((unitId + "|" + normalised).getBytes(StandardCharsets.UTF_8));
            return "person:" + HexFormat.of().formatHex(digest);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private byte[] indexKey() throws GeneralSecurityException {
        if (indexKey != null) {
            return indexKey;
        }
        if (!configuredIndexKey.isBlank()) {
            indexKey = Base64.getDecoder().decode(configuredIndexKey.strip());
            return indexKey;
        }
        Document found = keys.find(eq("_id", INDEX_KEY_ID)).first();
        if (found == null) {
            try {
                keys.insertOne(new Document("_id", INDEX_KEY_ID).append("key", new Binary(newKey().getEncoded())));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            found = keys.find(eq("_id", INDEX_KEY_ID)).first();
        }
        indexKey = found.get("key", Binary.class).getData();
        return indexKey;
    }

    private SecretKey newKey() throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, random);
        return generator.generateKey();
    }

    /** {@code v1:} + base64(nonce ‖ ciphertext ‖ tag), the person's id bound in as associated data. */
    private String encrypt(SecretKey key, String personId, String text) throws GeneralSecurityException {
        if (text == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(personId.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                                                     .put(nonce).put(sealed).array());
    }

    private String decrypt(SecretKey key, String personId, String sealed) throws GeneralSecurityException {
        if (sealed == null) {
            return null;
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, NONCE_BYTES));
        cipher.updateAAD(personId.getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
    }
}
