package io.dtf.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a machine must have to run this test class or method, in DTF's requirement syntax (the same
 * as a suite's {@code requires:}). The plugin reads it from the class file without running test code;
 * a method's requirements add to its class's.
 *
 * <pre>{@code
 * @RequiresHardware({"gpu.count >= 1", "tag cuda"})
 * class KernelTest { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresHardware {
    /** Requirement expressions, all of which must hold. */
    String[] value();
}
