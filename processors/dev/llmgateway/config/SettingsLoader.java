package dev.llmgateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.llmgateway.http.NearestName;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Loads the settings: the packaged application.yaml gives every default, an optional file given by the
 * operator is merged over it, then environment variables override single values. A leaf at
 * {@code server.port} is overridden by {@code LLMGW_SERVER_PORT}; {@code models.claude-3-5-sonnet.targets[0].region}
 * by {@code LLMGW_MODELS_CLAUDE_3_5_SONNET_TARGETS_0_REGION}. A variable only overrides a value the YAML (packaged or
 * the operator's) sets: an {@code LLMGW_*} variable that names none stops the start, as an unknown YAML key does,
 * unless it is one of the few the gateway reads for something else ({@link #NOT_SETTINGS}).
 */
public final class SettingsLoader {

    public static final String ENV_PREFIX = "LLMGW_";
    /** The repository's application.yaml, packaged under the gateway's own path (never a host application's). */
    private static final String PACKAGED = "dev/llmgateway/application.yaml";

    /**
     * The {@code LLMGW_*} variables that are not settings, read elsewhere: never refused as unknown settings. Whoever
     * reads a new one adds it here.
     */
    static final Set<String> NOT_SETTINGS = Set.of(
            // the operator's YAML file, read by GatewayMain (and by the Kamelets' GatewayLibrary)
            ENV_PREFIX + "CONFIG",
            // log levels, read by log4j2.xml (src/main/resources, ops/log4j2): ${env:LLMGW_..._LEVEL}
            ENV_PREFIX + "LOG_LEVEL", ENV_PREFIX + "CAMEL_LOG_LEVEL", ENV_PREFIX + "REQUEST_LOG_LEVEL",
            // the admin credential the commands send to a running gateway (RunningGateway)
            ENV_PREFIX + "ADMIN_CREDENTIAL",
            // the test suite's PostgreSQL server (src/test TestPostgres); gateways the tests start inherit them
            ENV_PREFIX + "TEST_PG_HOST", ENV_PREFIX + "TEST_PG_PORT", ENV_PREFIX + "TEST_PG_USER",
            ENV_PREFIX + "TEST_PG_DB_PREFIX");

    private final List<String> packagedOverlays;
    private final ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    public SettingsLoader() {
        this(List.of());
    }

    /**
     * @param packagedOverlays classpath resources merged over the packaged defaults, in order, before the operator's
     *                         file: other defaults for another setting of the chain (GatewayLibrary's)
     */
    public SettingsLoader(List<String> packagedOverlays) {
        this.packagedOverlays = List.copyOf(packagedOverlays);
    }

    /**
     * @param operatorFile a YAML file to merge over the packaged defaults, or null
     * @param environment  environment variables (System.getenv() in production). A map that can only be looked up
     *                     by name (its key set cannot be iterated) is not checked for unknown {@code LLMGW_*} names.
     */
    public GatewaySettings load(Path operatorFile, Map<String, String> environment) {
        return load(operatorFile, environment, path -> null);
    }

    /**
     * @param hostSettings a setting's value by its path as messages give it ({@code upstream.mode},
     *                     {@code models.x.targets[0].region}), taking precedence over {@code environment}: the
     *                     settings a host application gives the Kamelets; null where it gives none
     */
    public GatewaySettings load(Path operatorFile, Map<String, String> environment,
                                UnaryOperator<String> hostSettings) {
        ObjectNode tree = packaged(PACKAGED);
        packagedOverlays.forEach(overlay -> merge(tree, packaged(overlay)));
        if (operatorFile != null) {
            merge(tree, readFile(operatorFile));
        }
        Map<String, String> leaves = new HashMap<>();
        applyEnvironment(tree, "", "", (name, display) -> {
            String hostValue = hostSettings.apply(display);
            return hostValue != null ? hostValue : environment.get(name);
        }, leaves);
        refuseUnknownVariables(tree, leaves, environment);
        GatewaySettings settings = bind(tree);
        List<String> problems = new SettingsValidator().problems(settings);
        if (!problems.isEmpty()) {
            throw SettingsException.of(problems);
        }
        return settings;
    }

    private ObjectNode packaged(String resource) {
        try (InputStream in = SettingsLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new SettingsException("The packaged " + resource + " is missing from the classpath; rebuild the jar.");
            }
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new SettingsException("The packaged " + resource + " cannot be read: " + e.getMessage());
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

    /** A leaf's value from outside the YAML, by its variable name and its path as messages give it; or null. */
    private interface Override {
        String valueOf(String variable, String display);
    }

    /**
     * Overrides each leaf of the tree that a variable (or a host application's setting) names.
     *
     * @param path    the node's dotted path ({@code models.x.targets.0}), from which its variable's name is made
     * @param display the node's path as messages give it ({@code models.x.targets[0]})
     * @param leaves  gets the variable name and display path of every leaf
     */
    private static void applyEnvironment(JsonNode node, String path, String display, Override environment,
                                         Map<String, String> leaves) {
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String childPath = path.isEmpty() ? key : path + "." + key;
                String childDisplay = display.isEmpty() ? key : display + "." + key;
                JsonNode child = object.get(key);
                if (child.isValueNode() || child.isNull()) {
                    String name = envName(childPath);
                    leaves.put(name, childDisplay);
                    String value = environment.valueOf(name, childDisplay);
                    if (value != null) {
                        object.set(key, TextNode.valueOf(value));
                    }
                } else {
                    applyEnvironment(child, childPath, childDisplay, environment, leaves);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String childPath = path + "." + i;
                String childDisplay = display + "[" + i + "]";
                JsonNode child = array.get(i);
                if (child.isValueNode()) {
                    String name = envName(childPath);
                    leaves.put(name, childDisplay);
                    String value = environment.valueOf(name, childDisplay);
                    if (value != null) {
                        array.set(i, TextNode.valueOf(value));
                    }
                } else {
                    applyEnvironment(child, childPath, childDisplay, environment, leaves);
                }
            }
        }
    }

    /**
     * Stops the start when an {@code LLMGW_*} variable names no setting of the tree, as an unknown YAML key does.
     *
     * @param leaves the variable name of every leaf of the tree, with its path
     */
    private void refuseUnknownVariables(ObjectNode tree, Map<String, String> leaves, Map<String, String> environment) {
        Set<String> names;
        try {
            names = new TreeSet<>(environment.keySet());
        } catch (UnsupportedOperationException lookupOnly) {
            return; // values looked up by name only (the Kamelets' Camel properties over the environment)
        }
        names.removeIf(name -> !name.startsWith(ENV_PREFIX) || leaves.containsKey(name) || NOT_SETTINGS.contains(name));
        if (names.isEmpty()) {
            return;
        }
        Schema schema = new Schema();
        schema.walk(yaml.constructType(GatewaySettings.class), tree, "", "");
        Set<String> known = new TreeSet<>(leaves.keySet());
        known.addAll(NOT_SETTINGS);
        throw SettingsException.of(names.stream().map(name -> unknownVariable(name, schema, known)).toList());
    }

    private static String unknownVariable(String name, Schema schema, Set<String> known) {
        String unset = schema.unsetLeaves.get(name);
        if (unset != null) {
            return name + ": " + unset + " is not set in the YAML configuration, and environment variables only "
                    + "override settings the YAML defines; set " + unset + " in the configuration file (--config)";
        }
        NearestName.Match nearest = NearestName.nearest(name, known).orElseThrow();
        String guess = nearest.likely(name) ? "; did you mean " + nearest.name() + "?" : "";
        Container container = schema.containerOf(name);
        if (container != null && !container.holdsAnEntryOf(name)) {
            String what = container.list() ? "element" : "entry";
            String has = container.entries().isEmpty() ? container.path() + " is empty"
                    : container.path() + " has " + String.join(", ", container.entries());
            return name + ": no such setting: it names no " + what + " of " + container.path() + " (" + has
                    + "), and environment variables only override settings the YAML defines; add the " + what
                    + " under " + container.path() + " in the configuration file (--config)" + guess;
        }
        return name + ": no such setting" + (guess.isEmpty()
                ? " (the nearest is " + nearest.name() + "; a setting's variable is LLMGW_ and its path in capitals, "
                        + "server.port: LLMGW_SERVER_PORT)"
                : guess);
    }

    /**
     * A map of named entries (teams, models, feature budgets, ...) or a list in the tree, by its variable prefix.
     *
     * @param entryPrefixes the variable prefix of each entry it has
     * @param entries       the entries' names (list: their indexes)
     */
    private record Container(String path, String prefix, boolean list, List<String> entryPrefixes,
                             List<String> entries) {

        boolean holdsAnEntryOf(String name) {
            return entryPrefixes.stream().anyMatch(p -> name.equals(p) || name.startsWith(p + "_"));
        }
    }

    /**
     * What the settings' types tell about the tree: the settings it could set but does not (an environment variable
     * cannot add them), and its maps of named entries and its lists, which a variable can only reach into where the
     * YAML has the entry.
     */
    private final class Schema {

        /** Variable name to path, of settings the types have and the tree leaves out. */
        final Map<String, String> unsetLeaves = new HashMap<>();
        final List<Container> containers = new ArrayList<>();

        void walk(JavaType type, JsonNode node, String path, String display) {
            if (node != null && node.isValueNode()) {
                return; // a leaf of the tree (null included): its variable is known
            }
            if (type.isMapLikeType() || type.isCollectionLikeType() || type.isArrayType()) {
                container(type, node, path, display);
            } else if (isBean(type)) {
                BeanDescription bean = yaml.getDeserializationConfig().introspect(type);
                for (BeanPropertyDefinition property : bean.findProperties()) {
                    if (!property.couldDeserialize()) {
                        continue; // a getter of a value derived from settings, not one
                    }
                    String name = property.getName();
                    walk(property.getPrimaryType(), node == null ? null : node.get(name),
                            path.isEmpty() ? name : path + "." + name, display.isEmpty() ? name : display + "." + name);
                }
            } else if (node == null) {
                unsetLeaves.put(envName(path), display);
            }
        }

        private void container(JavaType type, JsonNode node, String path, String display) {
            boolean list = !type.isMapLikeType();
            JavaType content = type.getContentType();
            List<String> prefixes = new ArrayList<>();
            List<String> entries = new ArrayList<>();
            if (!list && node instanceof ObjectNode object) {
                List<String> keys = new ArrayList<>();
                object.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    prefixes.add(envName(path + "." + key));
                    entries.add(key);
                    walk(content, object.get(key), path + "." + key, display + "." + key);
                }
            } else if (list && node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    prefixes.add(envName(path + "." + i));
                    entries.add(Integer.toString(i));
                    walk(content, array.get(i), path + "." + i, display + "[" + i + "]");
                }
            }
            containers.add(new Container(display, envName(path), list, prefixes, entries));
        }

        private boolean isBean(JavaType type) {
            Class<?> raw = type.getRawClass();
            return !type.isPrimitive() && !type.isEnumType() && !raw.getName().startsWith("java.");
        }

        /** @return the deepest map or list whose variables {@code name} would be among, or null */
        Container containerOf(String name) {
            return containers.stream().filter(c -> name.startsWith(c.prefix() + "_"))
                    .max(Comparator.comparingInt(c -> c.prefix().length())).orElse(null);
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
