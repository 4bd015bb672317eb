package io.dtf.console.live;

/**
 * One text frame of {@code /ws} as sent: {@code {"seq":N,"events":[...]}} or {@code {"seq":N,"resync":true}}.
 * The text is built once and shared by every page it goes to.
 */
record Frame(long seq, String text, boolean resync) {

    /** A frame of events whose JSON array is {@code eventsJson}. */
    static Frame events(long seq, String eventsJson) {
        return new Frame(seq, "{\"seq\":" + seq + ",\"events\":" + eventsJson + "}", false);
    }

    /** "You missed too much: load again from /api", then carry on after {@code seq}. */
    static Frame resync(long seq) {
        return new Frame(seq, "{\"seq\":" + seq + ",\"resync\":true}", true);
    }

    int chars() {
        return text.length();
    }
}
