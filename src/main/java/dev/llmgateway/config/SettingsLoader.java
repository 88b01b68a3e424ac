package dev.llmgateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads the settings: the packaged application.yaml gives every default, an optional file given by the
 * operator is merged over it, then environment variables override single values. A leaf at
 * {@code server.port} is overridden by {@code LLMGW_SERVER_PORT}; {@code models.claude-3-5-sonnet.targets[0].region}
 * by {@code LLMGW_MODELS_CLAUDE_3_5_SONNET_TARGETS_0_REGION}.
 */
public final class SettingsLoader {

    public static final String ENV_PREFIX = "LLMGW_";
    private static final String PACKAGED = "application.yaml";

    private final ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    /**
     * @param operatorFile a YAML file to merge over the packaged defaults, or null
     * @param environment  environment variables (System.getenv() in production)
     */
    public GatewaySettings load(Path operatorFile, Map<String, String> environment) {
        ObjectNode tree = packagedDefaults();
        if (operatorFile != null) {
            merge(tree, readFile(operatorFile));
        }
        applyEnvironment(tree, "", environment);
        GatewaySettings settings = bind(tree);
        List<String> problems = new SettingsValidator().problems(settings);
        if (!problems.isEmpty()) {
            throw SettingsException.of(problems);
        }
        return settings;
    }

    private ObjectNode packagedDefaults() {
        try (InputStream in = SettingsLoader.class.getClassLoader().getResourceAsStream(PACKAGED)) {
            if (in == null) {
                throw new SettingsException("The packaged " + PACKAGED + " is missing from the classpath; rebuild the jar.");
            }
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new SettingsException("The packaged " + PACKAGED + " cannot be read: " + e.getMessage());
        }
    }

    private JsonNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SettingsException("Configuration file " + file + " does not exist or is not a file.");
        }
        try {
            JsonNode node = yaml.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return yaml.createObjectNode();
            }
            if (!node.isObject()) {
                throw new SettingsException("Configuration file " + file + " must hold a YAML mapping at its top level.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SettingsException("Configuration file " + file + " is not valid YAML: " + e.getOriginalMessage()
                    + locationOf(e));
        } catch (IOException e) {
            throw new SettingsException("Configuration file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Mappings merge key by key; anything else (lists, values) replaces what the defaults had. */
    private static void merge(ObjectNode base, JsonNode overlay) {
        overlay.fields().forEachRemaining(field -> {
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        });
    }

    private static void applyEnvironment(JsonNode node, String path, Map<String, String> environment) {
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String childPath = path.isEmpty() ? key : path + "." + key;
                JsonNode child = object.get(key);
                if (child.isValueNode() || child.isNull()) {
                    String value = environment.get(envName(childPath));
                    if (value != null) {
                        object.set(key, TextNode.valueOf(value));
                    }
                } else {
                    applyEnvironment(child, childPath, environment);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String childPath = path + "." + i;
                JsonNode child = array.get(i);
                if (child.isValueNode()) {
                    String value = environment.get(envName(childPath));
                    if (value != null) {
                        array.set(i, TextNode.valueOf(value));
                    }
                } else {
                    applyEnvironment(child, childPath, environment);
                }
            }
        }
    }

    /** @return the environment variable that overrides the setting at a dotted path */
    public static String envName(String dottedPath) {
        return ENV_PREFIX + dottedPath.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }

    private GatewaySettings bind(ObjectNode tree) {
        try {
            return yaml.treeToValue(tree, GatewaySettings.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw SettingsException.of(List.of(settingPath(e) + ": unknown setting; known settings here: " + known));
        } catch (JsonMappingException e) {
            throw SettingsException.of(List.of(settingPath(e) + ": " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw SettingsException.of(List.of(e.getOriginalMessage()));
        }
    }

    private static String settingPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(top level)" : path.toString();
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
