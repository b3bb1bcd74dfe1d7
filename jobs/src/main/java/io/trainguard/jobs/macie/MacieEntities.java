package io.trainguard.jobs.macie;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Macie's documented managed data identifier ids ({@code managed-data-identifiers.tsv}, with its
 * source) and the trainguard/Presidio entity each maps onto (DESIGN.md). Ids without an equivalent,
 * ids Macie may add later and custom data identifiers keep their own names.
 */
public final class MacieEntities {

  private static final String TABLE = "managed-data-identifiers.tsv";
  private static final String CREDENTIALS = "CREDENTIALS";
  /** How Macie names credential identifiers, for ids newer than the table. */
  private static final Pattern CREDENTIAL_NAME =
      Pattern.compile(".*_(KEY|TOKEN|CREDENTIALS)|.*_SECRET.*");

  private static final Map<String, String> MANAGED = new TreeMap<>();
  private static final Set<String> DOCUMENTED = new TreeSet<>();
  private static final Set<String> CREDENTIAL = new TreeSet<>();

  static {
    try (InputStream in = MacieEntities.class.getResourceAsStream(TABLE);
        BufferedReader lines = new BufferedReader(
            new InputStreamReader(in, StandardCharsets.UTF_8))) {
      lines.lines().filter(l -> !l.startsWith("#") && !l.startsWith("id\t")).forEach(l -> {
        String[] row = l.split("\t");
        DOCUMENTED.add(row[0]);
        if (!row[2].equals("-")) {
          MANAGED.put(row[0], row[2]);
        }
        if (row[1].equals(CREDENTIALS)) {
          CREDENTIAL.add(row[0]);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MacieEntities() {}

  /** The entity for a managed data identifier id; ids without an equivalent map to themselves. */
  public static String managed(String macieType) {
    return MANAGED.getOrDefault(macieType, macieType);
  }

  /**
   * Whether a managed data identifier detects credentials: Macie's {@code CREDENTIALS} category,
   * or an undocumented id named like one ({@code *_KEY}, {@code *_TOKEN}, {@code *_CREDENTIALS},
   * {@code *_SECRET*}).
   */
  public static boolean credential(String macieType) {
    return CREDENTIAL.contains(macieType)
        || !DOCUMENTED.contains(macieType) && CREDENTIAL_NAME.matcher(macieType).matches();
  }

  /** The entity names of managed data identifiers' findings: mapped ones and unmapped ids. */
  public static Set<String> entities() {
    Set<String> all = new TreeSet<>(MANAGED.values());
    DOCUMENTED.stream().filter(id -> !MANAGED.containsKey(id)).forEach(all::add);
    return Collections.unmodifiableSet(all);
  }

  /** Every mapped managed data identifier id and its entity. */
  public static Map<String, String> table() {
    return Collections.unmodifiableMap(MANAGED);
  }

  /** Every managed data identifier id Amazon documents. */
  public static Set<String> documented() {
    return Collections.unmodifiableSet(DOCUMENTED);
  }
}
