package scanner.health;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A dependency as a Camel health check: part of readiness (a pod whose database is down takes
 * no traffic) and not of liveness (a database outage must not restart every pod).
 */
public final class DependencyHealthCheck extends AbstractHealthCheck {

    private final Dependency dependency;

    public DependencyHealthCheck(Dependency dependency) {
        super("scanner", dependency.name());
        this.dependency = dependency;
    }

    public String dependencyName() {
        return dependency.name();
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return true;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String problem = dependency.problem();
        if (problem == null) {
            builder.up();
        } else {
            builder.message(problem).down();
        }
    }
}
