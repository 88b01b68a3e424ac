package dev.llmgateway.responses;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.store.StorageException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a Responses answer (live or from the cache) through the given step and, once the stream has ended with
 * its response (completed or incomplete), keeps it when the request asked to store it. The stream has ended by then,
 * so a store that fails can only be logged: the response's id is then unknown to previous_response_id and GET.
 */
public class StoredAfterStream extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StoredAfterStream.class);

    private final AsyncProcessor stream;
    private final ResponseStore store;

    public StoredAfterStream(Processor stream, ResponseStore store) {
        this.stream = AsyncProcessorConverterHelper.convert(stream);
        this.store = store;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        return stream.process(exchange, doneSync -> {
            store(exchange);
            callback.done(doneSync);
        });
    }

    private void store(Exchange exchange) {
        GatewayCall call = GatewayCall.find(exchange);
        ResponsesCall responses = call == null ? null : call.kept(ResponsesCall.class);
        ResponsesSseFormat.StreamedResponse streamed = call == null ? null
                : call.kept(ResponsesSseFormat.StreamedResponse.class);
        if (exchange.getException() != null || responses == null || !responses.store() || streamed == null) {
            return;
        }
        try {
            store.save(call.team(), responses.responseId(), responses.conversation(), streamed.body());
        } catch (StorageException e) {
            LOG.warn("Streamed response {} of request {} could not be stored: {}", responses.responseId(),
                    call.requestId(), e.getMessage());
        }
    }
}
