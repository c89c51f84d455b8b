package scanner.health;

import java.sql.Connection;
import javax.sql.DataSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The scanner's dependencies, each asked the cheapest question it must answer. */
public final class Dependencies {

    private Dependencies() {
    }

    public static Dependency database(DataSource dataSource) {
        return of("database", () -> {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid(2) ? null : "no answer";
            }
        });
    }

    /** Any answer from S3, even "access denied" to ListBuckets, means S3 is reachable. */
    public static Dependency s3(S3Client s3) {
        return aws("s3", () -> s3.listBuckets());
    }

    public static Dependency sqs(SqsClient sqs, String queue) {
        return aws("sqs", () -> sqs.getQueueUrl(r -> r.queueName(queue)));
    }

    public static Dependency stepFunctions(SfnClient sfn, String stateMachineArn) {
        return aws("stepfunctions", () -> sfn.describeStateMachine(r -> r.stateMachineArn(stateMachineArn)));
    }

    public interface Probe {
        String call() throws Exception;
    }

    public static Dependency of(String name, Probe probe) {
        return new Dependency() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String problem() {
                try {
                    return probe.call();
                } catch (Exception e) {
                    return e.getClass().getSimpleName();
                }
            }
        };
    }

    /** An AWS service is up when it answers, even with an error of its own (access denied, no such queue). */
    public static Dependency aws(String name, Runnable call) {
        return of(name, () -> {
            try {
                call.run();
                return null;
            } catch (AwsServiceException e) {
                return e.statusCode() >= 500 ? "error " + e.statusCode() : null;
            } catch (SdkClientException e) {
                return "unreachable";
            }
        });
    }
}
