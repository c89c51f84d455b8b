package scanner.health;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A dependency as a Camel health check: part of readiness (a pod whose database is down takes
 * no traffic) and not of liveness (a database outage must not restart every pod).
 */
public final class DependencyHealthCheck extends AbstractHealthCheck {

    /** How long an answer is reused: a flood of /health or probe requests asks the dependency once per period. */
    static final long REUSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(3);

    private final Dependency dependency;
    private final java.util.function.LongSupplier clock;
    private long askedAt;
    private String lastProblem;
    private boolean asked;

    public DependencyHealthCheck(Dependency dependency) {
        this(dependency, System::nanoTime);
    }

    DependencyHealthCheck(Dependency dependency, java.util.function.LongSupplier clock) {
        super("scanner", dependency.name());
        this.dependency = dependency;
        this.clock = clock;
    }

    /**
     * The dependency's problem (null: it answers), asked at most once per {@link #REUSE_NANOS}:
     * callers meanwhile get the last answer, and concurrent callers wait for one question.
     */
    synchronized String problem() {
        long now = clock.getAsLong();
        if (!asked || now - askedAt >= REUSE_NANOS) {
            lastProblem = dependency.problem();
            askedAt = clock.getAsLong();
            asked = true;
        }
        return lastProblem;
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
        String problem = problem();
        if (problem == null) {
            builder.up();
        } else {
            builder.message(problem).down();
        }
    }
}
