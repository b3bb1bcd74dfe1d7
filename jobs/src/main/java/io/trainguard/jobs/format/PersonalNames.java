package io.trainguard.jobs.format;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.redaction.OperatorKeys;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;

/**
 * Names are data: file and directory names, CSV column names, JSON keys and document property
 * names are scanned like values, and a name with any finding is shown as its keyed pseudonym
 * ({@code name_ENTITY_} and 26 base-32 characters, {@link OperatorKeys#namePseudonym}) whatever
 * the policy does to values, since names also reach the manifest, the report, lineage events and
 * object keys, none of which is encrypted. Other names are shown as they are.
 */
public final class PersonalNames implements Serializable {

  /** The entity of a pseudonym for a name too long to scan. */
  static final String UNSCANNABLE = "UNSCANNABLE";
  private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9]{1,10}$");
  /** A Hive-style partition directory, {@code column=value}. */
  private static final Pattern PARTITION = Pattern.compile("([^=]+)=(.+)");
  private static final int MAX_REMEMBERED = 10_000;

  private final Analyzer analyzer;
  private final OperatorKeys keys;
  private transient Map<String, String> shown;

  PersonalNames(Analyzer analyzer, OperatorKeys keys) {
    this.analyzer = analyzer;
    this.keys = keys;
  }

  /**
   * A field (column, key, property or a path of keys) as it may be shown. A path is also read
   * with its array marks as spaces: {@code contacts[].jane.roe@example.org} holds an address that
   * the {@code ].} before it hides from a recognizer.
   */
  public String field(String name) {
    Map<String, String> known = shown;
    if (known == null) {
      known = new ConcurrentHashMap<>();
      shown = known;
    }
    String result = known.get(name);
    if (result == null) {
      String entity = entityIn(analyzer, name);
      if (entity == null && name.contains("[]")) {
        entity = entityIn(analyzer, name.replace("[]", " ").replace(" .", " "));
      }
      result = entity == null ? name : keys.namePseudonym(entity, name);
      if (known.size() < MAX_REMEMBERED) { // JSON keys can be data: stay bounded
        known.put(name, result);
      }
    }
    return result;
  }

  /**
   * A relative path as it may be shown: each file or directory name with a finding replaced by
   * its pseudonym, a file name keeping its extension so that its format stays known, and a
   * partition directory {@code column=value} whose value alone holds the finding keeping its
   * column, so that it still reads as a partition.
   */
  public String path(String relativePath) {
    return path(analyzer, relativePath, keys::namePseudonym);
  }

  /** A relative path for messages before keys are open: names with findings as {@code <ENTITY>}. */
  public static String masked(Analyzer analyzer, String relativePath) {
    return path(analyzer, relativePath, (entity, name) -> "<" + entity + ">");
  }

  /** A field name for messages before keys are open: {@code <ENTITY>} when it has a finding. */
  public static String maskedField(Analyzer analyzer, String name) {
    String entity = entityIn(analyzer, name);
    return entity == null ? name : "<" + entity + ">";
  }

  private static String path(Analyzer analyzer, String relativePath,
      BinaryOperator<String> shown) {
    String[] names = relativePath.split("/", -1);
    for (int i = 0; i < names.length; i++) {
      String entity = entityIn(analyzer, names[i]);
      var partition = PARTITION.matcher(names[i]);
      if (entity != null && i < names.length - 1 && partition.matches()
          && entityIn(analyzer, partition.group(1)) == null) {
        String valueEntity = entityIn(analyzer, partition.group(2));
        if (valueEntity != null) {
          names[i] = partition.group(1) + "=" + shown.apply(valueEntity, partition.group(2));
          continue;
        }
      }
      if (entity != null) {
        var extension = EXTENSION.matcher(names[i]);
        names[i] = shown.apply(entity, names[i])
            + (i == names.length - 1 && extension.find() ? extension.group() : "");
      }
    }
    return String.join("/", names);
  }

  /** The entity of the first finding in {@code name}, or null if it holds none. */
  private static String entityIn(Analyzer analyzer, String name) {
    try {
      List<Finding> findings = analyzer.analyze(name);
      return findings.isEmpty() ? null : findings.get(0).entity();
    } catch (RegexBudgetException e) {
      return UNSCANNABLE; // fail closed: what cannot be scanned is not shown
    }
  }
}
