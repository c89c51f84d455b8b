package scanner.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which errors are worth trying again, for scanners and for the listing. */
class ScanFailuresTest {

    private static S3Exception s3(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // error, transient (retry), permanent for the listing (fail the job)
                Arguments.of(s3(503, "SlowDown"), true, false),
                Arguments.of(s3(500, "InternalError"), true, false),
                Arguments.of(s3(429, "TooManyRequests"), true, false),
                Arguments.of(new RuntimeCamelException(s3(503, "SlowDown")), true, false),
                Arguments.of(SdkClientException.create("Unable to execute HTTP request: Read timed out"), true, false),
                Arguments.of(new IOException("Connection reset"), true, false),
                Arguments.of(new SQLTransientConnectionException("scanner-db - Connection is not available"), true, false),
                Arguments.of(new SQLException("Connection refused", "08001"), true, false),
                Arguments.of(s3(403, "AccessDenied"), false, true),
                Arguments.of(s3(404, "NoSuchKey"), false, true),
                Arguments.of(NoSuchBucketException.builder().statusCode(404).build(), false, true),
                Arguments.of(new SQLException("syntax error", "42601"), false, false),
                Arguments.of(new IllegalStateException("a bug"), false, false));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void transient_errors_are_retried_and_only_permanent_ones_fail_a_listing(Exception e, boolean isTransient,
                                                                             boolean permanentForListing) {
        assertEquals(isTransient, ScanFailures.isTransient(e), e.toString());
        assertEquals(permanentForListing, ScanMessages.isPermanentListingError(e), e.toString());
    }
}
