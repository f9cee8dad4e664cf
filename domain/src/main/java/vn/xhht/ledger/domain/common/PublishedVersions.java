package vn.xhht.ledger.domain.common;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * The versions of a document published as data — a criteria framework, the indicator catalogue, the PCGD cycle, an
 * emulation movement, a set of award criteria — and the rule for numbering them: content published before is that
 * version again, never a new one; new content keeps the version number it names unless that number is taken, and is
 * otherwise the next after the latest.
 */
public final class PublishedVersions<T> {

    private final TreeMap<Integer, T> versions = new TreeMap<>();
    private final Map<String, Integer> byContent = new HashMap<>();

    /**
     * Publishes a document's content under {@code code}: content published before is answered as that version, and
     * nothing is recorded; new content gets its number ({@link #numberFor}) and {@code record} applies the event
     * that publishes it as that version.
     */
    public PublishResult publish(String code, String contentHash, Integer named, IntConsumer record) {
        Integer existing = byContent.get(contentHash);
        if (existing != null) {
            return new PublishResult(code, existing, false);
        }
        int version = numberFor(named);
        record.accept(version);
        return new PublishResult(code, version, true);
    }

    /** The number new content gets, given the number its document names (or null). */
    public int numberFor(Integer named) {
        if (named != null && named > 0 && !versions.containsKey(named)) {
            return named;
        }
        return versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    /** Records a published version (from its event). */
    public void add(int version, String contentHash, T document) {
        versions.put(version, document);
        byContent.put(contentHash, version);
    }

    /** The version with the highest number. */
    public Optional<T> latest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    /** Every version by number, lowest first. */
    public NavigableMap<Integer, T> all() {
        return java.util.Collections.unmodifiableNavigableMap(versions);
    }
}
