package vn.xhht.ledger.domain.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedVersionsTest {

    @Test
    void canNumberTheFirstVersionAsItsDocumentSaysOrOne() {
        assertThat(new PublishedVersions<String>().numberFor(3)).isEqualTo(3);
        assertThat(new PublishedVersions<String>().numberFor(null)).isEqualTo(1);
        assertThat(new PublishedVersions<String>().numberFor(0)).isEqualTo(1);
    }

    @Test
    void canKeepANamedNumberThatIsFreeEvenBelowTheLatest() {
        // the corrected TT22 document (v2) loaded before the first one (v1): each keeps its number
        PublishedVersions<String> versions = new PublishedVersions<>();
        versions.add(2, "hash-2", "corrected");

        assertThat(versions.numberFor(1)).isEqualTo(1);
        assertThat(versions.latest()).contains("corrected");
    }

    @Test
    void cannotGiveTwoContentsTheSameNumber() {
        PublishedVersions<String> versions = new PublishedVersions<>();
        versions.add(1, "hash-1", "first");
        versions.add(4, "hash-4", "fourth");

        assertThat(versions.numberFor(1)).isEqualTo(5);
        assertThat(versions.numberFor(4)).isEqualTo(5);
        assertThat(versions.numberFor(null)).isEqualTo(5);
    }

    @Test
    void canTellTheVersionTheSameContentWasPublishedAs() {
        PublishedVersions<String> versions = new PublishedVersions<>();
        versions.add(1, "hash-1", "first");

        assertThat(versions.publishedAs("hash-1")).contains(1);
        assertThat(versions.publishedAs("hash-2")).isEmpty();
        assertThat(versions.all()).containsOnlyKeys(1);
    }
}
