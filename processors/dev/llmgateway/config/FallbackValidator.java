package dev.llmgateway.config;

import dev.llmgateway.chat.ModelFamilies;
import dev.llmgateway.http.NearestName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks each model alias's {@code fallbacks}: known aliases of chat models, none twice, not the alias itself, and
 * no cycle through other aliases' fallbacks (a fallback's own fallbacks are followed, so a cycle would bring a
 * request back to a model that already failed).
 */
final class FallbackValidator {

    private final Map<String, GatewaySettings.Model> models;

    FallbackValidator(Map<String, GatewaySettings.Model> models) {
        this.models = models;
    }

    void check(List<String> problems) {
        models.forEach((alias, model) -> {
            if (model != null && !model.fallbacks().isEmpty()) {
                checkList(problems, alias, model);
            }
        });
        Set<String> inCycle = new HashSet<>();
        models.keySet().forEach(alias -> findCycle(alias, new ArrayList<>(), inCycle, problems));
    }

    private void checkList(List<String> problems, String alias, GatewaySettings.Model model) {
        String at = "models." + alias + ".fallbacks";
        if (!ModelFamilies.isChat(model.family())) {
            problems.add(at + ": only chat models fall back; '" + alias + "' is a " + model.family() + " model");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < model.fallbacks().size(); i++) {
            String fallback = model.fallbacks().get(i);
            String itemAt = at + "[" + i + "]";
            if (fallback == null || fallback.isBlank()) {
                problems.add(itemAt + ": name a model alias");
            } else if (fallback.equals(alias)) {
                problems.add(itemAt + ": '" + alias + "' cannot fall back to itself");
            } else if (!models.containsKey(fallback)) {
                String guess = NearestName.nearest(fallback, models.keySet()).filter(m -> m.likely(fallback))
                        .map(m -> "; did you mean " + m.name() + "?").orElse("");
                problems.add(itemAt + ": unknown model alias '" + fallback + "'" + guess);
            } else if (!seen.add(fallback)) {
                problems.add(itemAt + ": '" + fallback + "' is named twice");
            } else if (models.get(fallback) != null && !ModelFamilies.isChat(models.get(fallback).family())) {
                problems.add(itemAt + ": '" + fallback + "' is a " + models.get(fallback).family()
                        + " model, not a chat model; it cannot answer a chat request");
            }
        }
    }

    /** Depth-first walk along fallbacks; reports each cycle once, from the alias where the walk met it. */
    private void findCycle(String alias, List<String> path, Set<String> reported, List<String> problems) {
        int start = path.indexOf(alias);
        if (start >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(start, path.size()));
            if (cycle.size() > 1 && reported.addAll(cycle)) {
                cycle.add(alias);
                problems.add("models." + cycle.get(0) + ".fallbacks: the fallbacks form a cycle ("
                        + String.join(" -> ", cycle) + "); a model would be tried again after it failed");
            }
            return;
        }
        GatewaySettings.Model model = models.get(alias);
        if (model == null || reported.contains(alias)) {
            return;
        }
        path.add(alias);
        for (String fallback : model.fallbacks()) {
            if (fallback != null && !fallback.equals(alias)) {
                findCycle(fallback, path, reported, problems);
            }
        }
        path.remove(path.size() - 1);
    }
}
