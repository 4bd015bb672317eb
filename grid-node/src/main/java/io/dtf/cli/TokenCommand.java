package io.dtf.cli;

import io.dtf.client.DtfClient;
import io.dtf.model.RevokeReply;
import io.dtf.security.Role;
import io.dtf.security.ignite.CacheRevocationList;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIds;
import io.dtf.security.token.TokenIssuer;
import io.dtf.security.token.TokenVerifier;
import io.dtf.suite.DurationText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dtf token create|revoke}: issuing tokens with the grid's keys, and revoking them on a
 * running grid. A token is printed on standard output only (or written to an owner-only file);
 * everything else goes to standard error, so {@code $(dtf token create ...)} holds the token alone.
 */
@Command(name = "token", description = "Issue a token for a person, a CI job or a node, or revoke one on a running grid.",
        subcommands = {TokenCommand.Create.class, TokenCommand.Revoke.class})
final class TokenCommand {
    /** The longest a token may live: keys rotate, and tokens are re-issued, at least yearly. */
    static final Duration MAX_TTL = Duration.ofDays(366);

    @Command(name = "create", description = {"Issue a token signed with the current key of DIR/jwt. The token alone goes "
            + "to standard output (or --out FILE, readable by you only); its id and expiry to standard error.",
            "Roles: viewer reads; submitter also submits and cancels its own runs; admin also cancels any run, "
                    + "releases quarantined workers and revokes tokens; node is for a grid node to join."})
    static final class Create implements Callable<Integer> {
        @Option(names = "--role", required = true, paramLabel = "ROLE", converter = TokenInput.RoleConverter.class,
                description = "viewer, submitter, admin or node.")
        Role role;

        @Option(names = "--subject", required = true, paramLabel = "NAME", converter = TokenInput.SubjectConverter.class,
                description = "Who the token is for: a person, a CI job, a node's name (letters, digits and . _ - @ : / +; "
                        + "at most 200). It is what the audit shows.")
        String subject;

        @Option(names = "--ttl", required = true, paramLabel = "DURATION",
                description = "How long the token is accepted: e.g. 8h, 7d, 30d; at most 366d.")
        Duration ttl;

        @Option(names = "--tags", paramLabel = "LIST", split = ",", converter = TokenInput.TagConverter.class,
                description = "For a node token: the tags its node may offer, e.g. gpu,cuda.")
        List<String> tags = new ArrayList<>();

        @Option(names = "--attrs", paramLabel = "LIST", split = ",", converter = TokenInput.AttributeKeyConverter.class,
                description = "For a node token: the attributes (keys) its node may declare rather than have detected, "
                        + "e.g. dtf.gpu.count.")
        List<String> attrs = new ArrayList<>();

        @Option(names = "--out", paramLabel = "FILE", description = "Write the token to FILE (readable by you only) "
                + "instead of standard output.")
        Path out;

        @Mixin
        KeysDirOptions keys;

        @Override
        public Integer call() {
            if (ttl.isNegative() || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
                return usage("--ttl: " + DurationText.format(ttl) + " is not between 1s and "
                        + DurationText.format(MAX_TTL) + "; rotate keys and re-issue tokens rather than make them last");
            }
            if (out != null && Files.isDirectory(out)) {
                return usage("--out: " + out + " is a directory; name the file to write, e.g. " + out.resolve(
                        "token"));
            }
            if (role != Role.NODE && (!tags.isEmpty() || !attrs.isEmpty())) {
                return usage("--tags and --attrs are for --role node only: they say what a node may offer");
            }
            TokenIssuer.Issued issued;
            try {
                issued = new TokenIssuer(SigningKeys.load(keys.jwt()), Clock.systemUTC())
                        .issue(role, subject, ttl, List.copyOf(tags), List.copyOf(attrs));
            } catch (IllegalArgumentException e) {
                return usage(e.getMessage());
            }
            if (issued.token().length() > TokenVerifier.MAX_LENGTH) {
                return usage("the token would be " + issued.token().length() + " characters, more than a grid accepts ("
                        + TokenVerifier.MAX_LENGTH + "): give fewer or shorter --tags and --attrs");
            }
            if (out == null) {
                System.out.println(issued.token());
            } else {
                try {
                    writeOwnerOnly(out, issued.token());
                } catch (IllegalArgumentException e) {
                    return usage(e.getMessage());
                }
            }
            System.err.println("token " + issued.tokenId() + ": " + role.label() + " " + subject + ", expires "
                    + issued.expiresAt().truncatedTo(ChronoUnit.SECONDS) // as the token says it: in whole seconds
                    + (out == null ? "" : ", written to " + out + " (readable by you only)")
                    + "; `dtf token revoke " + issued.tokenId() + "` withdraws it");
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = {"Revoke a token on a running grid: from then on every node refuses it, "
            + "wherever it is presented. Needs an admin token.",
            "The revocation lasts until --until, for --ttl, or by default 366d (the longest a token lives); it "
                    + "outlives the nodes that were up when it was made."})
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "TOKEN_ID", description = "The token's id, as `dtf token create` printed it (not the "
                + "token itself).")
        String tokenId;

        @ArgGroup(exclusive = true)
        End end;

        @Mixin
        GridOptions grid;

        static final class End {
            @Option(names = "--until", paramLabel = "INSTANT", converter = TokenInput.InstantConverter.class,
                    description = "When the revocation ends (ISO-8601, e.g. 2027-01-31T00:00:00Z): at least the token's expiry.")
            Instant until;

            @Option(names = "--ttl", paramLabel = "DURATION", description = "How long the revocation lasts, e.g. 30d.")
            Duration ttl;
        }

        @Override
        public Integer call() {
            var problem = TokenIds.problem(tokenId);
            if (problem.isPresent()) {
                return usage("TOKEN_ID: " + problem.get());
            }
            Instant now = Instant.now();
            Instant until = end == null ? now.plus(MAX_TTL) : end.until != null ? end.until : now.plus(end.ttl);
            if (until.isAfter(now.plus(CacheRevocationList.MAX_HOLD))) {
                return usage((end.until != null ? "--until" : "--ttl") + ": the revocation would end more than "
                        + CacheRevocationList.MAX_HOLD.toDays() + " days from now; no token lives that long");
            }
            try (DtfClient client = grid.connect()) {
                RevokeReply reply;
                try {
                    reply = client.revokeToken(tokenId, until);
                } catch (IllegalArgumentException e) {
                    return usage(e.getMessage());
                }
                System.out.println("token " + reply.tokenId() + " revoked until " + reply.until()
                        + ": every node of the grid refuses it");
                return ExitCodes.OK;
            }
        }
    }

    private static int usage(String message) {
        System.err.println("dtf: " + message);
        return ExitCodes.USAGE;
    }

    /**
     * Writes {@code token} to {@code file}, readable by its owner only from the first byte on.
     *
     * @throws IllegalArgumentException when the file cannot be written, saying why
     */
    static void writeOwnerOnly(Path file, String token) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path partial;
            try {
                partial = Files.createTempFile(dir, ".token-", ".partial",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                partial = Files.createTempFile(dir, ".token-", ".partial"); // Windows: the directory's ACL applies
            }
            try {
                Files.writeString(partial, token + "\n", StandardCharsets.US_ASCII);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--out: cannot write " + file + " (" + e + ")", e);
        }
    }
}
