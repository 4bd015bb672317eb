package io.dtf.examples.words;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Counts the words of a text: the code under test and under benchmark in this example. */
public final class WordCounter {
    private static final Pattern NOT_A_LETTER = Pattern.compile("[^\\p{L}']+");

    private WordCounter() {
    }

    /** The words of {@code text}, lower-cased, in order; apostrophes stay inside words ("don't"). */
    public static List<String> words(String text) {
        return NOT_A_LETTER.splitAsStream(text.toLowerCase(Locale.ROOT))
                .map(w -> w.replaceAll("^'+|'+$", ""))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    /** How many words {@code text} has. */
    public static int count(String text) {
        return words(text).size();
    }

    /** Each word of {@code text} with how often it occurs, words in alphabetical order. */
    public static Map<String, Integer> frequencies(String text) {
        return words(text).stream().collect(Collectors.toMap(w -> w, w -> 1, Integer::sum, TreeMap::new));
    }

    /** The {@code n} most frequent words, most frequent first; ties in alphabetical order. */
    public static Map<String, Integer> top(String text, int n) {
        return frequencies(text).entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
