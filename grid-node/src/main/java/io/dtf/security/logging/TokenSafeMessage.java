package io.dtf.security.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.dtf.security.token.TokenRedaction;

/** The {@code %tokenSafeMsg} of DTF's logback.xml: a log message with any token withheld. */
public final class TokenSafeMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return TokenRedaction.redact(super.convert(event));
    }
}
