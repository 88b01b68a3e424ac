package dev.llmgateway.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Debian's chromium, headless and quiet (no downloads, no background traffic), driven by Playwright. */
public final class HeadlessChromium implements AutoCloseable {

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static HeadlessChromium launch() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium")).setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        return new HeadlessChromium(playwright, browser);
    }

    /**
     * @param pageErrors    where the page's uncaught script errors go
     * @param consoleErrors where the errors it writes to the console go (a failed request among them)
     * @return a new tab in a context of its own (its own sessionStorage), the size of a large screen
     */
    public Page newPage(List<String> pageErrors, List<String> consoleErrors) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 2000));
        Page page = context.newPage();
        page.onPageError(pageErrors::add);
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text());
            }
        });
        return page;
    }

    @Override
    public void close() {
        playwright.close();
    }
}
