package scanner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import scanner.aws.AwsClients;

class HealthTest {

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

            Health.Report report = new Health(dataSource, s3, sqs, "queue").check();

            assertEquals("DOWN", report.status());
            assertEquals(503, report.httpStatus());
            assertTrue(report.checks().get("database").startsWith("DOWN"), report.toString());
            assertEquals("DOWN: unreachable", report.checks().get("s3"));
            assertEquals("DOWN: unreachable", report.checks().get("sqs"));
        }
    }
}
