package io.dtf.results.ignite;

import java.nio.file.Path;
import java.util.List;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.AtomicConfiguration;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/** Fast test settings for nodes of the replicator tests, on ports reserved for them (28100.., 28200..). */
final class TestNodes {
    private TestNodes() {
    }

    static IgniteConfiguration node(String name) {
        TcpDiscoveryVmIpFinder ipFinder = new TcpDiscoveryVmIpFinder().setAddresses(List.of("127.0.0.1:28100..28119"));
        return new IgniteConfiguration()
                .setIgniteInstanceName(name)
                .setLocalHost("127.0.0.1")
                .setDiscoverySpi(new TcpDiscoverySpi().setIpFinder(ipFinder).setLocalPort(28100).setLocalPortRange(19))
                .setCommunicationSpi(new TcpCommunicationSpi().setLocalPort(28200).setLocalPortRange(19))
                .setFailureDetectionTimeout(3_000)
                .setMetricsLogFrequency(0)
                .setConnectorConfiguration(null)
                .setClientConnectorConfiguration(null)
                .setDataStorageConfiguration(new DataStorageConfiguration().setDefaultDataRegionConfiguration(
                        new DataRegionConfiguration().setName("default").setInitialSize(64L << 20).setMaxSize(64L << 20)))
                .setAtomicConfiguration(new AtomicConfiguration().setBackups(1).setAtomicSequenceReserveSize(50))
                .setFailureHandler(new StopNodeFailureHandler())
                .setWorkDirectory(Path.of("target", "ignite-work", name).toAbsolutePath().toString());
    }

    /** The results cache as the coordinator is expected to create it. */
    static CacheConfiguration<Long, String> resultsCache(String name) {
        return new CacheConfiguration<Long, String>(name)
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(1)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC);
    }
}
