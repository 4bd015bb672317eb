package io.dtf.node.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GraphicsCardsTest {
    private static final long GIB = 1L << 30;

    @Test
    void unknownCardOfAVirtualMachineIsNotAGpu() {
        assertEquals(Optional.empty(), GraphicsCards.recognise("unknown", "unknown", 0));
        assertEquals(Optional.empty(), GraphicsCards.recognise("", "NVIDIA Corporation", 0));
        assertEquals(Optional.empty(), GraphicsCards.recognise("Tesla T4", null, 0));
        assertEquals("name 'unknown', vendor 'unknown', 0 B VRAM: unknown vendor or model",
                GraphicsCards.describe("unknown", "unknown", 0));
    }

    @Test
    void displayOnlyAdaptersAreNotGpus() {
        assertEquals(Optional.empty(), GraphicsCards.recognise("ASPEED Graphics Family", "ASPEED Technology, Inc.", 0));
        assertEquals(Optional.empty(), GraphicsCards.recognise("SVGA II Adapter", "VMware", 8L << 20));
        assertEquals(Optional.empty(), GraphicsCards.recognise("Microsoft Basic Display Adapter", "(Standard display types)", 0));
        assertTrue(GraphicsCards.describe("SVGA II Adapter", "VMware", 8L << 20).endsWith("8 MiB VRAM: display-only adapter"));
    }

    @Test
    void knownCardIsAGpuWithAShortLowerCaseVendor() {
        assertEquals(Optional.of(new Gpu("nvidia", "NVIDIA A100-SXM4-40GB", 40 * GIB)),
                GraphicsCards.recognise(" NVIDIA A100-SXM4-40GB ", "NVIDIA Corporation", 40 * GIB));
        assertEquals("amd", GraphicsCards.recognise("Navi 31 [Radeon RX 7900 XTX]",
                "Advanced Micro Devices, Inc. [AMD/ATI]", 24 * GIB).orElseThrow().vendor());
        assertEquals("intel", GraphicsCards.vendorName("Intel Corporation"));
        assertEquals("apple", GraphicsCards.vendorName("Apple"));
        assertEquals("moore", GraphicsCards.vendorName("Moore Threads, Inc."));
    }
}
