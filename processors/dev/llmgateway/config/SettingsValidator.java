package dev.llmgateway.config;

import dev.llmgateway.auth.AdminCredentials;
import dev.llmgateway.auth.ApiKeySecrets;
import dev.llmgateway.auth.AuthSettings;
import dev.llmgateway.auth.Names;
import dev.llmgateway.budget.BudgetAlertSettings;
import dev.llmgateway.chat.Capability;
import dev.llmgateway.chat.ModelFamilies;
import dev.llmgateway.embed.EmbeddingsSettings;
import dev.llmgateway.http.NearestName;
import dev.llmgateway.http.RemoteImagesSettings;
import dev.llmgateway.limits.KeyLimits;
import dev.llmgateway.limits.LimitsSettings;
import dev.llmgateway.limits.TeamLimits;
import dev.llmgateway.ledger.LedgerSettings;
import dev.llmgateway.store.StorageSettings;
import dev.llmgateway.tracing.TracingSettings;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks bound settings for values that would fail later; each problem names the setting and what is wrong. */
final class SettingsValidator {

    /** Actors the audit trail names for changes made without a named admin credential. */
    private static final List<String> RESERVED_ACTORS = List.of(AdminCredentials.ADMIN_TOKEN,
            AdminCredentials.CONFIGURATION, AdminCredentials.COMMAND_LINE);

    List<String> problems(GatewaySettings settings) {
        List<String> problems = new ArrayList<>();
        if (settings.server() == null) {
            problems.add("server: missing");
        } else {
            checkPort(problems, "server.port", settings.server().port(), false);
            if (settings.server().maxRequestBytes() < 1024) {
                problems.add("server.maxRequestBytes: must be at least 1024, is " + settings.server().maxRequestBytes());
            }
            checkServerTimeouts(problems, settings);
        }
        if (settings.upstream() == null) {
            problems.add("upstream: missing");
        } else {
            checkUpstream(problems, settings.upstream());
        }
        if (settings.storage() == null) {
            problems.add("storage: missing");
        } else {
            checkStorage(problems, settings.storage());
        }
        checkAuth(problems, settings.auth());
        Integer metricsPort = settings.observability().metrics().port();
        if (metricsPort != null) {
            checkPort(problems, "observability.metrics.port", metricsPort, false);
        }
        checkTracing(problems, settings.observability().tracing());
        checkLimits(problems, settings.limits(), settings.teams());
        checkLedger(problems, settings.ledger());
        checkEmbeddings(problems, settings.embeddings());
        checkAtLeast(problems, "responses.retentionDays", settings.responses().retentionDays(), 1);
        checkRemoteImages(problems, settings.media());
        if (settings.models() == null || settings.models().isEmpty()) {
            problems.add("models: at least one model alias is needed");
        } else {
            settings.models().forEach((alias, model) -> checkModel(problems, alias, model));
            new FallbackValidator(settings.models()).check(problems);
            checkPricing(problems, settings);
            checkTemplates(problems, settings);
            settings.guards().guardrails().models().keySet().stream()
                    .filter(alias -> !settings.models().containsKey(alias))
                    .forEach(alias -> problems.add("guards.guardrails.models." + alias + ": no such model alias"
                            + NearestName.nearest(alias, settings.models().keySet()).filter(m -> m.likely(alias))
                            .map(m -> "; did you mean " + m.name() + "?").orElse("")));
        }
        new BatchSettingsValidator(settings).check(problems);
        return problems;
    }

    private static void checkStorage(List<String> problems, StorageSettings storage) {
        if (storage.mode() == null) {
            problems.add("storage.mode: must be embedded or postgresql");
        }
        if (storage.dataDir() == null || storage.dataDir().isBlank()) {
            problems.add("storage.dataDir: a directory is needed (the embedded database, the ledger spool)");
        }
        if (storage.mode() == StorageSettings.Mode.POSTGRESQL) {
            StorageSettings.Postgresql pg = storage.postgresql();
            if (pg == null || pg.url() == null || !pg.url().startsWith("jdbc:postgresql:")) {
                problems.add("storage.postgresql.url: must be a jdbc:postgresql:// URL when storage.mode is postgresql");
            } else if (pg.maxConnections() < 1) {
                problems.add("storage.postgresql.maxConnections: must be at least 1, is " + pg.maxConnections());
            }
        }
    }

