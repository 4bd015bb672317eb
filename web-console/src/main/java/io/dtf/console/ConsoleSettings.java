package io.dtf.console;

import io.dtf.node.NodeContext;

/**
 * Where and how the console listens.
 *
 * @param host     the address to bind: the loopback interface while security is off, so that a
 *                 console without logins is reachable from this machine only
 * @param port     the HTTP port; 0 for any free one
 * @param secured  whether people must log in with a token (the grid's security is on)
 */
public record ConsoleSettings(String host, int port, boolean secured) {
    static final String LOOPBACK = "127.0.0.1";

    static ConsoleSettings of(NodeContext context, int port) {
        boolean secured = context.security().isPresent();
        String bind = context.options().bindHost();
        return new ConsoleSettings(secured && bind != null ? bind : secured ? "0.0.0.0" : LOOPBACK, port, secured);
    }
}
