package scanner.health;

/** Something the scanner needs to do its work: PostgreSQL, S3, SQS, Step Functions. */
public interface Dependency {

    /** The name shown in health answers: "database", "s3", "sqs", "stepfunctions". */
    String name();

    /** Asks the dependency for an answer: null when it answers, else why it does not. */
    String problem();
}
