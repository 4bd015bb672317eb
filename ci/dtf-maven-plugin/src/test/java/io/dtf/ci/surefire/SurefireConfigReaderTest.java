package io.dtf.ci.surefire;

import io.dtf.ci.plan.TestPatterns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

class SurefireConfigReaderTest {
    private static final Map<String, String> NO_PROPERTIES = Map.of();

    @Test
    void aProjectWithoutConfigurationGetsSurefiresDefaults() {
        SurefireSettings s = SurefireConfigReader.read(null, NO_PROPERTIES::get);
        assertEquals(TestPatterns.DEFAULT_INCLUDES, s.includes());
        assertEquals(List.of("**/*$*"), s.excludes());
        assertNull(s.groups());
        assertEquals(List.of(), s.argLine());
    }

    @Test
    void includesAndExcludesAreReadWithCommaSeparatedPatternsSplit() throws Exception {
        SurefireSettings s = SurefireConfigReader.read(dom("""
                <configuration>
                  <includes><include>**/*Spec.java, **/*Check.java</include><include>%regex[.*IT.*]</include></includes>
                  <excludes><exclude>**/Slow*.java</exclude></excludes>
                </configuration>"""), NO_PROPERTIES::get);
        assertEquals(List.of("**/*Spec.java", "**/*Check.java", "%regex[.*IT.*]"), s.includes());
        assertEquals(List.of("**/Slow*.java"), s.excludes());
    }

    @Test
    void groupsComeFromThePomOverTheProperty() throws Exception {
        Map<String, String> props = Map.of("groups", "fromProperty", "excludedGroups", "slow");
        SurefireSettings s = SurefireConfigReader.read(dom("<configuration><groups>fast, unit</groups></configuration>"),
                props::get);
        assertEquals("fast, unit", s.groups());
        assertEquals("slow", s.excludedGroups());
    }

    @Test
    void systemPropertiesAndEnvironmentAreExpandedAndNewerFormWins() throws Exception {
        Map<String, String> props = Map.of("db.url", "jdbc:h2:mem:x", "project.build.directory", "/p/target");
        SurefireSettings s = SurefireConfigReader.read(dom("""
                <configuration>
                  <systemProperties>
                    <property><name>old</name><value>kept</value></property>
                    <property><name>both</name><value>old</value></property>
                  </systemProperties>
                  <systemPropertyVariables>
                    <both>new</both>
                    <url>${db.url}</url>
                    <out>@{project.build.directory}/out</out>
                    <fork>f${surefire.forkNumber}</fork>
                    <unknown>${no.such.property}</unknown>
                    <empty/>
                  </systemPropertyVariables>
                  <environmentVariables><TZ>UTC</TZ><HOME_DIR>${db.url}</HOME_DIR></environmentVariables>
                </configuration>"""), props::get);
        assertEquals(Map.of("old", "kept", "both", "new", "url", "jdbc:h2:mem:x", "out", "/p/target/out", "fork", "f1",
                "unknown", "${no.such.property}", "empty", ""), s.systemProperties());
        assertEquals(Map.of("TZ", "UTC", "HOME_DIR", "jdbc:h2:mem:x"), s.environment());
    }

    @Test
    void argLineExpandsLatePropertiesAndSplitsLikeAShell() throws Exception {
        Map<String, String> props = Map.of("argLine", "-javaagent:/m2/jacoco.jar=destfile=/t/jacoco.exec");
        SurefireSettings s = SurefireConfigReader.read(dom("""
                <configuration><argLine>@{argLine} -Xmx512m "-Dgreeting=hello world" @{undefined}</argLine></configuration>"""),
                props::get);
        assertEquals(List.of("-javaagent:/m2/jacoco.jar=destfile=/t/jacoco.exec", "-Xmx512m", "-Dgreeting=hello world",
                "@{undefined}"), s.argLine());
    }

    @Test
    void argLineComesFromThePropertyWhenThePomSetsNone() {
        Map<String, String> props = Map.of("argLine", "-Xss2m -ea");
        assertEquals(List.of("-Xss2m", "-ea"), SurefireConfigReader.read(null, props::get).argLine());
    }

    @Test
    void theDefaultTestExecutionsConfigurationIsMergedOverThePlugins() throws Exception {
        Plugin surefire = surefire(dom("<configuration><argLine>-Xmx1g</argLine><groups>a</groups></configuration>"));
        PluginExecution execution = new PluginExecution();
        execution.setId("default-test");
        execution.setConfiguration(dom("<configuration><groups>b</groups></configuration>"));
        surefire.addExecution(execution);
        PluginExecution other = new PluginExecution();
        other.setId("fuzz");
        other.setConfiguration(dom("<configuration><groups>c</groups></configuration>"));
        surefire.addExecution(other);
        SurefireSettings s = SurefireConfigReader.read(SurefireConfigReader.configuration(List.of(surefire), List.of()),
                NO_PROPERTIES::get);
        assertEquals("b", s.groups());
        assertEquals(List.of("-Xmx1g"), s.argLine());
    }

    @Test
    void pluginManagementIsReadWhenTheBuildDoesNotNameSurefire() throws Exception {
        Plugin compiler = new Plugin();
        compiler.setArtifactId("maven-compiler-plugin");
        Xpp3Dom config = SurefireConfigReader.configuration(List.of(compiler),
                List.of(surefire(dom("<configuration><excludedGroups>slow</excludedGroups></configuration>"))));
        assertEquals("slow", SurefireConfigReader.read(config, NO_PROPERTIES::get).excludedGroups());
        assertNull(SurefireConfigReader.configuration(List.of(compiler), null));
    }

    private static Plugin surefire(Xpp3Dom configuration) {
        Plugin p = new Plugin();
        p.setGroupId("org.apache.maven.plugins");
        p.setArtifactId("maven-surefire-plugin");
        p.setConfiguration(configuration);
        return p;
    }

    private static Xpp3Dom dom(String xml) throws Exception {
        return Xpp3DomBuilder.build(new StringReader(xml));
    }
}