    private static void checkTracing(List<String> problems, TracingSettings tracing) {
        if (!(tracing.samplingRatio() >= 0 && tracing.samplingRatio() <= 1)) {
            problems.add("observability.tracing.samplingRatio: must be from 0 to 1, is " + tracing.samplingRatio());
        }
        if (tracing.serviceName().isBlank()) {
            problems.add("observability.tracing.serviceName: must not be empty");
        }
        URI endpoint;
        try {
            endpoint = new URI(tracing.endpoint());
        } catch (URISyntaxException e) {
            endpoint = null;
        }
        if (endpoint == null || endpoint.getHost() == null
                || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
            problems.add("observability.tracing.endpoint: must be the collector's http(s) address (e.g. "
                    + "http://otel-collector:4318), is " + tracing.endpoint());
        }
    }

    private static void checkLedger(List<String> problems, LedgerSettings ledger) {
        checkAtLeast(problems, "ledger.batchSize", ledger.batchSize(), 1);
        checkAtLeast(problems, "ledger.flushIntervalMs", ledger.flushIntervalMs(), 1);
        checkAtLeast(problems, "ledger.queueCapacity", ledger.queueCapacity(), 1);
        checkAtLeast(problems, "ledger.retryIntervalMs", ledger.retryIntervalMs(), 1);
    }

    private static void checkRemoteImages(List<String> problems, RemoteImagesSettings media) {
        checkAtLeast(problems, "media.fetchTimeoutMs", media.fetchTimeoutMs(), 100);
        for (int i = 0; i < media.remoteImageUrls().size(); i++) {
            String prefix = media.remoteImageUrls().get(i);
            URI uri;
            try {
                uri = prefix == null ? null : new URI(prefix);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || !prefix.endsWith("/") || !prefix.equals(uri.normalize().toString())
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                problems.add("media.remoteImageUrls[" + i + "]: must be an absolute http(s) URL ending in '/' (e.g. "
                        + "https://images.example.com/products/), without user, query or '..', is " + prefix);
            }
        }
    }

    private static void checkAtLeast(List<String> problems, String name, long value, long minimum) {
        if (value < minimum) {
            problems.add(name + ": must be at least " + minimum + ", is " + value);
        }
    }

    private static void checkAuth(List<String> problems, AuthSettings auth) {
        for (int i = 0; i < auth.keys().size(); i++) {
            AuthSettings.SeedKey key = auth.keys().get(i);
            String at = "auth.keys[" + i + "]";
            if (!Names.valid(key.team())) {
                problems.add(at + ".team: must be " + Names.rule());
            }
            if (key.name() == null || key.name().isBlank()) {
                problems.add(at + ".name: say what the key is for");
            }
            if (key.key() == null || key.key().length() < 16) {
                problems.add(at + ".key: must be at least 16 characters (or sha256:<hex> of the key)");
            }
            if (key.feature() != null && !Names.valid(key.feature())) {
                problems.add(at + ".feature: must be " + Names.rule());
            }
        }
        checkAdmins(problems, auth);
    }

    /** Named admin credentials: each name says who in the audit trail, so names and credentials are distinct. */
    private static void checkAdmins(List<String> problems, AuthSettings auth) {
        Set<String> names = new HashSet<>(RESERVED_ACTORS);
        Set<String> hashes = new HashSet<>();
        if (!auth.adminToken().isBlank()) {
            hashes.add(ApiKeySecrets.hashOfConfigured(auth.adminToken()));
        }
        for (int i = 0; i < auth.admins().size(); i++) {
            AuthSettings.Admin admin = auth.admins().get(i);
            String at = "auth.admins[" + i + "]";
            if (!Names.valid(admin.name())) {
                problems.add(at + ".name: must be " + Names.rule());
            } else if (!names.add(admin.name())) {
                problems.add(at + ".name: '" + admin.name() + "' is taken (by another admin, or it is one of "
                        + String.join(", ", RESERVED_ACTORS) + ")");
            }
            if (admin.token() == null || admin.token().length() < 16) {
                problems.add(at + ".token: must be at least 16 characters (or sha256:<hex> of the token)");
            } else if (!hashes.add(ApiKeySecrets.hashOfConfigured(admin.token()))) {
                problems.add(at + ".token: the same as another admin credential; give each admin their own");
            }
        }
    }

