package io.dtf.node.hardware;

import io.dtf.requirements.Quantity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which graphics cards count as GPUs. Virtual machines report a card whose name and vendor
 * are "unknown" with no video memory; servers and hypervisors show plain display adapters (a BMC's
 * ASPEED or Matrox chip, VMware SVGA, virtio). None of them can run GPU work, and counting them
 * would route such work there.
 */
public final class GraphicsCards {
    /** Vendors and names (lower-case fragments) of display-only adapters. */
    private static final List<String> DISPLAY_ONLY = List.of(
            "aspeed", "matrox", "vmware", "virtualbox", "innotek", "red hat", "qemu", "bochs", "virtio",
            "cirrus", "standard display", "basic display", "hyper-v");

    private GraphicsCards() {
    }

    /** The card as a {@link Gpu}, or empty when its vendor or model is unknown or it only drives a display. */
    public static Optional<Gpu> recognise(String name, String vendor, long vramBytes) {
        return whySkipped(name, vendor).isPresent()
                ? Optional.empty()
                : Optional.of(new Gpu(vendorName(vendor), name.strip(), Math.max(0, vramBytes)));
    }

    /** Why a card is not counted, or empty when it is. */
    public static Optional<String> whySkipped(String name, String vendor) {
        if (isUnknown(name) || isUnknown(vendor)) {
            return Optional.of("unknown vendor or model");
        }
        String both = (vendor + " " + name).toLowerCase(Locale.ROOT);
        return DISPLAY_ONLY.stream().anyMatch(both::contains)
                ? Optional.of("display-only adapter")
                : Optional.empty();
    }

    /** One line about a card that was not counted, for {@code dtf hw}. */
    public static String describe(String name, String vendor, long vramBytes) {
        return "name '" + text(name) + "', vendor '" + text(vendor) + "', " + Quantity.bytes(Math.max(0, vramBytes))
                + " VRAM: " + whySkipped(name, vendor).orElse("counted");
    }

    /**
     * A short lower-case vendor name, as requirements write it ({@code gpu.vendor in [nvidia, amd]}):
     * "NVIDIA Corporation" -> nvidia, "Advanced Micro Devices, Inc. [AMD/ATI]" -> amd,
     * "Intel Corporation" -> intel; anything else -> its first word.
     */
    public static String vendorName(String vendor) {
        String v = vendor.strip().toLowerCase(Locale.ROOT);
        if (v.contains("nvidia")) {
            return "nvidia";
        }
        if (v.contains("advanced micro devices") || v.matches(".*\\b(amd|ati)\\b.*")) {
            return "amd";
        }
        if (v.contains("intel")) {
            return "intel";
        }
        if (v.contains("apple")) {
            return "apple";
        }
        return HardwareClass.slug(v.split("[\\s,]+")[0]);
    }

    private static boolean isUnknown(String value) {
        return value == null || value.isBlank() || value.strip().equalsIgnoreCase("unknown");
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
