package io.dtf.examples.words;

/** A deliberately small English stemmer: strips common plural and verb endings. */
public final class Stemmer {
    private Stemmer() {
    }

    /** The stem of a lower-case word: "counting" to "count", "ponies" to "pony", "cats" to "cat". */
    public static String stem(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 5 && word.endsWith("ing")) {
            return word.substring(0, word.length() - 3);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
