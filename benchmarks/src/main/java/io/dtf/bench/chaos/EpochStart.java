package io.dtf.bench.chaos;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coordinator instance starting, as its node logs it: the node with the newest epoch hosts the
 * coordinator singleton.
 */
record EpochStart(long epoch, Instant at) {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) .*coordinator epoch (\\d+) starting", Pattern.MULTILINE);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    /** The last epoch started in {@code log} (a node's dtf.log, stamped in local time), if any. */
    static Optional<EpochStart> latest(String log) {
        Matcher m = LINE.matcher(log);
        EpochStart last = null;
        while (m.find()) {
            Instant at = LocalDateTime.parse(m.group(1), STAMP).atZone(ZoneId.systemDefault()).toInstant();
            last = new EpochStart(Long.parseLong(m.group(2)), at);
        }
        return Optional.ofNullable(last);
    }
}
