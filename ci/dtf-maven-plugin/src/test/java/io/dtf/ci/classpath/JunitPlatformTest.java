package io.dtf.ci.classpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JunitPlatformTest {
    private static final Coordinates ENGINE = new Coordinates("org.junit.platform", "junit-platform-engine", "1.11.4");
    private static final Coordinates JUPITER = new Coordinates("org.junit.jupiter", "junit-jupiter-engine", "5.11.4");
    private static final Coordinates JUNIT4 = new Coordinates("junit", "junit", "4.13.2");

    @Test
    void theLauncherOfTheProjectsOwnPlatformVersionIsAdded() {
        assertEquals(Optional.of("1.11.4"), JunitPlatform.launcherToAdd(List.of(JUPITER, ENGINE)));
    }

    @Test
    void aProjectWithItsOwnLauncherKeepsIt() {
        Coordinates launcher = new Coordinates("org.junit.platform", "junit-platform-launcher", "1.11.4");
        assertEquals(Optional.empty(), JunitPlatform.launcherToAdd(List.of(ENGINE, launcher)));
    }

    @Test
    void aJunit4ProjectWithoutTheVintageEngineIsToldToAddIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JunitPlatform.launcherToAdd(List.of(JUNIT4)));
        assertTrue(e.getMessage().contains("org.junit.vintage:junit-vintage-engine"), e.getMessage());
    }

    @Test
    void aProjectWithNoTestFrameworkIsToldWhatToAdd() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JunitPlatform.launcherToAdd(List.of()));
        assertTrue(e.getMessage().contains("org.junit.jupiter:junit-jupiter"), e.getMessage());
    }

    @Test
    void junit4BesideJupiterWithoutVintageIsNoticed() {
        assertTrue(JunitPlatform.junit4WithoutVintage(List.of(JUNIT4, JUPITER, ENGINE)));
        Coordinates vintage = new Coordinates("org.junit.vintage", "junit-vintage-engine", "5.11.4");
        assertFalse(JunitPlatform.junit4WithoutVintage(List.of(JUNIT4, vintage, ENGINE)));
    }
}
