package dev.llmgateway.kamelet;

import dev.llmgateway.GatewayComponents;
import dev.llmgateway.bedrock.UpstreamCallListener;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.SettingsLoader;
import dev.llmgateway.guard.GuardDecisionListener;
import dev.llmgateway.logging.RequestLog;
import dev.llmgateway.tracing.StepSpans;
import dev.llmgateway.upstream.UpstreamResolver;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The gateway's chain inside an integration team's own Camel application, for the Kamelets. Installed into a Camel
 * context when the first gateway Kamelet's step is made there, while the context initializes, unless the context
 * already has the chain's beans (inside the gateway itself). Settings come as the gateway's do, with the host application's Camel properties under the prefix
 * {@code llmgateway.} on top: the packaged defaults, the YAML file named by {@code llmgateway.config} (or
 * {@code LLMGW_CONFIG}), then single settings as {@code llmgateway.upstream.mode} or {@code LLMGW_UPSTREAM_MODE}
 * (a Camel property before the environment). No other property or file of the host is read. Without the optional
 * local embedding model, the cache and the injection classifier default to off; without Apache PDFBox, reading PDFs;
 * a setting that needs an optional dependency the application lacks stops the start naming it
 * ({@link OptionalModules}). The built-in emulator
 * is used only when {@code upstream.mode} is {@code emulator}: {@code auto} means Bedrock here. With
 * {@code observability.tracing.enabled}, calls and steps are traced on the application's OpenTelemetry (a bean it
 * binds, else the global one: its agent's or its SDK's); the exporter is the application's. Binds the chain's
 * processors under the gateway's bean names, ends each call when its exchange completes ({@link KameletCallEnd}),
 * adds the routes {@code direct:llm-chat}, {@code direct:llm-embed} and
 * their call-records configuration, and closes with the context.
 */
public final class GatewayLibrary extends ServiceSupport {

    /** The prefix of the gateway's settings among the host application's Camel properties. */
    public static final String PROPERTY_PREFIX = "llmgateway.";
    private static final String CONFIG_FILE = SettingsLoader.ENV_PREFIX + "CONFIG";
    /** A bean the chain always binds: present means the gateway (or an earlier install) is already here. */
    private static final String MARKER_BEAN = "pipelineCallCheck";
    /** Other defaults where the application lacks the local embedding model: the cache and classifier off. */
    private static final String WITHOUT_LOCAL_EMBEDDINGS = "dev/llmgateway/without-local-embeddings.yaml";
    /** Other defaults where the application lacks Apache PDFBox: PDFs pass the injection guard unread. */
    private static final String WITHOUT_PDFBOX = "dev/llmgateway/without-pdfbox.yaml";
    private static final List<String> ROUTES = List.of("classpath:dev/llmgateway/routes/call-records.yaml",
            "classpath:dev/llmgateway/routes/llm-chain.yaml", "classpath:dev/llmgateway/routes/llm-embed-chain.yaml",
            "classpath:dev/llmgateway/routes/llm-pipeline.yaml");

    private final GatewayComponents components;

    private GatewayLibrary(GatewayComponents components) {
        this.components = components;
    }

    /** Makes sure the context has the chain's beans and routes; a no-op inside the gateway. */
    public static synchronized void install(CamelContext context) throws Exception {
        if (context.getRegistry().lookupByName(MARKER_BEAN) != null) {
            return;
        }
        GatewaySettings settings = settings(context);
        OptionalModules.check(settings);
        GatewayComponents components = GatewayComponents.open(settings, new UpstreamResolver(true),
                UpstreamCallListener.NONE, null);
        try {
            components.callRecorder().addListener(
                    new RequestLog(settings.observability().requestLog(), settings.guards().pii()));
            components.bindPipeline(context.getRegistry()::bind, GuardDecisionListener.NONE);
            if (settings.observability().tracing().enabled()) {
                context.getCamelContextExtension().addInterceptStrategy(
                        new StepSpans(openTelemetry(context), components.upstream()::host, false));
            }
            endCallsWithTheirExchanges(context);
            context.addService(new GatewayLibrary(components), true, true);
            List<Resource> routes = ROUTES.stream()
                    .map(uri -> PluginHelper.getResourceLoader(context).resolveResource(uri)).toList();
            ModelCamelContext model = (ModelCamelContext) context;
            List<RouteDefinition> before = List.copyOf(model.getRouteDefinitions());
            PluginHelper.getRoutesLoader(context).loadRoutes(routes);
            if (!context.isStarted()) {
                // installed while the context initializes (see KameletStep): routes added now are only made and
                // started with the application's if asked to, as the Kamelet component does for its own
                List<RouteDefinition> added = new ArrayList<>(model.getRouteDefinitions());
                added.removeAll(before);
                model.startRouteDefinitions(added);
            }
        } catch (Exception | Error e) {
            components.close();
            throw e;
        }
    }

    private static void endCallsWithTheirExchanges(CamelContext context) throws Exception {
        KameletCallEnd callEnd = new KameletCallEnd(
                context.getRegistry().lookupByNameAndType("reservationSettler", Processor.class),
                context.getRegistry().lookupByNameAndType("callRecorder", Processor.class), StepSpans::endCall);
        context.getCamelContextExtension().setEventNotificationApplicable(true);
        context.getManagementStrategy().addEventNotifier(callEnd);
        if (context.isStarted()) {
            ServiceHelper.startService(callEnd);
        }
    }

    /** The application's: an OpenTelemetry bean it binds, else the global one (its agent's or SDK's). */
    private static OpenTelemetry openTelemetry(CamelContext context) {
        OpenTelemetry bound = context.getRegistry().findSingleByType(OpenTelemetry.class);
        return bound != null ? bound : GlobalOpenTelemetry.get();
    }

    private static GatewaySettings settings(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Map<String, String> values = new CamelPropertiesOverEnvironment(properties);
        String config = properties.resolveProperty(PROPERTY_PREFIX + "config").orElseGet(() -> values.get(CONFIG_FILE));
        List<String> overlays = new ArrayList<>();
        if (!OptionalModules.present(OptionalModules.LOCAL_EMBEDDINGS)) {
            overlays.add(WITHOUT_LOCAL_EMBEDDINGS);
        }
        if (!OptionalModules.present(OptionalModules.PDFBOX)) {
            overlays.add(WITHOUT_PDFBOX);
        }
        return new SettingsLoader(overlays).load(config == null || config.isBlank() ? null : Path.of(config), values,
                path -> hostSetting(properties, path));
    }

    /** A Camel property can only name a path without ':' (there it starts a default value). */
    private static String hostSetting(PropertiesComponent properties, String path) {
        return path.indexOf(':') >= 0 ? null : properties.resolveProperty(PROPERTY_PREFIX + path).orElse(null);
    }

    /** LLMGW_* names looked up in the application's Camel properties first, then in the environment. */
    private static final class CamelPropertiesOverEnvironment extends AbstractMap<String, String> {

        private final PropertiesComponent properties;

        CamelPropertiesOverEnvironment(PropertiesComponent properties) {
            this.properties = properties;
        }

        @Override
        public String get(Object name) {
            return properties.resolveProperty(name.toString()).orElseGet(() -> System.getenv(name.toString()));
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            throw new UnsupportedOperationException("settings are looked up by name");
        }
    }

    @Override
    protected void doStop() {
        components.close();
    }
}
