package io.dtf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a client's token comes from, and what is said when it cannot be had. */
class ClientTokensTest {
    private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2ln";

    @TempDir
    Path dir;

    @Test
    void theOptionWinsThenTheFileThenTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("ci.token"), "  " + TOKEN + "\n");
        Map<String, String> env = Map.of(ClientTokens.ENV, "from-env");

        assertEquals(TOKEN, ClientTokens.resolve(TOKEN, null, env));
        assertEquals(TOKEN, ClientTokens.resolve(null, file, env));
        assertEquals("from-env", ClientTokens.resolve(null, null, env));
        assertNull(ClientTokens.resolve(null, null, Map.of()), "no token: a grid without security needs none");
        assertNull(ClientTokens.resolve(null, null, Map.of(ClientTokens.ENV, " ")));
    }

    @Test
    void aMissingEmptyOrDirectoryTokenFileAndBothOptionsAreRefusedSayingWhatToGive() throws IOException {
        assertRefused("--token-file " + dir.resolve("nope") + " does not exist", null, dir.resolve("nope"));
        assertRefused("is empty", null, Files.writeString(dir.resolve("empty"), "\n"));
        assertRefused("is a directory", null, dir);
        assertRefused("far more than a token", null, Files.writeString(dir.resolve("big"), "x".repeat(70_000)));
        assertRefused("give one of them, not both", TOKEN, dir.resolve("any"));
    }

    @Test
    void optionsNeverShowTheToken() {
        ClientOptions options = ClientOptions.of("127.0.0.1:10800").withToken(TOKEN);
        assertFalse(options.toString().contains(TOKEN), options.toString());
        assertTrue(options.toString().contains("token=(set)"), options.toString());
    }

    private static void assertRefused(String says, String token, Path file) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientTokens.resolve(token, file, Map.of()));
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }
}
