package scanner.scan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scanner.config.Exceptions;

/**
 * Stops a route's consumer when an exchange fails because the database cannot be reached, so that
 * scanners do not burn the deliveries of message after message during an outage, and starts it
 * again once the database answers (checked every few seconds). One check loop per outage.
 */
public class DatabaseCircuit extends RoutePolicySupport {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCircuit.class);

    private final DataSource dataSource;
    private final long checkEveryMillis;
    private final AtomicBoolean open = new AtomicBoolean();
    private ScheduledExecutorService checker;

    public DatabaseCircuit(DataSource dataSource, long checkEveryMillis) {
        this.dataSource = dataSource;
        this.checkEveryMillis = checkEveryMillis;
    }

    /** True for errors that say the database cannot be reached (not for a bad statement). */
    public static boolean isDatabaseUnreachable(Throwable e) {
        return Exceptions.find(e, java.sql.SQLTransientConnectionException.class).isPresent()
                || Exceptions.find(e, java.sql.SQLRecoverableException.class).isPresent()
                || Exceptions.find(e, SQLException.class)
                        .map(sql -> sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
                                || sql.getSQLState().equals("57P01") || sql.getSQLState().equals("57P03")))
                        .orElse(false)
                || Exceptions.find(e, org.springframework.jdbc.CannotGetJdbcConnectionException.class).isPresent();
    }

    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        Exception e = exchange.getException();
        if (e != null && isDatabaseUnreachable(e) && open.compareAndSet(false, true)) {
            LOG.warn("The database cannot be reached: {} stops taking messages until it answers", route.getRouteId());
            try {
                suspendOrStopConsumer(route.getConsumer());
            } catch (Exception stop) {
                LOG.warn("Could not stop the consumer of {}: {}", route.getRouteId(), stop.toString());
            }
            scheduler(route).schedule(() -> check(route), checkEveryMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void check(Route route) {
        boolean up;
        try (Connection c = dataSource.getConnection()) {
            up = c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            up = false;
        }
        if (!up) {
            scheduler(route).schedule(() -> check(route), checkEveryMillis, TimeUnit.MILLISECONDS);
            return;
        }
        try {
            resumeOrStartConsumer(route.getConsumer());
            open.set(false);
            LOG.info("The database answers again: {} takes messages again", route.getRouteId());
        } catch (Exception e) {
            LOG.warn("Could not restart the consumer of {}: {}", route.getRouteId(), e.toString());
            scheduler(route).schedule(() -> check(route), checkEveryMillis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized ScheduledExecutorService scheduler(Route route) {
        if (checker == null) {
            checker = route.getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "database-circuit");
        }
        return checker;
    }
}
