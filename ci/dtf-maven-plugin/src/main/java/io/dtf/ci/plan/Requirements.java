package io.dtf.ci.plan;

import io.dtf.requirements.Requirement;
import io.dtf.requirements.RequirementSyntaxException;
import java.util.List;

/** Checks requirement expressions with the grid's own parser, before anything is submitted. */
final class Requirements {
    private Requirements() {
    }

    /**
     * @param where what wrote them, for the error, e.g. {@code com.example.GpuTest: @RequiresHardware on the class}
     * @throws InvalidRequirementException naming {@code where}, the expression and what is wrong with it
     */
    static List<String> checked(List<String> expressions, String where) {
        for (String expression : expressions) {
            try {
                Requirement.parse(expression);
            } catch (RequirementSyntaxException e) {
                throw new InvalidRequirementException(where + ": " + e.getMessage(), e);
            }
        }
        return expressions;
    }
}
