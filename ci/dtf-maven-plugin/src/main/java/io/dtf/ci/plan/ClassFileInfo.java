package io.dtf.ci.plan;

import java.util.List;
import java.util.Optional;

/**
 * What discovery needs of one class file: its name, supertypes, annotations and methods.
 * Names are binary names ({@code com.example.Outer$Inner}).
 *
 * @param memberClasses the classes declared directly inside this one
 * @param bytes         the class file's size
 */
record ClassFileInfo(String name, String superName, List<String> interfaces, boolean isAbstract,
                     boolean isInterface, boolean isAnnotation, List<Annotation> annotations,
                     List<Method> methods, List<String> memberClasses, long bytes) {

    /**
     * An annotation as written on a class or method.
     *
     * @param type   its binary name
     * @param values the strings of its {@code value}, with those of annotations nested in it
     *               ({@code @Tags({@Tag("a"), @Tag("b")})} gives a and b)
     */
    record Annotation(String type, List<String> values) {
    }

    /**
     * A method.
     *
     * @param name           its name
     * @param parameterTypes its parameter types' names, as JUnit's method selectors write them
     */
    record Method(String name, List<String> parameterTypes, String returnType, boolean isPublic,
                  boolean isStatic, boolean isPrivate, boolean isAbstract, boolean isSynthetic,
                  List<Annotation> annotations) {

        /** How a JUnit method selector names it: {@code parses} or {@code parses(int, java.lang.String)}. */
        String signature() {
            return parameterTypes.isEmpty() ? name : name + "(" + String.join(", ", parameterTypes) + ")";
        }
    }

    Optional<Annotation> annotation(String type) {
        return annotations.stream().filter(a -> a.type().equals(type)).findFirst();
    }
}
