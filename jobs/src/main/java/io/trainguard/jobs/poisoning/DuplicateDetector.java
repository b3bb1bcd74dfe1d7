package io.trainguard.jobs.poisoning;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.sketch.BloomFilter;
import org.apache.spark.util.sketch.IncompatibleMergeException;
import scala.Tuple2;

/**
 * Duplicates with conflicting labels. Exact: records with the same SHA-256 of their canonical
 * content (text as in {@link #canonical}; numeric features as numbers, a missing one as
 * missing) but more than one label; score = 1 - the share of the group holding the record's
 * label. Near (text only): Jaccard ≥ {@code minJaccard} over character shingles of the
 * canonical text, labels differ, numeric features equal; score 0.5 (either side may be the
 * poisoned one). The numeric features (listed or detected) are part of the record: the same
 * short note on two different customers is no duplicate. Reasons:
 * {@code conflicting_duplicate:exact}, {@code conflicting_duplicate:near}.
 *
 * <p>One shuffle per kind, keyed by hash: exact, each record's content hash with its label,
 * combined per partition into counts per label; near, each text in MinHash bands (AND within a
 * band, OR across bands) keyed by its features' hash and the band's hashes, sorted (spilled by
 * Spark when it outgrows memory) and compared only within a bucket, in runs of at most
 * {@code maxBucket} records. Only conflicting groups and flagged records reach the driver.
 */
public final class DuplicateDetector implements PoisoningDetector {

  private static final long serialVersionUID = 1L;
  static final String NAME = "conflicting_duplicate";
  private static final int SHINGLE_SPACE = 1 << 20;
  /** The MinHash family's prime: h(i) = ((1 + i) a + b) mod p, as MLlib's MinHashLSH. */
  private static final long HASH_PRIME = 2038074743L;
  /** Bits per key of the filters of shared keys: about 1% false positives. */
  private static final double BITS_PER_KEY = 9.6;
  /** The most bits a filter of shared keys holds (8 MB): beyond, more false positives. */
  private static final long MAX_FILTER_BITS = 1L << 26;

  @Override
  public List<PoisoningReport.Flag> detect(ScanInput input) {
    PoisoningConfig config = input.config();
    if (input.features().isEmpty() && !input.hasText() || input.records() == 0) {
      return List.of();
    }
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(input.rows().context());
    Broadcast<BloomFilter[]> shared = spark.broadcast(shared(input));
    try {
      List<PoisoningReport.Flag> out = new ArrayList<>(exact(input, shared));
      if (input.hasText()) {
        out.addAll(near(input, config.duplicates(), shared));
      }
      return out;
    } finally {
      shared.destroy();
    }
  }

  /**
   * Which contents and which features more than one record may hold, as Bloom filters of their
   * keys: only those records are shuffled (a false positive is a record shuffled for nothing).
   * Per partition, a filter of the keys seen and one of those seen again, merged up a tree (a
   * key seen in two partitions is seen again). A filter holds at most {@link #MAX_FILTER_BITS}.
   */
  private static BloomFilter[] shared(ScanInput input) {
    int features = input.features().size();
    int text = input.hasText() ? input.textColumn() : -1;
    long records = Math.max(1, input.records());
    long bits = Math.min(MAX_FILTER_BITS, (long) Math.ceil(records * BITS_PER_KEY));
    return input.rows().treeAggregate(new Shared(records, bits), (shared, row) -> {
      Content c = Content.of(row, features, text);
      shared.add(0, c.key.high());
      shared.add(1, c.features.high());
      return shared;
    }, Shared::merge).again;
  }

  /** Keys seen, and seen again: for contents [0] and features [1]. */
  private static final class Shared implements Serializable {
    private static final long serialVersionUID = 1L;
    private final BloomFilter[] seen = new BloomFilter[2];
    private final BloomFilter[] again = new BloomFilter[2];

    Shared(long records, long bits) {
      for (int k = 0; k < 2; k++) {
        seen[k] = BloomFilter.create(records, bits);
        again[k] = BloomFilter.create(records, bits);
      }
    }

    void add(int k, long key) {
      if (!seen[k].putLong(key)) {
        again[k].putLong(key);
      }
    }

    Shared merge(Shared other) {
      try {
        for (int k = 0; k < 2; k++) {
          again[k].mergeInPlace(other.again[k])
              .mergeInPlace(copy(seen[k]).intersectInPlace(other.seen[k]));
          seen[k].mergeInPlace(other.seen[k]);
        }
      } catch (IncompatibleMergeException | IOException e) {
        throw new IllegalStateException("filters of one size do not merge", e);
      }
      return this;
    }

