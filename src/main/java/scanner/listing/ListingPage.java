package scanner.listing;

import java.util.List;

/** One page of a bucket listing: the objects to scan and where the next page starts (null at the end). */
public record ListingPage(List<ListedObject> objects, String nextToken) {

    public record ListedObject(String key, long size, String etag) {
    }
}
