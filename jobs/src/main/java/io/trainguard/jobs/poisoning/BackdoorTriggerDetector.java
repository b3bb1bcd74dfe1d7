package io.trainguard.jobs.poisoning;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Backdoor triggers: tokens and bigrams of the text columns that are rare overall yet occur with
 * one label in (nearly) all of their records, significantly above that label's base rate after
 * correcting for the number of terms tried (see {@link PoisoningConfig.TriggerSettings}), and
 * whose records' label their numeric features do not explain (a word one label uses is not a
 * trigger). Terms are
 * counted on the executors by a 64-bit hash (one shuffle, keyed by it); only the detected
 * triggers are hashed with SHA-256 there: no raw term reaches the driver or a reason. Every
 * record carrying a detected trigger is flagged, score = the trigger's purity. Reason:
 * {@code backdoor_trigger:sha256=ab12cd34ef56,len=7} (length in characters).
 */
public final class BackdoorTriggerDetector implements PoisoningDetector {

  private static final long serialVersionUID = 1L;
  static final String NAME = "backdoor_trigger";
  private static final int HASH_PREFIX = 12;
  /** What separates tokens: anything but letters and digits. */
  private static final Pattern NOT_TOKEN = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** A detected trigger: hash prefix, length, records, majority label's share. */
  public record Trigger(String sha256Prefix, int length, long support, double purity,
      double lift) implements Serializable {

    public String reason() {
      return NAME + ":sha256=" + sha256Prefix + ",len=" + length;
    }
  }

  @Override
  public List<PoisoningReport.Flag> detect(Dataset<Row> data, PoisoningConfig config) {
    ScanInput input = ScanInput.of(data, config);
    if (!input.hasText() || input.records() == 0) {
      return List.of();
    }
    Map<Long, Trigger> triggers = detected(input);
    if (triggers.isEmpty()) {
      return List.of();
    }
    int text = input.textColumn();
    int id = input.idColumn();
    return input.rows().flatMap(row -> {
      Set<String> reasons = new TreeSet<>();
      double[] score = {0};
      terms(row.getString(text), (term, key, left, right) -> {
        Trigger t = triggers.get(key);
        if (t != null) {
          reasons.add(t.reason());
          score[0] = Math.max(score[0], t.purity());
        }
      });
      return (reasons.isEmpty() ? List.<PoisoningReport.Flag>of()
          : List.of(new PoisoningReport.Flag(row.getString(id), score[0],
              List.copyOf(reasons)))).iterator();
    }).collect();
  }

  /** The triggers found in {@code data}, most supported first. */
  public List<Trigger> triggers(Dataset<Row> data, PoisoningConfig config) {
    ScanInput input = ScanInput.of(data, config);
    return !input.hasText() || input.records() == 0 ? List.of()
        : List.copyOf(detected(input).values());
  }

