package io.dtf.ci.plan;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads a class file's declarations with ASM, without loading the class: annotations of every
 * retention that is kept in class files (so {@code @RequiresHardware}, retained only there, too).
 */
final class ClassFileReader {
    private static final int MAGIC = 0xCAFEBABE;

    private ClassFileReader() {
    }

    /**
     * @param file where the bytes come from, for errors
     * @throws UnreadableClassFileException naming the file when it is no class file or is cut short
     */
    static ClassFileInfo read(byte[] bytes, String file) {
        if (bytes.length < 10 || readInt(bytes) != MAGIC) {
            throw new UnreadableClassFileException(file, "is not a class file (it does not start with 0xCAFEBABE)", null);
        }
        try {
            Collector collector = new Collector(bytes.length);
            new ClassReader(bytes).accept(collector, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return collector.info();
        } catch (RuntimeException e) {
            throw new UnreadableClassFileException(file, why(e, bytes), e);
        }
    }

    /** ASM reports a cut-short or malformed file as an index or argument error at the byte it stopped. */
    private static String why(RuntimeException e, byte[] bytes) {
        if (e instanceof IllegalArgumentException && e.getMessage() != null
                && e.getMessage().startsWith("Unsupported class file major version")) {
            int major = (bytes[6] & 0xff) << 8 | (bytes[7] & 0xff);
            return "has class file version " + major + ", newer than this plugin reads; use a newer plugin version "
                    + "or compile the tests for an older Java";
        }
        return "is truncated or malformed (" + e + ")";
    }

    private static int readInt(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static String binaryName(String internalName) {
        return internalName == null ? null : internalName.replace('/', '.');
    }

    private static final class Collector extends ClassVisitor {
        private final long size;
        private String name;
        private String superName;
        private List<String> interfaces = List.of();
        private int access;
        private final List<ClassFileInfo.Annotation> annotations = new ArrayList<>();
        private final List<ClassFileInfo.Method> methods = new ArrayList<>();
        private final List<String> memberClasses = new ArrayList<>();

        Collector(long size) {
            super(Opcodes.ASM9);
            this.size = size;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.access = access;
            this.name = binaryName(name);
            this.superName = binaryName(superName);
            this.interfaces = interfaces == null ? List.of() : List.of(interfaces).stream().map(ClassFileReader::binaryName).toList();
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return new ValueCollector(descriptor, annotations);
        }

        @Override
        public void visitInnerClass(String inner, String outer, String innerName, int innerAccess) {
            if (outer != null && binaryName(outer).equals(name)) {
                memberClasses.add(binaryName(inner));
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String methodName, String descriptor, String signature,
                                         String[] exceptions) {
            List<ClassFileInfo.Annotation> methodAnnotations = new ArrayList<>();
            Type type = Type.getMethodType(descriptor);
            List<String> parameters = List.of(type.getArgumentTypes()).stream().map(Type::getClassName).toList();
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotationDescriptor, boolean visible) {
                    return new ValueCollector(annotationDescriptor, methodAnnotations);
                }

                @Override
                public void visitEnd() {
                    methods.add(new ClassFileInfo.Method(methodName, parameters, type.getReturnType().getClassName(),
                            (access & Opcodes.ACC_PUBLIC) != 0, (access & Opcodes.ACC_STATIC) != 0,
                            (access & Opcodes.ACC_PRIVATE) != 0, (access & Opcodes.ACC_ABSTRACT) != 0,
                            (access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) != 0, List.copyOf(methodAnnotations)));
                }
            };
        }

        ClassFileInfo info() {
            return new ClassFileInfo(name, superName, interfaces, (access & Opcodes.ACC_ABSTRACT) != 0,
                    (access & Opcodes.ACC_INTERFACE) != 0, (access & Opcodes.ACC_ANNOTATION) != 0,
                    List.copyOf(annotations), List.copyOf(methods), List.copyOf(memberClasses), size);
        }
    }

    /** Gathers the strings of an annotation's {@code value}, through arrays and nested annotations. */
    private static final class ValueCollector extends AnnotationVisitor {
        private final String type;
        private final List<ClassFileInfo.Annotation> into;
        private final List<String> values;
        private final boolean top;

        ValueCollector(String descriptor, List<ClassFileInfo.Annotation> into) {
            this(Type.getType(descriptor).getClassName(), into, new ArrayList<>(), true);
        }

        private ValueCollector(String type, List<ClassFileInfo.Annotation> into, List<String> values, boolean top) {
            super(Opcodes.ASM9);
            this.type = type;
            this.into = into;
            this.values = values;
            this.top = top;
        }

        @Override
        public void visit(String attribute, Object value) {
            if ((attribute == null || attribute.equals("value")) && value instanceof String s) {
                values.add(s);
            }
        }

        @Override
        public AnnotationVisitor visitArray(String attribute) {
            return "value".equals(attribute) ? new ValueCollector(type, into, values, false) : null;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String attribute, String descriptor) {
            return attribute == null || attribute.equals("value") ? new ValueCollector(type, into, values, false) : null;
        }

        @Override
        public void visitEnd() {
            if (top) {
                into.add(new ClassFileInfo.Annotation(type, List.copyOf(values)));
            }
        }
    }
}
