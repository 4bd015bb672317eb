package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.cli.Launcher.Outcome;
import io.dtf.security.Principal;
import io.dtf.security.Role;
import io.dtf.security.token.RevocationList;
import io.dtf.security.tls.TlsMaterial;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenRejectedException;
import io.dtf.security.token.TokenRejectedException.Reason;
import io.dtf.security.token.TokenVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dtf keys} and {@code dtf token create} run in this JVM: what they make, print, and refuse. */
class KeysAndTokenCommandsTest {
    private static final Pattern TOKEN_ID = Pattern.compile("token ([0-9a-f-]{36}): ");

    @TempDir
    Path dir;

    private Path keys() {
        return dir.resolve("keys");
    }

    private Outcome init() {
        Outcome init = InProcessCli.dtf("keys", "init", "--keys", keys().toString());
        assertEquals(0, init.exitCode(), init.err());
        return init;
    }

    private Outcome create(String... more) {
        String[] args = new String[more.length + 4];
        args[0] = "token";
        args[1] = "create";
        args[2] = "--keys";
        args[3] = keys().toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return InProcessCli.dtf(args);
    }

    private Principal verify(String token) {
        return TokenVerifier.of(SigningKeys.load(keys().resolve("jwt")), RevocationList.NONE, Clock.systemUTC())
                .verify(token);
    }

    @Test
    void keysInitMakesAPrivateKeysDirectoryAndSaysWhatToDoNext() throws Exception {
        Outcome init = init();

        assertTrue(Files.isRegularFile(keys().resolve("jwt/current")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys())));
        assertTrue(init.out().contains("made token keys in " + keys().resolve("jwt")), init.out());
        assertTrue(init.out().contains("made TLS material in " + keys().resolve("tls")), init.out());
        assertEquals(keys().resolve("tls"), TlsMaterial.load(keys().resolve("tls")).dir(), "a node can load what init made");
        assertTrue(init.out().contains("dtf token create --role node --subject NODE --ttl 30d --keys " + keys()),
                init.out());
        assertTrue(init.out().contains("dtf node --config config/ignite-secure.xml --keys " + keys()), init.out());