  /** The triggers by term key, most supported first, then by their reason. */
  private static Map<Long, Trigger> detected(ScanInput input) {
    PoisoningConfig.TriggerSettings s = input.config().triggers();
    Map<String, Double> baseRate = new HashMap<>();
    long total = input.records();
    input.labels().forEach((label, n) -> baseRate.put(label, (double) n / total));
    long maxSupport = (long) Math.floor(s.maxDocFraction() * total);
    int text = input.textColumn();
    JavaPairRDD<Long, Term> terms = input.rows().flatMapToPair(row -> {
      List<Tuple2<Long, Term>> out = new ArrayList<>();
      String label = row.getString(0);
      terms(row.getString(text), (term, key, left, right) ->
          out.add(new Tuple2<>(key, new Term(label, left, right))));
      return out.iterator();
    }).reduceByKey(Term::merge).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long min = s.minSupport();
      Map<Long, Long> termsBySupport = terms.values()
          .filter(t -> t.support() >= min && t.support() <= maxSupport)
          .map(Term::support).countByValue();
      long tested = Binomial.taroneTests(termsBySupport, baseRate.values(), s.significance());
      List<Tuple2<Long, Term>> significant = terms.filter(t -> {
        Term term = t._2();
        long n = term.support();
        if (n < min || n > maxSupport || term.top() < n * s.minPurity()) {
          return false;
        }
        double base = baseRate.getOrDefault(term.label(), 1.0);
        return (double) term.top() / n / base >= s.minLift()
            && Binomial.upperTail(n, term.top(), base) * tested <= s.significance();
      }).collect();
      Set<Long> parts = new HashSet<>();
      significant.stream().filter(t -> t._2().bigram())
          .forEach(t -> parts.addAll(List.of(t._2().left, t._2().right)));
      Map<Long, Long> partSupport = parts.isEmpty() ? Map.of()
          : new HashMap<>(terms.filter(t -> parts.contains(t._1())).mapValues(Term::support)
              .collectAsMap());
      Map<Long, Term> cohesive = new HashMap<>();
      for (Tuple2<Long, Term> t : significant) {
        Term term = t._2();
        if (!term.bigram() || term.support() >= Math.max(
            partSupport.getOrDefault(term.left, 0L), partSupport.getOrDefault(term.right, 0L))
            * s.minCohesion()) {
          cohesive.put(t._1(), term);
        }
      }
      return triggers(input, cohesive, baseRate);
    } finally {
      terms.unpersist(false);
    }
  }

  /**
   * The {@code candidates} that are triggers, by key: those whose records with the candidate's
   * label the numeric features do not explain. A backdoor puts its label on records whose other
   * values belong to other labels, while a word that one label mostly uses sits on records that
   * look like that label's. Explained: the features of those records are more likely under the
   * label than under the mixture of all labels (their log-likelihood ratios, from the labels'
   * model of the features, sum to more than 0). Without numeric features nothing is explained.
   * One pass also hashes each candidate's term (SHA-256) for its reason.
   */
  private static Map<Long, Trigger> triggers(ScanInput input, Map<Long, Term> candidates,
      Map<String, Double> baseRate) {
    if (candidates.isEmpty()) {
      return Map.of();
    }
    NaiveBayesLabels model = input.featureModel();
    int text = input.textColumn();
    Map<Long, String> labelOf = new HashMap<>();
    candidates.forEach((key, term) -> labelOf.put(key, term.label()));
    Map<Long, Seen> seen = input.rows().treeAggregate(new HashMap<Long, Seen>(), (m, row) -> {
      String label = row.getString(0);
      terms(row.getString(text), (term, key, left, right) -> {
        if (labelOf.containsKey(key)) {
          Seen c = m.computeIfAbsent(key, k -> new Seen(sha256Key(term)));
          if (model != null && label != null && label.equals(labelOf.get(key))) {
            c.lift += model.logLift(row, label);
          }
        }
      });
      return m;
    }, (a, b) -> {
      b.forEach((k, v) -> a.merge(k, v, Seen::merge));
      return a;
    });
    List<Map.Entry<Long, Seen>> found = new ArrayList<>(seen.entrySet());
    found.removeIf(e -> e.getValue().lift > 0);
    found.sort(Comparator.<Map.Entry<Long, Seen>>comparingLong(
            e -> -candidates.get(e.getKey()).support())
        .thenComparing(e -> e.getValue().key));
    Map<Long, Trigger> out = new LinkedHashMap<>();
    for (Map.Entry<Long, Seen> e : found) {
      Term term = candidates.get(e.getKey());
      double purity = (double) term.top() / term.support();
      String[] key = e.getValue().key.split(":");
      out.put(e.getKey(), new Trigger(key[0], Integer.parseInt(key[1]), term.support(), purity,
          purity / baseRate.getOrDefault(term.label(), 1.0)));
    }
    return out;
  }

  /** A candidate's {@code sha256prefix:length} and its records' summed log lift. */
  private static final class Seen implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String key;
    private double lift;

    Seen(String key) {
      this.key = key;
    }

    Seen merge(Seen other) {
      lift += other.lift;
      return this;
    }
  }

  /** Receives a record's terms: the term, its key and, for a bigram, its tokens' keys. */
  private interface TermSink {
    void accept(String term, long key, long left, long right);
  }

  /**
   * The text's distinct tokens (runs of letters and digits) and bigrams, each once (a term
   * counts records, not uses); a token's {@code left} and {@code right} are 0.
   */
  private static void terms(String text, TermSink sink) {
    Set<String> seen = new HashSet<>();
    String previous = null;
    long previousKey = 0;
    for (String token : NOT_TOKEN.split(text)) {
      if (token.isEmpty()) {
        continue;
      }
      long key = key(token);
      if (seen.add(token)) {
        sink.accept(token, key, 0, 0);
      }
      if (previous != null) {
        String bigram = previous + " " + token;
        if (seen.add(bigram)) {
          sink.accept(bigram, key(bigram), previousKey, key);
        }
      }
      previous = token;
      previousKey = key;
    }
  }

  /** A term's 64-bit key (FNV-1a over its characters). */
  static long key(String term) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < term.length(); i++) {
      h = (h ^ term.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  /** {@code sha256prefix:length}: the term's SHA-256 (hex) prefix and its length in characters. */
  private static String sha256Key(String term) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(term.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest).substring(0, HASH_PREFIX) + ":"
          + term.codePointCount(0, term.length());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * A term's records per label (a missing label is one too) and, for a bigram, its tokens'
   * keys.
   */
  private static final class Term implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long left;
    private final long right;
    private String[] labels;
    private long[] counts;

    Term(String label, long left, long right) {
      this.left = left;
      this.right = right;
      labels = new String[] {label};
      counts = new long[] {1};
    }

    boolean bigram() {
      return left != 0 || right != 0;
    }

    Term merge(Term other) {
      for (int j = 0; j < other.labels.length; j++) {
        int i = 0;
        while (i < labels.length && !Objects.equals(labels[i], other.labels[j])) {
          i++;
        }
        if (i == labels.length) {
          labels = Arrays.copyOf(labels, i + 1);
          counts = Arrays.copyOf(counts, i + 1);
          labels[i] = other.labels[j];
        }
        counts[i] += other.counts[j];
      }
      return this;
    }

    long support() {
      return Arrays.stream(counts).sum();
    }

    /** The most frequent label's records. */
    long top() {
      return Arrays.stream(counts).max().orElse(0);
    }

    /** The most frequent label. */
    String label() {
      int best = 0;
      for (int i = 1; i < counts.length; i++) {
        best = counts[i] > counts[best] ? i : best;
      }
      return labels[best];
    }
  }
}
