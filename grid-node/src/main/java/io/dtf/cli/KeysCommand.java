package io.dtf.cli;

import io.dtf.security.tls.TlsMaterial;
import io.dtf.security.token.SigningKeys;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dtf keys init|rotate|retire KID|list}: the grid's keys directory. Token keys live in
 * {@code DIR/jwt} (see {@link SigningKeys}); the TLS material in {@code DIR/tls}.
 */
@Command(name = "keys", description = "Make and manage the grid's keys: the key pairs that sign and verify tokens "
        + "(DIR/jwt) and the TLS material (DIR/tls).",
        subcommands = {KeysCommand.Init.class, KeysCommand.Rotate.class, KeysCommand.Retire.class,
                KeysCommand.ListKeys.class})
final class KeysCommand {

    @Command(name = "init", description = {"Make a new keys directory: a token key pair (its private half signs "
            + "tokens and stays on this machine) and the grid's TLS material.",
            "Refuses a directory that already holds keys: `dtf keys rotate` makes a new token key."})
    static final class Init implements Callable<Integer> {
        @Mixin
        KeysDirOptions keys;

        @Option(names = "--host", paramLabel = "NAME", split = ",", description = "Another host name or IP address "
                + "the nodes' certificate names (repeatable; localhost, 127.0.0.1 and this machine's name are always in).")
        List<String> hosts = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> made;
            try {
                made = make(keys, hosts);
            } catch (IllegalArgumentException | IllegalStateException e) {
                System.err.println("dtf: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            made.forEach(System.out::println);
            String dir = keys.dir().toString();
            System.out.println("""
                    next:
                      a token for each node:   dtf token create --role node --subject NODE --ttl 30d --keys %1$s --out NODE.token
                      start secure nodes:      dtf node --config config/ignite-secure.xml --keys %1$s --token-file NODE.token
                      a token for yourself:    dtf token create --role admin --subject NAME --ttl 7d --keys %1$s
                    Copy %1$s to the grid's machines without jwt/*.private.pem and tls/ca.p12: nodes verify tokens,
                    they make none. A client machine needs only tls/ca.pem."""
                    .formatted(dir));
            return ExitCodes.OK;
        }

        /** Makes each kind of key material in turn; each step answers a line saying what it made. */
        private static List<String> make(KeysDirOptions keys, List<String> hosts) {
            ownerOnlyDirectory(keys.dir());
            List<String> made = new ArrayList<>();
            made.add(tokenKeys(keys.jwt()));
            TlsMaterial tls = TlsMaterial.create(keys.tls(), hosts);
            made.add("made TLS material in " + tls.dir() + ": a dev CA (" + TlsMaterial.CA_CERTIFICATE
                    + ") and the nodes' keystore and truststore");
            return made;
        }

        private static String tokenKeys(Path jwt) {
            SigningKeys created = SigningKeys.create(jwt);
            return "made token keys in " + jwt + ": key " + created.currentKid() + " signs new tokens";
        }
    }

    @Command(name = "rotate", description = {"Make a new token key and sign new tokens with it. The old keys keep "
            + "verifying the tokens they signed until they are retired, so nothing stops.",
            "Then: copy the new DIR/jwt/KID.public.pem and DIR/jwt/current to the grid's nodes, re-issue tokens, and "
                    + "retire the old key once its tokens are replaced."})
    static final class Rotate implements Callable<Integer> {
        @Mixin
        KeysDirOptions keys;

        @Override
        public Integer call() {
            String before;
            SigningKeys after;
            try {
                before = SigningKeys.load(keys.jwt()).currentKid();
                after = SigningKeys.rotate(keys.jwt());
            } catch (IllegalArgumentException e) {
                System.err.println("dtf: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            System.out.println("key " + after.currentKid() + " now signs new tokens; " + before
                    + " still verifies the tokens it signed");
            System.out.println("next: copy " + keys.jwt().resolve(after.currentKid() + ".public.pem") + " and "
                    + keys.jwt().resolve("current") + " to every node's keys directory, re-issue tokens with "
                    + "`dtf token create`, then `dtf keys retire " + before + "`");
            return ExitCodes.OK;
        }
    }

    @Command(name = "retire", description = "Remove a token key: tokens it signed are refused from then on by every "
            + "node whose keys directory no longer holds it. The current key cannot be retired; rotate first.")
    static final class Retire implements Callable<Integer> {
        @Parameters(paramLabel = "KID", description = "The key id, as `dtf keys list` shows it.")
        String kid;

        @Mixin
        KeysDirOptions keys;

        @Override
        public Integer call() {
            try {
                SigningKeys.retire(keys.jwt(), kid);
            } catch (IllegalArgumentException e) {
                System.err.println("dtf: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            System.out.println("retired key " + kid + ": remove " + kid + ".public.pem from every node's keys "
                    + "directory too");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "The token keys: their ids, which one signs new tokens, and which have "
            + "their private half here.")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        KeysDirOptions keys;

        @Override
        public Integer call() {
            SigningKeys loaded;
            try {
                loaded = SigningKeys.load(keys.jwt());
            } catch (IllegalArgumentException e) {
                System.err.println("dtf: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            TextTable table = new TextTable("key", "current", "private half here");
            List<String> kids = new ArrayList<>(new TreeSet<>(loaded.verifyingKeys().keySet())); // ids begin with their day
            kids.remove(loaded.currentKid());
            kids.add(0, loaded.currentKid());
            for (String kid : kids) {
                table.row(kid, kid.equals(loaded.currentKid()) ? "yes" : "", loaded.holdsPrivateKey(kid) ? "yes" : "no");
            }
            System.out.print(table);
            return ExitCodes.OK;
        }
    }

    /** Creates {@code dir} readable by its owner only: it will hold private keys. */
    static void ownerOnlyDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory inherits its parent's ACL; docs/SECURITY.md says to keep it private.
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("--keys: " + e.getFile() + " is a file; name a directory");
        } catch (IOException e) {
            throw new IllegalArgumentException("--keys: cannot create " + dir + " (" + e + ")", e);
        }
    }
}
