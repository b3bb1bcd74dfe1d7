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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
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

  /** A detected trigger: hash prefix, length, records, majority label's share. */
  public record Trigger(String sha256Prefix, int length, long support, double purity,
      double lift) implements Serializable {

    public String reason() {
      return NAME + ":sha256=" + sha256Prefix + ",len=" + length;
    }
  }

  @Override
  public List<PoisoningReport.Flag> detect(ScanInput input) {
    PoisoningConfig config = input.config();
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
    try {
      return !input.hasText() || input.records() == 0 ? List.of()
          : List.copyOf(detected(input).values());
    } finally {
      input.release();
    }
  }

  /** The triggers by term key, most supported first, then by their reason. */
  private static Map<Long, Trigger> detected(ScanInput input) {
    PoisoningConfig.TriggerSettings s = input.config().triggers();
    Map<String, Double> baseRate = new HashMap<>();
    long total = input.records();
    input.labels().forEach((label, n) -> baseRate.put(label, (double) n / total));
    long maxSupport = (long) Math.floor(s.maxDocFraction() * total);
    int text = input.textColumn();
    List<String> labels = new ArrayList<>(input.labels().keySet());
    labels.sort(Comparator.nullsLast(Comparator.naturalOrder()));
    Map<String, Integer> index = new HashMap<>();
    labels.forEach(l -> index.put(l, index.size()));
    int k = labels.size();
    JavaRDD<Terms> terms = input.rows().flatMapToPair(row -> {
      List<Tuple2<Long, Term>> out = new ArrayList<>();
      int label = index.get(row.getString(0));
      terms(row.getString(text), (term, key, left, right) ->
          out.add(new Tuple2<>(key, new Term(k, label, left, right))));
      return out.iterator();
    }).reduceByKey(Term::merge).mapPartitions(it -> List.of(Terms.of(it, k)).iterator())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long min = s.minSupport();
      Map<Long, Long> termsBySupport = terms.map(block -> {
        Map<Long, Long> m = new HashMap<>();
        for (int i = 0; i < block.size(); i++) {
          long n = block.term(i).support();
          if (n >= min && n <= maxSupport) {
            m.merge(n, 1L, Long::sum);
          }
        }
        return m;
      }).fold(new HashMap<>(), (a, b) -> {
        Map<Long, Long> m = new HashMap<>(a);
        b.forEach((n, c) -> m.merge(n, c, Long::sum));
        return m;
      });
      long tested = Binomial.taroneTests(termsBySupport, baseRate.values(), s.significance());
      List<Tuple2<Long, Term>> significant = terms.flatMap(block -> {
        List<Tuple2<Long, Term>> out = new ArrayList<>();
        for (int i = 0; i < block.size(); i++) {
          Term term = block.term(i);
          long n = term.support();
          if (n < min || n > maxSupport || term.top() < n * s.minPurity()) {
            continue;
          }
          double base = baseRate.getOrDefault(labels.get(term.label()), 1.0);
          if ((double) term.top() / n / base >= s.minLift()
              && Binomial.upperTail(n, term.top(), base) * tested <= s.significance()) {
            out.add(new Tuple2<>(block.keys[i], term));
          }
        }
        return out.iterator();
      }).collect();
      Set<Long> parts = new HashSet<>();
      significant.stream().filter(t -> t._2().bigram())
          .forEach(t -> parts.addAll(List.of(t._2().left, t._2().right)));
      Map<Long, Long> partSupport = new HashMap<>();
      if (!parts.isEmpty()) {
        terms.flatMap(block -> {
          List<Tuple2<Long, Long>> out = new ArrayList<>();
          for (int i = 0; i < block.size(); i++) {
            if (parts.contains(block.keys[i])) {
              out.add(new Tuple2<>(block.keys[i], block.term(i).support()));
            }
          }
          return out.iterator();
        }).collect().forEach(t -> partSupport.put(t._1(), t._2()));
      }
      Map<Long, Term> cohesive = new HashMap<>();
      for (Tuple2<Long, Term> t : significant) {
        Term term = t._2();
        if (!term.bigram() || term.support() >= Math.max(
            partSupport.getOrDefault(term.left, 0L), partSupport.getOrDefault(term.right, 0L))
            * s.minCohesion()) {
          cohesive.put(t._1(), term);
        }
      }
      return triggers(input, cohesive, labels, baseRate);
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
      List<String> labels, Map<String, Double> baseRate) {
    if (candidates.isEmpty()) {
      return Map.of();
    }
    NaiveBayesLabels model = input.featureModel();
    int text = input.textColumn();
    Map<Long, String> labelOf = new HashMap<>();
    candidates.forEach((key, term) -> labelOf.put(key, labels.get(term.label())));
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
          purity / baseRate.getOrDefault(labels.get(term.label()), 1.0)));
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
    for (String token : Tokens.split(text)) {
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

  /** A term's records per label (by index) and, for a bigram, its tokens' keys. */
  private static final class Term implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long left;
    private final long right;
    private final long[] counts;

    Term(int labels, int label, long left, long right) {
      this(left, right, new long[labels]);
      counts[label] = 1;
    }

    Term(long left, long right, long[] counts) {
      this.left = left;
      this.right = right;
      this.counts = counts;
    }

    boolean bigram() {
      return left != 0 || right != 0;
    }

    Term merge(Term other) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += other.counts[i];
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

    /** The most frequent label's index. */
    int label() {
      int best = 0;
      for (int i = 1; i < counts.length; i++) {
        best = counts[i] > counts[best] ? i : best;
      }
      return best;
    }
  }

  /**
   * One partition's terms as arrays: a handful of objects to keep, whatever the number of
   * terms.
   */
  private static final class Terms implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long[] keys;
    private final long[] left;
    private final long[] right;
    private final long[] counts;

    private Terms(int size, int labels) {
      keys = new long[size];
      left = new long[size];
      right = new long[size];
      counts = new long[size * labels];
    }

    static Terms of(Iterator<Tuple2<Long, Term>> terms, int labels) {
      List<Tuple2<Long, Term>> all = new ArrayList<>();
      terms.forEachRemaining(all::add);
      Terms out = new Terms(all.size(), labels);
      for (int i = 0; i < all.size(); i++) {
        Term t = all.get(i)._2();
        out.keys[i] = all.get(i)._1();
        out.left[i] = t.left;
        out.right[i] = t.right;
        System.arraycopy(t.counts, 0, out.counts, i * labels, labels);
      }
      return out;
    }

    int size() {
      return keys.length;
    }

    Term term(int i) {
      int labels = keys.length == 0 ? 0 : counts.length / keys.length;
      return new Term(left[i], right[i], Arrays.copyOfRange(counts, i * labels, (i + 1) * labels));
    }
  }
}
