package routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import scanner.api.ApiError;
import scanner.config.Json;

/** Every API answer leaves as this: the body as JSON bytes, its status, and no request header echoed. */
final class JsonAnswer {

    private JsonAnswer() {
    }

    static void write(Message message, int status, Object body) throws JsonProcessingException {
        byte[] json = Json.MAPPER.writeValueAsBytes(body);
        message.getHeaders().clear(); // request parameters and headers must not be echoed back
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
    }

    /** The contract's error body for the exception the exchange caught. */
    static void writeError(Exchange exchange) throws JsonProcessingException {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        write(exchange.getMessage(), ApiError.status(error), ApiError.of(error));
    }
}
