package io.dtf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellScriptsTest {
    @Test
    void theScriptIsTheFirstOperandAfterAShellsDashCWhereverTheShellStands() {
        assertEquals(2, ShellScripts.scriptIndex(List.of("sh", "-c", "echo", "arg0")));
        assertEquals(2, ShellScripts.scriptIndex(List.of("/bin/bash", "-euc", "echo")));
        assertEquals(4, ShellScripts.scriptIndex(List.of("bash", "-o", "pipefail", "-c", "echo")));
        assertEquals(4, ShellScripts.scriptIndex(List.of("timeout", "5", "dash", "-c", "echo")));
        assertEquals(3, ShellScripts.scriptIndex(List.of("busybox", "sh", "-c", "echo")));
        assertEquals(3, ShellScripts.scriptIndex(List.of("sh", "-c", "--", "echo")));
    }

    @Test
    void aShellRunningAFileOrNoShellAtAllHasNoScript() {
        assertEquals(-1, ShellScripts.scriptIndex(List.of("sh", "run.sh", "-c")));
        assertEquals(-1, ShellScripts.scriptIndex(List.of("python3", "-c", "print(1)")));
        assertEquals(-1, ShellScripts.scriptIndex(List.of("echo", "-c")));
        assertEquals(-1, ShellScripts.scriptIndex(List.of("bash", "-c")));
    }

    @Test
    void eachReferenceIsQuotedForWhereItStands() {
        Map<String, String> x = Map.of("x", "$(id)", "block-size", "1");
        assertEquals("echo \"${DTF_PARAM_X}\"", ShellScripts.substitute("echo ${x}", x));
        assertEquals("echo \"a ${DTF_PARAM_X} b\"", ShellScripts.substitute("echo \"a ${x} b\"", x));
        assertEquals("echo 'a '\"${DTF_PARAM_X}\"' b'", ShellScripts.substitute("echo 'a ${x} b'", x));
        assertEquals("echo \\'\"${DTF_PARAM_X}\"", ShellScripts.substitute("echo \\'${x}", x), "an escaped quote opens nothing");
        assertEquals("# it's ${DTF_PARAM_X}\necho \"${DTF_PARAM_X}\"", ShellScripts.substitute("# it's ${x}\necho ${x}", x),
                "a quote in a comment opens nothing");
        assertEquals("dd bs=\"${DTF_PARAM_BLOCK_SIZE}\" ${HOME}", ShellScripts.substitute("dd bs=${block-size} $${HOME}", x));
    }
}
