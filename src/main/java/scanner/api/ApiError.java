package scanner.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The contract's error body: {@code {"error": "<code>", "message": "<human sentence>"}}. */
public record ApiError(@JsonProperty("error") String error, @JsonProperty("message") String message) {

    public static ApiError of(ApiException e) {
        return new ApiError(e.code(), e.getMessage());
    }

    public static ApiError internal() {
        return new ApiError("internal_error", "The server could not complete the request; it has been logged");
    }
}
