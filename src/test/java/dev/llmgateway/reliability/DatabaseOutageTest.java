package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import dev.llmgateway.testing.TestPostgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With its shared database gone, the gateway answers 503 with a clear error: never a 500, never a hang. */
@ServiceBound
class DatabaseOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void callsGetA503WhileTheDatabaseIsGone() throws Exception {
        String url = TestPostgres.freshDatabase("llmgw_outage_test");
        try (TestGateway gateway = TestGateway.start(Map.of("LLMGW_STORAGE_MODE", "postgresql",
                "LLMGW_STORAGE_POSTGRESQL_URL", url, "LLMGW_STORAGE_POSTGRESQL_USER", TestPostgres.USER))) {
            String chat = """
                    {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "Hello."}]}""";
            assertThat(gateway.post("/v1/chat/completions", chat).statusCode()).isEqualTo(200);

            try (Connection admin = DriverManager.getConnection(TestPostgres.url("postgres"), TestPostgres.USER, "")) {
                admin.createStatement().execute("DROP DATABASE llmgw_outage_test WITH (FORCE)");
            }
            HttpResponse<String> response = gateway.post("/v1/chat/completions", chat);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("storage_unavailable");
            assertThat(gateway.get("/health/live").statusCode()).isEqualTo(200);
        }
    }
}
