package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.stepfunctions.StepFunctions2Constants;
import scanner.config.ScannerConfig;
import scanner.jobs.JobRepository;
import scanner.listing.ExecutionReconciler;

/**
 * aws mode with a state machine: keeps the jobs of executions that ended without telling anyone
 * (timed out, stopped, failed) true to how they ended.
 */
public class ExecutionReconcileRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerConfig config = Beans.of(getContext(), ScannerConfig.class);
        ExecutionReconciler executionReconciler = Beans.of(getContext(), ExecutionReconciler.class);
        JobRepository jobRepository = Beans.of(getContext(), JobRepository.class);

        // quartz, stateful: a slow round (many executions, a throttled API) never overlaps the next
        fromF("quartz://scanner/reconcile-executions?trigger.repeatInterval=%d&trigger.repeatCount=-1&stateful=true",
                config.reconcileInterval().toMillis())
                .routeId("sfn-reconcile-executions")
                .routeDescription("Asks Step Functions how the executions of jobs still listing stand, and records those that ended")
                .filter(method(executionReconciler, "lead"))
                    .split(method(jobRepository, "runningExecutions(500)"))
                        .setProperty("execution", body())
                        .setHeader(StepFunctions2Constants.EXECUTION_ARN, simple("${body.executionArn}"))
                        .doTry()
                            .to("aws2-step-functions://listing?operation=describeExecution")
                            .bean(executionReconciler, "record(${exchangeProperty.execution}, ${body})")
                        .doCatch(Exception.class)
                            .log(LoggingLevel.WARN, "Could not describe ${exchangeProperty.execution.executionArn}: ${exception.message}")
                        .end()
                    .end()
                .end();
    }
}