    private static void checkLimits(List<String> problems, LimitsSettings limits, Map<String, TeamLimits> teams) {
        checkTeamLimits(problems, "limits.teamDefaults", limits.teamDefaults());
        KeyLimits perKey = limits.perKey();
        checkAtLeastOne(problems, "limits.perKey.requestsPerMinute", perKey.requestsPerMinute());
        checkAtLeastOne(problems, "limits.perKey.tokensPerMinute", perKey.tokensPerMinute());
        checkAtLeastOne(problems, "limits.perKey.concurrentRequests", perKey.concurrentRequests());
        if (!(limits.batchShare() > 0 && limits.batchShare() <= 1)) {
            problems.add("limits.batchShare: must be above 0 and at most 1, is " + limits.batchShare());
        }
        checkBudgetAlerts(problems, limits.budgetAlerts());
        teams.forEach((team, teamLimits) -> {
            String at = "teams." + team;
            if (!Names.valid(team)) {
                problems.add(at + ": a team name must be " + Names.rule());
            }
            if (teamLimits == null) {
                problems.add(at + ": missing its limits");
            } else {
                checkTeamLimits(problems, at, teamLimits);
            }
        });
    }

    private static void checkBudgetAlerts(List<String> problems, BudgetAlertSettings alerts) {
        alerts.thresholdsPercent().stream().filter(p -> p == null || p < 1 || p > 1000).findFirst().ifPresent(p ->
                problems.add("limits.budgetAlerts.thresholdsPercent: each must be from 1 to 1000, one is " + p));
        if (alerts.webhookAttempts() < 1 || alerts.webhookAttempts() > 20) {
            problems.add("limits.budgetAlerts.webhookAttempts: must be from 1 to 20, is " + alerts.webhookAttempts());
        }
        String url = alerts.webhookUrl();
        if (!url.isEmpty() && !(url.startsWith("http://") || url.startsWith("https://"))) {
            problems.add("limits.budgetAlerts.webhookUrl: must be an http:// or https:// URL, or empty");
        } else if (!url.isEmpty()) {
            try {
                URI.create(url);
            } catch (IllegalArgumentException e) {
                problems.add("limits.budgetAlerts.webhookUrl: not a URL: " + e.getMessage());
            }
        }
    }

    private static void checkTeamLimits(List<String> problems, String at, TeamLimits limits) {
        checkAtLeastOne(problems, at + ".requestsPerMinute", limits.requestsPerMinute());
        checkAtLeastOne(problems, at + ".tokensPerMinute", limits.tokensPerMinute());
        checkAtLeastOne(problems, at + ".concurrentRequests", limits.concurrentRequests());
        checkBudget(problems, at + ".monthlyBudgetUsd", limits.monthlyBudgetUsd());
        limits.features().forEach((feature, featureLimits) -> {
            String featureAt = at + ".features." + feature;
            if (!Names.valid(feature)) {
                problems.add(featureAt + ": a feature name must be " + Names.rule());
            }
            if (featureLimits == null) {
                problems.add(featureAt + ": missing its monthlyBudgetUsd");
            } else {
                checkBudget(problems, featureAt + ".monthlyBudgetUsd", featureLimits.monthlyBudgetUsd());
            }
        });
    }

    private static void checkAtLeastOne(List<String> problems, String at, Integer value) {
        if (value != null && value < 1) {
            problems.add(at + ": must be at least 1 (or null for no limit), is " + value);
        }
    }

    private static void checkBudget(List<String> problems, String at, BigDecimal dollars) {
        if (dollars != null && dollars.signum() < 0) {
            problems.add(at + ": cannot be negative, is " + dollars.toPlainString());
        }
    }

