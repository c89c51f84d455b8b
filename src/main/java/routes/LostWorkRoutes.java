package routes;

import org.apache.camel.builder.RouteBuilder;
import scanner.config.ScannerConfig;
import scanner.scan.LostWork;
import scanner.scan.ScanMessages;

/** Keeps the queue honest to the database: one replica at a time re-enqueues what the queue lost (see LostWork). */
public class LostWorkRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerConfig config = Beans.of(getContext(), ScannerConfig.class);
        LostWork lostWork = Beans.of(getContext(), LostWork.class);

        from("timer:requeue-lost-work?delay=0&period=" + config.requeueInterval().toMillis())
                .routeId("requeue-lost-work")
                .routeDescription("Re-enqueues objects whose message was lost: lapsed claims, a purged or restarted queue")
                .setProperty("more", constant(true))
                .loopDoWhile(exchangeProperty("more").isEqualTo(true))
                    .setProperty("sweep", method(lostWork, "sweep"))
                    .setProperty("more", simple("${exchangeProperty.sweep.full}"))
                    .filter(simple("${exchangeProperty.sweep.count} > 0"))
                        .setBody(simple("${exchangeProperty.sweep.messages}"))
                        .split(method(ScanMessages.class, "batchesForSqs")).parallelProcessing().stopOnException()
                            .to("aws2-sqs://{{scanner.sqs.queue}}?operation=sendBatchMessage")
                            .bean(ScanMessages.class, "requireAllSent")
                        .end()
                        .log("Re-enqueued ${exchangeProperty.sweep}")
                        .toD("micrometer:counter:scanner_requeued_objects?increment=${exchangeProperty.sweep.count}")
                    .end()
                .end();
    }
}
