package vn.xhht.ledger.query.unit;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Names compared as a Vietnamese user types them: without case and without diacritics ("cu chi" and "CỦ CHI" both
 * find "Củ Chi"; đ is d), word by word, each word of the query found somewhere in the name.
 */
final class SearchText {

    private SearchText() {
    }

    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT);
    }

    static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(fold(text).split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }

    static boolean matches(String name, List<String> words) {
        if (words.isEmpty()) {
            return true;
        }
        String folded = name == null ? "" : fold(name);
        return words.stream().allMatch(folded::contains);
    }
}
