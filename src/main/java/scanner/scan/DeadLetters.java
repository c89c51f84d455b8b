package scanner.scan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import scanner.scan.ObjectRepository;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The dead-letter queue, for operators: what it holds (each message with its object's state in
 * the database), and a re-drive that moves every message back to the scan queue. A re-driven
 * object that had failed is {@code queued} again, so it is scanned anew.
 */
public class DeadLetters {

    private static final String OBJECT = "SELECT status, error FROM job_objects WHERE job_id = ? AND key = ?";

    private final SqsClient sqs;
    private final DataSource dataSource;
    private final ObjectRepository objects;
    private final String queue;
    private final String deadLetterQueue;

    public DeadLetters(SqsClient sqs, DataSource dataSource, ObjectRepository objects, String queue,
                       String deadLetterQueue) {
        this.sqs = sqs;
        this.dataSource = dataSource;
        this.objects = objects;
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
    }

    /** One dead-lettered message (a work unit) and what the database says of each of its objects. */
    public record Letter(@JsonProperty("job_id") String jobId, @JsonProperty("receive_count") int receiveCount,
                         @JsonProperty("objects") List<LetterObject> objects, @JsonProperty("error") String error) {
    }

    /** An object of a dead-lettered unit: its state in the database. */
    public record LetterObject(@JsonProperty("key") String key, @JsonProperty("status") String status,
                               @JsonProperty("error") String error) {
    }

    /** Up to {@code limit} messages, left on the queue (received with a visibility timeout of 0). */
    public Map<String, Object> peek(int limit) throws SQLException {
        String url = url(deadLetterQueue);
        Map<String, Letter> seen = new LinkedHashMap<>();
        // SQS hands out up to 10 messages a call, some of them again: a few calls per ten asked, no more.
        int maxCalls = 3 * ((limit + 9) / 10);
        for (int round = 0; round < maxCalls && seen.size() < limit; round++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            int before = seen.size();
            for (Message m : messages) {
                if (seen.size() < limit) {
                    seen.computeIfAbsent(m.messageId(), id -> letter(m));
                }
            }
            if (messages.isEmpty() || seen.size() == before) {
                break;
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queue", deadLetterQueue);
        answer.put("approximate_messages", Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
        answer.put("messages", new ArrayList<>(seen.values()));
        return answer;
    }

    /** Moves every message back to the scan queue; their failed objects become queued again. */
    public Map<String, Object> redrive() throws SQLException {
        String from = url(deadLetterQueue);
        String to = url(queue);
        int moved = 0;
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(from).maxNumberOfMessages(10)
                    .visibilityTimeout(60)).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message m : messages) {
                ScanBatch unit = parse(m.body());
                if (unit != null) {
                    objects.requeueFailed(unit);
                }
            }
            sqs.sendMessageBatch(b -> b.queueUrl(to).entries(messages.stream().map(m -> SendMessageBatchRequestEntry
                    .builder().id(m.messageId()).messageBody(m.body()).build()).toList()));
            sqs.deleteMessageBatch(b -> b.queueUrl(from).entries(messages.stream().map(m -> DeleteMessageBatchRequestEntry
                    .builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
            moved += messages.size();
        }
        return Map.of("queue", deadLetterQueue, "redriven", moved);
    }

    private Letter letter(Message m) {
        ScanBatch unit = parse(m.body());
        int receives = Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0"));
        if (unit == null) {
            return new Letter(null, receives, List.of(), "not a scan message");
        }
        List<LetterObject> objects = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OBJECT)) {
            for (ScanBatch.Item item : unit.objects()) {
                ps.setObject(1, unit.jobId());
                ps.setString(2, item.key());
                try (ResultSet rs = ps.executeQuery()) {
                    objects.add(rs.next() ? new LetterObject(item.key(), rs.getString(1), rs.getString(2))
                            : new LetterObject(item.key(), null, "no such object"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Letter(unit.jobId().toString(), receives, objects, null);
    }

    private static ScanBatch parse(String body) {
        try {
            return ScanBatch.parse(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private String url(String name) {
        return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }
}
