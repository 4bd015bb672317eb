package io.dtf.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dtf.fuzz.FuzzTally;
import io.dtf.hardware.HardwareKeys;
import io.dtf.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the requirement parser with arbitrary lines. A crash is any of:
 * <ul>
 *   <li>an exception other than {@link RequirementSyntaxException};</li>
 *   <li>a syntax error that is blank or longer than {@link #MAX_ERROR_CHARS} (it may quote the line,
 *       cut short, never echo a long one in full, let alone several times);</li>
 *   <li>a requirement whose canonical text does not parse back to an equal requirement, or that does
 *       not survive its JSON wire form;</li>
 *   <li>a requirement that throws when tested against a node's attributes;</li>
 *   <li>an input that takes longer than the fuzzer's per-input timeout (a hang).</li>
 * </ul>
 * Seeds and kept crashes: {@code src/test/resources/io/dtf/requirements/RequirementFuzzTestInputs/requirementLine}.
 */
class RequirementFuzzTest {
    /** A syntax error's message is at most this long, whatever the line. */
    static final int MAX_ERROR_CHARS = 1_000;

    private static final FuzzTally TALLY = new FuzzTally("requirement parser");
    private static final Map<String, Object> NODE = Map.of(
            HardwareKeys.OS_FAMILY, "linux", HardwareKeys.OS_ARCH, "amd64", HardwareKeys.CPU_CORES, 8,
            HardwareKeys.MEMORY_BYTES, 17_179_869_184L, HardwareKeys.TAGS, "chrome,webgpu",
            HardwareKeys.ACCELERATORS, "cuda", HardwareKeys.GPU_VENDOR, "nvidia");

    @FuzzTest
    void requirementLine(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        TALLY.run(() -> check(line));
    }

    @AfterAll
    static void report() {
        TALLY.print();
    }

    private static void check(String line) {
        Requirement requirement;
        try {
            requirement = Requirement.parse(line);
        } catch (RequirementSyntaxException e) {
            String message = e.getMessage();
            assertFalse(message == null || message.isBlank(), "a blank syntax error");
            assertTrue(message.length() <= MAX_ERROR_CHARS,
                    () -> "a syntax error of " + message.length() + " characters: " + message.substring(0, 300) + "...");
            return;
        }
        assertEquals(requirement, Requirement.parse(requirement.expression()), "the canonical text parses back");
        assertEquals(requirement, Json.read(Json.write(requirement), Requirement.class), "the JSON form reads back");
        for (Map<String, ?> node : List.of(NODE, Map.<String, Object>of(),
                Map.of(requirement.key(), line), Map.of(requirement.key(), Long.MIN_VALUE))) {
            requirement.test(node);
            requirement.unmet(node);
        }
    }
}