    /** Cost is tracked from the first call: every model id a target can call needs a price. */
    private static void checkPricing(List<String> problems, GatewaySettings settings) {
        settings.models().forEach((alias, model) -> {
            if (model.targets() == null) {
                return;
            }
            model.targets().stream().map(GatewaySettings.Target::modelId).distinct()
                    .filter(id -> id != null && !settings.pricing().containsKey(id))
                    .forEach(id -> problems.add("pricing: no price for model id '" + id + "' (used by models." + alias
                            + "); add pricing.\"" + id + "\": {input: ..., output: ...} in dollars per million tokens"));
        });
        settings.pricing().forEach((id, price) -> {
            if (price.input() < 0 || price.output() < 0) {
                problems.add("pricing." + id + ": prices cannot be negative");
            }
        });
    }

    private static void checkTemplates(List<String> problems, GatewaySettings settings) {
        settings.templates().forEach((id, versions) -> {
            if (!Names.valid(id) || id.contains("@")) {
                problems.add("templates." + id + ": a template id must be " + Names.rule());
            }
            if (versions == null || versions.isEmpty()) {
                problems.add("templates." + id + ": give at least one version, e.g. templates." + id + ".1");
                return;
            }
            versions.forEach((version, template) -> {
                String at = "templates." + id + "." + version;
                if (version < 1) {
                    problems.add(at + ": versions are whole numbers from 1");
                }
                if (template == null || template.user() == null || template.user().isBlank()) {
                    problems.add(at + ".user: the user message template is needed");
                    return;
                }
                if (template.model() != null && !settings.models().containsKey(template.model())) {
                    problems.add(at + ".model: '" + template.model() + "' is not a model alias under models:");
                }
                if (template.maxTokens() != null && template.maxTokens() < 1) {
                    problems.add(at + ".maxTokens: must be at least 1");
                }
            });
        });
    }

    private static void checkServerTimeouts(List<String> problems, GatewaySettings settings) {
        GatewaySettings.Server server = settings.server();
        if (server.requestReadTimeoutSeconds() < 1) {
            problems.add("server.requestReadTimeoutSeconds: must be at least 1, is " + server.requestReadTimeoutSeconds());
        }
        if (server.idleTimeoutSeconds() < 1) {
            problems.add("server.idleTimeoutSeconds: must be at least 1, is " + server.idleTimeoutSeconds());
            return;
        }
        // a non-streamed call's connection is silent until the upstream answered or the failover deadline passed
        long longestWaitMs = Math.max(settings.upstream() == null ? 0 : settings.upstream().timeoutMs(),
                settings.failover() == null ? 0 : settings.failover().deadlineMs());
        if (server.idleTimeoutSeconds() * 1000L <= longestWaitMs) {
            problems.add("server.idleTimeoutSeconds: must be longer than upstream.timeoutMs and failover.deadlineMs "
                    + "(a call waiting for its answer would lose its connection), is " + server.idleTimeoutSeconds());
        }
    }

