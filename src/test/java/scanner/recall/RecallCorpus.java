package scanner.recall;

import java.util.ArrayList;
import java.util.List;

/**
 * Labeled files of the kinds where personal data and secrets really sit in buckets: HR and CRM
 * exports (CSV, TSV, with many columns, quoted fields and numeric neighbours), JSON API dumps,
 * NDJSON event streams, application logs, SQL dumps, YAML and .env configuration, and e-mails.
 * Every planted value is labeled with its detector and byte range; everything else in the files
 * (ids, amounts, dates, addresses, versions, hashes) is ordinary and must raise nothing.
 */
final class RecallCorpus {

    /** One planted value: where it starts and ends in its file, and which detector must find it. */
    record Label(String detector, int start, int end) {
    }

    /** One file: its kind ("csv", "log", ...), name, text and labels. */
    record File(String kind, String name, String text, List<Label> labels) {
    }

    static final List<String> KINDS = List.of("csv", "tsv", "json", "ndjson", "log", "sql", "yaml", "env", "email");

    private final Values v;

    RecallCorpus(long seed) {
        this.v = new Values(seed);
    }

    /** {@code perKind} files of every kind. */
    List<File> files(int perKind) {
        List<File> files = new ArrayList<>();
        for (int i = 0; i < perKind; i++) {
            files.add(csv(i));
            files.add(tsv(i));
            files.add(json(i));
            files.add(ndjson(i));
            files.add(log(i));
            files.add(sql(i));
            files.add(yaml(i));
            files.add(env(i));
            files.add(email(i));
        }
        return files;
    }

    /** Text under construction with its labels. */
    private static final class Doc {
        final StringBuilder text = new StringBuilder();
        final List<Label> labels = new ArrayList<>();

        Doc add(Object... parts) {
            for (Object part : parts) {
                text.append(part);
            }
            return this;
        }

        Doc plant(String detector, String value) {
            labels.add(new Label(detector, text.length(), text.length() + value.length()));
            text.append(value);
            return this;
        }

        File file(String kind, String name) {
            return new File(kind, name, text.toString(), labels);
        }
    }

