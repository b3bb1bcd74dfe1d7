package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values that are never reported even when a recognizer matches them (Presidio's allow list):
 * exact strings, or regexes that must match the whole matched text.
 */
public record AllowList(Set<String> exact, List<Pattern> patterns) implements Serializable {

  public static final AllowList NONE = new AllowList(Set.of(), List.of());

  public AllowList {
    exact = Set.copyOf(exact);
    patterns = List.copyOf(patterns);
  }

  public boolean allows(String matched) {
    if (exact.contains(matched)) {
      return true;
    }
    for (Pattern p : patterns) {
      if (p.matcher(matched).matches()) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return exact.isEmpty() && patterns.isEmpty();
  }
}
