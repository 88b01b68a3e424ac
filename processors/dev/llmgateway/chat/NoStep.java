package dev.llmgateway.chat;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The step an instance of the chain leaves out (bound as {@value #BEAN}): direct:llm-chat reads no HTTP request and
 * writes no answer, its caller sets and reads the call.
 */
public final class NoStep implements Processor {

    /** The name the routes refer to it by. */
    public static final String BEAN = "noStep";

    @Override
    public void process(Exchange exchange) {
    }
}
