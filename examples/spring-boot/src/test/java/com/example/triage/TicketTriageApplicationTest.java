package com.example.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.emulator.junit.BedrockEmulatorExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application as it ships, its upstream the Bedrock emulator the extension starts. */
@ExtendWith(BedrockEmulatorExtension.class)
@SpringBootTest
class TicketTriageApplicationTest {

    private static final Path DATA = Path.of("target", "ledger-" + ProcessHandle.current().pid());

    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private CamelContext camel;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("llmgateway.storage.dataDir", DATA::toString);
    }

    @Test
    void triagesATicketAndRecordsTheCallForTheTeamTheLastKameletNames() throws Exception {
        String answer = producer.requestBody("direct:triage",
                "Ticket from jane.doe@example.com: the March invoice was charged twice, please refund one.",
                String.class);
        camel.stop();

        assertThat(answer).isNotBlank();
        try (Connection ledger = DriverManager.getConnection("jdbc:h2:file:" + DATA.toAbsolutePath().resolve("gateway")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "gateway", "");
             Statement statement = ledger.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT team, feature, model_alias, status, input_tokens FROM call_ledger")) {
            assertThat(rows.next()).as("the call is in the ledger").isTrue();
            assertThat(rows.getString("team")).isEqualTo("support");
            assertThat(rows.getString("feature")).isEqualTo("ticket-triage");
            assertThat(rows.getString("model_alias")).isEqualTo("claude-3-5-haiku");
            assertThat(rows.getInt("status")).as("answered").isEqualTo(200);
            assertThat(rows.getInt("input_tokens")).as("tokens counted").isPositive();
            assertThat(rows.next()).as("one call").isFalse();
        }
    }
}
