package io.dtf.ci.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dtf.ci.report.ReportPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The CI templates under ci/templates/ parse and name the paths the plugin writes its reports to. */
class CiTemplatesTest {
    private static final Path TEMPLATES = Path.of("").toAbsolutePath().resolveSibling("templates");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String COMMAND = "mvn -B test-compile io.dtf:dtf-maven-plugin:${DTF_VERSION}:test";

    @Test
    void githubWorkflowRunsThePluginAndPublishesItsReports() throws Exception {
        JsonNode workflow = YAML.readTree(TEMPLATES.resolve("github-actions.yml").toFile());

        assertTrue(workflow.has("on") && workflow.has("jobs"), "a workflow has triggers and jobs");
        assertEquals("write", workflow.at("/permissions/checks").asText());
        JsonNode job = workflow.at("/jobs/test");
        assertEquals(dtfVersion(), job.at("/env/DTF_VERSION").asText());
        assertEquals("${{ vars.DTF_GRID }}", job.at("/env/DTF_GRID").asText());
        assertEquals("${{ secrets.DTF_TOKEN }}", job.at("/env/DTF_TOKEN").asText());
        JsonNode run = step(job, "run", COMMAND);
        assertTrue(!run.has("if"), "the tests step runs unconditionally");
        JsonNode upload = step(job, "uses", "actions/upload-artifact@v4");
        assertEquals(ReportPaths.DEFAULT_DIRECTORY + "/", upload.at("/with/path").asText());
        assertEquals("${{ !cancelled() }}", upload.at("/if").asText());
        JsonNode junit = step(job, "uses", "mikepenz/action-junit-report@v5");
        assertEquals(ReportPaths.DEFAULT_JUNIT_GLOB, junit.at("/with/report_paths").asText());
        assertEquals("${{ !cancelled() }}", junit.at("/if").asText());
    }

    @Test
    void gitlabJobHandsTheJunitFilesToGitLab() throws Exception {
        JsonNode job = YAML.readTree(TEMPLATES.resolve("gitlab-ci.yml").toFile()).get("dtf-tests");

        assertEquals("test", job.get("stage").asText());
        assertEquals(dtfVersion(), job.at("/variables/DTF_VERSION").asText());
        assertEquals(List.of(COMMAND), texts(job.get("script")));
        assertEquals(ReportPaths.DEFAULT_JUNIT_GLOB, job.at("/artifacts/reports/junit").asText());
        assertEquals(List.of(ReportPaths.DEFAULT_DIRECTORY + "/"), texts(job.at("/artifacts/paths")));
        assertEquals("always", job.at("/artifacts/when").asText(), "reports are kept when tests fail");
    }

    @Test
    void jenkinsfileRunsThePluginAndRecordsTheJunitFilesAlways() throws Exception {
        GroovyBlocks.Block pipeline = GroovyBlocks.parse(Files.readString(TEMPLATES.resolve("Jenkinsfile")))
                .child("pipeline");

        List<String> stage = pipeline.child("stages").child("stage").child("steps").tokens();
        assertEquals(List.of("sh", COMMAND), stage);
        List<String> environment = pipeline.child("environment").tokens();
        assertEquals(List.of("DTF_VERSION", dtfVersion()), environment);
        List<String> always = pipeline.child("post").child("always").tokens();
        assertEquals(List.of("junit", "testResults", ReportPaths.DEFAULT_JUNIT_GLOB, "allowEmptyResults", "true",
                        "archiveArtifacts", "artifacts", ReportPaths.DEFAULT_DIRECTORY + "/**", "allowEmptyArchive", "true"),
                always);
        assertEquals(List.of("agent", "any"), pipeline.tokens().subList(0, 2));
    }

    @Test
    void jenkinsfileCheckCatchesUnbalancedBlocksAndOpenStrings() {
        assertThrows(IllegalArgumentException.class, () -> GroovyBlocks.parse("pipeline {\n stages {\n}\n"));
        assertThrows(IllegalArgumentException.class, () -> GroovyBlocks.parse("pipeline { }\n}"));
        assertThrows(IllegalArgumentException.class, () -> GroovyBlocks.parse("pipeline { sh 'mvn }"));
        assertEquals(List.of("a", "}"), GroovyBlocks.parse("// {\na '}' /* { */").tokens());
    }

    private static JsonNode step(JsonNode job, String field, String value) {
        for (JsonNode step : job.get("steps")) {
            if (value.equals(step.path(field).asText())) {
                return step;
            }
        }
        throw new AssertionError("no step with " + field + ": " + value);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /** The DTF version the templates must name: this module's, from its pom. */
    private static String dtfVersion() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile()).getDocumentElement();
        Element parent = (Element) project.getElementsByTagName("parent").item(0);
        return parent.getElementsByTagName("version").item(0).getTextContent().trim();
    }
}
