package io.dtf.ci.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files discovery reads: the test classes directory, whose classes may be tests, and the
 * rest of the test class path (directories and jars), where their supertypes and annotation types
 * may live. Each class is read once, when first asked for, and looked up in class path order with
 * the test classes first, as the test JVM would load it. A file that cannot be read is a problem
 * that names it; the class is then treated as absent.
 */
final class ClassFiles implements AutoCloseable {
    /** No class file comes near this; a bigger entry is not read. */
    private static final long MAX_CLASS_FILE = 16L << 20;

    private final Path tree;
    private final List<Path> classpath;
    private final TreeMap<String, Path> treeFiles = new TreeMap<>();
    private final Map<Path, ZipFile> jars = new HashMap<>();
    private final Map<String, Optional<ClassFileInfo>> read = new HashMap<>();
    private final Set<String> problems = new LinkedHashSet<>();

    ClassFiles(Path tree, List<Path> classpath) {
        this.tree = tree;
        this.classpath = classpath.stream().filter(p -> !p.equals(tree)).toList();
        try (Stream<Path> walk = Files.walk(tree)) {
            walk.filter(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p)).forEach(p -> {
                String relative = tree.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                treeFiles.put(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'), p);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the test classes in " + tree + ": " + e.getMessage(), e);
        }
    }

    /** Binary names of the classes in the test classes directory, sorted. */
    Set<String> treeClasses() {
        return treeFiles.keySet();
    }

    /** The size of the class's file and those of the classes declared inside it (name$...). */
    long bytesWithInnerClasses(String name) {
        return treeFiles.subMap(name, true, name + "$\uffff", true).entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "$"))
                .mapToLong(e -> size(e.getValue())).sum();
    }

    Optional<ClassFileInfo> info(String name) {
        Optional<ClassFileInfo> known = read.get(name);
        if (known == null) {
            known = lookUp(name);
            read.put(name, known);
        }
        return known;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    private Optional<ClassFileInfo> lookUp(String name) {
        if (!isPlainName(name)) {
            return Optional.empty();
        }
        Path inTree = treeFiles.get(name);
        if (inTree != null) {
            return parse(name, inTree.toString(), () -> Files.readAllBytes(inTree));
        }
        String entry = name.replace('.', '/') + ".class";
        for (Path element : classpath) {
            if (Files.isDirectory(element)) {
                Path file = element.resolve(entry);
                if (Files.isRegularFile(file)) {
                    return parse(name, file.toString(), () -> Files.readAllBytes(file));
                }
            } else if (Files.isRegularFile(element)) {
                ZipFile jar = jar(element);
                ZipEntry found = jar == null ? null : jar.getEntry(entry);
                if (found != null) {
                    return parse(name, element + "!/" + entry, () -> bytes(jar, found));
                }
            }
        }
        return Optional.empty();
    }

    private interface Bytes {
        byte[] get() throws IOException;
    }

    private Optional<ClassFileInfo> parse(String name, String where, Bytes bytes) {
        try {
            ClassFileInfo info = ClassFileReader.read(bytes.get(), where);
            if (!info.name().equals(name)) {
                problems.add(where + " declares class " + info.name() + ", not " + name + " as its path says");
                return Optional.empty();
            }
            return Optional.of(info);
        } catch (IOException e) {
            problems.add(where + " cannot be read (" + e.getMessage() + ")");
        } catch (UnreadableClassFileException e) {
            problems.add(e.getMessage());
        }
        return Optional.empty();
    }

    private ZipFile jar(Path element) {
        if (!jars.containsKey(element)) {
            ZipFile jar = null;
            try {
                jar = new ZipFile(element.toFile());
            } catch (IOException e) {
                problems.add("the test class path entry " + element + " is no readable jar (" + e.getMessage() + ")");
            }
            jars.put(element, jar);
        }
        return jars.get(element);
    }

    private static byte[] bytes(ZipFile jar, ZipEntry entry) throws IOException {
        if (entry.getSize() > MAX_CLASS_FILE) {
            throw new IOException("larger than " + (MAX_CLASS_FILE >> 20) + " MiB");
        }
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) MAX_CLASS_FILE + 1);
            if (bytes.length > MAX_CLASS_FILE) {
                throw new IOException("larger than " + (MAX_CLASS_FILE >> 20) + " MiB");
            }
            return bytes;
        }
    }

    /** A binary name that maps to a file inside a class path entry, never outside it. */
    private static boolean isPlainName(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\")) {
            return false;
        }
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        for (ZipFile jar : jars.values()) {
            try {
                if (jar != null) {
                    jar.close();
                }
            } catch (IOException e) {
                // Read only; nothing is lost when closing fails.
            }
        }
    }
}
