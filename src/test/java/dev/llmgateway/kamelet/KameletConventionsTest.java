package dev.llmgateway.kamelet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Every file in kamelets/ follows the apache/camel-kamelets conventions as that catalogue's validator checks them
 * (script/validator): names, types, titles, descriptions, annotations (icon, catalog version, provider), parameters
 * declared and used, dependencies. One difference: the provider is this project, not the Apache Software Foundation.
 */
class KameletConventionsTest {

    private static final Path FOLDER = Path.of("kamelets");
    private static final Map<String, String> TITLE_SUFFIX = Map.of("action", "Action", "source", "Source", "sink", "Sink");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|apikey|api-key|credential).*");
    private static final String PROVIDER = "camel-llm-gateway";
    private static final String SVG_ICON = "data:image/svg+xml;base64,";
    private static final Pattern PARAMETER = Pattern.compile("\\{\\{\\??([A-Za-z0-9-._]+)(?::[^}]*)?}}");
    private static final Pattern URI_SCHEME = Pattern.compile("^([a-z][a-z0-9-]*):");
    private static final Set<String> TITLE_STOPWORDS = Set.of("a", "an", "and", "as", "at", "by", "for", "from", "in",
            "of", "on", "or", "the", "to", "with");
    private static final Set<String> CORE_SCHEMES = Set.of("kamelet");
    private static final ProjectCoordinates PROJECT = ProjectCoordinates.read(Path.of("processors/pom.xml"));
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
    void noTwoKameletsShareATitleOrADescription() throws IOException {
        Map<String, Long> titles = new HashMap<>();
        Map<String, Long> descriptions = new HashMap<>();
        for (Path file : kamelets().toList()) {
            JsonNode definition = yaml.readTree(file.toFile()).path("spec").path("definition");
            titles.merge(definition.path("title").asText(), 1L, Long::sum);
            descriptions.merge(definition.path("description").asText(), 1L, Long::sum);
        }

        assertThat(titles).allSatisfy((title, count) -> assertThat(count).as(title).isEqualTo(1));
        assertThat(descriptions).allSatisfy((description, count) -> assertThat(count).as(description).isEqualTo(1));
    }

    @Test
    void theCheckFindsBrokenConventions() throws IOException {
        JsonNode broken = yaml.readTree("""
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: llm-broken
                  labels: {camel.apache.org/kamelet.type: action}
                  annotations: {camel.apache.org/kamelet.icon: "data:image/png;base64,AAAA"}
                spec:
                  definition:
                    title: Broken
                    required: [region]
                    properties:
                      apiToken: {title: Token, type: string}
                      name: {title: The name of it, type: string, description: Unused.}
                  dependencies: ["mvn:dev.llmgateway:camel-llm-gateway:0.0.1"]
                  template:
                    from:
                      uri: kamelet:source
                      steps:
                        - to: "direct:{{target}}"
                """);

        assertThat(problems("llm-other-action.kamelet.yaml", broken)).contains(
                "file name is not metadata.name + .kamelet.yaml",
                "metadata.name does not end in -action, -source or -sink",
                "annotation camel.apache.org/provider missing",
                "title does not end in Action, Source or Sink",
                "description missing",
                "property apiToken: description missing",
                "property apiToken: secret-looking but not format: password with x-descriptors urn:camel:group:credentials",
                "annotation camel.apache.org/kamelet.icon is not an SVG data URI",
                "annotation camel.apache.org/catalog.version is not the project's version " + PROJECT.version(),
                "property name: title starts with The, A or An",
                "property name: title word name is not capitalized",
                "property name: title word it is not capitalized",
                "property name: declared but never used in the template",
                "parameter target: used in the template but not declared",
                "required property region is not defined",
                "dependencies do not list the gateway's jar and camel:kamelet",
                "dependency mvn:dev.llmgateway:camel-llm-gateway:0.0.1 is not this project's "
                        + PROJECT.coordinates(),
                "template uses direct: but dependencies do not list camel:direct");
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
        if (!annotations.path("camel.apache.org/provider").isMissingNode()
                && !PROVIDER.equals(annotations.path("camel.apache.org/provider").asText())) {
            problems.add("annotation camel.apache.org/provider is not " + PROVIDER);
        }
        if (!isSvgIcon(annotations.path("camel.apache.org/kamelet.icon").asText())) {
            problems.add("annotation camel.apache.org/kamelet.icon is not an SVG data URI");
        }
        if (!PROJECT.version().equals(annotations.path("camel.apache.org/catalog.version").asText())) {
            problems.add("annotation camel.apache.org/catalog.version is not the project's version " + PROJECT.version());
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
        definition.path("required").forEach(required -> {
            if (definition.path("properties").path(required.asText()).isMissingNode()) {
                problems.add("required property " + required.asText() + " is not defined");
            }
        });
        JsonNode template = kamelet.path("spec").path("template");
        problems.addAll(parameterProblems(definition, template));
        problems.addAll(dependencyProblems(kamelet.path("spec").path("dependencies"), template));
        if (!template.path("from").isObject()) {
            problems.add("template missing");
        }
        return problems;
    }

    /** Every parameter the template uses is declared (a property or a template bean), every property is used. */
    private static List<String> parameterProblems(JsonNode definition, JsonNode template) {
        Set<String> used = new TreeSet<>();
        strings(template).forEach(text -> PARAMETER.matcher(text).results().forEach(match -> used.add(match.group(1))));
        Set<String> declared = new TreeSet<>();
        definition.path("properties").fieldNames().forEachRemaining(declared::add);
        template.path("beans").forEach(bean -> declared.add(bean.path("name").asText()));
        List<String> problems = new ArrayList<>();
        used.stream().filter(name -> !declared.contains(name))
                .forEach(name -> problems.add("parameter " + name + ": used in the template but not declared"));
        definition.path("properties").fieldNames().forEachRemaining(name -> {
            if (!used.contains(name)) {
                problems.add("property " + name + ": declared but never used in the template");
            }
        });
        return problems;
    }

    /** The gateway's jar at this project's coordinates, camel:kamelet, and a camel: entry per component used. */
    private static List<String> dependencyProblems(JsonNode listed, JsonNode template) {
        List<String> dependencies = new ArrayList<>();
        listed.forEach(dependency -> dependencies.add(dependency.asText()));
        List<String> problems = new ArrayList<>();
        List<String> jars = dependencies.stream().filter(d -> d.startsWith("mvn:dev.llmgateway:")).toList();
        if (!dependencies.contains("camel:kamelet") || jars.isEmpty()) {
            problems.add("dependencies do not list the gateway's jar and camel:kamelet");
        }
        jars.stream().filter(jar -> !jar.equals("mvn:" + PROJECT.coordinates())).forEach(jar -> problems.add(
                "dependency " + jar + " is not this project's " + PROJECT.coordinates()));
        Set<String> schemes = new TreeSet<>();
        uris(template).forEach(uri -> URI_SCHEME.matcher(uri).results().forEach(match -> schemes.add(match.group(1))));
        schemes.stream().filter(scheme -> !CORE_SCHEMES.contains(scheme))
                .filter(scheme -> !dependencies.contains("camel:" + scheme))
                .forEach(scheme -> problems.add("template uses " + scheme + ": but dependencies do not list camel:"
                        + scheme));
        return problems;
    }

    private static boolean isSvgIcon(String icon) {
        if (!icon.startsWith(SVG_ICON)) {
            return false;
        }
        try {
            String svg = new String(Base64.getDecoder().decode(icon.substring(SVG_ICON.length())), UTF_8);
            return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(svg))).getDocumentElement().getTagName().equals("svg");
        } catch (IllegalArgumentException | ParserConfigurationException | SAXException | IOException e) {
            return false;
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> found = new ArrayList<>();
        if (node.isTextual()) {
            found.add(node.asText());
        }
        node.forEach(child -> found.addAll(strings(child)));
        return found;
    }

    /** The endpoint URIs of the template: values of {@code uri} keys, and of {@code to} when written as a string. */
    private static List<String> uris(JsonNode node) {
        List<String> found = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            if (("uri".equals(field.getKey()) || "to".equals(field.getKey())) && field.getValue().isTextual()) {
                found.add(field.getValue().asText());
            }
        });
        node.forEach(child -> found.addAll(uris(child)));
        return found;
    }

    private static List<String> propertyProblems(String name, JsonNode property) {
        List<String> problems = new ArrayList<>();
        for (String field : List.of("title", "type", "description")) {
            if (property.path(field).asText().isBlank()) {
                problems.add("property " + name + ": " + field + " missing");
            }
        }
        String title = property.path("title").asText();
        if (title.startsWith("The ") || title.startsWith("A ") || title.startsWith("An ")) {
            problems.add("property " + name + ": title starts with The, A or An");
        }
        for (String word : title.split(" ")) {
            if (!word.isEmpty() && !TITLE_STOPWORDS.contains(word.toLowerCase(Locale.ROOT))
                    && !Character.isUpperCase(word.charAt(0))) {
                problems.add("property " + name + ": title word " + word + " is not capitalized");
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

    /** The library's Maven coordinates, from its pom.xml (group and version as its parent's where it has none). */
    private record ProjectCoordinates(String groupId, String artifactId, String version) {

        static ProjectCoordinates read(Path pom) {
            try {
                Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                        .getDocumentElement();
                Element parent = child(project, "parent");
                return new ProjectCoordinates(ownOrParent(project, parent, "groupId"),
                        text(project, "artifactId"), ownOrParent(project, parent, "version"));
            } catch (ParserConfigurationException | SAXException | IOException e) {
                throw new IllegalStateException("cannot read " + pom, e);
            }
        }

        String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }

        private static String ownOrParent(Element project, Element parent, String name) {
            Element own = child(project, name);
            return own != null ? own.getTextContent().trim() : text(parent, name);
        }

        private static String text(Element element, String name) {
            Element child = element == null ? null : child(element, name);
            if (child == null) {
                throw new IllegalStateException("processors/pom.xml has no project " + name);
            }
            return child.getTextContent().trim();
        }

        private static Element child(Element parent, String name) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals(name)) {
                    return element;
                }
            }
            return null;
        }
    }
}
