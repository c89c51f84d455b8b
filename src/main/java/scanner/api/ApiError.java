package scanner.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import scanner.config.Exceptions;

/** The contract's error body: {@code {"error": "<code>", "message": "<human sentence>"}}. */
public record ApiError(@JsonProperty("error") String error, @JsonProperty("message") String message) {

    /** The body for {@code error}: its ApiException's code and message, or the generic 500 body. */
    public static ApiError of(Throwable error) {
        return Exceptions.find(error, ApiException.class)
                .map(e -> new ApiError(e.code(), e.getMessage()))
                .orElseGet(ApiError::internal);
    }

    /** The HTTP status for {@code error}. */
    public static int status(Throwable error) {
        return Exceptions.find(error, ApiException.class).map(ApiException::status).orElse(500);
    }

    public static ApiError databaseUnavailable() {
        return new ApiError("database_unavailable",
                "The database cannot be reached just now; nothing was changed. Try again in a few seconds");
    }

    public static ApiError internal() {
        return new ApiError("internal_error", "The server could not complete the request; it has been logged");
    }
}
