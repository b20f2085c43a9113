package dev.yantra.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

import dev.yantra.config.EnvVars;
/**
 * Lets one of logback.xml's two appenders (text or json) through, as LOG_FORMAT says. Both appenders stay
 * referenced, so logback has nothing to warn about (an unreferenced appender made it print its whole status on
 * every start). Logging starts before the configuration tree exists, hence the one direct read of LOG_FORMAT here;
 * YantraEnv refuses a value other than text or json.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
    private String format = "json";
    private boolean selected;

    public void setFormat(String format) {
        this.format = format;
    }

    @Override
    public void start() {
        // an unknown value selects neither format here; YantraEnv refuses it at start-up with the variable named
        String wanted = EnvVars.LOG_FORMAT.raw(EnvVars.process()).orElse(EnvVars.LOG_FORMAT.defaultValue());
        selected = wanted.equals(format);
        super.start();
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return selected ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
