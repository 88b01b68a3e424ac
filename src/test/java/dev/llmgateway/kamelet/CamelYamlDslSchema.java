package dev.llmgateway.kamelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON schema of the Camel YAML DSL that camel-yaml-dsl ships (schema/camelYamlDsl.json), applied to a routes
 * file or to a Kamelet's spec.template. Each problem reads "file: $.json.path: message".
 */
final class CamelYamlDslSchema {

    private static final String ROUTES = "classpath:schema/camelYamlDsl.json";
    private static final String ROUTE_TEMPLATE =
            ROUTES + "#/items/definitions/org.apache.camel.model.RouteTemplateDefinition";

    // deprecated marks options in the schema; draft 4 does not know the keyword and would warn of it
    private static final Dialect DRAFT_4 = Dialect.builder(Dialects.getDraft4())
            .keyword(new NonValidationKeyword("deprecated"))
            .build();

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(DRAFT_4, builder ->
            builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
    private final Schema routes = registry.getSchema(SchemaLocation.of(ROUTES));
    private final Schema routeTemplate = registry.getSchema(SchemaLocation.of(ROUTE_TEMPLATE));

    List<String> routesFileProblems(Path file) throws IOException {
        return problems(file, "$", validate(routes, yaml.readTree(file.toFile())));
    }

    List<String> kameletTemplateProblems(Path file) throws IOException {
        JsonNode kamelet = yaml.readTree(file.toFile());
        if (!(kamelet.path("spec").path("template") instanceof ObjectNode template)) {
            return List.of(file + ": $.spec.template: missing");
        }
        // Camel's Kamelet loader reads spec.template as a route template and gives it the Kamelet's name as its id
        ObjectNode asLoaded = template.deepCopy().put("id", kamelet.path("metadata").path("name").asText());
        return problems(file, "$.spec.template", validate(routeTemplate, asLoaded));
    }

    private static List<Error> validate(Schema schema, JsonNode document) {
        List<Error> errors = schema.validate(document);
        boolean retyped = false;
        for (Error error : errors) {
            retyped |= CamelScalars.retype(document, error);
        }
        // validated again rather than filtered: a retyped value also settles the oneOf around it and its noise
        return retyped ? schema.validate(document) : errors;
    }

    private static List<String> problems(Path file, String root, List<Error> errors) {
        return errors.stream()
                .map(error -> file + ": " + root + error.getInstanceLocation().toString().substring(1) + ": "
                        + error.getMessage())
                .distinct()
                .toList();
    }
}
