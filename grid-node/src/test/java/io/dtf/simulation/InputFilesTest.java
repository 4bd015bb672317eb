package io.dtf.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aWorkersFileIsReadWithItsTags() throws Exception {
        List<WorkerClass> w = WorkersFile.read(file("w.csv", "hw_class,count,slots,tags,speed\n"
                + "# a comment\nx86,10,4,linux,1.0\n\ngpu,2,2,linux;gpu;cuda,1.5\n"));
        assertEquals(List.of(new WorkerClass("x86", 10, 4, List.of("linux"), 1.0),
                new WorkerClass("gpu", 2, 2, List.of("linux", "gpu", "cuda"), 1.5)), w);
    }

    @Test
    void workersAdvertiseTheAttributesTheirLineGives() throws Exception {
        List<WorkerClass> w = WorkersFile.read(file("w.csv", "hw_class,count,slots,tags,speed,attributes\n"
                + "x86,1,4,,1.0,os=linux;memory=64GiB\n"));
        assertEquals(java.util.Map.of("dtf.os.family", "linux", "dtf.memory.bytes", "64GiB"), w.get(0).attributes());
        assertTrue(io.dtf.requirements.Requirement.parse("memory >= 32GiB")
                .test(SimulatedWorker.attributesOf(w.get(0))));
        Path bad = file("b.csv", "hw_class,count,slots,tags,speed,attributes\nx86,1,4,,1.0,colour=blue\n");
        InputException e = assertThrows(InputException.class, () -> WorkersFile.read(bad));
        assertTrue(e.getMessage().contains("b.csv:2:14: attributes: unknown attribute 'colour'"), e.getMessage());
    }

    @Test
    void aWorkloadFileTakesQuotedRequirementsPrioritiesAndExclusiveTasks() throws Exception {
        List<WorkloadTask> w = WorkloadFile.read(file("t.csv", "task,requirements,duration_ms,priority,exclusive\n"
                + "unit-1,,1200\n\"bench-3\",\"os in [linux, macos];tag gpu\",90000,5,true\n"));
        assertEquals(2, w.size());
        assertEquals(List.of(), w.get(0).requirements());
        assertEquals(0, w.get(0).priority());
        WorkloadTask bench = w.get(1);
        assertEquals("bench-3", bench.id());
        assertEquals(2, bench.requirements().size());
        assertEquals(90_000, bench.durationMs());
        assertEquals(5, bench.priority());
        assertTrue(bench.exclusive());
    }

    @Test
    void aBadNumberIsNamedWithItsFileLineColumnAndFix() throws IOException {
        Path f = file("w.csv", "hw_class,count,slots,tags,speed\nx86,10,4,linux,1.0\narm,ten,4,linux,1.0\n");
        InputException e = assertThrows(InputException.class, () -> WorkersFile.read(f));
        assertEquals(f + ":3:5: count: 'ten' is not a whole number; write one from 1 to 100000", e.getMessage());
    }

    @Test
    void everyKindOfBadInputIsRefusedWithWhereAndWhy() throws IOException {
        String header = "task,requirements,duration_ms\n";
        assertRefused(file("a.csv", "task,duration_ms\n"), "a.csv:1:1: header: the header must be");
        assertRefused(file("b.csv", header + "t1,,0\n"), "b.csv:2:5: duration_ms: 0 is out of range");
        assertRefused(file("c.csv", header + "t1,memory >= lots,10\n"), "c.csv:2:4: requirements:");
        assertRefused(file("d.csv", header + "t1,,10\nt1,,20\n"), "d.csv:3:1: task: 't1' appears twice");
        assertRefused(file("e.csv", header + "t1,\"tag gpu,10\n"), "e.csv:2:4: quoted field not closed");
        assertRefused(file("f.csv", header + "t 1,,10\n"), "f.csv:2:1: task: 't 1' is not a valid task name");
        assertRefused(file("g.csv", header + "t1,,10,3\n"), "g.csv:2:8: more fields than the header's 3");
        assertRefused(file("h.csv", header), "h.csv: no tasks");
        assertRefused(file("i.csv", header + "t1,,1" + "0".repeat(CsvFile.MAX_LINE_CHARS) + "\n"),
                "i.csv:2:4097: line longer than 4096 characters");
        assertRefused(dir.resolve("missing.csv"), "missing.csv: no such file");
        Files.write(dir.resolve("j.csv"), new byte[] {'t', 'a', 's', 'k', (byte) 0xff, '\n'});
        assertRefused(dir.resolve("j.csv"), "j.csv: not UTF-8 text");
    }

    @Test
    void tooManyWorkersAreRefusedAtTheLineThatCrossesTheCap() throws IOException {
        Path f = file("w.csv", "hw_class,count,slots,tags,speed\na,60000,1,,1\nb,60000,1,,1\n");
        InputException e = assertThrows(InputException.class, () -> WorkersFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":3:3: count: the workers add up to 120000"), e.getMessage());
        Path speed = file("s.csv", "hw_class,count,slots,tags,speed\na,1,1,,NaN\n");
        InputException nan = assertThrows(InputException.class, () -> WorkersFile.read(speed));
        assertTrue(nan.getMessage().contains(":2:8: speed: 'NaN' is not a number"), nan.getMessage());
    }

    private static void assertRefused(Path file, String expected) {
        InputException e = assertThrows(InputException.class, () -> WorkloadFile.read(file));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
