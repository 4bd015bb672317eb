package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @TempDir
    Path dir;

    private Path workers() throws IOException {
        return Files.writeString(dir.resolve("workers.csv"), "hw_class,count,slots,tags,speed,attributes\n"
                + "fast,4,4,linux,2.0,os=linux\nslow,8,2,linux,0.5,os=linux;memory=8GiB\ngpu,2,2,linux;gpu,1.0\n");
    }

    /** What the command printed on standard output, from the report on (tests log to the console too). */
    private static String report(Launcher.Outcome o) {
        int at = o.out().indexOf("{\n");
        return at < 0 ? o.out() : o.out().substring(at);
    }

    @Test
    void everyPolicyIsComparedOnTheSameWorkloadAgainstOneBound() throws IOException {
        Path workload = Files.writeString(dir.resolve("workload.csv"), "task,requirements,duration_ms\n"
                + "a,,60000\nb,,1000\nc,tag gpu,30000\nd,\"os in [linux, macos]\",5000\n");
        Launcher.Outcome o = InProcessCli.dtf("simulate", "--workers", workers().toString(), "--workload",
                workload.toString(), "--format", "json", "--noise", "0");
        assertEquals(0, o.exitCode(), o.err());
        JsonNode report = new ObjectMapper().readTree(report(o));
        assertEquals(30_000, report.get("bound").get("boundMs").asLong()); // task a on a worker of speed 2
        assertEquals(4, report.get("policies").size());
        for (JsonNode p : report.get("policies")) {
            assertTrue(p.get("makespanMs").asLong() >= 30_000, p.toString());
            assertEquals(4, p.get("attempts").asInt(), p.toString());
            assertTrue(p.has("schedulerCpuMicrosPerTask"), p.toString());
        }
        Launcher.Outcome text = InProcessCli.dtf("simulate", "--workers", workers().toString(), "--workload",
                workload.toString(), "--policy", "first_free", "--noise", "0");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("lower bound 0:30") && text.out().contains("first_free"), text.out());
    }

    @Test
    void aDeterministicReportIsTheSameBytesForTheSameSeed() throws IOException {
        String[] args = {"simulate", "--workers", workers().toString(), "--generate", "300", "--seed", "9",
                "--failure-rate", "0.05", "--deaths-per-hour", "30", "--joins-per-hour", "30", "--format", "json",
                "--deterministic", "--policy", "first_free"};
        Launcher.Outcome first = InProcessCli.dtf(args);
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(report(first), report(InProcessCli.dtf(args)));
        assertFalse(report(first).contains("wallMillis") || report(first).contains("schedulerCpu"), first.out());
        args[6] = "10";
        assertNotEquals(report(first), report(InProcessCli.dtf(args)));
    }

    @Test
    void aBadInputFileExitsWithTwoNamingWhereAndWhat() throws IOException {
        Path workload = Files.writeString(dir.resolve("bad.csv"), "task,requirements,duration_ms\na,,1s\n");
        Launcher.Outcome o = InProcessCli.dtf("simulate", "--workers", workers().toString(), "--workload",
                workload.toString());
        assertEquals(ExitCodes.USAGE, o.exitCode());
        assertTrue(o.err().contains("bad.csv:2:4: duration_ms: '1s' is not a whole number"), o.err());

        Path unrunnable = Files.writeString(dir.resolve("tpu.csv"), "task,requirements,duration_ms\nt,tag tpu,10\n");
        o = InProcessCli.dtf("simulate", "--workers", workers().toString(), "--workload", unrunnable.toString());
        assertEquals(ExitCodes.USAGE, o.exitCode());
        assertTrue(o.err().contains("task t: no worker class meets its requirements (tag tpu)"), o.err());

        o = InProcessCli.dtf("simulate", "--workers", workers().toString(), "--generate", "10", "--policy", "fastest");
        assertEquals(ExitCodes.USAGE, o.exitCode());
        assertTrue(o.err().contains("--policy: 'fastest' is not a policy"), o.err());
    }
}
