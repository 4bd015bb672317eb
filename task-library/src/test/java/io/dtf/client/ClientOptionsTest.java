package io.dtf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.nio.file.Path;
import java.util.List;
import org.apache.ignite.client.ClientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientOptionsTest {
    @Test
    void aCommaListOfAddressesIsReadWithSpacesAndRanges() {
        assertEquals(List.of("10.0.0.1:10800", "core-2:10800..10809", "[::1]:10800", "core-3"),
                ClientOptions.of(" 10.0.0.1:10800, core-2:10800..10809,[::1]:10800 ,core-3,").addresses());
    }

    @Test
    void aMalformedAddressNamesItselfAndTheForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.of("10.0.0.1:10800;10.0.0.2"));
        assertEquals("grid address '10.0.0.1:10800;10.0.0.2' is not HOST:PORT; write e.g. 127.0.0.1:10800, or several"
                + " as HOST:PORT,HOST:PORT", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.of(" , "));
    }

    @Test
    void connectFailuresNameTheAddressAndWhatToCheck() {
        List<String> grid = List.of("10.0.0.5:10800");
        assertEquals("cannot reach the grid at 10.0.0.5:10800 (connection refused): is a DTF node running there with its"
                + " thin-client port open?", ConnectFailures.explain(grid, new ClientConnectionException(
                "Connection refused [remoteAddress=10.0.0.5/<unresolved>:10800]", new ConnectException())).getMessage());
        assertEquals("unknown host 'no-such-host.invalid' in the grid address no-such-host.invalid:10800",
                assertThrows(GridUnreachableException.class, () -> ConnectFailures.checkHosts(
                        List.of("127.0.0.1:10800", "no-such-host.invalid:10800"))).getMessage());
    }

    @Test
    void keysMeanTlsTrustingTheCaCertificateOfTheKeysDirectory() {
        ClientOptions options = ClientOptions.of("core-1:10800").withToken("t").withKeys(Path.of("dtf-keys"));

        assertEquals(Path.of("dtf-keys/tls/ca.pem"), options.tlsCa());
        assertEquals("t", options.token());
        assertEquals(null, ClientOptions.of("core-1:10800").tlsCa(), "no keys, no TLS");
    }

    @Test
    void aMissingCaCertificateIsNamedBeforeAnyConnection(@TempDir Path empty) {
        GridUnreachableException e = assertThrows(GridUnreachableException.class,
                () -> DtfClient.connect(ClientOptions.of("127.0.0.1:1").withKeys(empty)));

        assertTrue(e.getMessage().startsWith("no CA certificate at " + empty.resolve("tls/ca.pem"))
                && e.getMessage().contains("--keys"), e.getMessage());
    }
}
