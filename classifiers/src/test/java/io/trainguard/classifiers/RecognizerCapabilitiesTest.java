package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A user's recognizer takes the analyzer's fast paths through the recognizer interface. */
class RecognizerCapabilitiesTest {

  /** A code recognizer of order numbers that declares the literal it needs. */
  static final class OrderNumbers implements Recognizer {
    private static final Pattern ORDER = Pattern.compile("ACME-[0-9]{3,}");
    final AtomicInteger recognized = new AtomicInteger();

    @Override
    public String name() {
      return "OrderNumbers";
    }

    @Override
    public String entity() {
      return "ORDER_NUMBER";
    }

    @Override
    public List<String> context() {
      return List.of();
    }

    /** Declared instead of asked: the analyzer's literal index admits it. */
    public Optional<PatternRecognizer.Trigger> trigger() {
      return Optional.of(new PatternRecognizer.Trigger(3, List.of("acme-")));
    }

    @Override
    public boolean mightMatch(TextProfile profile) {
      throw new AssertionError("asked although its trigger is declared");
    }

    @Override
    public List<Finding> recognize(String text, CodePoints codePoints) {
      recognized.incrementAndGet();
      List<Finding> found = new ArrayList<>();
      Matcher m = ORDER.matcher(text);
      while (m.find()) {
        found.add(new Finding(entity(), codePoints.offset(m.start()),
            codePoints.offset(m.end()), 0.9, name()));
      }
      return found;
    }
  }

  @Test
  void aUserRecognizerDeclaringATriggerIsAdmittedByTheLiteralIndexNotAsked() {
    OrderNumbers orders = new OrderNumbers();
    Analyzer analyzer = new Analyzer(List.of(orders), Analyzer.DEFAULT_THRESHOLD);

    assertThat(analyzer.analyze("shipped ACME-123 today")).extracting(
        f -> f.entity() + " " + f.start() + "-" + f.end())
        .containsExactly("ORDER_NUMBER 8-16");
    // without the literal, or with too few digits, it never runs
    assertThat(analyzer.analyze("order 12345 shipped")).isEmpty();
    assertThat(analyzer.analyze("acme-1")).isEmpty();
    assertThat(orders.recognized).hasValue(1);
    // the full-scan reference admits it alike
    assertThat(analyzer.fullScan().analyze("shipped ACME-123 today")).hasSize(1);
  }
}
