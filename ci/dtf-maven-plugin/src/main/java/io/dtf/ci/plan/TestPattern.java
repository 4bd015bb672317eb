package io.dtf.ci.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One include or exclude in Surefire's syntax, matched against a class file's path relative to the
 * test classes ({@code com/example/ParserTest.class}) and a method name:
 * <pre>
 *   **&#47;*Test.java         a path pattern ({@code .java} is read as {@code .class})
 *   ParserTest, Parser*      a class simple name pattern (any package)
 *   com.example.ParserTest   a class by its full name
 *   ParserTest#parses*       only those methods ({@code +} joins method patterns: {@code #a+b})
 *   #slow*                   those methods of every class
 *   %regex[.*Parser.*]       a regular expression on the path; {@code %regex[CLASS#METHOD]} too
 * </pre>
 *
 * @param classPattern  the class file path pattern, null when it names only methods
 * @param methodPattern the method name pattern, null when it names whole classes
 */
record TestPattern(Pattern classPattern, Pattern methodPattern) {
    private static final String REGEX_START = "%regex[";

    /** The patterns one comma-separated item stands for (several when it joins methods with {@code +}). */
    static List<TestPattern> parse(String item) {
        String text = item.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty test pattern; write e.g. ParserTest or ParserTest#parses");
        }
        if (text.startsWith(REGEX_START) && text.endsWith("]")) {
            return List.of(regex(text, text.substring(REGEX_START.length(), text.length() - 1)));
        }
        int hash = text.indexOf('#');
        if (hash != text.lastIndexOf('#')) {
            throw new IllegalArgumentException("test pattern '" + text + "' has more than one '#'; write CLASS#METHOD");
        }
        Pattern classPattern = hash == 0 ? null : classPath(hash < 0 ? text : text.substring(0, hash));
        if (hash < 0 || hash == text.length() - 1) {
            return List.of(new TestPattern(classPattern, null));
        }
        List<TestPattern> patterns = new ArrayList<>();
        for (String method : text.substring(hash + 1).split("\\+")) {
            if (!method.isBlank()) {
                patterns.add(new TestPattern(classPattern, AntPattern.compileName(method.strip())));
            }
        }
        return patterns;
    }

    boolean matchesClass(String classFile) {
        return classPattern == null || classPattern.matcher(classFile).matches();
    }

    boolean matchesMethod(String method) {
        return methodPattern == null || methodPattern.matcher(method).matches();
    }

    private static TestPattern regex(String text, String body) {
        int hash = body.indexOf('#');
        if (hash != body.lastIndexOf('#')) {
            throw new IllegalArgumentException("test pattern '" + text + "' has more than one '#'; write %regex[CLASS#METHOD]");
        }
        try {
            String classRegex = hash < 0 ? body : body.substring(0, hash);
            String methodRegex = hash < 0 ? "" : body.substring(hash + 1);
            return new TestPattern(classRegex.isBlank() ? null : Pattern.compile(classRegex.strip()),
                    methodRegex.isBlank() ? null : Pattern.compile(methodRegex.strip()));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("test pattern '" + text + "' is not a valid regular expression: "
                    + e.getDescription(), e);
        }
    }

    /** A class pattern as Surefire reads it: a name becomes a path, and any directory may precede it. */
    private static Pattern classPath(String written) {
        String path = written.strip();
        if (path.endsWith(".java")) {
            path = path.substring(0, path.length() - ".java".length()) + ".class";
        }
        if (path.endsWith(".class") && !path.contains("/")) {
            path = path.substring(0, path.length() - ".class".length()).replace('.', '/') + ".class";
        } else if (!path.contains("/")) {
            path = path.replace('.', '/');
        }
        if (!path.startsWith("**/")) {
            path = "**/" + path;
        }
        // "ParserTest" names the class file ParserTest.class; "**/*Test.class" is already a file pattern.
        String files = path.endsWith(".class") ? path : path + ".class";
        return Pattern.compile(AntPattern.compile(files).pattern() + "|" + AntPattern.compile(path).pattern());
    }
}
