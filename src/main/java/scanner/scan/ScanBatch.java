package scanner.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A work unit: one SQS message asking for the scan of up to {@link #MAX_OBJECTS} objects of one job
 * (or one large object alone), carrying what a scanner needs so it reads no row before starting.
 * A message of the earlier one-object shape ({@code {"job_id","bucket","key","size"}}) is read as a
 * unit of one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanBatch(
        @JsonProperty("job_id") UUID jobId,
        @JsonProperty("bucket") String bucket,
        @JsonProperty("max_size") Long maxSize,
        @JsonProperty("objects") List<Item> objects) {

    /** Objects per unit: a hundredth of the messages, and a batch small enough to redo. */
    public static final int MAX_OBJECTS = 100;
    /** Bytes per unit: a unit of many objects stays a few seconds of work; a larger object goes alone. */
    public static final long MAX_BYTES = 8L * 1024 * 1024;

    private static final ObjectMapper JSON = scanner.config.Json.MAPPER;

    /** One object of a unit. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(@JsonProperty("key") String key, @JsonProperty("size") long size) {
    }

    /** The objects as one-object messages (the shape the claims and the sweeps use). */
    public List<ScanMessage> messages() {
        List<ScanMessage> messages = new ArrayList<>(objects.size());
        for (Item item : objects) {
            messages.add(new ScanMessage(jobId, bucket, item.key(), item.size(), maxSize));
        }
        return messages;
    }

    /** Reads a message body of either shape; a body that is neither is an IOException. */
    public static ScanBatch parse(String body) throws IOException {
        JsonNode node = JSON.readTree(body);
        if (node == null || !node.isObject()) {
            throw new IOException("not a scan message");
        }
        if (node.has("objects")) {
            ScanBatch batch = JSON.treeToValue(node, ScanBatch.class);
            if (batch.jobId() == null || batch.bucket() == null || batch.objects() == null || batch.objects().isEmpty()
                    || batch.objects().stream().anyMatch(i -> i == null || i.key() == null)) {
                throw new IOException("incomplete scan message");
            }
            return batch;
        }
        ScanMessage one = JSON.treeToValue(node, ScanMessage.class);
        if (one.jobId() == null || one.bucket() == null || one.key() == null) {
            throw new IOException("incomplete scan message");
        }
        return new ScanBatch(one.jobId(), one.bucket(), one.maxSize(), List.of(new Item(one.key(), one.size())));
    }

    /**
     * Groups objects into units: consecutive objects of one job (and size limit), at most
     * {@link #MAX_OBJECTS} and {@link #MAX_BYTES} per unit; an object larger than that goes alone.
     */
    public static List<ScanBatch> group(List<ScanMessage> messages) {
        List<ScanBatch> units = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        ScanMessage first = null;
        long bytes = 0;
        for (ScanMessage m : messages) {
            boolean sameUnit = first != null && first.jobId().equals(m.jobId()) && first.bucket().equals(m.bucket())
                    && Objects.equals(first.maxSize(), m.maxSize());
            if (first != null && (!sameUnit || items.size() == MAX_OBJECTS || bytes + m.size() > MAX_BYTES)) {
                units.add(new ScanBatch(first.jobId(), first.bucket(), first.maxSize(), items));
                items = new ArrayList<>();
                bytes = 0;
                first = null;
            }
            if (first == null) {
                first = m;
            }
            items.add(new Item(m.key(), m.size()));
            bytes += m.size();
        }
        if (first != null) {
            units.add(new ScanBatch(first.jobId(), first.bucket(), first.maxSize(), items));
        }
        return units;
    }
}
