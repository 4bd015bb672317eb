package io.dtf.ci.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * A structural reading of a declarative Jenkinsfile, enough to check it without Jenkins: comments
 * and strings are skipped as Groovy skips them, brackets must balance, and every {@code name { ... }}
 * (or {@code name(...) { ... }}) becomes a block holding its statements' tokens and its inner blocks.
 */
final class GroovyBlocks {

    /** A named block; {@code tokens} are its own words and strings (strings keep their quotes off). */
    record Block(String name, List<String> tokens, List<Block> children) {
        Block child(String childName) {
            return children.stream().filter(b -> b.name().equals(childName)).findFirst()
                    .orElseThrow(() -> new AssertionError("no block '" + childName + "' in '" + name + "'"));
        }
    }

    private final String text;
    private int pos;

    private GroovyBlocks(String text) {
        this.text = text;
    }

    /** The file as a root block; throws naming the line when brackets do not balance or a string is open. */
    static Block parse(String text) {
        GroovyBlocks reader = new GroovyBlocks(text);
        Block root = new Block("<file>", new ArrayList<>(), new ArrayList<>());
        reader.block(root, '\0');
        return root;
    }

    private void block(Block into, char closer) {
        String lastWord = null;
        List<Character> open = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (text.startsWith("//", pos)) {
                pos = lineEnd();
            } else if (text.startsWith("/*", pos)) {
                int end = text.indexOf("*/", pos + 2);
                failIf(end < 0, "an unclosed /* comment");
                pos = end + 2;
            } else if (c == '\'' || c == '"') {
                into.tokens().add(string(c));
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = pos;
                while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                    pos++;
                }
                lastWord = text.substring(start, pos);
                into.tokens().add(lastWord);
            } else if (c == '(' || c == '[') {
                open.add(c);
                pos++;
            } else if (c == ')' || c == ']') {
                failIf(open.isEmpty() || open.remove(open.size() - 1) != (c == ')' ? '(' : '['), "an unmatched " + c);
                pos++;
            } else if (c == '{') {
                failIf(!open.isEmpty(), "a block inside brackets");
                pos++;
                Block child = new Block(lastWord == null ? "<closure>" : lastWord, new ArrayList<>(), new ArrayList<>());
                into.children().add(child);
                block(child, '}');
                lastWord = null;
            } else if (c == '}') {
                failIf(closer != '}' || !open.isEmpty(), "an unmatched }");
                pos++;
                return;
            } else {
                pos++;
            }
        }
        failIf(closer != '\0' || !open.isEmpty(), "a block or bracket left open at the end");
    }

    private String string(char quote) {
        String delimiter = text.startsWith(String.valueOf(quote).repeat(3), pos) ? String.valueOf(quote).repeat(3)
                : String.valueOf(quote);
        int start = pos + delimiter.length();
        int i = start;
        while (true) {
            failIf(i >= text.length(), "an unclosed string");
            if (text.charAt(i) == '\\') {
                i += 2;
            } else if (text.startsWith(delimiter, i)) {
                break;
            } else {
                failIf(delimiter.length() == 1 && text.charAt(i) == '\n', "a string broken across lines");
                i++;
            }
        }
        pos = i + delimiter.length();
        return text.substring(start, i);
    }

    private int lineEnd() {
        int end = text.indexOf('\n', pos);
        return end < 0 ? text.length() : end;
    }

    private void failIf(boolean failed, String what) {
        if (failed) {
            int line = (int) text.substring(0, Math.min(pos, text.length())).chars().filter(c -> c == '\n').count() + 1;
            throw new IllegalArgumentException("Jenkinsfile line " + line + ": " + what);
        }
    }
}