    private String quoted(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** An HR export: 12 columns, names quoted, phone and SSN between numeric and date columns. */
    private File csv(int n) {
        Doc d = new Doc().add("employee_id,full_name,work_email,phone,ssn,hire_date,salary,dept_id,zip,iban,manager_id,status\n");
        for (int row = 0; row < 40; row++) {
            d.add(1000 + row, ",", quoted(v.name()), ",").plant("EMAIL_ADDRESS", v.email()).add(",");
            String phone = v.phone();
            if (v.r.nextInt(4) == 0) {
                d.add("\"").plant("PHONE_NUMBER", phone).add("\"");
            } else {
                d.plant("PHONE_NUMBER", phone);
            }
            d.add(",").plant("US_SSN", v.ssn()).add(",", v.date(), ",", v.amount(), ",", v.between(1, 40), ",", v.zip(), ",")
                    .plant("IBAN", v.iban()).add(",", v.between(1000, 1040), ",", v.pick(List.of("active", "remote", "leave")), "\n");
        }
        return d.file("csv", "exports/hr/employees-" + n + ".csv");
    }

    /** A CRM export, tab-separated: revenue and counts beside the contact's phone and card. */
    private File tsv(int n) {
        Doc d = new Doc().add("account\tcompany\tcontact\temail\tphone\tseats\trevenue\tcard_on_file\tcreated\n");
        for (int row = 0; row < 40; row++) {
            d.add("ACC", 50_000 + row, "\t", v.last(), " Holdings\t", v.name(), "\t").plant("EMAIL_ADDRESS", v.email()).add("\t")
                    .plant("PHONE_NUMBER", v.phone()).add("\t", v.between(1, 500), "\t", v.amount(), "\t")
                    .plant("CREDIT_CARD", v.card()).add("\t", v.timestamp(), "\n");
        }
        return d.file("tsv", "exports/crm/accounts-" + n + ".tsv");
    }

    /** A pretty-printed API dump of customers, with payment details and an API token. */
    private File json(int n) {
        Doc d = new Doc().add("{\n  \"page\": ", n + 1, ",\n  \"request_id\": \"", v.uuid(), "\",\n  \"customers\": [\n");
        for (int i = 0; i < 15; i++) {
            d.add("    {\n      \"id\": ", 700_000 + i, ",\n      \"name\": \"", v.name(), "\",\n      \"email\": \"").plant("EMAIL_ADDRESS", v.email())
                    .add("\",\n      \"phone\": \"").plant("PHONE_NUMBER", v.phone())
                    .add("\",\n      \"orders\": ", v.between(0, 90), ",\n      \"lifetime_value\": ", v.amount(),
                            ",\n      \"payment\": {\"type\": \"card\", \"number\": \"").plant("CREDIT_CARD", v.card())
                    .add("\", \"exp\": \"", v.between(1, 12), "/", v.between(27, 31), "\"},\n      \"updated_at\": \"", v.timestamp(),
                            "\"\n    }", i < 14 ? "," : "", "\n");
        }
        d.add("  ],\n  \"service_token\": \"").plant("JWT", v.jwt()).add("\"\n}\n");
        return d.file("json", "dumps/api/customers-page-" + n + ".json");
    }

    /** Events one JSON object per line: signups, payouts, webhook configs. */
    private File ndjson(int n) {
        Doc d = new Doc();
        for (int i = 0; i < 40; i++) {
            d.add("{\"ts\":\"", v.timestamp(), "\",\"event\":");
            switch (i % 4) {
                case 0 -> d.add("\"signup\",\"user\":{\"email\":\"").plant("EMAIL_ADDRESS", v.email()).add("\",\"phone\":\"")
                        .plant("PHONE_NUMBER", v.phone()).add("\"},\"ip\":\"", v.ip(), "\"}\n");
                case 1 -> d.add("\"payout\",\"amount\":", v.amount(), ",\"iban\":\"").plant("IBAN", v.iban())
                        .add("\",\"ref\":\"", v.orderNumber(), "\"}\n");
                case 2 -> d.add("\"integration\",\"slack_webhook\":\"").plant("SLACK_TOKEN", v.slack())
                        .add("\",\"retries\":", v.between(0, 5), "}\n");
                default -> d.add("\"kyc\",\"ssn\":\"").plant("US_SSN", v.ssn()).add("\",\"score\":", v.between(300, 850), "}\n");
            }
        }
        return d.file("ndjson", "events/" + v.date() + "/part-" + n + ".ndjson");
    }

    /** An application log: requests, SMS sends, a leaked bearer token and AWS keys in a stack of config. */
    private File log(int n) {
        Doc d = new Doc();
        for (int i = 0; i < 60; i++) {
            d.add(v.timestamp(), " ", v.pick(List.of("INFO ", "WARN ", "DEBUG")), " [", v.pick(List.of("http-nio-8080-exec-3", "worker-7", "main")), "] ");
            switch (i % 6) {
                case 0 -> d.add("GET /api/v2/orders/", v.orderNumber(), " 200 ", v.between(2, 900), "ms from ", v.ip(), "\n");
                case 1 -> d.add("sms sent to ").plant("PHONE_NUMBER", v.phone()).add(" template=otp id=", v.uuid(), "\n");
                case 2 -> d.add("password reset requested for ").plant("EMAIL_ADDRESS", v.email()).add(" from ", v.ip(), "\n");
                case 3 -> d.add("upstream call failed: Authorization: Bearer ").plant("JWT", v.jwt()).add(" (status 401)\n");
                case 4 -> d.add("loaded credentials aws_access_key_id=").plant("AWS_ACCESS_KEY_ID", v.awsKeyId())
                        .add(" aws_secret_access_key=").plant("AWS_SECRET_ACCESS_KEY", v.awsSecret()).add(" region=eu-west-1\n");
                default -> d.add("build ", v.version(), " commit ", v.sha(), " deployed in ", v.between(10, 600), "s\n");
            }
        }
        return d.file("log", "logs/app/" + v.date() + "/app-" + n + ".log");
    }

    /** A pg_dump-style SQL dump: multi-row INSERTs with personal data beside numeric columns. */
    private File sql(int n) {
        Doc d = new Doc().add("-- PostgreSQL database dump\nSET statement_timeout = 0;\n\nCREATE TABLE public.patients (\n"
                + "    id integer NOT NULL,\n    name text,\n    ssn text,\n    phone text,\n    email text,\n    visits integer\n);\n\n"
                + "INSERT INTO public.patients (id, name, ssn, phone, email, visits) VALUES\n");
        for (int i = 0; i < 30; i++) {
            d.add("(", 1 + i, ", '", v.name().replace("'", "''"), "', '").plant("US_SSN", v.ssn()).add("', '").plant("PHONE_NUMBER", v.phone())
                    .add("', '").plant("EMAIL_ADDRESS", v.email()).add("', ", v.between(0, 40), ")", i < 29 ? ",\n" : ";\n");
        }
        d.add("\nINSERT INTO public.payment_methods VALUES (1, ", v.between(1, 30), ", '").plant("CREDIT_CARD", v.card())
                .add("', '", v.date(), "');\n");
        return d.file("sql", "backups/db/dump-" + n + ".sql");
    }

    /** A service's configuration: every kind of credential, and a key as a block scalar. */
    private File yaml(int n) {
        Doc d = new Doc().add("service:\n  name: billing\n  version: ", v.version(), "\n  replicas: ", v.between(1, 9), "\n")
                .add("aws:\n  region: us-east-1\n  access_key_id: ").plant("AWS_ACCESS_KEY_ID", v.awsKeyId())
                .add("\n  secret_access_key: ").plant("AWS_SECRET_ACCESS_KEY", v.awsSecret())
                .add("\nintegrations:\n  github_token: ").plant("GITHUB_TOKEN", v.github())
                .add("\n  slack:\n    bot_token: \"").plant("SLACK_TOKEN", v.slack())
                .add("\"\n  stripe:\n    secret_key: ").plant("STRIPE_KEY", v.stripe())
                .add("\n    timeout_ms: ", v.between(1000, 30000), "\n  maps_api_key: ").plant("GOOGLE_API_KEY", v.google())
                .add("\noncall:\n  email: ").plant("EMAIL_ADDRESS", v.email()).add("\n  phone: \"").plant("PHONE_NUMBER", v.phone())
                .add("\"\ntls:\n  key: |\n");
        String key = v.privateKey("\n    ");
        d.add("    ").plant("PRIVATE_KEY", key).add("\n");
        return d.file("yaml", "config/" + n + "/values.yaml");
    }

    /** A .env file: one credential per line, a JSON-escaped key as tools write it. */
    private File env(int n) {
        Doc d = new Doc().add("NODE_ENV=production\nPORT=", v.between(3000, 9000), "\nDATABASE_URL=postgres://app@db:5432/app\n")
                .add("AWS_ACCESS_KEY_ID=").plant("AWS_ACCESS_KEY_ID", v.awsKeyId())
                .add("\nAWS_SECRET_ACCESS_KEY=").plant("AWS_SECRET_ACCESS_KEY", v.awsSecret())
                .add("\nGITHUB_TOKEN=").plant("GITHUB_TOKEN", v.github())
                .add("\nSLACK_BOT_TOKEN=").plant("SLACK_TOKEN", v.slack())
                .add("\nSTRIPE_SECRET_KEY=").plant("STRIPE_KEY", v.stripe())
                .add("\nGOOGLE_API_KEY=").plant("GOOGLE_API_KEY", v.google())
                .add("\nSESSION_JWT=").plant("JWT", v.jwt())
                .add("\nSUPPORT_PHONE=").plant("PHONE_NUMBER", v.phone())
                .add("\nFIREBASE_PRIVATE_KEY=\"").plant("PRIVATE_KEY", v.privateKey("\\n")).add("\"\nCACHE_TTL=", v.between(60, 3600), "\n");
        return d.file("env", "deploy/" + n + "/.env");
    }

    /** An e-mail: headers, a reply with a signature, payment details for a refund. */
    private File email(int n) {
        String from = v.first();
        Doc d = new Doc().add("Return-Path: <").plant("EMAIL_ADDRESS", v.email()).add(">\nMessage-ID: <", v.uuid(), "@mx.globex.io>\n")
                .add("Date: Mon, ", v.between(1, 28), " Oct 2025 ", v.between(10, 23), ":", v.between(10, 59), ":00 +0000\n")
                .add("From: ", from, " <").plant("EMAIL_ADDRESS", v.email()).add(">\nTo: refunds <").plant("EMAIL_ADDRESS", v.email())
                .add(">\nSubject: Refund for order ", v.orderNumber(), "\n\nHello,\n\nplease refund the ", v.amount(),
                        " EUR to my account ").plant("IBAN", v.iban()).add(".\nThe card I paid with was ").plant("CREDIT_CARD", v.card())
                .add(", and my SSN for the tax form is ").plant("US_SSN", v.ssn()).add(".\n\nThanks,\n", from, "\nMobile: ")
                .plant("PHONE_NUMBER", v.phone()).add("\n\n> On ", v.date(), " support wrote:\n> Ticket #", v.between(10000, 99999),
                        " was opened. Call us at ").plant("PHONE_NUMBER", v.phone()).add(".\n");
        return d.file("email", "mail/inbox/" + n + ".eml");
    }
}
