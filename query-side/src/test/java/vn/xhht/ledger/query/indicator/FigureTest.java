package vn.xhht.ledger.query.indicator;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A figure's versions are packed as they are made (the open page grows by the newest version's bytes): written and
 * read back at any point, it goes on making the pages and the document a figure kept in memory makes, and every page
 * reads back as the figures stood at each of its versions.
 */
class FigureTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Property(tries = 60)
    void aFigureReadBackBetweenAnyOfItsVersionsMakesTheSamePagesAsOneKeptInMemory(
            @ForAll @IntRange(min = 1, max = 300) int versions,
            @ForAll @Size(max = 12) Set<@IntRange(min = 1, max = 300) Integer> readBackAfter) {
        Figure kept = new Figure("xa", 2024);
        Figure stored = new Figure("xa", 2024);
        List<Document> keptPages = new ArrayList<>();
        List<Document> storedPages = new ArrayList<>();
        for (int v = 1; v <= versions; v++) {
            change(kept, v, keptPages);
            change(stored, v, storedPages);
            if (readBackAfter.contains(v)) {
                stored = Figure.fromDocument("xa", 2024, stored.toDocument());
            }
        }

        assertThat(storedPages).isEqualTo(keptPages).hasSize(versions / Figure.PAGE);
        assertThat(stored.toDocument()).isEqualTo(kept.toDocument());
        for (int k = 0; k < keptPages.size(); k++) {
            Document page = Figure.fullPage(keptPages.get(k));
            assertThat(page.getList("e", Document.class)).hasSize(Figure.PAGE);
            for (int v = k * Figure.PAGE + 1; v <= (k + 1) * Figure.PAGE; v++) {
                assertThat(Figure.asOf("xa", 2024, page, START.plusSeconds(v)).quantity(key(v)).own)
                        .as("version %d from page %d", v, k).isEqualTo((long) v);
            }
        }
        if (versions % Figure.PAGE != 0) {
            assertThat(Figure.asOf("xa", 2024, stored.openPage(), START.plusSeconds(versions)).quantity(key(versions)).own)
                    .isEqualTo((long) versions);
        }
    }

    private static void change(Figure figure, int v, List<Document> pages) {
        figure.quantity(key(v)).own = (long) v;
        figure.changed(key(v));
        Document full = figure.newVersion(START.plusSeconds(v));
        if (full != null) {
            pages.add(full);
        }
    }

    private static String key(int v) {
        return "B_households" + v % 3;
    }
}