    private static BloomFilter copy(BloomFilter filter) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      filter.writeTo(bytes);
      return BloomFilter.readFrom(bytes.toByteArray());
    }
  }

  /** Records whose content other records share under another label. */
  private static List<PoisoningReport.Flag> exact(ScanInput input,
      Broadcast<BloomFilter[]> shared) {
    int features = input.features().size();
    int text = input.hasText() ? input.textColumn() : -1;
    Map<Key, Labels> conflicting = new HashMap<>(input.rows()
        .flatMapToPair(row -> {
          Key key = Content.sharedKey(row, features, text, shared.value());
          return (key != null && shared.value()[0].mightContainLong(key.high())
              ? List.of(new Tuple2<>(key, new Labels(row.isNullAt(0) ? null : row.getString(0))))
              : List.<Tuple2<Key, Labels>>of()).iterator();
        })
        .reduceByKey(Labels::merge)
        .filter(group -> group._2().conflicting())
        .collectAsMap());
    if (conflicting.isEmpty()) {
      return List.of();
    }
    Broadcast<Map<Key, Labels>> groups =
        JavaSparkContext.fromSparkContext(input.rows().context()).broadcast(conflicting);
    int id = input.idColumn();
    List<String> reasons = List.of(NAME + ":exact");
    try {
      return input.rows().flatMap(row -> {
        Key key = Content.sharedKey(row, features, text, shared.value());
        Labels group = key == null ? null : groups.value().get(key);
        return (group == null ? List.<PoisoningReport.Flag>of()
            : List.of(new PoisoningReport.Flag(row.getString(id),
                1 - group.share(row.isNullAt(0) ? null : row.getString(0)), reasons)))
            .iterator();
      }).collect();
    } finally {
      groups.destroy();
    }
  }

  /** Records with another label on a text near theirs and the same features. */
  private static List<PoisoningReport.Flag> near(ScanInput input,
      PoisoningConfig.DuplicateSettings s, Broadcast<BloomFilter[]> shared) {
    int features = input.features().size();
    int text = input.textColumn();
    int id = input.idColumn();
    int k = s.shingle();
    int bands = s.bands();
    int perBand = s.hashesPerBand();
    long[][] coefficients = coefficients(bands * perBand, s.seed());
    int maxBucket = s.maxBucket();
    double maxDistance = 1 - s.minJaccard();
    int partitions = input.rows().context().defaultParallelism();
    Set<String> flagged = new TreeSet<>(input.rows().flatMapToPair(row -> {
      Key featureKey = Content.featureKey(row, features);
      Content content = shared.value()[1].mightContainLong(featureKey.high())
          ? Content.of(row, featureKey, features, text) : null;
      if (content == null || content.text.isEmpty()) {
        return List.<Tuple2<Slot, Member>>of().iterator();
      }
      int[] shingles = shingles(content.text, k);
      long[] hashes = minHashes(shingles, coefficients);
      Member member = new Member(row.isNullAt(0) ? null : row.getString(0), shingles);
      List<Tuple2<Slot, Member>> out = new ArrayList<>(bands);
      for (int band = 0; band < bands; band++) {
        long bucket = band;
        for (int h = band * perBand; h < (band + 1) * perBand; h++) {
          bucket = bucket * 0x9E3779B97F4A7C15L + hashes[h];
        }
        out.add(new Tuple2<>(new Slot(content.features, band, bucket, content.key,
            row.getString(id)), member));
      }
      return out.iterator();
    }).repartitionAndSortWithinPartitions(new ByBucket(partitions), new SlotOrder())
        .mapPartitions(sorted -> {
          Set<String> out = new HashSet<>();
          List<Tuple2<Slot, Member>> run = new ArrayList<>();
          Slot last = null;
          while (sorted.hasNext()) {
            Tuple2<Slot, Member> next = sorted.next();
            Slot slot = next._1();
            boolean sameBucket = last != null && slot.sameBucket(last);
            if (sameBucket && slot.content().equals(last.content())) {
              continue; // a copy: the group's lowest id stands for it
            }
            if (!sameBucket || run.size() == maxBucket) {
              compare(run, maxDistance, out);
              run.clear();
            }
            run.add(next);
            last = slot;
          }
          compare(run, maxDistance, out);
          return out.iterator();
        }).collect());
    List<String> reasons = List.of(NAME + ":near");
    return flagged.stream().map(r -> new PoisoningReport.Flag(r, 0.5, reasons)).toList();
  }

  /** Adds to {@code out} both ids of each pair of the run within the distance, labels apart. */
  private static void compare(List<Tuple2<Slot, Member>> run, double maxDistance,
      Set<String> out) {
    for (int i = 0; i < run.size(); i++) {
      Member a = run.get(i)._2();
      for (int j = i + 1; j < run.size(); j++) {
        Member b = run.get(j)._2();
        if (!Objects.equals(a.label(), b.label())
            && distance(a.shingles(), b.shingles()) <= maxDistance) {
          out.add(run.get(i)._1().id());
          out.add(run.get(j)._1().id());
        }
      }
    }
  }

  /** The MinHash functions' (a, b), drawn as MLlib's MinHashLSH draws them from its seed. */
  private static long[][] coefficients(int functions, long seed) {
    Random random = new Random(seed);
    long[][] out = new long[functions][];
    for (int f = 0; f < functions; f++) {
      out[f] = new long[] {1 + random.nextInt((int) HASH_PRIME - 1),
          random.nextInt((int) HASH_PRIME - 1)};
    }
    return out;
  }

  private static long[] minHashes(int[] shingles, long[][] coefficients) {
    long[] out = new long[coefficients.length];
    for (int f = 0; f < out.length; f++) {
      long min = Long.MAX_VALUE;
      for (int i : shingles) {
        min = Math.min(min, ((1L + i) * coefficients[f][0] + coefficients[f][1]) % HASH_PRIME);
      }
      out[f] = min;
    }
    return out;
  }

  /**
   * The text as far as its meaning goes: the {@link Columns#normalise normalised text} with
   * each run of punctuation and white space ({@code [\p{P}\p{Z}\s]}) one space, without spaces
   * at either end.
   */
  static String canonical(String normalised) {
    StringBuilder out = new StringBuilder(normalised.length());
    boolean gap = false;
    for (int i = 0; i < normalised.length();) {
      int c = normalised.codePointAt(i);
      i += Character.charCount(c);
      if (separator(c)) {
        gap = out.length() > 0;
      } else {
        if (gap) {
          out.append(' ');
          gap = false;
        }
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  private static final int SEPARATOR_TYPES = 1 << Character.CONNECTOR_PUNCTUATION
      | 1 << Character.DASH_PUNCTUATION | 1 << Character.START_PUNCTUATION
      | 1 << Character.END_PUNCTUATION | 1 << Character.INITIAL_QUOTE_PUNCTUATION
      | 1 << Character.FINAL_QUOTE_PUNCTUATION | 1 << Character.OTHER_PUNCTUATION
      | 1 << Character.SPACE_SEPARATOR | 1 << Character.LINE_SEPARATOR
      | 1 << Character.PARAGRAPH_SEPARATOR;

  /** Whether {@code [\p{P}\p{Z}\s]} matches the code point. */
  static boolean separator(int c) {
    return c == ' ' || c >= '\t' && c <= '\r'
        || (SEPARATOR_TYPES >>> Character.getType(c) & 1) != 0;
  }

  /** The sorted distinct hashed character k-grams (the whole text when shorter than k). */
  static int[] shingles(String text, int k) {
    if (text.length() <= k) {
      return new int[] {index(text)};
    }
    int[] indices = new int[text.length() - k + 1];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = index(text.substring(i, i + k));
    }
    Arrays.sort(indices);
    int distinct = 0;
    for (int i = 0; i < indices.length; i++) {
      if (distinct == 0 || indices[i] != indices[distinct - 1]) {
        indices[distinct++] = indices[i];
      }
    }
    return Arrays.copyOf(indices, distinct);
  }

  private static int index(String shingle) {
    byte[] bytes = shingle.getBytes(StandardCharsets.UTF_8);
    int h = 0x811c9dc5;
    for (byte b : bytes) {
      h = (h ^ (b & 0xff)) * 0x01000193;
    }
    return Math.floorMod(h, SHINGLE_SPACE);
  }

  /** Jaccard distance between two sorted sets of shingles. */
  static double distance(int[] x, int[] y) {
    int i = 0;
    int j = 0;
    int shared = 0;
    while (i < x.length && j < y.length) {
      if (x[i] == y[j]) {
        shared++;
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    int union = x.length + y.length - shared;
    return union == 0 ? 0 : 1 - (double) shared / union;
  }

  /** 128 bits of a SHA-256. */
  record Key(long high, long low) implements Serializable {

    static Key of(MessageDigest digest) {
      ByteBuffer bytes = ByteBuffer.wrap(digest.digest());
      return new Key(bytes.getLong(), bytes.getLong());
    }
  }

  /**
   * A record's canonical text, the key of its whole content (text and features) and of its
   * features alone.
   */
  private record Content(String text, Key key, Key features) {

    static Content of(Row row, int features, int textColumn) {
      return of(row, featureKey(row, features), features, textColumn);
    }

    /** The content of a record whose features' key is {@code featureKey}. */
    static Content of(Row row, Key featureKey, int features, int textColumn) {
      MessageDigest digest = sha256();
      String text = textColumn < 0 || row.isNullAt(textColumn) ? ""
          : canonical(row.getString(textColumn));
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      digest.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
      digest.update(utf8);
      digest.update(values(row, features));
      return new Content(text, Key.of(digest), featureKey);
    }

    /** The key of the record's features alone. */
    static Key featureKey(Row row, int features) {
      MessageDigest digest = sha256();
      digest.update(values(row, features));
      return Key.of(digest);
    }

    /**
     * The key of the record's content when other records may share its features
     * ({@code shared[1]}), else null: a record no other shares the features of shares no content.
     */
    static Key sharedKey(Row row, int features, int textColumn, BloomFilter[] shared) {
      Key featureKey = featureKey(row, features);
      return shared[1].mightContainLong(featureKey.high())
          ? of(row, featureKey, features, textColumn).key : null;
    }

    /** The features as bytes: per feature, 0 and 0L when missing, else 1 and its bits. */
    private static byte[] values(Row row, int features) {
      ByteBuffer values = ByteBuffer.allocate(9 * features);
      for (int f = 1; f <= features; f++) {
        if (row.isNullAt(f)) {
          values.put((byte) 0).putLong(0);
        } else {
          values.put((byte) 1).putLong(Double.doubleToLongBits(row.getDouble(f)));
        }
      }
      return values.array();
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 unavailable", e);
      }
    });

    /** A digest of this thread's, reset (each {@code digest()} resets it too). */
    private static MessageDigest sha256() {
      MessageDigest digest = SHA256.get();
      digest.reset();
      return digest;
    }
  }

  /** Records per label of one content group (a missing label counts under null). */
  private static final class Labels implements Serializable {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, Long> counts = new HashMap<>();

    Labels(String label) {
      counts.put(label, 1L);
    }

    Labels merge(Labels other) {
      other.counts.forEach((label, n) -> counts.merge(label, n, Long::sum));
      return this;
    }

    /** More than one label, a missing one not counted. */
    boolean conflicting() {
      return counts.keySet().stream().filter(Objects::nonNull).count() > 1;
    }

    double share(String label) {
      long all = counts.values().stream().mapToLong(Long::longValue).sum();
      return (double) counts.getOrDefault(label, 0L) / all;
    }
  }

  /** A text's place in one band's bucket: features, band and the band's hashes. */
  private record Slot(Key features, int band, long bucket, Key content, String id)
      implements Serializable {

    boolean sameBucket(Slot other) {
      return band == other.band && bucket == other.bucket && features.equals(other.features);
    }
  }

  private record Member(String label, int[] shingles) implements Serializable {}

  /** By bucket, then content (a group's copies together), then id as Spark orders strings. */
  private static final class SlotOrder implements Comparator<Slot>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final Comparator<Slot> ORDER = Comparator
        .comparingLong((Slot s) -> s.features().high()).thenComparingLong(s -> s.features().low())
        .thenComparingInt(Slot::band).thenComparingLong(Slot::bucket)
        .thenComparingLong(s -> s.content().high()).thenComparingLong(s -> s.content().low())
        .thenComparing(Slot::id, PoisoningReport.UTF8_ORDER);

    @Override
    public int compare(Slot a, Slot b) {
      return ORDER.compare(a, b);
    }
  }

  /** All of a bucket's slots in one partition. */
  private static final class ByBucket extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    ByBucket(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      Slot slot = (Slot) key;
      return Math.floorMod(Objects.hash(slot.features(), slot.band(), slot.bucket()),
          partitions);
    }
  }
}
