package io.dtf.ci.run;

import java.util.regex.Pattern;

/**
 * One Surefire class pattern, matched against a class file's path under the test classes directory
 * without its suffix ({@code com/example/ParserTest}): Ant-style ({@code **}{@code /*Test.java},
 * {@code com/example/**}) with an optional {@code .java} or {@code .class} suffix, a class name with dots
 * ({@code com.example.ParserTest}), a simple name matching in any package ({@code ParserTest},
 * {@code Parser*}), or {@code %regex[...]} against the path with its {@code .class} suffix, as in Surefire.
 */
record ClassPattern(String text, Pattern regex) {

    static ClassPattern of(String text) {
        String t = text.strip();
        if (t.startsWith("%regex[") && t.endsWith("]")) {
            String inner = t.substring("%regex[".length(), t.length() - 1);
            // Surefire matches a regex against the class file's path; tolerate a pattern naming the source file.
            return new ClassPattern(text, Pattern.compile(inner.replace("\\.java", "\\.class")
                    .replace(".java", ".class")));
        }
        if (t.endsWith(".java") || t.endsWith(".class")) {
            t = t.substring(0, t.lastIndexOf('.'));
        }
        if (!t.contains("/") && !t.contains("\\")) {
            t = t.replace('.', '/');
        }
        t = t.replace('\\', '/');
        if (!t.startsWith("**/") && !t.contains("/")) {
            t = "**/" + t;
        }
        return new ClassPattern(text, Pattern.compile(glob(t) + "(\\.class)?"));
    }

    /** Whether the class file at {@code classPath} (e.g. {@code com/example/ParserTest.class}) matches. */
    boolean matches(String classPath) {
        return regex.matcher(classPath).matches() || regex.matcher(strip(classPath)).matches();
    }

    private static String strip(String classPath) {
        return classPath.endsWith(".class") ? classPath.substring(0, classPath.length() - ".class".length()) : classPath;
    }

    private static String glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                re.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
