package dev.llmgateway.admin;

import dev.llmgateway.audit.AuditTrail;
import dev.llmgateway.http.JsonResponses;
import dev.llmgateway.usage.QueryParameters;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /admin/audit[?team=T][&from=..][&to=..][&limit=N]}: the admin changes, newest first ({@link AuditQuery}
 * says what each parameter takes).
 */
public class AuditLister implements Processor {

    private final AuditTrail audit;

    public AuditLister(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, String> query = QueryParameters.parse(exchange.getMessage().getHeader(Exchange.HTTP_QUERY,
                String.class), AuditQuery.PARAMETERS, "GET /admin/audit");
        JsonResponses.write(exchange, 200, AuditQuery.of(query).answer(audit));
    }
}
