package io.trainguard.jobs.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Manifests for report and lineage tests, shaped like {@code protect}'s. No data values. */
public final class SampleManifests {

  public static final String RUN_ID = "224357f0-9031-4b27-a762-aefde6c04edf";
  public static final String INPUT_ROOT = "file:/tmp/tg/demo/input/";
  public static final String OUTPUT_ROOT = "file:/tmp/tg/demo/output/";
  public static final String CSV_URI = INPUT_ROOT + "customers.csv";
  public static final String JSONL_URI = INPUT_ROOT + "support/tickets.jsonl";

  private SampleManifests() {}

  /** The demo run today: two inputs, five entities, all local, gate passed. */
  public static ObjectNode demo() {
    return parse("""
        {
          "manifest_version": 1,
          "run": {
            "id": "%s", "tool": "trainguard", "version": "0.1.0-SNAPSHOT",
            "started": "2026-11-25T19:50:37.022572428Z",
            "finished": "2026-11-25T19:50:39.500321113Z",
            "command_line": "trainguard protect --input /tmp/tg/demo/input --output /tmp/tg/demo/output --key local:/tmp/tg/demo/keyring.json",
            "input": "%s", "output": "%s",
            "spark": {"app_id": "local-1795636236315", "master": "local[*]", "version": "4.2.0"}
          },
          "config": {
            "key_id": "tg-2f85851015fb5671", "threshold": 0.5,
            "recognizers": [{"name": "email", "entity": "EMAIL_ADDRESS"},
                            {"name": "credit_card", "entity": "CREDIT_CARD"}]
          },
          "inputs": [
            {"path": "customers.csv", "uri": "%s", "format": "csv", "size": 147168,
             "sha256": "0acddcf58b4610a92e56d652549e097bdf81915e0ad8b474e32493f8f2a10d1f",
             "records": 1000,
             "column_plan": [
               {"column": "email", "entity": "EMAIL_ADDRESS", "confidence": 1.0,
                "sample_size": 100, "sample": "first records", "reason": "name hint and 100/100 values"},
               {"column": "ssn", "entity": "US_SSN", "confidence": 0.98,
                "sample_size": 100, "sample": "first records", "reason": "98/100 values"}
             ]},
            {"path": "support/tickets.jsonl", "uri": "%s", "format": "jsonl", "size": 180503,
             "sha256": "7b8ffe0f7e2dd0d3eff5e4bd2f4daa35e97aea8fda150de71085e108a1a8e1c8",
             "records": 1000, "column_plan": []}
          ],
          "outputs": [
            {"path": "data/customers.csv.enc", "source": "customers.csv", "kind": "data",
             "size": 127833,
             "sha256": "a56f018453168d1119c6a95d2cad3fdae1e8aee7a96a08c2a1e20250e0a40322",
             "records": 1000,
             "encryption": {"format": "aws-encryption-sdk",
               "algorithm": "ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384",
               "key_id": "tg-2f85851015fb5671",
               "context": {"trainguard:path": "data/customers.csv.enc", "trainguard:run": "%s"}}},
            {"path": "data/support/tickets.jsonl.enc", "source": "support/tickets.jsonl",
             "kind": "data", "size": 171608,
             "sha256": "9e4e2e7580c12afe588b9db1ff73494069c6dff559d0511758301608caf0e4e2",
             "records": 1000,
             "encryption": {"format": "aws-encryption-sdk",
               "algorithm": "ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384",
               "key_id": "tg-2f85851015fb5671",
               "context": {"trainguard:path": "data/support/tickets.jsonl.enc",
                           "trainguard:run": "%s"}}}
          ],
          "findings": {
            "CREDIT_CARD": {"count": 1334, "sources": {"local": 1334},
                            "fields": ["card_number", "text"], "operator": "replace"},
            "EMAIL_ADDRESS": {"count": 1916, "sources": {"local": 1916},
                              "fields": ["email", "note", "text"], "operator": "replace"},
            "IP_ADDRESS": {"count": 333, "sources": {"local": 333},
                           "fields": ["text"], "operator": "replace"},
            "PHONE_NUMBER": {"count": 1250, "sources": {"local": 1250},
                             "fields": ["note", "phone"], "operator": "replace"},
            "US_SSN": {"count": 1334, "sources": {"local": 1334},
                       "fields": ["ssn", "text"], "operator": "replace"}
          },
          "accounting": {"records_in": 2000, "records_written": 2000,
                         "records_quarantined": 0, "records_dropped": 0, "balanced": true},
          "gate": {"decision": "pass", "reasons": []},
          "signature": {"algorithm": "Ed25519", "key_id": "tg-2f85851015fb5671",
            "value": "0i8MKO3PmqhdoFd0RtMxAMBWjbYhaQZ/8IavRlnd2Sc9N2X9XCyMoOZO+C5uoq043B5pAOVr1iqRuzWnbSvrBw=="}
        }
        """.formatted(RUN_ID, INPUT_ROOT, OUTPUT_ROOT, CSV_URI, JSONL_URI, RUN_ID, RUN_ID));
  }

