package dev.llmgateway.chat;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A step whose feature the settings turn off: in the gateway's chain it passes the call on unchanged; a Kamelet made
 * of it alone refuses to start with {@link #reason()}, since it would do nothing its name says.
 *
 * @param reason what is off and the setting that turns it on
 */
public record SwitchedOffStep(String reason) implements Processor {

    @Override
    public void process(Exchange exchange) {
    }
}
