package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.jobs.poisoning.PoisoningConfig.DuplicateSettings;
import io.trainguard.jobs.poisoning.PoisoningConfig.LabelFlipSettings;
import io.trainguard.jobs.poisoning.PoisoningConfig.OutlierSettings;
import io.trainguard.jobs.poisoning.PoisoningConfig.TriggerSettings;
import io.trainguard.redaction.Policy;
import io.trainguard.redaction.PolicyException;
import io.trainguard.redaction.RecordAction;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code poisoning} section of a policy: every setting read, every mistake named. */
class PoisoningPolicyTest {

  private static final String DETECTORS =
      "feature_outliers, label_flips, backdoor_triggers, conflicting_duplicates";

  @Test
  void readsEverySetting() {
    PoisoningPolicy p = parse("""
        poisoning:
          action: quarantine
          contamination: 0.03
          gate:
            max_flagged_fraction: 0.05
          detectors:
            feature_outliers: {enabled: true, min_score: 0.7, z_threshold: 4, trees: 50,
                               sample_size: 128}
            label_flips: {enabled: false}
            backdoor_triggers: {min_support: 6, max_doc_fraction: 0.04, min_purity: 0.9,
                                min_lift: 2, significance: 0.05}
            conflicting_duplicates: {min_jaccard: 0.85}
        """);
    assertThat(p.action()).isEqualTo(PoisoningPolicy.Action.QUARANTINE);
    assertThat(p.action().recordAction()).isEqualTo(RecordAction.QUARANTINE_RECORD);
    assertThat(p.maxFlaggedFraction()).isEqualTo(OptionalDouble.of(0.05));
    assertThat(p.enabled())
        .containsExactly("feature_outliers", "backdoor_triggers", "conflicting_duplicates");
    assertThat(p.detectors()).extracting(d -> d.getClass().getSimpleName()).containsExactly(
        "FeatureOutlierDetector", "BackdoorTriggerDetector", "DuplicateDetector");
    assertThat(p.outliers()).isEqualTo(new OutlierSettings(50, 128, 0.03, 0.7, 4.0, 3.0, 17L));
    assertThat(p.labelFlips()).isEqualTo(LabelFlipSettings.defaults());
    assertThat(p.triggers()).isEqualTo(new TriggerSettings(6, 0.04, 0.9, 2.0,
        TriggerSettings.defaults().minCohesion(), 0.05));
    assertThat(p.duplicates().minJaccard()).isEqualTo(0.85);
    assertThat(p.settings()).containsOnlyKeys("feature_outliers", "backdoor_triggers",
        "conflicting_duplicates");
    PoisoningConfig config = p.config("id", "label", List.of("text"), List.of());
    assertThat(config.outliers()).isEqualTo(p.outliers());
    assertThat(config.textColumns()).containsExactly("text");
  }

