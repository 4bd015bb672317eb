package io.dtf.examples.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StemmerTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "counting, count",
        "ponies, pony",
        "cats, cat",
        "glass, glass",
        "is, is",
    })
    void stripsCommonEndings(String word, String stem) {
        assertEquals(stem, Stemmer.stem(word));
    }
}
