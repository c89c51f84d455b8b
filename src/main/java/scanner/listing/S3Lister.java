package scanner.listing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists a bucket one page at a time with ListObjectsV2 and its continuation token (the aws2-s3
 * component's listObjects uses the V1 call and stops after the first 1,000 keys). While the route
 * records and enqueues one page, the next is already being fetched.
 */
public class S3Lister {

    private final S3Client s3;
    private final int pageSize;
    private final ExecutorService prefetcher = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "s3-list-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    public S3Lister(S3Client s3, int pageSize) {
        this.s3 = s3;
        this.pageSize = pageSize;
    }

    /** The job's next page (fetched ahead when the previous page was returned), and starts fetching the one after. */
    public ListingPage nextPage(ListingJob job) {
        String token = job.getContinuationToken();
        CompletableFuture<ListingPage> ahead = job.takePrefetched(token);
        ListingPage page = ahead != null ? await(ahead) : fetch(job, token);
        if (page.nextToken() != null && job.wantsPrefetch()) {
            String next = page.nextToken();
            job.prefetched(next, CompletableFuture.supplyAsync(() -> fetch(job, next), prefetcher));
        }
        return page;
    }

    private static ListingPage await(CompletableFuture<ListingPage> ahead) {
        try {
            return ahead.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause; // as if fetched here: the listing's error policy reads it
            }
            throw e;
        }
    }

    private ListingPage fetch(ListingJob job, String continuationToken) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                .bucket(job.getBucket())
                .maxKeys(pageSize)
                .continuationToken(continuationToken);
        if (!job.getPrefix().isEmpty()) {
            request.prefix(job.getPrefix());
        }
        ListObjectsV2Response response = s3.listObjectsV2(request.build());
        List<ListingPage.ListedObject> objects = new ArrayList<>(response.contents().size());
        for (S3Object object : response.contents()) {
            if (isFolderMarker(object) || !job.getOptions().accepts(object.key(), object.lastModified())) {
                continue;
            }
            objects.add(new ListingPage.ListedObject(object.key(), object.size(), object.eTag()));
        }
        String next = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
        return new ListingPage(objects, next);
    }

    /**
     * Keys ending in "/" are folder placeholders (the S3 console's, or directories listed by a
     * filesystem-backed S3 server): never counted, never scanned.
     */
    static boolean isFolderMarker(S3Object object) {
        return object.key().endsWith("/");
    }
}
