package scanner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import scanner.aws.AwsClients;

class HealthTest {

    /** Health checks are readiness checks only: an outage must not make Kubernetes restart the pod. */
    @Test
    void dependency_checks_are_for_readiness_not_liveness() {
        var check = new scanner.health.DependencyHealthCheck(scanner.health.Dependencies.of("x", () -> null));
        assertTrue(check.isReadiness());
        assertEquals(false, check.isLiveness());
    }

    @Test
    void an_aws_error_answer_means_the_service_is_up_but_a_5xx_does_not() {
        var denied = scanner.health.Dependencies.aws("s3", () -> {
            throw (RuntimeException) software.amazon.awssdk.services.s3.model.S3Exception.builder().statusCode(403).build();
        });
        assertEquals(null, denied.problem());
        var broken = scanner.health.Dependencies.aws("s3", () -> {
            throw (RuntimeException) software.amazon.awssdk.services.s3.model.S3Exception.builder().statusCode(503).build();
        });
        assertEquals("error 503", broken.problem());
    }

    @Test
    void a_probe_that_throws_names_what_it_threw() {
        var failing = scanner.health.Dependencies.of("db", () -> {
            throw new java.sql.SQLTransientConnectionException("refused");
        });
        assertEquals("SQLTransientConnectionException", failing.problem());
    }

    @Test
    void each_unreachable_dependency_is_named_and_the_answer_is_503() throws Exception {
        int dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = socket.getLocalPort(); // closed again: nothing listens there
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + dead + "/none");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(500);
        try (HikariDataSource dataSource = new HikariDataSource(config);
             var s3 = AwsClients.s3("us-east-1", "http://127.0.0.1:" + dead, true);
             var sqs = AwsClients.sqs("us-east-1", "http://127.0.0.1:" + dead, true)) {

            var sfn = software.amazon.awssdk.services.sfn.SfnClient.builder()
                    .endpointOverride(java.net.URI.create("http://127.0.0.1:" + dead))
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                    .build();
            Health.Report report = new Health(java.util.List.of(
                    new scanner.health.DependencyHealthCheck(scanner.health.Dependencies.database(dataSource)),
                    new scanner.health.DependencyHealthCheck(scanner.health.Dependencies.s3(s3)),
                    new scanner.health.DependencyHealthCheck(scanner.health.Dependencies.sqs(sqs, "queue")),
                    new scanner.health.DependencyHealthCheck(scanner.health.Dependencies.stepFunctions(sfn,
                            "arn:aws:states:us-east-1:123456789012:stateMachine:listing")))).check();
            sfn.close();

            assertEquals("DOWN", report.status());
            assertEquals(503, report.httpStatus());
            assertTrue(report.checks().get("database").startsWith("DOWN"), report.toString());
            assertEquals("DOWN: unreachable", report.checks().get("s3"));
            assertEquals("DOWN: unreachable", report.checks().get("sqs"));
            assertEquals("DOWN: unreachable", report.checks().get("stepfunctions"));
        }
    }
}
