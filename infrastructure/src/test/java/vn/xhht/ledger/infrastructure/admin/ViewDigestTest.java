package vn.xhht.ledger.infrastructure.admin;

import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two view documents have the same digest exactly when {@code Document.equals} holds them equal. */
class ViewDigestTest {

    @Test
    void documentsEqualButForTheOrderOfTheirFieldsHaveOneDigest() {
        Document a = new Document("q", new Document("x", 1L).append("y", List.of(1, "a"))).append("v", 3L);
        Document b = new Document("v", 3L).append("q", new Document("y", List.of(1, "a")).append("x", 1L));

        assertThat(a).isEqualTo(b);
        assertThat(ViewDigest.of(a)).isEqualTo(ViewDigest.of(b));
    }

    @Test
    void anyValueTypeOrMillisecondThatDiffersChangesTheDigest() {
        Document base = new Document("v", 3L).append("at", new Date(1_000)).append("e", List.of("a", "b"));

        assertThat(ViewDigest.of(base.append("v", 3L))).isEqualTo(ViewDigest.of(new Document(base)));
        assertThat(ViewDigest.of(new Document(base).append("v", 3))).isNotEqualTo(ViewDigest.of(base));
        assertThat(ViewDigest.of(new Document(base).append("at", new Date(1_001)))).isNotEqualTo(ViewDigest.of(base));
        assertThat(ViewDigest.of(new Document(base).append("e", List.of("b", "a")))).isNotEqualTo(ViewDigest.of(base));
        assertThat(ViewDigest.of(new Document(base).append("w", null))).isNotEqualTo(ViewDigest.of(base));
    }

    @Test
    void packedPartsWithTheSameBytesHaveOneDigestAndAnyOtherByteChangesIt() {
        Document a = new Document("f", new Binary(new byte[] {1, 2, 3}));

        assertThat(ViewDigest.of(a)).isEqualTo(ViewDigest.of(new Document("f", new Binary(new byte[] {1, 2, 3}))));
        assertThat(ViewDigest.of(a)).isNotEqualTo(ViewDigest.of(new Document("f", new Binary(new byte[] {1, 2, 4}))));
        assertThat(ViewDigest.of(a)).isNotEqualTo(ViewDigest.of(new Document("f", new Binary(new byte[] {1, 2}))));
        assertThat(ViewDigest.of(new Document("f", new Binary(new byte[] {1})).append("g", new Binary(new byte[] {2, 3}))))
                .isNotEqualTo(ViewDigest.of(new Document("f", new Binary(new byte[] {1, 2})).append("g", new Binary(new byte[] {3}))));
    }
}
