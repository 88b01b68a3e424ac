package dev.llmgateway.kamelet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in kamelets/ follows the apache/camel-kamelets conventions. */
class KameletConventionsTest {

    private static final Path FOLDER = Path.of("kamelets");
    private static final Map<String, String> TITLE_SUFFIX = Map.of("action", "Action", "source", "Source", "sink", "Sink");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|apikey|api-key|credential).*");
    private static final String GATEWAY_JAR = "mvn:dev.llmgateway:camel-llm-gateway:";
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    static Stream<Path> kamelets() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.sorted().toList().stream();
        }
    }

    @Test
    void theRequiredKameletsArePresent() throws IOException {
        assertThat(kamelets().map(file -> file.getFileName().toString())).contains(
                "llm-redact-action.kamelet.yaml", "llm-token-guard-action.kamelet.yaml",
                "llm-injection-guard-action.kamelet.yaml", "llm-rate-limit-action.kamelet.yaml",
                "llm-bedrock-chat-action.kamelet.yaml", "llm-cost-record-action.kamelet.yaml",
                "llm-semantic-cache-lookup-action.kamelet.yaml", "llm-semantic-cache-store-action.kamelet.yaml",
                "llm-chat-action.kamelet.yaml", "llm-embed-action.kamelet.yaml");
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void followsTheCatalogConventions(Path file) throws IOException {
        List<String> problems = problems(file.getFileName().toString(), yaml.readTree(file.toFile()));

        assertThat(problems).as(file.toString()).isEmpty();
    }

    @Test
    void theCheckFindsBrokenConventions() throws IOException {
        JsonNode broken = yaml.readTree("""
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: llm-broken
                  labels: {camel.apache.org/kamelet.type: action}
                spec:
                  definition:
                    title: Broken
                    properties:
                      apiToken: {title: Token, type: string}
                """);

        assertThat(problems("llm-other-action.kamelet.yaml", broken)).contains(
                "file name is not metadata.name + .kamelet.yaml",
                "metadata.name does not end in -action, -source or -sink",
                "annotation camel.apache.org/provider missing",
                "title does not end in Action, Source or Sink",
                "description missing",
                "property apiToken: description missing",
                "property apiToken: secret-looking but not format: password with x-descriptors urn:camel:group:credentials",
                "dependencies do not list the gateway's jar and camel:kamelet",
                "template missing");
    }

    private static List<String> problems(String fileName, JsonNode kamelet) {
        List<String> problems = new ArrayList<>();
        String name = kamelet.path("metadata").path("name").asText();
        if (!fileName.equals(name + ".kamelet.yaml")) {
            problems.add("file name is not metadata.name + .kamelet.yaml");
        }
        if (!"camel.apache.org/v1".equals(kamelet.path("apiVersion").asText()) || !"Kamelet".equals(kamelet.path("kind").asText())) {
            problems.add("not apiVersion camel.apache.org/v1, kind Kamelet");
        }
        String kind = name.substring(name.lastIndexOf('-') + 1);
        if (!TITLE_SUFFIX.containsKey(kind)) {
            problems.add("metadata.name does not end in -action, -source or -sink");
        }
        if (!kind.equals(kamelet.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText())) {
            problems.add("label camel.apache.org/kamelet.type is not " + kind);
        }
        JsonNode annotations = kamelet.path("metadata").path("annotations");
        for (String annotation : List.of("camel.apache.org/provider", "camel.apache.org/kamelet.support.level")) {
            if (annotations.path(annotation).asText().isBlank()) {
                problems.add("annotation " + annotation + " missing");
            }
        }
        JsonNode definition = kamelet.path("spec").path("definition");
        if (!definition.path("title").asText().endsWith(" " + TITLE_SUFFIX.getOrDefault(kind, "?"))) {
            problems.add("title does not end in " + TITLE_SUFFIX.getOrDefault(kind, "Action, Source or Sink"));
        }
        if (definition.path("description").asText().isBlank()) {
            problems.add("description missing");
        }
        definition.path("properties").fields().forEachRemaining(property -> problems.addAll(
                propertyProblems(property.getKey(), property.getValue())));
        List<String> dependencies = new ArrayList<>();
        kamelet.path("spec").path("dependencies").forEach(dependency -> dependencies.add(dependency.asText()));
        if (!dependencies.contains("camel:kamelet") || dependencies.stream().noneMatch(d -> d.startsWith(GATEWAY_JAR))) {
            problems.add("dependencies do not list the gateway's jar and camel:kamelet");
        }
        if (!kamelet.path("spec").path("template").path("from").isObject()) {
            problems.add("template missing");
        }
        return problems;
    }

    private static List<String> propertyProblems(String name, JsonNode property) {
        List<String> problems = new ArrayList<>();
        for (String field : List.of("title", "type", "description")) {
            if (property.path(field).asText().isBlank()) {
                problems.add("property " + name + ": " + field + " missing");
            }
        }
        boolean marked = "password".equals(property.path("format").asText())
                && property.path("x-descriptors").toString().contains("urn:camel:group:credentials");
        if (SECRET.matcher(name.toLowerCase(Locale.ROOT)).matches() && !marked) {
            problems.add("property " + name
                    + ": secret-looking but not format: password with x-descriptors urn:camel:group:credentials");
        }
        return problems;
    }
}