  @Test
  void everyKeyIsOptional() {
    PoisoningPolicy defaults = PoisoningPolicy.defaults();
    assertThat(parse("poisoning: {}\n")).isEqualTo(defaults);
    assertThat(parse("poisoning:\n  detectors: {label_flips: {}}\n")).isEqualTo(defaults);
    assertThat(parse("default: replace\n")).isEqualTo(defaults);
    assertThat(defaults.action()).isEqualTo(PoisoningPolicy.Action.FLAG);
    assertThat(defaults.action().recordAction()).isNull();
    assertThat(defaults.maxFlaggedFraction()).isEmpty();
    assertThat(defaults.enabled()).hasSize(4);
    assertThat(defaults.outliers()).isEqualTo(OutlierSettings.defaults());
    assertThat(defaults.duplicates()).isEqualTo(DuplicateSettings.defaults());
    assertThat(parse("poisoning: {action: drop}\n").action().recordAction())
        .isEqualTo(RecordAction.DROP_RECORD);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("poisoning: drop",
            "Invalid poisoning in p.yaml at poisoning: \"drop\" (allowed: a mapping with keys"
                + " action, contamination, gate, detectors)"),
        Arguments.of("poisoning: {mode: drop}",
            "Unknown key in p.yaml at poisoning.mode (allowed: action, contamination, gate,"
                + " detectors)"),
        Arguments.of("poisoning: {action: delete}",
            "Invalid action in p.yaml at poisoning.action: \"delete\" (allowed: flag, quarantine,"
                + " drop)"),
        Arguments.of("poisoning: {action: 1}",
            "Invalid action in p.yaml at poisoning.action: 1 (allowed: flag, quarantine, drop)"),
        Arguments.of("poisoning: {contamination: 0}",
            "Invalid contamination in p.yaml at poisoning.contamination: 0 (allowed: a number"
                + " above 0 and below 1)"),
        Arguments.of("poisoning: {contamination: \"2%\"}",
            "Invalid contamination in p.yaml at poisoning.contamination: \"2%\" (allowed: a"
                + " number above 0 and below 1)"),
        Arguments.of("poisoning: {gate: 0.05}",
            "Invalid gate in p.yaml at poisoning.gate: 0.05 (allowed: a mapping with keys"
                + " max_flagged_fraction)"),
        Arguments.of("poisoning: {gate: {max_flagged: 0.05}}",
            "Unknown key in p.yaml at poisoning.gate.max_flagged (allowed: max_flagged_fraction)"),
        Arguments.of("poisoning: {gate: {max_flagged_fraction: 5}}",
            "Invalid max_flagged_fraction in p.yaml at poisoning.gate.max_flagged_fraction: 5"
                + " (allowed: a number from 0 to 1)"),
        Arguments.of("poisoning: {detectors: [label_flips]}",
            "Invalid detectors in p.yaml at poisoning.detectors: a list (allowed: a mapping with"
                + " keys " + DETECTORS + ")"),
        Arguments.of("poisoning: {detectors: {outliers: {}}}",
            "Unknown key in p.yaml at poisoning.detectors.outliers (allowed: " + DETECTORS + ")"),
        Arguments.of("poisoning: {detectors: {label_flips: skip}}",
            "Invalid label_flips in p.yaml at poisoning.detectors.label_flips: \"skip\" (allowed:"
                + " a mapping with keys enabled)"),
        Arguments.of("poisoning: {detectors: {label_flips: {enabled: \"no\"}}}",
            "Invalid enabled in p.yaml at poisoning.detectors.label_flips.enabled: \"no\""
                + " (allowed: true, false)"),
        Arguments.of("poisoning: {detectors: {backdoor_triggers: {min_support: 2.5}}}",
            "Invalid min_support in p.yaml at poisoning.detectors.backdoor_triggers.min_support:"
                + " 2.5 (allowed: a whole number of 1 or more)"),
        Arguments.of("poisoning: {detectors: {conflicting_duplicates: {min_jaccard: 1.5}}}",
            "Invalid min_jaccard in p.yaml at"
                + " poisoning.detectors.conflicting_duplicates.min_jaccard: 1.5 (allowed: a number"
                + " from 0 to 1)"),
        Arguments.of("poisoning: {detectors: {label_flips: {k: 15}}}",
            "Unknown key in p.yaml at poisoning.detectors.label_flips.k (allowed: enabled)"),
        Arguments.of("poisoning: {detectors: {feature_outliers: {trees: -1}}}",
            "Invalid trees in p.yaml at poisoning.detectors.feature_outliers.trees: -1 (allowed:"
                + " a whole number of 1 or more)"),
        Arguments.of("poisoning: {detectors: {feature_outliers: {sample_size: 1}}}",
            "Invalid sample_size in p.yaml at poisoning.detectors.feature_outliers.sample_size: 1"
                + " (allowed: a whole number of 2 or more)"),
        Arguments.of("poisoning: {detectors: {feature_outliers: {min_score: -0.1}}}",
            "Invalid min_score in p.yaml at poisoning.detectors.feature_outliers.min_score: -0.1"
                + " (allowed: a number from 0 to 1)"),
        Arguments.of("poisoning: {detectors: {feature_outliers: {z_threshold: 0}}}",
            "Invalid z_threshold in p.yaml at poisoning.detectors.feature_outliers.z_threshold: 0"
                + " (allowed: a number above 0)"),
        Arguments.of("poisoning: {detectors: {backdoor_triggers: {min_support: 0}}}",
            "Invalid min_support in p.yaml at poisoning.detectors.backdoor_triggers.min_support:"
                + " 0 (allowed: a whole number of 1 or more)"),
        Arguments.of("poisoning: {detectors: {backdoor_triggers: {max_doc_fraction: 2}}}",
            "Invalid max_doc_fraction in p.yaml at"
                + " poisoning.detectors.backdoor_triggers.max_doc_fraction: 2 (allowed: a number"
                + " from 0 to 1)"),
        Arguments.of("poisoning: {detectors: {backdoor_triggers: {min_purity: []}}}",
            "Invalid min_purity in p.yaml at poisoning.detectors.backdoor_triggers.min_purity:"
                + " a list (allowed: a number from 0 to 1)"),
        Arguments.of("poisoning: {detectors: {backdoor_triggers: {min_lift: -1}}}",
            "Invalid min_lift in p.yaml at poisoning.detectors.backdoor_triggers.min_lift: -1"
                + " (allowed: a number above 0)"),
        Arguments.of("poisoning: {detectors: {conflicting_duplicates: {min_jaccard: {}}}}",
            "Invalid min_jaccard in p.yaml at"
                + " poisoning.detectors.conflicting_duplicates.min_jaccard: a mapping (allowed:"
                + " a number from 0 to 1)"),
        Arguments.of("poisoning: {detectors: {conflicting_duplicates: {shingle: 3}}}",
            "Unknown key in p.yaml at poisoning.detectors.conflicting_duplicates.shingle"
                + " (allowed: enabled, min_jaccard)"),
        // Personal data pasted into a policy is named by its entity, as the policy's own
        // messages name it; other text is quoted with its control characters escaped.
        Arguments.of("poisoning: {jane.doe@example.com: 1}",
            "Unknown key in p.yaml at poisoning.<EMAIL_ADDRESS> (allowed: action, contamination,"
                + " gate, detectors)"),
        Arguments.of("poisoning: {gate: {536-22-8049: 0.1}}",
            "Unknown key in p.yaml at poisoning.gate.<US_SSN> (allowed: max_flagged_fraction)"),
        Arguments.of("poisoning: {action: 536-22-8049}",
            "Invalid action in p.yaml at poisoning.action: <US_SSN> (allowed: flag, quarantine,"
                + " drop)"),
        Arguments.of("poisoning: {detectors: {label_flips: {enabled: jane.doe@example.com}}}",
            "Invalid enabled in p.yaml at poisoning.detectors.label_flips.enabled:"
                + " <EMAIL_ADDRESS> (allowed: true, false)"),
        Arguments.of("poisoning: {action: \"a\\nb\"}",
            "Invalid action in p.yaml at poisoning.action: \"a\\u000ab\" (allowed: flag,"
                + " quarantine, drop)"));
  }

  @ParameterizedTest
  @MethodSource
  void invalid(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml + "\n")).isInstanceOf(PolicyException.class)
        .hasMessage(message);
  }

  private static PoisoningPolicy parse(String yaml) {
    Policy policy = Policy.parse(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "p.yaml");
    return PoisoningPolicy.parse(policy.poisoning().orElse(null), policy.name());
  }
}
