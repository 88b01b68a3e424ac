package dev.llmgateway.kamelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in routes/ and every Kamelet's template is valid Camel YAML DSL, by the schema camel-yaml-dsl ships. */
class CamelYamlDslSchemaTest {

    private static final CamelYamlDslSchema SCHEMA = new CamelYamlDslSchema();
    private static final Path FIXTURES = Path.of("src/test/resources/yaml-dsl");

    static Stream<Path> routesFiles() throws IOException {
        return yamlFiles(Path.of("routes"));
    }

    static Stream<Path> kamelets() throws IOException {
        return yamlFiles(Path.of("kamelets"));
    }

    private static Stream<Path> yamlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routesFiles")
    void routesFileIsValid(Path file) throws IOException {
        assertThat(SCHEMA.routesFileProblems(file)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void kameletTemplateIsValid(Path file) throws IOException {
        assertThat(SCHEMA.kameletTemplateProblems(file)).isEmpty();
    }

    @Test
    void routeTemplatesAndTheRoutesMadeFromThemAreValid() throws IOException {
        assertThat(SCHEMA.routesFileProblems(FIXTURES.resolve("templated-routes.yaml"))).isEmpty();
    }

    @Test
    void valuesCamelConvertsWhenTheRouteStartsAreValid() throws IOException {
        assertThat(SCHEMA.routesFileProblems(FIXTURES.resolve("converted-scalars.yaml"))).isEmpty();
    }

    @Test
    void aValueCamelCannotConvertIsReported() throws IOException {
        assertReported(SCHEMA.routesFileProblems(FIXTURES.resolve("not-a-number.yaml")),
                "not-a-number.yaml: $[0].route.from.steps[0].threads.poolSize: ", "number expected");
    }

    @Test
    void aMisspelledStepIsReported() throws IOException {
        assertReported(SCHEMA.routesFileProblems(FIXTURES.resolve("misspelled-step.yaml")),
                "misspelled-step.yaml: $[0].route.from.steps[1]: ", "'proces'");
    }

    @Test
    void anUnknownKeyOfARouteIsReported() throws IOException {
        assertReported(SCHEMA.routesFileProblems(FIXTURES.resolve("unknown-route-key.yaml")),
                "unknown-route-key.yaml: $[0].route: ", "'autostartup'");
    }

    @Test
    void anEndpointParameterOutsideParametersIsReported() throws IOException {
        assertReported(SCHEMA.routesFileProblems(FIXTURES.resolve("misplaced-parameter.yaml")),
                "misplaced-parameter.yaml: $[0].route.from: ", "'httpMethodRestrict'");
    }

    @Test
    void aBadKameletTemplateIsReported() throws IOException {
        List<String> problems = SCHEMA.kameletTemplateProblems(FIXTURES.resolve("bad-template.kamelet.yaml"));

        assertReported(problems, "bad-template.kamelet.yaml: $.spec.template.beans[0]: ", "'typ'");
        assertReported(problems, "bad-template.kamelet.yaml: $.spec.template.from.steps[1].to: ", "'paramters'");
    }

    private static void assertReported(List<String> problems, String fileAndPath, String what) {
        assertThat(problems).anySatisfy(problem ->
                assertThat(problem).startsWith(FIXTURES + "/" + fileAndPath).contains(what));
    }
}