  /**
   * The demo run with the sections other work adds: Macie provenance, per-file findings,
   * quarantined and dropped records, poisoning counts, a policy, and a failed gate.
   */
  public static ObjectNode extended() {
    ObjectNode m = demo();
    ObjectNode findings = (ObjectNode) m.path("findings");
    ((ObjectNode) findings.path("CREDIT_CARD")).putObject("sources")
        .put("local", 1200).put("both", 100).put("macie", 34);
    ((ObjectNode) findings.path("US_SSN")).putObject("sources")
        .put("local", 1300).put("macie", 34);
    findings.putObject("AWS_CREDENTIALS").put("count", 2).put("operator", "drop")
        .putArray("fields").add("text");
    ((ObjectNode) findings.path("AWS_CREDENTIALS")).putObject("sources").put("macie", 2);
    ObjectNode csv = (ObjectNode) m.path("inputs").get(0);
    ObjectNode csvFindings = csv.putObject("findings");
    csvFindings.putObject("CREDIT_CARD").put("count", 700).putArray("fields").add("card_number");
    csvFindings.putObject("EMAIL_ADDRESS").put("count", 1000).putArray("fields").add("email")
        .add("note");
    ObjectNode jsonl = (ObjectNode) m.path("inputs").get(1);
    ObjectNode jsonlFindings = jsonl.putObject("findings");
    jsonlFindings.putObject("CREDIT_CARD").put("count", 634).putArray("fields").add("text");
    jsonlFindings.putObject("IP_ADDRESS").put("count", 333).putArray("fields").add("text");
    ((com.fasterxml.jackson.databind.node.ArrayNode) m.path("outputs")).addObject().put("path", "quarantine/customers.csv.enc")
        .put("source", "customers.csv").put("kind", "quarantine").put("size", 2048)
        .put("sha256", "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef")
        .put("records", 10)
        .putObject("encryption").put("format", "aws-encryption-sdk")
        .put("algorithm", "ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384")
        .put("key_id", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    m.putObject("accounting").put("records_in", 2015).put("records_written", 2000)
        .put("records_quarantined", 10).put("records_dropped", 5).put("balanced", true);
    ObjectNode poisoning = m.putObject("poisoning");
    poisoning.put("records_flagged", 22);
    poisoning.putObject("counts_by_reason").put("duplicate", 12).put("label_flip", 7)
        .put("trigger_phrase", 3);
    ((ObjectNode) m.path("config")).putObject("policy").put("name", "training-default")
        .put("sha256", "9c1185a5c5e9fc54612808977ee8f548b2258d31a0a0f9f6d4e2c1b3a5f7e9d1")
        .put("content", "name: training-default\ndefault: replace\n");
    m.putObject("gate").put("decision", "fail").putArray("reasons")
        .add("US_SSN findings left after redaction: 0 allowed")
        .add("outliers 22 above the limit of 20");
    return m;
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) CanonicalJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
