package io.dtf.ci.plan;

/** A file named {@code .class} that is no readable class file; the message names the file. */
final class UnreadableClassFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableClassFileException(String file, String why, Throwable cause) {
        super(file + " " + why, cause);
    }
}
