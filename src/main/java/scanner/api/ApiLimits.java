package scanner.api;

import java.time.Duration;

/**
 * What one caller may ask of the service at most, each a setting: jobs running at once, schedules
 * kept, how often a schedule may fire. Past a limit the answer is 429 (or 400 for a cron) naming it.
 */
public record ApiLimits(int maxRunningJobs, int maxSchedules, Duration minScheduleInterval) {

    public static final ApiLimits DEFAULT = new ApiLimits(100, 1000, Duration.ofMinutes(1));
}
