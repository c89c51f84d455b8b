package scanner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobStatusRulesTest {

    /** Every response example of seeds/job-status-api.md, plus the stage statuses it lists without an example. */
    @ParameterizedTest(name = "{0}: {1} total={2} → {8}")
    @CsvSource(delimiter = '|', textBlock = """
            1 listing            | RUNNING   |  25000 | 25000 |     0 |     0 |    0 |  listing   | Step Functions is listing S3 objects | 0.0
            2 transitioning      | SUCCEEDED | 100000 | 80000 | 15000 |  5000 |    0 | processing | Scanning objects (5000/100000)       | 5.0
            3 in progress        | SUCCEEDED | 100000 | 30000 | 20000 | 48000 | 2000 | processing | Scanning objects (50000/100000)      | 50.0
            4 completed          | SUCCEEDED | 100000 |     0 |     0 | 97500 | 2500 | completed  | All objects scanned                  | 100.0
            5 no objects         | SUCCEEDED |      0 |     0 |     0 |     0 |    0 | completed  | No objects found to scan             | 0.0
            6 failed             | FAILED    |   5000 |  5000 |     0 |     0 |    0 | failed     | Step Functions execution failed      | 0.0
            timed out            | TIMED_OUT |     10 |     4 |     0 |     6 |    0 | failed     | Step Functions execution timed out   | 60.0
            aborted              | ABORTED   |     10 |     7 |     0 |     3 |    0 | aborted    | Job aborted                          | 30.0
            only processing left | SUCCEEDED |      3 |     0 |     1 |     2 |    0 | processing | Scanning objects (2/3)               | 66.67
            """)
    void status_follows_the_seed(String example, String stage, long total, long queued, long processing,
                                 long succeeded, long failed, String status, String message, double progress) {
        var counts = new JobStatusRules.Counts(total, queued, processing, succeeded, failed, 0);

        var verdict = JobStatusRules.evaluate(stage, counts, null);

        assertEquals(status, verdict.status());
        assertEquals(message, verdict.statusMessage());
        assertEquals(progress, verdict.progressPercent(), 0.001);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FAILED  | The specified bucket does not exist | Step Functions execution failed: The specified bucket does not exist
            ABORTED | aborted by request                  | Job aborted: aborted by request
            """)
    void a_stage_reason_is_appended_to_the_message(String stage, String reason, String message) {
        var verdict = JobStatusRules.evaluate(stage, new JobStatusRules.Counts(0, 0, 0, 0, 0, 0), reason);

        assertEquals(message, verdict.statusMessage());
    }

    @ParameterizedTest
    @CsvSource({"PENDING", "running", "''"})
    void an_unknown_stage_status_is_refused(String stage) {
        assertThrows(IllegalArgumentException.class,
                () -> JobStatusRules.evaluate(stage, new JobStatusRules.Counts(0, 0, 0, 0, 0, 0), null));
    }

    @org.junit.jupiter.api.Test
    void each_stage_and_work_left_gives_one_status_and_the_filter_rows_agree() {
        for (String stage : new String[] {"RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"}) {
            for (boolean workLeft : new boolean[] {true, false}) {
                String status = JobStatusRules.statusOf(stage, workLeft);
                long matching = JobStatusRules.RULES.stream()
                        .filter(r -> r.stage().equals(stage) && (r.workLeft() == null || r.workLeft() == workLeft))
                        .count();
                assertEquals(1, matching, stage + " " + workLeft);
                assertEquals(1, JobStatusRules.rulesGiving(status).stream()
                        .filter(r -> r.stage().equals(stage) && (r.workLeft() == null || r.workLeft() == workLeft))
                        .count());
            }
        }
    }
}
