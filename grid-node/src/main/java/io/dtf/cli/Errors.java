package io.dtf.cli;

/** Turns an exception into one line a person can act on. */
final class Errors {
    private Errors() {
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof java.net.ConnectException || message.contains("Connection refused")) {
            return "cannot reach the grid (" + message + "); is a node running there? Start one with `dtf node`.";
        }
        return message;
    }
}
