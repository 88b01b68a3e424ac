package com.example.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.emulator.junit.BedrockEmulatorExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The application as it ships, its upstream the Bedrock emulator the extension starts. */
@ExtendWith(BedrockEmulatorExtension.class)
class TicketTriageTest {

    @Test
    void triagesATicketAndRecordsTheCallForTheTeamTheLastKameletNames(@TempDir Path data) throws Exception {
        Main main = new Main(TicketTriage.class);
        main.addOverrideProperty("llmgateway.storage.dataDir", data.toString());
        main.start();
        String answer;
        try {
            answer = main.getCamelContext().createProducerTemplate().requestBody("direct:triage",
                    "Ticket from jane.doe@example.com: the March invoice was charged twice, please refund one.",
                    String.class);
        } finally {
            main.stop();
        }

        assertFalse(answer.isBlank(), "an answer");
        try (Connection ledger = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("gateway")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "gateway", "");
             Statement statement = ledger.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT team, feature, model_alias, status, input_tokens FROM call_ledger")) {
            assertTrue(rows.next(), "the call is in the ledger");
            assertEquals("support", rows.getString("team"));
            assertEquals("ticket-triage", rows.getString("feature"));
            assertEquals("claude-3-5-haiku", rows.getString("model_alias"));
            assertEquals(200, rows.getInt("status"), "answered");
            assertTrue(rows.getInt("input_tokens") > 0, "tokens counted");
            assertFalse(rows.next(), "one call");
        }
    }
}
