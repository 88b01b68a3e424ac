package dev.llmgateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageCsvTest {

    @Test
    void cellsAreQuotedWhereNeededAndNeverRunAsFormulas() {
        Map<UsageDimension, String> keys = new LinkedHashMap<>();
        keys.put(UsageDimension.TEAM, null);
        keys.put(UsageDimension.MODEL, "=HYPERLINK(\"http://x\",\"a, b\")");
        UsageFigures figures = new UsageFigures(3, 10, 20, 0, 0, new BigDecimal("0.0000001"), 1,
                new BigDecimal("12.5"), 1, 0);
        UsageReport report = new UsageReport(new UsageQuery(Instant.EPOCH, Instant.parse("1970-01-02T00:00:00Z"),
                List.of(UsageDimension.TEAM, UsageDimension.MODEL), null, null), figures,
                List.of(new UsageReport.Row(keys, figures)));

        assertThat(UsageCsv.of(report)).isEqualTo(
                "team,model,requests,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,"
                        + "cache_hits,saved_cost_usd,errors,throttles\r\n"
                        + ",\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\",3,10,20,0,0,0.0000001,1,12.5,1,0\r\n");
    }
}
