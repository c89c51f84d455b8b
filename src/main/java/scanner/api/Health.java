package scanner.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;

/** GET /health: whether PostgreSQL, S3 and SQS answer, each named. */
public class Health {

    private final DataSource dataSource;
    private final S3Client s3;
    private final SqsClient sqs;
    private final String queue;

    public Health(DataSource dataSource, S3Client s3, SqsClient sqs, String queue) {
        this.dataSource = dataSource;
        this.s3 = s3;
        this.sqs = sqs;
        this.queue = queue;
    }

    public record Report(@JsonProperty("status") String status, @JsonProperty("checks") Map<String, String> checks) {

        public int httpStatus() {
            return status.equals("UP") ? 200 : 503;
        }
    }

    public Report check() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", database());
        checks.put("s3", s3());
        checks.put("sqs", sqs());
        boolean up = checks.values().stream().allMatch("UP"::equals);
        return new Report(up ? "UP" : "DOWN", checks);
    }

    private String database() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) ? "UP" : "DOWN: no answer";
        } catch (Exception e) {
            return "DOWN: " + e.getClass().getSimpleName();
        }
    }

    /** Any answer from S3, even "access denied" to ListBuckets, means S3 is reachable. */
    private String s3() {
        try {
            s3.listBuckets();
            return "UP";
        } catch (S3Exception e) {
            return "UP";
        } catch (SdkClientException e) {
            return "DOWN: unreachable";
        } catch (RuntimeException e) {
            return "DOWN: " + e.getClass().getSimpleName();
        }
    }

    private String sqs() {
        try {
            sqs.getQueueUrl(r -> r.queueName(queue));
            return "UP";
        } catch (SdkClientException e) {
            return "DOWN: unreachable";
        } catch (RuntimeException e) {
            return "DOWN: " + e.getClass().getSimpleName();
        }
    }
}
