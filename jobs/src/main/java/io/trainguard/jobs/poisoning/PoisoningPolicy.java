package io.trainguard.jobs.poisoning;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.jobs.poisoning.PoisoningConfig.DuplicateSettings;
import io.trainguard.jobs.poisoning.PoisoningConfig.LabelFlipSettings;
import io.trainguard.jobs.poisoning.PoisoningConfig.OutlierSettings;
import io.trainguard.jobs.poisoning.PoisoningConfig.TriggerSettings;
import io.trainguard.redaction.PolicyException;
import io.trainguard.redaction.RecordAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/**
 * The {@code poisoning} section of a policy, validated like the rest of it:
 *
 * <pre>
 * poisoning:
 *   action: flag                   # flag | quarantine | drop
 *   contamination: 0.02            # expected poisoned share: every detector's threshold
 *   gate:
 *     max_flagged_fraction: 0.05   # exit 3 above it; absent: no gate
 *   detectors:
 *     feature_outliers: {enabled: true, min_score: 0.6, z_threshold: 3.5, fence: 3,
 *                        trees: 100, sample_size: 256}
 *     label_flips: {enabled: true}
 *     backdoor_triggers: {enabled: true, min_support: 3, max_doc_fraction: 0.05,
 *                         min_purity: 0.95, min_lift: 1.5, significance: 0.01}
 *     conflicting_duplicates: {enabled: true, min_jaccard: 0.8}
 * </pre>
 *
 * Every key is optional; absent keys keep {@link PoisoningConfig}'s defaults. {@code enabled}
 * lists the detectors that run, by their policy names, in the order above.
 */
