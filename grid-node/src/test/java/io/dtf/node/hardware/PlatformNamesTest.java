package io.dtf.node.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlatformNamesTest {
    @Test
    void architecturesAreNormalisedToOneNameEach() {
        assertEquals("x86_64", PlatformNames.arch("amd64"));
        assertEquals("x86_64", PlatformNames.arch("x86_64"));
        assertEquals("aarch64", PlatformNames.arch("arm64"));
        assertEquals("aarch64", PlatformNames.arch("aarch64"));
        assertEquals("x86", PlatformNames.arch("i686"));
        assertEquals("ppc64le", PlatformNames.arch("PPC64LE"));
    }

    @Test
    void osFamilyIsTheLowerCasePlatformOrElseTheFirstWordOfTheOsName() {
        assertEquals("linux", PlatformNames.osFamily("LINUX", "Linux"));
        assertEquals("macos", PlatformNames.osFamily("MACOS", "Mac OS X"));
        assertEquals("windows", PlatformNames.osFamily("WINDOWS", "Windows 11"));
        assertEquals("haiku", PlatformNames.osFamily("UNKNOWN", "Haiku R1"));
    }
}
