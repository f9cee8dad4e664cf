package vn.xhht.ledger.infrastructure.eventstore;

import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

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
import java.util.Base64;
import java.util.List;
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
 * </ul>
 */
public final class LogSeal {

    public static final String HASH = "h";
    public static final String PREVIOUS_HASH = "ph";
    public static final String MAC = "mac";
    private static final DocumentCodec CODEC = new DocumentCodec();
    private static final byte[] NONE = new byte[0];

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final SecretKeySpec macKey;

    private LogSeal(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        MessageDigest sha256 = sha256();
        sha256.update("xhht-ledger commit mac".getBytes(StandardCharsets.US_ASCII));
        sha256.update(privateKey.getEncoded());
        this.macKey = new SecretKeySpec(sha256.digest(), "HmacSHA256");
    }

    /** The commit's seal: HMAC-SHA256, keyed from the private key, over its first position and its events' hashes. */
    public byte[] mac(long firstPosition, List<byte[]> hashes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return mac.doFinal(signedBytes(firstPosition, hashes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verifyMac(long firstPosition, List<byte[]> hashes, byte[] seal) {
        return seal != null && MessageDigest.isEqual(mac(firstPosition, hashes), seal);
    }

    /** A seal with a fresh key pair (tests, and a store nobody needs to verify after a restart). */
    public static LogSeal generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new LogSeal(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17", e);
        }
    }

    /**
     * The key pair kept in {@code file} (two Base64 lines: PKCS#8 private key, X.509 public key), created with a
     * fresh pair when it does not exist yet. The file is the service's signing identity: back it up with the data.
     */
    public static LogSeal fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                LogSeal fresh = generate();
                Files.createDirectories(file.toAbsolutePath().getParent());
                Base64.Encoder base64 = Base64.getEncoder();
                Files.writeString(file, base64.encodeToString(fresh.privateKey.getEncoded()) + "\n"
                        + base64.encodeToString(fresh.publicKey.getEncoded()) + "\n", StandardCharsets.US_ASCII);
                return fresh;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            Base64.Decoder base64 = Base64.getDecoder();
            return new LogSeal(keys.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(lines.get(0).trim()))),
                               keys.generatePublic(new X509EncodedKeySpec(base64.decode(lines.get(1).trim()))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the log signing key " + file, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("The log signing key " + file + " is not an Ed25519 key pair", e);
        }
    }

    /**
     * Records this key's public half in {@code log_keys} the first time, and refuses to go on if the database's log
     * was sealed with another key: a second node started without a copy of the first one's key file would seal
     * commits the others cannot check, and sign checkpoints with a key the verification does not know.
     */
    public void requireSameKeyAs(com.mongodb.client.MongoDatabase database, String file) {
        var keys = database.getCollection(KEY_REGISTRY);
        Document recorded = keys.find(new Document("_id", "signing")).first();
        if (recorded == null) {
            try {
                keys.insertOne(new Document("_id", "signing").append("publicKey", publicKey()));
                return;
            } catch (com.mongodb.MongoException e) {
                if (!MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                    throw e;
                }
                recorded = keys.find(new Document("_id", "signing")).first(); // another node started at the same time
            }
        }
        if (!publicKey().equals(recorded.getString("publicKey"))) {
            throw new IllegalStateException("The log signing key " + file + " is not the key this database's log is "
                    + "sealed with (public key " + recorded.getString("publicKey") + "): every node must use a copy of "
                    + "the same key file (xhht.audit.signing-key-file)");
        }
    }

    /** The public key (X.509, Base64) that verifies this service's commits. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
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

    /** A signature over a document's BSON (a checkpoint, before its {@code sig} is added). */
    public byte[] signDocument(Document document) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(bson(document));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verifyDocument(Document document, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
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
