package scanner.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The dashboard in headless Chromium against the application in local mode, with an API key
 * required: the page asks for it once, starts a scan from its form, follows it to 100%, shows
 * the findings (chart, table, paging), aborts a running job, shows a validation error next to
 * its field, and renders a hostile object key as text. Screenshots go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String KEY = "dashboard-test-key-0123456789";
    private static final String HOSTILE = "docs/<img src=x onerror=window.__xss=1>.txt";

    private TestDatabase db;
    private RunningScanner app;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No Chromium here: install the Debian packages chromium and chromium-driver to run the dashboard tests");
        db = TestDatabase.create();
        app = RunningScanner.start(db, dataDir, Map.of("scanner.apikey", KEY, "scanner.listing.page-size", "1"));
        app.s3.createBucket(b -> b.bucket("dash"));
        for (int i = 0; i < 25; i++) {
            String body = "row " + i + "\nssn 219-09-" + String.format("%04d", 1000 + i) + "\n";
            int n = i;
            app.s3.putObject(b -> b.bucket("dash").key(String.format("docs/file-%02d.txt", n)), RequestBody.fromString(body));
        }
        app.s3.putObject(b -> b.bucket("dash").key(HOSTILE), RequestBody.fromString("mail jane.roe@example.org\n"));
        app.s3.putObject(b -> b.bucket("dash").key("docs/photo.png"), RequestBody.fromBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}));
        app.s3.createBucket(b -> b.bucket("slow"));
        for (int i = 0; i < 300; i++) {
            int n = i;
            app.s3.putObject(b -> b.bucket("slow").key("k/" + n), RequestBody.fromString("nothing " + n));
        }

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        Files.createDirectories(Path.of("target/screenshots"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private void screenshot(String name) throws Exception {
        Files.write(Path.of("target/screenshots/" + name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    @Test
    @Order(1)
    void the_page_asks_for_the_api_key_once_and_keeps_it_for_the_tab() throws Exception {
        browser.get(app.baseUrl() + "/");
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input")));
        input.sendKeys("wrong-key");
        browser.findElement(By.id("key-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("key-error"), "That key was refused."));
        browser.findElement(By.id("key-input")).sendKeys(KEY);
        browser.findElement(By.id("key-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("jobs")));
        Object stored = ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('scanner.apiKey')");
        assertEquals(KEY, stored);
        assertTrue(!browser.getCurrentUrl().contains(KEY), "never in the URL");
        assertTrue(browser.manage().getCookies().isEmpty(), "never in a cookie");
        String csp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
    }

    @Test
    @Order(2)
    void a_validation_error_shows_next_to_its_field() throws Exception {
        browser.get(app.baseUrl() + "/#/new");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("scan-submit"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("error-bucket"), "The field 'bucket' is required"));
        browser.findElement(By.id("f-bucket")).sendKeys("Not_A_Bucket!");
        browser.findElement(By.id("scan-submit")).click();
        wait.until(ExpectedConditions.textMatches(By.id("error-bucket"), java.util.regex.Pattern.compile("Invalid bucket name.*")));
        screenshot("new-scan-validation");
    }

    @Test
    @Order(3)
    void a_scan_started_from_the_form_reaches_100_percent_with_its_findings() throws Exception {
        browser.get(app.baseUrl() + "/#/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("jobs")));
        browser.findElement(By.id("nav-new")).click();
        WebElement bucket = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-bucket")));
        bucket.clear();
        bucket.sendKeys("dash");
        browser.findElement(By.id("f-prefix")).sendKeys("docs/");
        browser.findElement(By.id("scan-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("job-status"), "completed"));
        WebElement bar = browser.findElement(By.cssSelector("#job-summary [role=progressbar]"));
        assertEquals("100", bar.getAttribute("aria-valuenow"));
        assertEquals("27", text("#count-total"));
        assertEquals("1", text("#count-failed"));
        assertTrue(((JavascriptExecutor) browser).executeScript("return document.getElementById('abort').disabled").equals(true),
                "Abort is disabled once the job has finished");

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#detector-chart [data-detector=US_SSN]")));
        assertEquals("25", text("#detector-chart [data-detector=US_SSN] .count"));
        assertEquals("1", text("#detector-chart [data-detector=EMAIL_ADDRESS] .count"));
        assertEquals("docs/photo.png", text("#failed .failed-object td"));
        assertEquals("unsupported format: image", text("#failed .failed-object td:nth-child(2)"));
        screenshot("job-completed");

        // 26 findings, 20 a page.
        wait.until(d -> d.findElements(By.cssSelector("#findings .finding")).size() == 20);
        assertEquals("page 1", text("#findings-page"));
        browser.findElement(By.id("findings-next")).click();
        wait.until(d -> d.findElements(By.cssSelector("#findings .finding")).size() == 6);
        assertEquals("page 2", text("#findings-page"));
        assertTrue(!browser.findElement(By.id("findings-next")).isEnabled());
        browser.findElement(By.id("findings-prev")).click();
        wait.until(d -> d.findElements(By.cssSelector("#findings .finding")).size() == 20);

        browser.get(app.baseUrl() + "/#/");
        wait.until(d -> d.findElements(By.cssSelector("#jobs tr.job")).size() >= 1);
        assertEquals("100", browser.findElement(By.cssSelector("#jobs tr.job [role=progressbar]")).getAttribute("aria-valuenow"));
        screenshot("jobs");
    }

    @Test
    @Order(4)
    void a_hostile_object_key_is_shown_as_text_and_runs_nothing() throws Exception {
        browser.get(app.baseUrl() + "/#/");
        wait.until(d -> d.findElements(By.cssSelector("#jobs tr.job")).size() >= 1);
        browser.findElement(By.cssSelector("#jobs tr.job a")).click();
        WebElement filter = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("filter-detector")));
        filter.sendKeys("EMAIL_ADDRESS");
        browser.findElement(By.id("filter-apply")).click();
        wait.until(d -> d.findElements(By.cssSelector("#findings .finding")).size() == 1);
        assertEquals(HOSTILE, text("#findings .finding .key"));
        assertEquals(List.of(), browser.findElements(By.cssSelector("#findings img, main img")));
        assertEquals(null, ((JavascriptExecutor) browser).executeScript("return window.__xss === undefined ? null : window.__xss"));
        screenshot("hostile-key");
    }

    @Test
    @Order(5)
    void a_running_job_is_aborted_after_a_confirmation() throws Exception {
        // 300 objects listed one per page: the listing takes a while.
        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/scan"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bucket\":\"slow\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String jobId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(started.body()).get("job_id").asText();
        browser.get(app.baseUrl() + "/#/jobs/" + jobId);
        wait.until(ExpectedConditions.textMatches(By.id("job-status"), java.util.regex.Pattern.compile("listing|processing")));
        WebElement abort = browser.findElement(By.id("abort"));
        assertTrue(abort.isEnabled());
        abort.click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss(); // "Cancel": nothing happens
        assertTrue(!text("#job-status").equals("aborted"));
        browser.findElement(By.id("abort")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBe(By.id("job-status"), "aborted"));
        assertTrue(!browser.findElement(By.id("abort")).isEnabled(), "disabled once aborted");
        screenshot("job-aborted");
    }

    @Test
    @Order(6)
    void on_a_phone_sized_screen_the_jobs_still_read() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(app.baseUrl() + "/#/");
        wait.until(d -> d.findElements(By.cssSelector("#jobs tr.job")).size() >= 2);
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth + 1");
        assertEquals(false, overflow, "no sideways scrolling");
        screenshot("jobs-phone");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }

    @Test
    @Order(7)
    void schedules_are_added_paused_and_deleted_from_their_page() throws Exception {
        browser.get(app.baseUrl() + "/#/schedules");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("schedule-submit")));
        browser.findElement(By.id("s-bucket")).sendKeys("dash");
        browser.findElement(By.id("s-cron")).sendKeys("0 0 3 * *"); // Unix cron: five fields
        browser.findElement(By.id("schedule-submit")).click();
        wait.until(ExpectedConditions.textMatches(By.id("schedule-error-cron"), java.util.regex.Pattern.compile(".*[Cc]ron.*")));

        browser.findElement(By.id("s-cron")).clear();
        browser.findElement(By.id("s-cron")).sendKeys("0 0 3 * * ?");
        browser.findElement(By.id("s-incremental")).click();
        browser.findElement(By.id("schedule-submit")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#schedules tr.schedule")));
        assertTrue(row.getText().contains("s3://dash/") && row.getText().contains("0 0 3 * * ?") && row.getText().contains("incremental"),
                row.getText());
        String id = row.getAttribute("data-schedule");
        assertEquals("dash", new com.fasterxml.jackson.databind.ObjectMapper().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(app.baseUrl() + "/schedules/" + id)).header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("bucket").asText());

        browser.findElement(By.cssSelector("#schedules [data-action=pause]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#schedules tr.schedule td.next"), "paused"));
        screenshot("schedules");
        browser.findElement(By.cssSelector("#schedules [data-action=delete]")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> d.findElements(By.cssSelector("#schedules tr.schedule")).isEmpty());
    }

    /** More schedules than one page of the API holds (100 by default): the page lists every one. */
    @Test
    @Order(8)
    void every_schedule_is_listed_beyond_the_first_page() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 103; i++) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/schedules"))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"bucket\":\"dash\",\"prefix\":\"p" + i + "/\",\"cron\":\"0 0 3 * * ?\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
        }
        browser.get(app.baseUrl() + "/#/"); // the page may still show the schedules: go there anew
        browser.get(app.baseUrl() + "/#/schedules");
        wait.until(d -> d.findElements(By.cssSelector("#schedules tr.schedule")).size() == 103);
    }
}