public record PoisoningPolicy(Action action, OptionalDouble maxFlaggedFraction,
    List<String> enabled, OutlierSettings outliers, LabelFlipSettings labelFlips,
    TriggerSettings triggers, DuplicateSettings duplicates) {

  public static final String FEATURE_OUTLIERS = "feature_outliers";
  public static final String LABEL_FLIPS = "label_flips";
  public static final String BACKDOOR_TRIGGERS = "backdoor_triggers";
  public static final String CONFLICTING_DUPLICATES = "conflicting_duplicates";

  private static final List<String> KEYS =
      List.of("action", "contamination", "gate", "detectors");
  private static final List<String> GATE_KEYS = List.of("max_flagged_fraction");
  private static final List<String> DETECTORS =
      List.of(FEATURE_OUTLIERS, LABEL_FLIPS, BACKDOOR_TRIGGERS, CONFLICTING_DUPLICATES);
  private static final Map<String, List<String>> DETECTOR_KEYS = Map.of(
      FEATURE_OUTLIERS,
      List.of("enabled", "min_score", "z_threshold", "fence", "trees", "sample_size"),
      LABEL_FLIPS, List.of("enabled"),
      BACKDOOR_TRIGGERS,
      List.of("enabled", "min_support", "max_doc_fraction", "min_purity", "min_lift",
          "significance"),
      CONFLICTING_DUPLICATES, List.of("enabled", "min_jaccard"));
  private static final String UNIT_INTERVAL = "a number from 0 to 1";
  private static final String POSITIVE = "a number above 0";

  /** What happens to a flagged record. */
  public enum Action {
    /** Listed in the outliers file, protected and written like any other record. */
    FLAG,
    /** Also moved, unredacted and encrypted, to {@code quarantine/}. */
    QUARANTINE,
    /** Also left out of the output, counted as dropped. */
    DROP;

    /** The name written in policies and manifests. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The record action the redactors carry out, or null for {@link #FLAG}. */
    public RecordAction recordAction() {
      return switch (this) {
        case FLAG -> null;
        case QUARANTINE -> RecordAction.QUARANTINE_RECORD;
        case DROP -> RecordAction.DROP_RECORD;
      };
    }
  }

  public PoisoningPolicy {
    enabled = List.copyOf(enabled);
  }

  /** Flag only, every detector with its default settings, no gate. */
  public static PoisoningPolicy defaults() {
    return new PoisoningPolicy(Action.FLAG, OptionalDouble.empty(), DETECTORS,
        OutlierSettings.defaults(), LabelFlipSettings.defaults(), TriggerSettings.defaults(),
        DuplicateSettings.defaults());
  }

  /**
   * The section {@code node} (null: absent) of the policy named {@code policyName}; throws a
   * {@link PolicyException} naming the key path and what is allowed.
   */
  public static PoisoningPolicy parse(JsonNode node, String policyName) {
    return node == null ? defaults() : new Reader(policyName).read(node);
  }

  /** The scan configuration for these columns with this policy's settings. */
  public PoisoningConfig config(String idColumn, String labelColumn, List<String> textColumns,
      List<String> featureColumns) {
    return PoisoningConfig.of(idColumn, labelColumn).withTextColumns(textColumns)
        .withFeatureColumns(featureColumns).withOutliers(outliers).withLabelFlips(labelFlips)
        .withTriggers(triggers).withDuplicates(duplicates);
  }

  /** The enabled detectors, in {@link PoisoningDetectors#all()} order. */
  public List<PoisoningDetector> detectors() {
    List<PoisoningDetector> out = new ArrayList<>();
    for (String name : enabled) {
      out.add(switch (name) {
        case FEATURE_OUTLIERS -> new FeatureOutlierDetector();
        case LABEL_FLIPS -> new LabelFlipDetector();
        case BACKDOOR_TRIGGERS -> new BackdoorTriggerDetector();
        default -> new DuplicateDetector();
      });
    }
    return out;
  }

  /** The settings of each enabled detector, by policy name, as the manifest records them. */
  public Map<String, Object> settings() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : enabled) {
      out.put(name, switch (name) {
        case FEATURE_OUTLIERS -> outliers;
        case LABEL_FLIPS -> labelFlips;
        case BACKDOOR_TRIGGERS -> triggers;
        default -> duplicates;
      });
    }
    return out;
  }

  /** Reads and validates one {@code poisoning} section. */
  private static final class Reader {
    private final String name;

    Reader(String name) {
      this.name = name;
    }

    PoisoningPolicy read(JsonNode node) {
      mapping(node, "poisoning", KEYS);
      Action action = Action.FLAG;
      JsonNode a = node.get("action");
      if (a != null) {
        action = Arrays.stream(Action.values())
            .filter(x -> a.isTextual() && x.id().equals(a.textValue())).findFirst()
            .orElseThrow(() -> invalid("poisoning.action", a, "flag, quarantine, drop"));
      }
      OutlierSettings outliers = OutlierSettings.defaults();
      if (node.has("contamination")) {
        double c = number(node.get("contamination"), "poisoning.contamination",
            "a number above 0 and below 1", v -> v > 0 && v < 1);
        outliers = new OutlierSettings(outliers.trees(), outliers.sampleSize(), c,
            outliers.minScore(), outliers.zThreshold(), outliers.fence(), outliers.seed());
      }
      OptionalDouble maxFlagged = OptionalDouble.empty();
      JsonNode gate = node.get("gate");
      if (gate != null) {
        mapping(gate, "poisoning.gate", GATE_KEYS);
        JsonNode max = gate.get("max_flagged_fraction");
        if (max != null) {
          maxFlagged = OptionalDouble.of(unit(max, "poisoning.gate.max_flagged_fraction"));
        }
      }
      LabelFlipSettings flips = LabelFlipSettings.defaults();
      TriggerSettings triggers = TriggerSettings.defaults();
      DuplicateSettings duplicates = DuplicateSettings.defaults();
      List<String> enabled = new ArrayList<>(DETECTORS);
      JsonNode detectors = node.get("detectors");
      if (detectors != null) {
        mapping(detectors, "poisoning.detectors", DETECTORS);
        for (String detector : DETECTORS) {
          JsonNode d = detectors.get(detector);
          if (d == null) {
            continue;
          }
          String path = "poisoning.detectors." + detector;
          mapping(d, path, DETECTOR_KEYS.get(detector));
          JsonNode on = d.get("enabled");
          if (on != null && !on.isBoolean()) {
            throw invalid(path + ".enabled", on, "true, false");
          }
          if (on != null && !on.booleanValue()) {
            enabled.remove(detector);
          }
          switch (detector) {
            case FEATURE_OUTLIERS -> outliers = new OutlierSettings(
                integer(d, path, "trees", outliers.trees(), 1),
                integer(d, path, "sample_size", outliers.sampleSize(), 2),
                outliers.contamination(), unit(d, path, "min_score", outliers.minScore()),
                positive(d, path, "z_threshold", outliers.zThreshold()),
                positive(d, path, "fence", outliers.fence()), outliers.seed());
            case LABEL_FLIPS -> { }
            case BACKDOOR_TRIGGERS -> triggers = new TriggerSettings(
                integer(d, path, "min_support", triggers.minSupport(), 1),
                unit(d, path, "max_doc_fraction", triggers.maxDocFraction()),
                unit(d, path, "min_purity", triggers.minPurity()),
                positive(d, path, "min_lift", triggers.minLift()), triggers.minCohesion(),
                unit(d, path, "significance", triggers.significance()));
            default -> duplicates = new DuplicateSettings(
                unit(d, path, "min_jaccard", duplicates.minJaccard()), duplicates.shingle(),
                duplicates.bands(), duplicates.hashesPerBand(), duplicates.maxBucket(),
                duplicates.seed());
          }
        }
      }
      return new PoisoningPolicy(action, maxFlagged, enabled, outliers, flips, triggers,
          duplicates);
    }

    private int integer(JsonNode d, String path, String key, int fallback, int min) {
      JsonNode v = d.get(key);
      if (v == null) {
        return fallback;
      }
      if (!v.isInt() || v.intValue() < min) {
        throw invalid(path + "." + key, v, "a whole number of " + min + " or more");
      }
      return v.intValue();
    }

    private double unit(JsonNode d, String path, String key, double fallback) {
      JsonNode v = d.get(key);
      return v == null ? fallback : unit(v, path + "." + key);
    }

    private double unit(JsonNode v, String path) {
      return number(v, path, UNIT_INTERVAL, x -> x >= 0 && x <= 1);
    }

    private double positive(JsonNode d, String path, String key, double fallback) {
      JsonNode v = d.get(key);
      return v == null ? fallback : number(v, path + "." + key, POSITIVE, x -> x > 0);
    }

    private double number(JsonNode v, String path, String allowed, DoublePredicate ok) {
      if (!v.isNumber() || !ok.test(v.doubleValue())) {
        throw invalid(path, v, allowed);
      }
      return v.doubleValue();
    }

    private void mapping(JsonNode node, String path, List<String> keys) {
      String allowed = String.join(", ", keys);
      if (!node.isObject()) {
        throw invalid(path, node, "a mapping with keys " + allowed);
      }
      node.fieldNames().forEachRemaining(key -> {
        if (!keys.contains(key)) {
          throw new PolicyException("Unknown key in " + name + " at " + path + "."
              + PolicyException.shownKey(key) + " (allowed: " + allowed + ")");
        }
      });
    }

    private PolicyException invalid(String path, JsonNode value, String allowed) {
      return new PolicyException("Invalid " + path.substring(path.lastIndexOf('.') + 1) + " in "
          + name + " at " + path + ": " + describe(value) + " (allowed: " + allowed + ")");
    }

    private static String describe(JsonNode node) {
      if (node.isTextual()) {
        return PolicyException.shownValue(node.textValue());
      }
      if (node.isArray()) {
        return "a list";
      }
      return node.isObject() ? "a mapping" : node.asText();
    }
  }
}