        Outcome again = InProcessCli.dtf("keys", "init", "--keys", keys().toString());
        assertEquals(ExitCodes.USAGE, again.exitCode());
        assertTrue(again.err().contains("already holds token keys; use 'dtf keys rotate'"), again.err());
    }

    @Test
    void tokenCreatePrintsTheTokenAloneOnStdoutAndItsIdAndExpiryOnStderr() {
        init();
        Instant before = Instant.now();
        Outcome created = create("--role", "submitter", "--subject", "ci-main", "--ttl", "30d");

        assertEquals(0, created.exitCode(), created.err());
        String token = created.out().strip();
        assertEquals(created.out(), token + System.lineSeparator(), "stdout holds the token and nothing else");
        Principal p = verify(token);
        assertEquals(Role.SUBMITTER, p.role());
        assertEquals("ci-main", p.subject());
        assertFalse(p.expiresAt().isBefore(before.plus(Duration.ofDays(30)).minusSeconds(1)), p.toString());
        assertTrue(created.err().contains("token " + p.tokenId() + ": submitter ci-main, expires " + p.expiresAt()),
                created.err());
        assertFalse(created.err().contains(token), "the token is on stdout only");
    }

    @Test
    void aNodeTokenCarriesItsTagsAndAttributesAndGoesToAnOwnerOnlyFile() throws Exception {
        init();
        Path out = dir.resolve("tokens/gpu-box-1.token");
        Outcome created = create("--role", "node", "--subject", "gpu-box-1", "--ttl", "7d", "--tags", "gpu,cuda",
                "--attrs", "dtf.gpu.count", "--out", out.toString());

        assertEquals(0, created.exitCode(), created.err());
        assertEquals("", created.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Principal p = verify(Files.readString(out).strip());
        assertEquals(List.of("gpu", "cuda"), p.tags());
        assertEquals(List.of("dtf.gpu.count"), p.attrs());
        assertTrue(created.err().contains("written to " + out + " (readable by you only)"), created.err());
        assertEquals(List.of("gpu-box-1.token"), Files.list(out.getParent()).map(f -> f.getFileName().toString())
                .toList(), "no partial file left beside it");

        Outcome replaced = create("--role", "node", "--subject", "gpu-box-1", "--ttl", "7d", "--out", out.toString());
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertEquals(tokenId(replaced), verify(Files.readString(out).strip()).tokenId());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    @Test
    void rotationKeepsOldTokensValidUntilTheOldKeyIsRetired() {
        init();
        String old = create("--role", "viewer", "--subject", "dashboard", "--ttl", "1h").out().strip();
        String firstKey = SigningKeys.load(keys().resolve("jwt")).currentKid();

        Outcome rotated = InProcessCli.dtf("keys", "rotate", "--keys", keys().toString());
        assertEquals(0, rotated.exitCode(), rotated.err());
        String secondKey = SigningKeys.load(keys().resolve("jwt")).currentKid();
        assertTrue(rotated.out().contains("key " + secondKey + " now signs new tokens; " + firstKey
                + " still verifies the tokens it signed"), rotated.out());
        assertTrue(rotated.out().contains("`dtf keys retire " + firstKey + "`"), rotated.out());
        String fresh = create("--role", "viewer", "--subject", "dashboard", "--ttl", "1h").out().strip();
        verify(old);
        verify(fresh);

        Outcome list = InProcessCli.dtf("keys", "list", "--keys", keys().toString());
        assertEquals(0, list.exitCode(), list.err());
        assertEquals(List.of("key current private half here", secondKey + " yes yes", firstKey + " yes"),
                list.out().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList(), "the current key first");

        Outcome current = InProcessCli.dtf("keys", "retire", secondKey, "--keys", keys().toString());
        assertEquals(ExitCodes.USAGE, current.exitCode());
        assertTrue(current.err().contains("run 'dtf keys rotate' first"), current.err());

        Outcome retired = InProcessCli.dtf("keys", "retire", firstKey, "--keys", keys().toString());
        assertEquals(0, retired.exitCode(), retired.err());
        TokenRejectedException refused = assertThrows(TokenRejectedException.class, () -> verify(old));
        assertEquals(Reason.UNKNOWN_KEY, refused.reason());
        verify(fresh);

        Outcome unknown = InProcessCli.dtf("keys", "retire", firstKey, "--keys", keys().toString());
        assertEquals(ExitCodes.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("no key " + firstKey), unknown.err());
    }

    @Test
    void keysListSaysWhichKeysHaveTheirPrivateHalfHere() throws Exception {
        init();
        String first = SigningKeys.load(keys().resolve("jwt")).currentKid();
        InProcessCli.dtf("keys", "rotate", "--keys", keys().toString());
        Files.delete(keys().resolve("jwt").resolve(first + ".private.pem")); // as on a node: public halves only

        Outcome list = InProcessCli.dtf("keys", "list", "--keys", keys().toString());

        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.strip().startsWith(first) && l.strip().endsWith("no")), list.out());
    }

    @Test
    void withoutKeysEveryCommandSaysHowToMakeThem() {
        for (String[] args : List.of(new String[] {"keys", "list"}, new String[] {"keys", "rotate"},
                new String[] {"keys", "retire", "k1"},
                new String[] {"token", "create", "--role", "admin", "--subject", "me", "--ttl", "1h"})) {
            String[] withKeys = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--keys", dir.resolve("none").toString())).toArray(String[]::new);
            Outcome o = InProcessCli.dtf(withKeys);
            assertEquals(ExitCodes.USAGE, o.exitCode(), String.join(" ", args) + ": " + o.err());
            assertTrue(o.err().contains("no token keys in " + dir.resolve("none/jwt") + ": make them with 'dtf keys init'"),
                    o.err());
        }
    }

    @Test
    void aBadRoleTtlSubjectTagAttributeOrPathIsRefusedNamingTheOption() throws Exception {
        init();
        assertRefused("--role", "'root' is not one of viewer, submitter, admin, node",
                "--role", "root", "--subject", "me", "--ttl", "1h");
        assertRefused("--ttl", "'10 parsecs' is not a duration",
                "--role", "admin", "--subject", "me", "--ttl", "10 parsecs");
        assertRefused("--ttl", "400d is not between 1s and 366d", "--role", "admin", "--subject", "me", "--ttl", "400d");
        assertRefused("--ttl", "500ms is not between 1s and 366d", "--role", "admin", "--subject", "me", "--ttl", "500ms");
        assertRefused("--ttl", "is not between 1s and 366d", "--role", "admin", "--subject", "me", "--ttl", "PT-1H");
        assertRefused("--ttl", "is not a duration", "--role", "admin", "--subject", "me", "--ttl",
                "999999999999999999999d");
        assertRefused("--subject", "letters, digits and . _ - @ : / + only",
                "--role", "admin", "--subject", "Robert'); DROP TABLE", "--ttl", "1h");
        assertRefused("--subject", "letters, digits", "--role", "admin", "--subject", "evil\u001b[2Jname", "--ttl", "1h");
        assertRefused("--subject", "letters, digits", "--role", "admin", "--subject", "", "--ttl", "1h");
        assertRefused("--subject", "at most 200 characters, not 100000",
                "--role", "admin", "--subject", "a".repeat(100_000), "--ttl", "1h");
        assertRefused("--tags", "for --role node only", "--role", "admin", "--subject", "me", "--ttl", "1h",
                "--tags", "gpu");
        assertRefused("--tags", "a tag is 1 to 64 letters", "--role", "node", "--subject", "n", "--ttl", "1h",
                "--tags", "gpu,rm -rf");
        assertRefused("--attrs", "an attribute key is 1 to 128", "--role", "node", "--subject", "n", "--ttl", "1h",
                "--attrs", "dtf.gpu.count=8");
        assertRefused("--out", "is a directory; name the file to write", "--role", "admin", "--subject", "me",
                "--ttl", "1h", "--out", dir.toString());
        Path aFile = dir.resolve("a-file");
        Files.writeString(aFile, "x");
        assertRefused("--out", "cannot write " + aFile.resolve("token"), "--role", "admin", "--subject", "me",
                "--ttl", "1h", "--out", aFile.resolve("token").toString());
        Outcome keysInAFile = InProcessCli.dtf("keys", "init", "--keys", aFile.toString());
        assertEquals(ExitCodes.USAGE, keysInAFile.exitCode());
        assertTrue(keysInAFile.err().contains("--keys: " + aFile + " is a file; name a directory"), keysInAFile.err());
        Outcome escape = InProcessCli.dtf("keys", "retire", "../../a-file", "--keys", keys().toString());
        assertEquals(ExitCodes.USAGE, escape.exitCode());
        assertTrue(escape.err().contains("no key ../../a-file"), escape.err());
        assertTrue(Files.exists(aFile), "a key id is never a path");
        assertRefused("--role", "Missing required options: '--role=ROLE', '--subject=NAME', '--ttl=DURATION'");
    }

    @Test
    void aTokenTooLongForAGridIsRefusedBeforeItIsMade() {
        init();
        String manyTags = String.join(",", java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> "t" + i + "-" + "x".repeat(50)).toList());

        Outcome o = create("--role", "node", "--subject", "n", "--ttl", "1h", "--tags", manyTags);

        assertEquals(ExitCodes.USAGE, o.exitCode());
        assertTrue(o.err().contains("more than a grid accepts (" + TokenVerifier.MAX_LENGTH + "): give fewer"), o.err());
        assertEquals("", o.out(), "no token is printed");
    }

    @Test
    void revokeRefusesAMalformedIdOrEndBeforeReachingAGridAndNeverRepeatsAToken() {
        init();
        String token = create("--role", "admin", "--subject", "me", "--ttl", "1h").out().strip();
        String nowhere = "127.0.0.1:1"; // nothing listens: a refusal must come before any connection

        Outcome pasted = InProcessCli.dtf("token", "revoke", token, "--grid", nowhere);
        assertEquals(ExitCodes.USAGE, pasted.exitCode());
        assertTrue(pasted.err().contains("TOKEN_ID: that is a token itself, not its id"), pasted.err());
        assertFalse(pasted.out().contains(token) || pasted.err().contains(token), pasted.err());

        for (String bad : List.of("not-an-id", "x".repeat(100_000), "", "0f8e2a6c-3b1d-4e57-9a42-6d1c0b7e5f9\u001b")) {
            Outcome o = InProcessCli.dtf("token", "revoke", bad, "--grid", nowhere);
            assertEquals(ExitCodes.USAGE, o.exitCode(), o.err());
            assertTrue(o.err().startsWith("dtf: TOKEN_ID: "), o.err());
            assertTrue(o.err().length() < 300, "the input is not repeated: " + o.err().length());
        }
        String id = "0f8e2a6c-3b1d-4e57-9a42-6d1c0b7e5f93";
        Outcome badInstant = InProcessCli.dtf("token", "revoke", id, "--until", "tomorrow", "--grid", nowhere);
        assertEquals(ExitCodes.USAGE, badInstant.exitCode());
        assertTrue(badInstant.err().contains("'--until'") && badInstant.err().contains("ISO-8601"), badInstant.err());
        Outcome farAway = InProcessCli.dtf("token", "revoke", id, "--until", "+1000000000-12-31T23:59:59Z", "--grid",
                nowhere);
        assertEquals(ExitCodes.USAGE, farAway.exitCode());
        assertTrue(farAway.err().contains("--until: the revocation would end more than 3650 days"), farAway.err());
        Outcome tooLong = InProcessCli.dtf("token", "revoke", id, "--ttl", "999999999d", "--grid", nowhere);
        assertEquals(ExitCodes.USAGE, tooLong.exitCode());
        assertTrue(tooLong.err().contains("--ttl: the revocation would end more than 3650 days"), tooLong.err());
        Outcome both = InProcessCli.dtf("token", "revoke", id, "--until", "2030-01-01T00:00:00Z", "--ttl", "1d",
                "--grid", nowhere);
        assertEquals(ExitCodes.USAGE, both.exitCode());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    private void assertRefused(String option, String why, String... args) {
        Outcome o = create(args);
        assertEquals(ExitCodes.USAGE, o.exitCode(), o.out() + o.err());
        assertTrue(o.err().contains(option) && o.err().contains(why), option + " / " + why + ": " + o.err());
        assertEquals("", o.out(), "no token is printed");
    }

    private static String tokenId(Outcome created) {
        Matcher m = TOKEN_ID.matcher(created.err());
        assertTrue(m.find(), created.err());
        return m.group(1);
    }
}
