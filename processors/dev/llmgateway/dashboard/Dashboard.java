package dev.llmgateway.dashboard;

import java.util.Map;

/**
 * The dashboard's files: a page, its scripts (usage charts, and the admin's pages for teams, keys and budgets) and
 * style (from {@code dashboard/}) and Chart.js from its webjar.
 * The page loads nothing from elsewhere and runs no inline script, which its content security policy enforces.
 */
public final class Dashboard {

    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");
    private static final Map<String, String> FILE_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-cache");

    private Dashboard() {
    }

    public static StaticAssets assets() {
        return new StaticAssets("index.html", Map.of(
                "index.html", new StaticAssets.Asset("dashboard/index.html", "text/html; charset=utf-8", PAGE_HEADERS),
                "dashboard.js", new StaticAssets.Asset("dashboard/dashboard.js", "text/javascript; charset=utf-8",
                        FILE_HEADERS),
                "admin.js", new StaticAssets.Asset("dashboard/admin.js", "text/javascript; charset=utf-8",
                        FILE_HEADERS),
                "dashboard.css", new StaticAssets.Asset("dashboard/dashboard.css", "text/css; charset=utf-8",
                        FILE_HEADERS),
                "chart.umd.js", new StaticAssets.Asset(CHART_JS, "text/javascript; charset=utf-8", FILE_HEADERS)));
    }
}
