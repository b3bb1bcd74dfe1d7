package io.trainguard.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny dataset with its exact expected redaction, shared by job and S3 tests. */
public final class Datasets {

  public static final String PEOPLE_CSV = """
      record_id,email,card,note,label,score
      1,ana.perez@example.com,4111 1111 1111 1111,call 212-555-0187 after 5,1,0.25
      2,bo@example.org,5500-0000-0000-0004,order 1234567812345678 shipped,0,1.5
      3,,,"nothing here, see page 12",1,2.0
      """;

  public static final String PEOPLE_CSV_REDACTED = """
      record_id,email,card,note,label,score
      1,<EMAIL_ADDRESS>,<CREDIT_CARD>,call <PHONE_NUMBER> after 5,1,0.25
      2,<EMAIL_ADDRESS>,<CREDIT_CARD>,order 1234567812345678 shipped,0,1.5
      3,,,"nothing here, see page 12",1,2.0
      """;

  public static final String NOTES_JSONL = """
      {"record_id": "a", "text": "SSN 536-22-8049 and ip 10.1.2.3", "label": "pos"}
      {"record_id": "b", "text": "invoice 000-12-3456 is not an SSN", "label": "neg"}
      """;

  public static final String NOTES_JSONL_REDACTED = """
      {"record_id": "a", "text": "SSN <US_SSN> and ip <IP_ADDRESS>", "label": "pos"}
      {"record_id": "b", "text": "invoice 000-12-3456 is not an SSN", "label": "neg"}
      """;

  private Datasets() {}

  /** Writes people.csv and sub/notes.jsonl under {@code dir}. */
  public static Path write(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("people.csv"), PEOPLE_CSV);
    Files.writeString(dir.resolve("sub/notes.jsonl"), NOTES_JSONL);
    return dir;
  }
}
