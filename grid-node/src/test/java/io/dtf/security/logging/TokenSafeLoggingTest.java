package io.dtf.security.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.dtf.security.Role;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import io.dtf.security.token.TokenRedaction;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The logback.xml DTF ships withholds a token that a message or an exception would carry into the log. */
class TokenSafeLoggingTest {
    @TempDir
    Path dir;

    @Test
    void aTokenInALogMessageOrExceptionIsWithheldFromTheLogFile() throws Exception {
        String token = new TokenIssuer(SigningKeys.create(dir.resolve("jwt")), Clock.systemUTC())
                .issue(Role.ADMIN, "someone", Duration.ofHours(1)).token();
        LoggerContext context = new LoggerContext(); // apart from the tests' own logging
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("dtf.log.dir", dir.resolve("logs").toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL shipped = getClass().getClassLoader().getResource("logback.xml");
        configurator.doConfigure(shipped);

        Logger log = context.getLogger("org.example.library");
        log.info("handshake from user dtf-token with password {}", token);
        log.warn("join refused", new IllegalStateException("bad credentials: " + token));
        log.info("node k20261201-3fa9c1 at 10.0.0.5:47500 started");
        context.stop();

        String written = Files.readString(dir.resolve("logs/dtf.log"));
        assertTrue(written.contains("join refused"), written);
        assertFalse(written.contains(token.substring(token.lastIndexOf('.') + 1)), written);
        assertTrue(written.contains("with password " + TokenRedaction.WITHHELD), written);
        assertTrue(written.contains("IllegalStateException: bad credentials: " + TokenRedaction.WITHHELD), written);
        assertTrue(written.contains("at io.dtf.security.logging.TokenSafeLoggingTest"), "the stack trace is kept: " + written);
        assertTrue(written.contains("node k20261201-3fa9c1 at 10.0.0.5:47500 started"), written);
    }

    @Test
    void onlyJwtShapedTextIsWithheld() {
        assertEquals("a.b.c example.org eyJ.eyJ.x", TokenRedaction.redact("a.b.c example.org eyJ.eyJ.x"));
        assertEquals("[" + TokenRedaction.WITHHELD + "]", TokenRedaction.redact("[eyJhbGci.eyJzdWIi.c2ln-_x]"));
        assertEquals(null, TokenRedaction.redact(null));
    }
}
