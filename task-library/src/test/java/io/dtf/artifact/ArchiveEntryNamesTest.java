package io.dtf.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveEntryNamesTest {
    private static final Path TARGET = Path.of("/srv/unpack/here");

    @ParameterizedTest
    @ValueSource(strings = {"A.class", "a/b/C.class", "META-INF/services/x", "dir/", "a..b/c", "..a", "a/x:y"})
    void plainRelativeNamesPass(String name) {
        assertEquals(Optional.empty(), ArchiveEntryNames.problem(name));
        assertTrue(ArchiveEntryNames.resolve(TARGET, name).startsWith(TARGET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "a/..", "..", "/etc/x", "C:\\x", "C:/x", "c:x", "a\\..\\x",
            "\\\\server\\share\\x", "a//b", "./x", "a/./b", "", "/", "a\u0000b", "a\nb"})
    void hostileNamesAreRefusedNamingTheEntry(String name) {
        assertTrue(ArchiveEntryNames.problem(name).isPresent(), name);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArchiveEntryNames.resolve(TARGET, name));
        assertTrue(e.getMessage().startsWith("archive entry '"), e.getMessage());
        assertTrue(!e.getMessage().contains("\u0000") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/x", "C:\\x"})
    void theMessageSaysWhatIsWrong(String name) {
        String message = ArchiveEntryNames.problem(name).orElseThrow();
        assertTrue(message.contains("..") || message.contains("absolute") || message.contains("backslash"), message);
    }
}
