package scanner.sfn;

import scanner.support.FreePorts;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import scanner.Application;
import scanner.aws.AwsClients;
import scanner.support.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * aws mode against LocalStack (S3, SQS and Step Functions running the shipped definition, with its
 * real SQS callback integration). Needs a Docker engine; skipped where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackTest {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer("localstack/localstack:4.4")
            .withServices("s3", "sqs", "stepfunctions");

    @Test
    void a_scan_in_aws_mode_is_listed_by_a_step_functions_execution() throws Exception {
        String endpoint = LOCALSTACK.getEndpoint().toString();
        System.setProperty("aws.accessKeyId", LOCALSTACK.getAccessKey());
        System.setProperty("aws.secretAccessKey", LOCALSTACK.getSecretKey());
        try (TestDatabase db = TestDatabase.create();
             S3Client s3 = AwsClients.s3(LOCALSTACK.getRegion(), endpoint, false);
             SqsClient sqs = AwsClients.sqs(LOCALSTACK.getRegion(), endpoint, false);
             SfnClient sfn = AwsClients.sfn(LOCALSTACK.getRegion(), endpoint, false)) {
            s3.createBucket(b -> b.bucket("localstack-scan"));
            for (int i = 0; i < 12; i++) {
                String key = "k/" + i;
                s3.putObject(b -> b.bucket("localstack-scan").key(key), RequestBody.fromString("ssn 219-09-" + (1000 + i)));
            }
            AwsClients.createQueues(sqs, "s3-scanner-objects", "s3-scanner-objects-dlq", 5, 60);
            sqs.createQueue(b -> b.queueName("s3-scanner-listing"));
            String definition = Files.readString(Path.of("src/main/resources/statemachine/listing.asl.json"));
            String machine = sfn.createStateMachine(b -> b.name("s3-scanner-listing").definition(definition)
                    .roleArn("arn:aws:iam::000000000000:role/s3-scanner-listing-sfn")).stateMachineArn();

            int httpPort = FreePorts.next();
            Map<String, String> overrides = new HashMap<>();
            overrides.put("scanner.mode", "aws");
            overrides.put("scanner.api.auth", "none");
            overrides.put("scanner.aws.region", LOCALSTACK.getRegion());
            overrides.put("scanner.db.url", db.url());
            overrides.put("scanner.db.user", db.user());
            overrides.put("scanner.aws.s3-endpoint", endpoint);
            overrides.put("scanner.aws.sqs-endpoint", endpoint);
            overrides.put("scanner.aws.sfn-endpoint", endpoint);
            overrides.put("scanner.aws.state-machine-arn", machine);
            overrides.put("scanner.sqs.wait-time-seconds", "1");
            // pages of two keys, two pages an execution: twelve objects list through a chain of three executions
            overrides.put("scanner.listing.page-size", "2");
            overrides.put("scanner.sfn.pages-per-execution", "2");
            overrides.put("camel.server.port", Integer.toString(httpPort));
            overrides.put("camel.server.host", "127.0.0.1");
            overrides.put("camel.management.port", Integer.toString(FreePorts.next()));
            Main app = Application.create(overrides);
            app.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                ObjectMapper json = new ObjectMapper();
                String job = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/scan"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"bucket\":\"localstack-scan\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).get("job_id").asText();
                JsonNode done = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> json.readTree(http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort + "/jobs/" + job + "?real_time=true")).build(),
                                HttpResponse.BodyHandlers.ofString()).body()),
                                s -> s.get("status").asText().equals("completed"));
                assertEquals(12, done.get("total").asInt());
                assertEquals(12, done.get("total_findings").asInt());
                assertEquals("SUCCEEDED", done.get("step_function_status").asText());
                assertTrue(done.get("execution_arn").asText().endsWith(":scan-" + job + "-2"),
                        "the job followed the chain to its third execution: " + done.get("execution_arn"));
            } finally {
                app.stop();
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

}
