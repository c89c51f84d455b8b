package routes;

import org.apache.camel.builder.RouteBuilder;
import scanner.config.ScannerConfig;
import scanner.scan.ObjectRepository;

/** Scanners renew the claims on the objects they are scanning, so that nobody takes them over. */
public class ScannerHeartbeatRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerConfig config = Beans.of(getContext(), ScannerConfig.class);
        ObjectRepository objectRepository = Beans.of(getContext(), ObjectRepository.class);

        from("timer:scanner-heartbeat?period=" + Math.max(1000, config.claimLease().toMillis() / 3))
                .routeId("scanner-heartbeat")
                .routeDescription("Renews the claims on the objects this process is scanning")
                .bean(objectRepository, "heartbeat");
    }
}
