package io.dtf.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.resources.LoggerResource;
import org.apache.ignite.spi.IgniteSpiOperationTimeoutException;
import org.apache.ignite.spi.IgniteSpiOperationTimeoutHelper;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;

/**
 * Ignite's TCP discovery with a small send buffer on the sockets it opens. A client node (a worker)
 * wraps its discovery socket in a fresh buffered stream for every message it sends (a metrics
 * update every 2 s, each answer to a ping), and Ignite sizes that buffer by the socket's send buffer,
 * which Linux grows to about 2 MB on a loopback or fast link: a 2 MB array per message, a G1
 * humongous object that starts a young collection of its own. Ignite has no setting for it, so this
 * SPI sets the buffer on each socket before it connects. config/ignite-base.xml names it.
 */
public class DiscoverySockets extends TcpDiscoverySpi {
    /**
     * Room for a usual discovery message in one write (a larger one takes a few more); Linux reserves
     * double. Ignite's communication SPI gives its own sockets 32 KiB by default.
     */
    public static final int SEND_BUFFER_BYTES = 64 * 1024;

    @Override
    protected Socket openSocket(Socket sock, InetSocketAddress remAddr, IgniteSpiOperationTimeoutHelper timeoutHelper)
            throws IOException, IgniteSpiOperationTimeoutException {
        sock.setSendBufferSize(SEND_BUFFER_BYTES); // before connecting: set, the kernel no longer grows it
        return super.openSocket(sock, remAddr, timeoutHelper);
    }

    /**
     * Discovery logs under Ignite's name, as it did before this subclass, so that log settings for
     * Ignite's packages still cover it. Ignite injects annotated methods after fields.
     */
    @LoggerResource(categoryClass = TcpDiscoverySpi.class)
    private void logAsIgnite(IgniteLogger logger) {
        log = logger;
    }
}
