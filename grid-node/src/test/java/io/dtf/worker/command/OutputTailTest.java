package io.dtf.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTailTest {

    @Test
    void keepsEverythingWhileItFits() {
        OutputTail tail = new OutputTail(16);
        write(tail, "hello ");
        write(tail, "world");

        assertEquals("hello world", tail.text());
        assertEquals(11, tail.totalBytes());
    }

    @Test
    void keepsOnlyTheLastBytesAndSaysHowManyWereDropped() {
        OutputTail tail = new OutputTail(8);
        write(tail, "0123456789");
        write(tail, "abc");
        write(tail, "a much longer write than the ring: END");

        assertEquals("[43 earlier bytes not kept]\ning: END", tail.text());
        assertEquals(51, tail.totalBytes());
    }

    @Test
    void aCharacterCutAtTheStartIsLeftOut() {
        OutputTail tail = new OutputTail(4);
        write(tail, "xé12"); // 'é' is two bytes
        write(tail, "3");

        assertEquals("[3 earlier bytes not kept]\n123", tail.text());
    }

    private static void write(OutputTail tail, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        tail.write(bytes, 0, bytes.length);
    }
}
