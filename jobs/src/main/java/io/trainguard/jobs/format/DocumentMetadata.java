package io.trainguard.jobs.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.classifiers.ColumnClassifier.ColumnPlan;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.tika.metadata.Metadata;

/**
 * A document's Tika metadata as JSON, {@code {"embedded": [...], "metadata": {...}}} with keys
 * sorted, every value redacted as it reads once its RFC 2047 encoded words are decoded: fields
 * that name people (author, creator, last modified by, manager, ...) or mail addresses (from,
 * to, cc, ...) are redacted whole as {@code PERSON} or {@code EMAIL_ADDRESS} whatever the
 * detector says; the rest get span detection like a column's values, the field's name the
 * context (a property {@code Employee SSN}). A value the policy would quarantine or
 * drop as a record is left out. Tika's own exception traces are never written.
 */
public final class DocumentMetadata {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> MAIL_WORDS = Set.of("from", "to", "cc", "bcc", "sender",
      "recipient", "recipients", "email", "mail", "replyto", "addressee");
  private static final List<String> PERSON_WORDS = List.of("author", "creator", "modifiedby",
      "modifier", "contributor", "owner", "manager", "publisher", "editor", "person", "signer");

  private final ValueProtector protector;
  private final String file;
  private final FileStats stats;

  private DocumentMetadata(ValueProtector protector, String file, FileStats stats) {
    this.protector = protector;
    this.file = file;
    this.stats = stats;
  }

  /** Writes the redacted metadata of {@code extracted} to {@code out}, counting findings. */
  public static void write(DocumentExtractor.Extracted extracted, ValueProtector protector,
      String file, FileStats stats, Writer out) throws IOException {
    DocumentMetadata writer = new DocumentMetadata(protector, file, stats);
    ObjectNode root = JSON.createObjectNode();
    ArrayNode embedded = root.putArray("embedded");
    for (int i = 0; i < extracted.embedded().size(); i++) {
      embedded.add(writer.redacted(extracted.embedded().get(i), "embedded " + (i + 1)));
    }
    root.set("metadata", writer.redacted(extracted.metadata(), "document"));
    out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    out.write('\n');
  }

  private ObjectNode redacted(Metadata metadata, String position) {
    ObjectNode node = JSON.createObjectNode();
    String recordId = RecordRedactor.recordId(file, null, "metadata of " + position);
    for (String key : new TreeSet<>(Arrays.asList(metadata.names()))) {
      if (key.startsWith("X-TIKA:EXCEPTION:")) {
        continue; // stack traces of the parser, which may quote the document
      }
      String entity = forcedEntity(key);
      ArrayNode values = JSON.createArrayNode();
      for (String raw : metadata.getValues(key)) {
        // a mail header Tika leaves as written may hold RFC 2047 encoded words (=?UTF-8?B?...?=)
        String value = raw.contains("=?")
            ? DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT) : raw;
        ValueProtector.Outcome outcome = entity == null
            ? protector.protect(value, key, recordId,
                new ValueProtector.CountingSink(stats).value("metadata:" + key))
            : protector.protectWhole(new ColumnPlan(key, entity, 1.0, 0,
                "document metadata field"), value, null, recordId,
                new ValueProtector.CountingSink(stats).value("metadata:" + key));
        if (outcome.action() == null) {
          values.add(outcome.value());
        }
      }
      String shownKey = protector.names().field(key);
      if (values.size() == 1) {
        node.set(shownKey, values.get(0));
      } else if (!values.isEmpty()) {
        node.set(shownKey, values);
      }
    }
    return node;
  }

  /** {@code PERSON} or {@code EMAIL_ADDRESS} for fields about people, else null. */
  static String forcedEntity(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    for (String word : lower.split("[^a-z0-9]+")) {
      if (MAIL_WORDS.contains(word)) {
        return "EMAIL_ADDRESS";
      }
    }
    String letters = lower.replaceAll("[^a-z]", "");
    if (!letters.contains("tool") && PERSON_WORDS.stream().anyMatch(letters::contains)) {
      return "PERSON";
    }
    return null;
  }
}
