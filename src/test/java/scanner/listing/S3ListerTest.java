package scanner.listing;

import scanner.support.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.aws.AwsClients;
import scanner.config.ScannerConfig;
import scanner.local.LocalServers;
import scanner.scan.ScanMessages;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Paging through the embedded S3 server, with the next page fetched ahead. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ListerTest {

    private LocalServers servers;
    private S3Client s3;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Map<String, String> properties = Map.of("scanner.db.url", "jdbc:postgresql://unused/unused",
                "scanner.local.data-dir", dir.toString(),
                "scanner.local.s3-port", Integer.toString(FreePorts.next()), "scanner.local.sqs-port", Integer.toString(FreePorts.next()));
        servers = new LocalServers(ScannerConfig.from(k -> Optional.ofNullable(properties.get(k)))).startAll();
        s3 = AwsClients.s3("us-east-1", servers.s3Endpoint(), true);
        s3.createBucket(b -> b.bucket("pages"));
        for (int i = 0; i < 25; i++) {
            String key = String.format(Locale.ROOT, "k/%02d", i);
            s3.putObject(b -> b.bucket("pages").key(key), RequestBody.fromString("x"));
        }
    }

    @AfterAll
    void stop() {
        s3.close();
        servers.close();
    }

    @Test
    void every_key_comes_once_in_order_while_the_next_page_is_fetched_ahead() {
        S3Lister lister = new S3Lister(s3, 10);
        ListingJob job = new ListingJob(java.util.UUID.randomUUID(), "pages", "k/", null);
        List<String> keys = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Boolean> aheadAfterPage = new ArrayList<>();
        while (job.isHasMorePages()) {
            ListingPage page = lister.nextPage(job);
            aheadAfterPage.add(job.isPrefetching());
            page.objects().forEach(o -> keys.add(o.key()));
            sizes.add(page.objects().size());
            job.advance(page.nextToken(), page.objects().size());
        }

        assertEquals(List.of(10, 10, 5), sizes);
        assertEquals(List.of(true, true, false), aheadAfterPage, "the page after each truncated one is fetched ahead");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(String.format(Locale.ROOT, "k/%02d", i));
        }
        assertEquals(expected, keys);
    }

    @Test
    void a_job_resumed_elsewhere_fetches_its_page_itself() {
        S3Lister lister = new S3Lister(s3, 10);
        ListingJob first = new ListingJob(java.util.UUID.randomUUID(), "pages", "k/", null);
        String token = lister.nextPage(first).nextToken();

        ListingJob resumed = new ListingJob(first.getJobId(), "pages", "k/", token);
        ListingPage second = lister.nextPage(resumed);

        assertEquals("k/10", second.objects().get(0).key());
        assertNull(resumed.takePrefetched("another token"), "a prefetched page is used only for its own token");
    }

    @Test
    void an_error_in_the_page_fetched_ahead_is_thrown_as_itself() {
        S3Lister lister = new S3Lister(s3, 10);
        ListingJob job = new ListingJob(java.util.UUID.randomUUID(), "pages", "k/", "token-2");
        NoSuchBucketException gone = NoSuchBucketException.builder().message("The specified bucket does not exist").build();
        job.prefetched("token-2", java.util.concurrent.CompletableFuture.failedFuture(gone));

        NoSuchBucketException thrown = assertThrows(NoSuchBucketException.class, () -> lister.nextPage(job));

        assertEquals(gone, thrown);
        assertTrue(ScanMessages.isPermanentListingError(thrown), "so the listing fails at once, as for a page fetched in line");
    }

}
