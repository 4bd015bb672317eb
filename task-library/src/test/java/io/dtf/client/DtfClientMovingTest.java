package io.dtf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.wire.Json;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A call that reaches a coordinator on the move is made again; any other failure reaches the caller. */
class DtfClientMovingTest {

    @Test
    void aSubmissionRefusedByAMovingCoordinatorIsMadeAgainAndAcceptedOnce() {
        AtomicInteger calls = new AtomicInteger();
        DtfClient client = DtfClient.over(api(() -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("server error: " + CoordinatorApi.MOVING);
            }
            return Json.write(new SubmitReply("run-1", List.of()));
        }));

        assertEquals("run-1", client.submit(new Suite("s", List.of())));
        assertEquals(3, calls.get());
    }

    @Test
    void anyOtherFailureIsNotRepeated() {
        AtomicInteger calls = new AtomicInteger();
        DtfClient client = DtfClient.over(api(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("coordinator failed: disk full");
        }));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> client.submit(new Suite("s", List.of())));
        assertEquals("coordinator failed: disk full", e.getMessage());
        assertEquals(1, calls.get());
    }

    /** A coordinator whose every method answers with {@code answer}. */
    private static CoordinatorApi api(java.util.function.Supplier<String> answer) {
        return (CoordinatorApi) Proxy.newProxyInstance(CoordinatorApi.class.getClassLoader(),
                new Class<?>[] {CoordinatorApi.class}, (proxy, method, args) -> answer.get());
    }
}
