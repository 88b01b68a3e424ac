package dev.llmgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class StepFailureContainmentTest {

    @Test
    void anErrorOfAStepReachesTheRoutesErrorHandler() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getCamelContextExtension().addInterceptStrategy(new StepFailureContainment());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Throwable.class).handled(true)
                            .process(e -> e.getMessage().setBody("handled: " + e.getProperty(Exchange.EXCEPTION_CAUGHT,
                                    Throwable.class).getCause().getClass().getSimpleName()));
                    from("direct:overflow").process(e -> recurse(0)).setBody(constant("not reached"));
                    from("direct:out-of-memory").process(e -> {
                        throw new OutOfMemoryError("one request's allocation");
                    });
                }
            });
            context.start();
            ProducerTemplate producer = context.createProducerTemplate();
            Exchange overflow = producer.send("direct:overflow", e -> { });
            assertThat(overflow.getMessage().getBody(String.class)).isEqualTo("handled: StackOverflowError");
            assertThat(overflow.getException()).isNull();
            Exchange outOfMemory = producer.send("direct:out-of-memory", e -> { });
            assertThat(outOfMemory.getMessage().getBody(String.class)).isEqualTo("handled: OutOfMemoryError");
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
