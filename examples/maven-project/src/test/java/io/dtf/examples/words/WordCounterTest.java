package io.dtf.examples.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordCounterTest {
    @Test
    void splitsOnPunctuationAndBlanks() {
        assertEquals(List.of("hello", "world", "again"), WordCounter.words("Hello, world!  Again."));
    }

    @Test
    void keepsApostrophesInsideWords() {
        assertEquals(List.of("don't", "stop"), WordCounter.words("'Don't stop'"));
    }

    @Test
    void countsNothingInAnEmptyText() {
        assertEquals(0, WordCounter.count(" ... "));
    }

    @Test
    void ranksTheMostFrequentWordsFirst() {
        assertEquals(Map.of("the", 3, "dog", 2), WordCounter.top("The dog saw the other dog at the gate", 2));
    }
}
