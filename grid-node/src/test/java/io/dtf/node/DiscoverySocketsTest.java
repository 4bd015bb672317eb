package io.dtf.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import org.apache.ignite.internal.util.typedef.internal.U;
import org.apache.ignite.spi.IgniteSpiOperationTimeoutHelper;
import org.apache.ignite.spi.discovery.tcp.messages.TcpDiscoveryAbstractMessage;
import org.junit.jupiter.api.Test;

class DiscoverySocketsTest {
    /** Some kernels report double the size set (Linux reserves that much), others the size itself. */
    private static final int MOST = 2 * DiscoverySockets.SEND_BUFFER_BYTES;

    @Test
    void aSocketItOpensHasASmallSendBufferWhereAPlainOneGrowsToMegabytes() throws Exception {
        try (ServerSocket server = loopbackServer(); Socket plain = new Socket()) {
            plain.connect(server.getLocalSocketAddress());
            Opening spi = new Opening();
            try (Socket opened = spi.open(new Socket(), server)) {
                int size = opened.getSendBufferSize();
                System.out.printf("discovery socket's send buffer %d bytes; a plain socket's %d%n",
                        size, plain.getSendBufferSize());
                assertTrue(opened.isConnected(), "Ignite's openSocket ran");
                assertArrayEquals(U.IGNITE_HEADER, spi.header, "and wrote its header");
                assertTrue(size <= MOST, "send buffer " + size + " bytes, at most " + MOST + " expected");
            }
        }
    }

    @Test
    void soDoesATlsSocket() throws Exception {
        try (ServerSocket server = loopbackServer();
             Socket opened = new Opening().open(SSLContext.getDefault().getSocketFactory().createSocket(), server)) {
            assertTrue(opened.getSendBufferSize() <= MOST, "send buffer " + opened.getSendBufferSize() + " bytes");
        }
    }

    private static ServerSocket loopbackServer() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /**
     * Ignite's header write arms a timeout that needs a started node; the header is recorded here
     * instead (for a TLS socket, writing it would start a handshake nobody answers).
     */
    private static final class Opening extends DiscoverySockets {
        byte[] header;

        Opening() {
            setSocketTimeout(5_000); // a fixed timeout, which needs no failure-detection settings of a node
        }

        Socket open(Socket sock, ServerSocket server) throws Exception {
            sock.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return openSocket(sock, (InetSocketAddress) server.getLocalSocketAddress(),
                    new IgniteSpiOperationTimeoutHelper(this, true));
        }

        @Override
        protected void writeToSocket(Socket sock, TcpDiscoveryAbstractMessage msg, byte[] data, long timeout) {
            header = data;
        }
    }
}