    private static void checkUpstream(List<String> problems, GatewaySettings.Upstream upstream) {
        if (upstream.mode() == null) {
            problems.add("upstream.mode: must be one of auto, bedrock, emulator");
        }
        checkPort(problems, "upstream.emulatorPort", upstream.emulatorPort(), true);
        if (upstream.timeoutMs() < 100) {
            problems.add("upstream.timeoutMs: must be at least 100, is " + upstream.timeoutMs());
        }
        if (upstream.endpoint() != null && !upstream.endpoint().isBlank()) {
            try {
                URI uri = URI.create(upstream.endpoint());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    problems.add("upstream.endpoint: must be an http:// or https:// URL, is '" + upstream.endpoint() + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add("upstream.endpoint: not a URL: " + e.getMessage());
            }
        }
    }

    private static void checkModel(List<String> problems, String alias, GatewaySettings.Model model) {
        String at = "models." + alias;
        if (!alias.matches("[A-Za-z0-9][A-Za-z0-9._:-]*")) {
            problems.add(at + ": an alias may hold letters, digits and . _ : - only");
        }
        if (model == null) {
            problems.add(at + ": missing its settings");
            return;
        }
        if (!ModelFamilies.all().contains(model.family())) {
            problems.add(at + ".family: must be one of " + ModelFamilies.all() + ", is '" + model.family() + "'");
        }
        checkCapabilities(problems, at, model.capabilities());
        if (model.contextWindow() < 1) {
            problems.add(at + ".contextWindow: must be positive, is " + model.contextWindow());
        }
        if (ModelFamilies.EMBEDDING.contains(model.family())) {
            checkEmbeddingModel(problems, at, model);
        } else {
            if (model.maxOutputTokens() < 1 || model.maxOutputTokens() > model.contextWindow()) {
                problems.add(at + ".maxOutputTokens: must be between 1 and contextWindow, is "
                        + model.maxOutputTokens());
            }
            if (model.defaultMaxTokens() < 1 || model.defaultMaxTokens() > model.maxOutputTokens()) {
                problems.add(at + ".defaultMaxTokens: must be between 1 and maxOutputTokens, is "
                        + model.defaultMaxTokens());
            }
        }
        if (model.targets() == null || model.targets().isEmpty()) {
            problems.add(at + ".targets: at least one region with a modelId is needed");
            return;
        }
        for (int i = 0; i < model.targets().size(); i++) {
            GatewaySettings.Target target = model.targets().get(i);
            String targetAt = at + ".targets[" + i + "]";
            if (target == null || target.region() == null || !target.region().matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                problems.add(targetAt + ".region: must be an AWS region such as us-east-1");
            }
            if (target == null || target.modelId() == null || target.modelId().isBlank()) {
                problems.add(targetAt + ".modelId: missing");
            }
        }
        checkWeights(problems, at, model.targets());
    }

    private static void checkEmbeddings(List<String> problems, EmbeddingsSettings embeddings) {
        if (embeddings.concurrency() < 1) {
            problems.add("embeddings.concurrency: must be at least 1, is " + embeddings.concurrency());
        }
        if (embeddings.cacheMegabytes() < 0) {
            problems.add("embeddings.cacheMegabytes: must be 0 (no cache) or more, is " + embeddings.cacheMegabytes());
        }
    }

    /** An embedding model writes no tokens and has no chat capabilities; its contextWindow is its limit per text. */
    private static void checkEmbeddingModel(List<String> problems, String at, GatewaySettings.Model model) {
        if (model.maxOutputTokens() != 0 || model.defaultMaxTokens() != 0) {
            problems.add(at + ": an embedding model writes no tokens; leave maxOutputTokens and defaultMaxTokens out");
        }
        if (!model.capabilities().isEmpty()) {
            problems.add(at + ".capabilities: an embedding model has none; leave them out");
        }
    }

    private static void checkCapabilities(List<String> problems, String at, List<String> capabilities) {
        for (int i = 0; i < capabilities.size(); i++) {
            String name = capabilities.get(i);
            if (name == null || Capability.fromWireName(name).isEmpty()) {
                String guess = name == null ? "" : NearestName.nearest(name, Capability.wireNames())
                        .filter(m -> m.likely(name)).map(m -> "; did you mean " + m.name() + "?").orElse("");
                problems.add(at + ".capabilities[" + i + "]: unknown capability '" + name + "'; known capabilities: "
                        + String.join(", ", Capability.wireNames()) + guess);
            }
        }
    }

    /** Weights are all or nothing per alias: a target without one would have no defined share. */
    private static void checkWeights(List<String> problems, String at, List<GatewaySettings.Target> targets) {
        long weighted = targets.stream().filter(t -> t != null && t.weight() != null).count();
        if (weighted == 0) {
            return;
        }
        if (weighted < targets.size()) {
            problems.add(at + ".targets: give every target a weight, or none (" + weighted + " of " + targets.size()
                    + " have one)");
            return;
        }
        double total = 0;
        for (int i = 0; i < targets.size(); i++) {
            double weight = targets.get(i).weight();
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                problems.add(at + ".targets[" + i + "].weight: must be a number >= 0, is " + weight);
            } else {
                total += weight;
            }
        }
        if (total <= 0) {
            problems.add(at + ".targets: at least one weight must be above 0");
        }
    }

    private static void checkPort(List<String> problems, String name, int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            problems.add(name + ": must be a port number" + (zeroAllowed ? " (0 picks a free one)" : "")
                    + ", is " + port);
        }
    }
}
