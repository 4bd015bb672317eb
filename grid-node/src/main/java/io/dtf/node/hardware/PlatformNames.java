package io.dtf.node.hardware;

import java.util.Locale;

/** The names DTF publishes for operating systems and architectures, so requirements can be written once. */
public final class PlatformNames {
    private PlatformNames() {
    }

    /**
     * Lower-case OS family from the name of OSHI's platform constant ({@code LINUX} -> linux,
     * {@code MACOS} -> macos, {@code WINDOWS} -> windows); for {@code UNKNOWN}, the first word of
     * {@code os.name}.
     */
    public static String osFamily(String platformName, String osName) {
        String p = platformName == null ? "" : platformName.strip().toLowerCase(Locale.ROOT);
        if (!p.isEmpty() && !p.equals("unknown")) {
            return HardwareClass.slug(p);
        }
        String o = osName == null ? "" : osName.strip().toLowerCase(Locale.ROOT);
        return o.isEmpty() ? "" : HardwareClass.slug(o.split("\\s+")[0]);
    }

    /**
     * Normalised architecture: amd64, x86-64, x64 -> {@code x86_64}; arm64 -> {@code aarch64};
     * i386..i686 -> {@code x86}; anything else lower-case as given (ppc64le, s390x, riscv64).
     */
    public static String arch(String osArch) {
        String a = osArch == null ? "" : osArch.strip().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64", "x86-64", "x64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86";
            default -> a;
        };
    }
}
