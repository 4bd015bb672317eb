package io.dtf.console.live;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WriteCallback;

/** An {@link Outbox} writing to a Jetty WebSocket session, without blocking. */
record SessionSink(Session session) implements Outbox.Sink {
    @Override
    public void send(String text, Runnable done, Runnable failed) {
        try {
            session.getRemote().sendString(text, new WriteCallback() {
                @Override
                public void writeSuccess() {
                    done.run();
                }

                @Override
                public void writeFailed(Throwable x) {
                    failed.run();
                }
            });
        } catch (RuntimeException e) {
            failed.run();
        }
    }

    @Override
    public void close(int code, String reason) {
        try {
            session.close(code, reason);
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
