package vn.xhht.ledger.infrastructure.eventstore;

import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tamper evidence of the event log (issue #5, EVENT-STORE.md).
 * <ul>
 * <li>Every event carries {@code h} = SHA-256(previous hash of the same aggregate ‖ its global position ‖ its stored
 * content) and {@code ph}, that previous hash (empty for an aggregate's first event and for events of no
 * aggregate). Chains are per aggregate, so concurrent writers of different aggregates never wait for each other;
 * the position inside the hash makes moving or swapping stored events visible.</li>
 * <li>Every commit carries {@code mac}, an HMAC-SHA256 over its first position and its events' hashes, keyed from
 * the service's private key. Anyone can recompute SHA-256; only the service can seal, so a forged commit — even one
 * with correct hashes — fails {@code /audit/verify}. (An Ed25519 signature per commit cost ~1.5 ms each.)</li>
 * <li>Checkpoints ({@link LogNotary}) are Ed25519-signed: they anchor every aggregate's chain for an auditor who
 * holds only the public key.</li>
 * <li>Commits and checkpoints name their key ({@code kid}); the log's keys are recorded in {@code log_keys} in the
 * order it used them, so the key can be rotated ({@link #open}) and what earlier keys sealed still verifies.</li>
 * </ul>
 */
public final class LogSeal {

    public static final String HASH = "h";
    public static final String PREVIOUS_HASH = "ph";
    public static final String MAC = "mac";
    /** The id of the key a commit or a checkpoint is sealed with (none: the log's first key, before rotation existed). */
    public static final String KEY_ID = "kid";
    private static final DocumentCodec CODEC = new DocumentCodec();
    private static final byte[] NONE = new byte[0];
    private static final Logger log = LoggerFactory.getLogger(LogSeal.class);

    /** One signing key: the Ed25519 pair, the commit MAC key derived from its private half, and its id. */
    private record Key(String id, PrivateKey privateKey, PublicKey publicKey, SecretKeySpec macKey) {
        static Key of(PrivateKey privateKey, PublicKey publicKey) {
            MessageDigest sha256 = sha256();
            sha256.update("xhht-ledger commit mac".getBytes(StandardCharsets.US_ASCII));
            sha256.update(privateKey.getEncoded());
            SecretKeySpec macKey = new SecretKeySpec(sha256.digest(), "HmacSHA256");
            return new Key(keyId(publicKey.getEncoded()), privateKey, publicKey, macKey);
        }

        String encodedPublicKey() {
            return Base64.getEncoder().encodeToString(publicKey.getEncoded());
        }
    }

    private final Key current;
    /** Every key the log was sealed with, in the order it used them (generation 1 first); the current one last. */
    private final List<Key> generations;

    private LogSeal(Key current, List<Key> generations) {
        this.current = current;
        this.generations = List.copyOf(generations);
    }

    /** The commit's seal: HMAC-SHA256, keyed from the private key, over its first position and its events' hashes. */
    public byte[] mac(long firstPosition, List<byte[]> hashes) {
        return mac(current, firstPosition, hashes);
    }

    /** Whether {@code seal} is the MAC of key {@code keyId} (null: the log's first key) over the commit. */
    public boolean verifyMac(String keyId, long firstPosition, List<byte[]> hashes, byte[] seal) {
        Key key = key(keyId);
        return key != null && seal != null && MessageDigest.isEqual(mac(key, firstPosition, hashes), seal);
    }

    private static byte[] mac(Key key, long firstPosition, List<byte[]> hashes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.macKey());
            return mac.doFinal(signedBytes(firstPosition, hashes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the key new commits and checkpoints are sealed with. */
    public String keyId() {
        return current.id();
    }

    /**
     * The generation of key {@code keyId} (1 for the log's first key, also for {@code null}); 0 for a key the log never
     * registered. A log never goes back to an earlier generation: a retired key cannot seal what comes after its
     * successor.
     */
    public int generationOf(String keyId) {
        Key key = key(keyId);
        return key == null ? 0 : generations.indexOf(key) + 1;
    }

    private Key key(String keyId) {
        if (keyId == null) {
            return generations.get(0);
        }
        return generations.stream().filter(key -> key.id().equals(keyId)).findFirst().orElse(null);
    }

    /** Every key of the log, oldest first: {@code kid}, {@code generation}, {@code publicKey} (X.509, Base64). */
    public List<Document> keys() {
        List<Document> keys = new ArrayList<>();
        for (int i = 0; i < generations.size(); i++) {
            keys.add(new Document(KEY_ID, generations.get(i).id()).append("generation", i + 1)
                                                                 .append("publicKey", generations.get(i).encodedPublicKey()));
        }
        return keys;
    }

    /** A seal with a fresh key pair (tests, and a store nobody needs to verify after a restart). */
    public static LogSeal generate() {
        Key key = generateKey();
        return new LogSeal(key, List.of(key));
    }

    private static Key generateKey() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return Key.of(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17", e);
        }
    }

    /**
     * The key pair kept in {@code file} (two Base64 lines: PKCS#8 private key, X.509 public key), created with a
     * fresh pair when it does not exist yet. The file is the service's signing identity: back it up with the data.
     */
    public static LogSeal fromFile(Path file) {
        Key key = readOrCreate(file, true);
        return new LogSeal(key, List.of(key));
    }

    private static Key readOrCreate(Path file, boolean create) {
        if (!create && !Files.exists(file)) {
            throw new IllegalStateException("The retired log signing key " + file + " does not exist");
        }
        try {
            if (!Files.exists(file)) {
                Key fresh = generateKey();
                Files.createDirectories(file.toAbsolutePath().getParent());
                Base64.Encoder base64 = Base64.getEncoder();
                Files.writeString(file, base64.encodeToString(fresh.privateKey().getEncoded()) + "\n"
                        + fresh.encodedPublicKey() + "\n", StandardCharsets.US_ASCII);
                return fresh;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            Base64.Decoder base64 = Base64.getDecoder();
            return Key.of(keys.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(lines.get(0).trim()))),
                          keys.generatePublic(new X509EncodedKeySpec(base64.decode(lines.get(1).trim()))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the log signing key " + file, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("The log signing key " + file + " is not an Ed25519 key pair", e);
        }
    }

    /**
     * The service's seal for {@code database}'s log: the key in {@code file} seals what is written from now on, checked
     * against the keys recorded in {@code log_keys}, oldest first.
     * <ul>
     * <li>A new log records the key as its first.</li>
     * <li>The latest recorded key: it goes on.</li>
     * <li>A new key while the latest recorded one is among {@code retiredFiles}: a rotation; the new key is recorded as
     * the next generation and seals from now on. Stop every node first, and start them all with the new key.</li>
     * <li>Anything else refuses to start: a node with another key would seal commits the others cannot check.</li>
     * </ul>
     * Every recorded key must be at hand (the current file or one of {@code retiredFiles}): verifying the older part
     * of the log needs it.
     */
    public static LogSeal open(com.mongodb.client.MongoDatabase database, Path file, List<Path> retiredFiles) {
        Key current = readOrCreate(file, true);
        Map<String, Key> available = new LinkedHashMap<>();
        available.put(current.id(), current);
        for (Path retired : retiredFiles) {
            Key key = readOrCreate(retired, false);
            available.putIfAbsent(key.id(), key);
        }
        var registry = database.getCollection(KEY_REGISTRY);
        for (int attempt = 0; ; attempt++) {
            List<Document> recorded = new ArrayList<>();
            registry.find().forEach(recorded::add);
            recorded.sort(Comparator.comparingInt(LogSeal::generation));
            List<String> chain = recorded.stream().map(d -> keyId(Base64.getDecoder().decode(d.getString("publicKey")))).toList();
            Document next = null;
            if (chain.isEmpty()) {
                next = new Document("_id", "signing").append("publicKey", current.encodedPublicKey());
            } else if (!chain.get(chain.size() - 1).equals(current.id())) {
                String latest = chain.get(chain.size() - 1);
                if (chain.contains(current.id())) {
                    throw new IllegalStateException("The log signing key " + file + " was retired: this database's log "
                            + "is sealed with a later key (" + latest + ") now; every node must use a copy of the same "
                            + "key file, the latest (xhht.audit.signing-key-file)");
                }
                if (!available.containsKey(latest)) {
                    throw new IllegalStateException("The log signing key " + file + " is not the key this database's "
                            + "log is sealed with (key " + latest + ", public key "
                            + recorded.get(recorded.size() - 1).getString("publicKey") + "): every node must use a copy "
                            + "of the same key file (xhht.audit.signing-key-file); to rotate to a new key, list the "
                            + "current one's file in xhht.audit.retired-key-files");
                }
                int generation = chain.size() + 1;
                next = new Document("_id", "signing-" + generation).append("generation", generation)
                                                                   .append("publicKey", current.encodedPublicKey())
                                                                   .append("after", latest);
            }
            if (next != null) {
                try {
                    registry.insertOne(next);
                    if (!chain.isEmpty()) {
                        log.warn("Log signing key rotated: {} seals the log from now on (generation {}), after {}",
                                 current.id(), chain.size() + 1, chain.get(chain.size() - 1));
                    }
                } catch (com.mongodb.MongoException e) {
                    if (!MongoDuplicateKeyResolver.isDuplicateKey(e) || attempt > 0) {
                        throw e;
                    }
                }
                continue; // read what is recorded now (another node may have recorded the same key at the same time)
            }
            List<Key> generations = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                Key key = available.get(chain.get(i));
                if (key == null) {
                    throw new IllegalStateException("This database's log was also sealed with key " + chain.get(i)
                            + " (generation " + (i + 1) + "): list its file in xhht.audit.retired-key-files, or the "
                            + "log cannot be verified");
                }
                generations.add(key);
            }
            return new LogSeal(current, generations);
        }
    }

    private static int generation(Document recorded) {
        return recorded.getInteger("generation", 1);
    }

    /** A key's id: the first 8 bytes of SHA-256 over its public half (X.509), in hex. */
    private static String keyId(byte[] encodedPublicKey) {
        return HexFormat.of().formatHex(Arrays.copyOf(sha256().digest(encodedPublicKey), 8));
    }

    /** The current public key (X.509, Base64): it verifies what is sealed from now on. */
    public String publicKey() {
        return current.encodedPublicKey();
    }

    /** What an event's hash covers: the stored event document without its own {@code h} and {@code ph}. */
    static final String KEY_REGISTRY = "log_keys";

    public static Document hashedContent(Document event) {
        Document content = new Document(event);
        content.remove(HASH);
        content.remove(PREVIOUS_HASH);
        return content;
    }

    /** The hash of a stored event document at {@code position}. */
    public static byte[] hash(byte[] previous, long position, Document event) {
        Document content = hashedContent(event);
        MessageDigest sha256 = sha256();
        sha256.update(previous == null ? NONE : previous);
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(position).array());
        sha256.update(bson(content));
        return sha256.digest();
    }

    /** Sets {@code ph} and {@code h} on an event document about to be stored at {@code position}. */
    static byte[] chain(byte[] previous, long position, Document event) {
        byte[] hash = hash(previous, position, event);
        event.put(PREVIOUS_HASH, previous == null ? NONE : previous);
        event.put(HASH, hash);
        return hash;
    }

    /** A signature over a document's BSON (a checkpoint, before its {@code sig} is added), with the current key. */
    public byte[] signDocument(Document document) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(current.privateKey());
            signature.update(bson(document));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the signature over the document is key {@code keyId}'s (null: the log's first key). */
    public boolean verifyDocument(String keyId, Document document, byte[] signatureBytes) {
        Key key = key(keyId);
        if (key == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key.publicKey());
            signature.update(bson(document));
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] signedBytes(long firstPosition, List<byte[]> hashes) {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + hashes.size() * 32);
        buffer.putLong(firstPosition);
        hashes.forEach(buffer::put);
        return buffer.array();
    }

    static byte[] bson(Document document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            CODEC.encode(writer, document, EncoderContext.builder().build());
        }
        return buffer.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
