package io.dtf.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a client's token comes from: given outright, read from a file, or taken from the environment
 * variable {@link #ENV}, in that order. Error messages name the source, never the token.
 *
 * <pre>{@code
 * String token = ClientTokens.resolve(null, Path.of("ci.token"), System.getenv());
 * try (DtfClient client = DtfClient.connect(ClientOptions.of("grid-1:10800").withToken(token))) { ... }
 * }</pre>
 */
public final class ClientTokens {
    /** The environment variable a token is taken from when none is given otherwise. */
    public static final String ENV = "DTF_TOKEN";
    /** Far above any DTF token; a bigger file is not a token file. */
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private ClientTokens() {
    }

    /**
     * The token to send, or null when there is none (a grid without security needs none).
     *
     * @param given     the token itself (e.g. {@code --token}), or null
     * @param file      a file holding it (e.g. {@code --token-file}), or null
     * @param env       the environment, for {@link #ENV}
     * @throws IllegalArgumentException when both {@code given} and {@code file} are set, or the file cannot be read
     */
    public static String resolve(String given, Path file, Map<String, String> env) {
        if (given != null && file != null) {
            throw new IllegalArgumentException("--token and --token-file: give one of them, not both");
        }
        if (given != null) {
            return nonBlank(given.strip(), "--token");
        }
        if (file != null) {
            return read(file);
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
    }

    /**
     * The token in {@code file}: its content without surrounding white space.
     *
     * @throws IllegalArgumentException when the file is missing, unreadable, too big or empty
     */
    public static String read(Path file) {
        String where = "--token-file " + file;
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(where + " is a directory: give the file that holds the token");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(where + " is " + Files.size(file) + " bytes, far more than a token;"
                        + " give the file `dtf token create` wrote");
            }
            return nonBlank(Files.readString(file, StandardCharsets.UTF_8).strip(), where);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(where + " does not exist: give the file that holds the token", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " cannot be read (" + e.getClass().getSimpleName()
                    + "): check that it exists and that you may read it", e);
        }
    }

    private static String nonBlank(String token, String where) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException(where + " is empty: give the token that `dtf token create` printed");
        }
        return token;
    }
}
