package vn.xhht.ledger.domain.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
    void canPublishTheSameContentAgainAsTheVersionItWasRecordingNothing() {
        PublishedVersions<String> versions = new PublishedVersions<>();
        versions.add(1, "hash-1", "first");
        List<Integer> recorded = new ArrayList<>();

        assertThat(versions.publish("TT22", "hash-1", 7, recorded::add)).isEqualTo(new PublishResult("TT22", 1, false));
        assertThat(recorded).isEmpty();
    }

    @Test
    void canPublishNewContentUnderTheNumberItGetsRecordingItOnce() {
        PublishedVersions<String> versions = new PublishedVersions<>();
        versions.add(1, "hash-1", "first");
        List<Integer> recorded = new ArrayList<>();

        assertThat(versions.publish("TT22", "hash-2", 1, recorded::add)).isEqualTo(new PublishResult("TT22", 2, true));
        assertThat(recorded).containsExactly(2);
    }
}
