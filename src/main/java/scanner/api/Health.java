package scanner.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import scanner.health.DependencyHealthCheck;

/**
 * GET /health: whether PostgreSQL, S3, SQS (and Step Functions in aws mode) answer, each named.
 * It asks the same Camel health checks as the readiness probe on the management port.
 */
public class Health {

    private final List<DependencyHealthCheck> checks;

    public Health(List<DependencyHealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public record Report(@JsonProperty("status") String status, @JsonProperty("checks") Map<String, String> checks) {

        public int httpStatus() {
            return status.equals("UP") ? 200 : 503;
        }
    }

    public Report check() {
        Map<String, String> answers = new LinkedHashMap<>();
        for (DependencyHealthCheck check : checks) {
            HealthCheck.Result result = check.call();
            answers.put(check.dependencyName(), result.getState() == HealthCheck.State.UP ? "UP"
                    : "DOWN: " + result.getMessage().orElse(String.valueOf(result.getState())));
        }
        boolean up = answers.values().stream().allMatch("UP"::equals);
        return new Report(up ? "UP" : "DOWN", answers);
    }
}
