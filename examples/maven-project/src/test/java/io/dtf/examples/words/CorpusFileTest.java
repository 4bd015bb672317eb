package io.dtf.examples.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Opens its input by a path relative to the working directory, as many real tests do: under Surefire
 * that is the project's base directory; on a grid worker the plugin mirrors {@code src/test/resources}
 * into the test JVM's working directory, so the same path works there.
 */
class CorpusFileTest {
    private static final Path SONNET = Path.of("src/test/resources/corpus/sonnet-18.txt");

    @Test
    void countsTheWordsOfAFileReadByRelativePath() throws IOException {
        assertEquals(114, WordCounter.count(Files.readString(SONNET)));
    }

    @Test
    void findsTheSonnetsMostFrequentWord() throws IOException {
        assertEquals(Map.of("and", 5), WordCounter.top(Files.readString(SONNET), 1));
    }
}
