package io.dtf.security.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.dtf.security.token.TokenRedaction;

/** The {@code %tokenSafeEx} of DTF's logback.xml: a logged exception with any token in its messages withheld. */
public final class TokenSafeThrowable extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return TokenRedaction.redact(super.throwableProxyToString(proxy));
    }
}
