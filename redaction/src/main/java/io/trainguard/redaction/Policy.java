package io.trainguard.redaction;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trainguard.classifiers.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which action applies to a finding, from a YAML policy:
 *
 * <pre>
 * version: 1                     # optional, 1
 * description: ...               # optional
 * default: replace               # entities not listed; replace if absent, keep only if written
 * min_score: 0.5                 # optional, default 0: findings under it are ignored
 * entities:
 *   EMAIL_ADDRESS: hash
 *   CREDIT_CARD: {operator: "fpe[luhn]", min_score: 0.8}
 *   CREDENTIALS: quarantine_record # credentials not named here (quarantine_record if absent)
 * columns:                       # exact names first, then globs (* and ?) in written order
 *   notes: redact
 *   "*_email": hash
 * gate:
 *   fail_on_entities: [AWS_SECRET_KEY, PRIVATE_KEY, CREDENTIALS]
 *   max_pii_fraction_per_column: 0.5
 * poisoning:                     # optional; validated and applied by the jobs module
 *   action: quarantine
 * </pre>
 *
 * Column names and globs match regardless of case ({@code ssn} matches {@code SSN}). A column
 * rule wins over the entity rules for every finding in a matching column, whatever its entity;
 * an operator there also rewrites each value of the column whole, found or not (the formats do
 * that), {@code drop_column} removes the column, and the other record actions act on findings. Everything is validated on load: unknown keys, wrong types, operators
 * and numbers are rejected with a {@link PolicyException} naming the policy, the key path and
 * what is allowed. {@link Serializable} so that Spark ships it to executors.
 */
public final class Policy implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * The entity name that stands, in {@code entities} and {@code gate.fail_on_entities}, for every
   * credential the policy does not name (see {@link #withCredentials}).
   */
  public static final String CREDENTIALS = "CREDENTIALS";

  private static final List<String> KEYS =
      List.of("version", "description", "default", "min_score", "entities", "columns", "gate",
          "poisoning");
  private static final List<String> ENTITY_KEYS = List.of("operator", "min_score");
  private static final List<String> GATE_KEYS =
      List.of("fail_on_entities", "max_pii_fraction_per_column");
  private static final Pattern ENTITY_NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final String UNIT_INTERVAL = "a number from 0 to 1";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * Thresholds that fail the gate (exit 3): any accepted finding of {@code failOnEntities}
   * anywhere, or a column in which more than {@code maxPiiFractionPerColumn} of the non-empty
   * cells hold an accepted finding (1 means no limit).
   */
  public record Gate(Set<String> failOnEntities, double maxPiiFractionPerColumn)
      implements Serializable {

    public static final Gate NONE = new Gate(Set.of(), 1.0);

    public Gate {
      failOnEntities = Set.copyOf(failOnEntities);
      if (!(maxPiiFractionPerColumn >= 0.0 && maxPiiFractionPerColumn <= 1.0)) {
        throw new IllegalArgumentException("Invalid max_pii_fraction_per_column: "
            + maxPiiFractionPerColumn + " (allowed: " + UNIT_INTERVAL + ")");
      }
    }

    public boolean failsOn(String entity) {
      return failOnEntities.contains(entity);
    }

    /** Whether a column with {@code cellsWithPii} of {@code cells} non-empty cells fails. */
    public boolean exceedsPiiFraction(long cellsWithPii, long cells) {
      return cells > 0 && (double) cellsWithPii / cells > maxPiiFractionPerColumn;
    }
  }

  private record EntityRule(Action action, double minScore) implements Serializable {}

  private record ColumnGlob(Pattern pattern, Action action) implements Serializable {}

  private final String name;
  private final Action defaultAction;
  private final double defaultMinScore;
  private final Map<String, EntityRule> entities;
  private final Map<String, Action> columns;
  private final List<ColumnGlob> columnGlobs;
  private final Gate gate;
  private final JsonNode poisoning;
  private static final int MAX_REMEMBERED_COLUMNS = 10_000;
  /** Column rules by column name, resolved once per column (per-cell lookups run globs else). */
  private transient volatile Map<String, Optional<Action>> columnRules;

  private Policy(String name, Action defaultAction, double defaultMinScore,
      Map<String, EntityRule> entities, Map<String, Action> columns, List<ColumnGlob> columnGlobs,
      Gate gate, JsonNode poisoning) {
    this.name = name;
    this.defaultAction = defaultAction;
    this.defaultMinScore = defaultMinScore;
    this.entities = Collections.unmodifiableMap(entities);
    this.columns = Map.copyOf(columns);
    this.columnGlobs = List.copyOf(columnGlobs);
    this.gate = gate;
    this.poisoning = poisoning;
  }

  /** The policy in a YAML file, named by its file name in messages. */
  public static Policy load(Path path) {
    String name = path.getFileName().toString();
    try (InputStream in = Files.newInputStream(path)) {
      return parse(in, name);
    } catch (NoSuchFileException e) {
      throw new PolicyException("Cannot read policy " + path + ": no such file");
    } catch (IOException e) {
      throw new PolicyException("Cannot read policy " + path + ": " + e.getMessage());
    }
  }

  /** The built-in {@code strict} policy, used when no policy is given. */
  public static Policy strict() {
    try (InputStream in = Policy.class.getResourceAsStream("strict.yaml")) {
      return parse(in, "strict.yaml");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the built-in strict policy", e);
    }
  }

  /** The policy in a YAML stream; {@code name} (a file name) appears in messages. */
  public static Policy parse(InputStream in, String name) {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      // The parser's message goes on with the offending lines of the file: its first line only.
      String reason = e.getOriginalMessage().lines().findFirst().orElse("").strip();
      throw new PolicyException("Invalid YAML in " + name
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
          + (reason.isEmpty() || !Specs.shown(reason).equals(reason) ? "" : ": " + reason));
    } catch (IOException e) {
      throw new PolicyException("Cannot read policy " + name + ": " + e.getMessage());
    }
    return new Reader(name).policy(root);
  }

  public String name() {
    return name;
  }

  /** The action of entities the policy does not list. */
  public Action defaultAction() {
    return defaultAction;
  }

  /** The entities the policy lists, in written order; for checking them against the detectors. */
  public Set<String> entities() {
    return entities.keySet();
  }

  public Gate gate() {
    return gate;
  }

  /**
   * Fails unless every entity the policy names ({@code entities}, {@code gate.fail_on_entities})
   * is in {@code known}: a misspelt entity would otherwise never match and its values would get
   * the default action. The message names the closest known entities.
   */
  public void requireKnownEntities(Set<String> known) {
    for (String entity : entities.keySet()) {
      requireKnown(entity, "entities." + Specs.shown(entity), known);
    }
    for (String entity : new java.util.TreeSet<>(gate.failOnEntities())) {
      requireKnown(entity, "gate.fail_on_entities", known);
    }
  }

  private void requireKnown(String entity, String path, Set<String> known) {
    if (known.contains(entity) || entity.equals(CREDENTIALS)) {
      return;
    }
    Map<String, Integer> distances = new java.util.TreeMap<>();
    known.forEach(k -> distances.put(k, EditDistance.of(entity, k)));
    int best = distances.values().stream().min(Integer::compare).orElse(0);
    List<String> closest = distances.entrySet().stream().filter(e -> e.getValue() == best)
        .map(Map.Entry::getKey).limit(3).toList();
    throw new PolicyException("Unknown entity in " + name + " at " + path + ": "
        + Specs.shown(entity)
        + (closest.isEmpty() ? "" : " (closest known: " + String.join(", ", closest) + ")"));
  }

  /**
   * This policy with {@code credentials} (entities that detect credentials, such as Macie's
   * credential identifiers) handled as credentials: each one the policy does not name gets the
   * {@value #CREDENTIALS} rule, {@code quarantine_record} when there is none, never the default;
   * each one fails the gate when the gate lists {@value #CREDENTIALS}.
   */
  public Policy withCredentials(Set<String> credentials) {
    EntityRule rule = entities.getOrDefault(CREDENTIALS,
        new EntityRule(RecordAction.QUARANTINE_RECORD, defaultMinScore));
    Map<String, EntityRule> all = new LinkedHashMap<>(entities);
    Set<String> failOn = new LinkedHashSet<>(gate.failOnEntities());
    for (String credential : new java.util.TreeSet<>(credentials)) {
      all.putIfAbsent(credential, rule);
      if (gate.failsOn(CREDENTIALS)) {
        failOn.add(credential);
      }
    }
    return new Policy(name, defaultAction, defaultMinScore, all, columns, columnGlobs,
        new Gate(failOn, gate.maxPiiFractionPerColumn()), poisoning);
  }

  /**
   * The {@code poisoning} section as written (a copy), or empty when absent. Its settings belong
   * to the dataset-level detectors, so the jobs module validates and applies it.
   */
  public Optional<JsonNode> poisoning() {
    return Optional.ofNullable(poisoning).map(JsonNode::deepCopy);
  }

  /** The column rule matching {@code column}, if any ({@code null}: a value outside columns). */
  public Optional<Action> columnAction(String column) {
    if (column == null) {
      return Optional.empty();
    }
    Map<String, Optional<Action>> rules = columnRules;
    if (rules == null) {
      rules = new java.util.concurrent.ConcurrentHashMap<>();
      columnRules = rules;
    }
    Optional<Action> rule = rules.get(column);
    if (rule == null) {
      rule = resolveColumnRule(column);
      if (rules.size() < MAX_REMEMBERED_COLUMNS) { // JSON keys can be data: stay bounded
        rules.put(column, rule);
      }
    }
    return rule;
  }

  private Optional<Action> resolveColumnRule(String column) {
    Action exact = columns.get(column.toLowerCase(Locale.ROOT));
    if (exact != null) {
      return Optional.of(exact);
    }
    return columnGlobs.stream().filter(g -> g.pattern().matcher(column).matches())
        .map(ColumnGlob::action).findFirst();
  }

  /** The action for a finding of {@code entity} in {@code column} (null outside columns). */
  public Action actionFor(String entity, String column) {
    return columnAction(column).orElseGet(() -> {
      EntityRule rule = entities.get(entity);
      return rule == null ? defaultAction : rule.action();
    });
  }

  public double minScore(String entity) {
    EntityRule rule = entities.get(entity);
    return rule == null ? defaultMinScore : rule.minScore();
  }

  /** Whether {@code finding} reaches its entity's {@code min_score}; others are ignored. */
  public boolean accepts(Finding finding) {
    return finding.score() >= minScore(finding.entity());
  }

  /**
   * The findings that {@link #accepts}, in their order; in place of one it ignores, those inside
   * it that it accepts (the ignored finding protects nothing).
   */
  public List<Finding> accepted(List<Finding> findings) {
    for (int i = 0; i < findings.size(); i++) {
      if (!accepts(findings.get(i))) {
        List<Finding> kept = new ArrayList<>(findings.subList(0, i));
        for (int j = i; j < findings.size(); j++) {
          Finding f = findings.get(j);
          if (accepts(f)) {
            kept.add(f);
          } else {
            kept.addAll(accepted(f.inner()));
          }
        }
        return Collections.unmodifiableList(kept);
      }
    }
    return findings;
  }

  /**
   * The strongest record action ({@link RecordAction} order) asked for by the accepted findings
   * of one cell of {@code column}; empty if every one of them has an operator.
   */
  public Optional<RecordAction> recordAction(String column, List<Finding> findings) {
    RecordAction strongest = null;
    for (Finding f : findings) {
      if (accepts(f) && actionFor(f.entity(), column) instanceof RecordAction r
          && (strongest == null || r.compareTo(strongest) > 0)) {
        strongest = r;
      }
    }
    return Optional.ofNullable(strongest);
  }

  /**
   * The operators of {@code column} (null outside columns) as a {@link Redactor}. Entities whose
   * action is a {@link RecordAction} get {@code replace} there, so that a caller that redacts
   * before checking {@link #recordAction} still never passes such a value through.
   */
  public Redactor redactor(String column) {
    Optional<Action> columnRule = columnAction(column);
    if (columnRule.isPresent()) {
      return new Redactor(Map.of(), operator(columnRule.get()));
    }
    Map<String, Operator> byEntity = new HashMap<>();
    entities.forEach((entity, rule) -> byEntity.put(entity, operator(rule.action())));
    return new Redactor(byEntity, operator(defaultAction));
  }

  private static Operator operator(Action action) {
    return action instanceof Operator op ? op : Replace.ENTITY_NAME;
  }

  @Override
  public String toString() {
    return "Policy[" + name + "]";
  }

  /** Reads and validates one policy document. */
  private static final class Reader {
    private final String name;
    private final Map<String, Action> columns = new HashMap<>();
    private final List<ColumnGlob> columnGlobs = new ArrayList<>();

    Reader(String name) {
      this.name = name;
    }

    Policy policy(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw new PolicyException("Invalid policy in " + name + ": " + describe(root)
            + " (allowed: a mapping with keys " + String.join(", ", KEYS) + ")");
      }
      checkKeys(root, "", KEYS);
      JsonNode version = root.get("version");
      if (version != null && !(version.isInt() && version.intValue() == 1)) {
        throw invalid("version", "version", describe(version), "1");
      }
      JsonNode description = root.get("description");
      if (description != null && !description.isTextual()) {
        throw invalid("description", "description", describe(description), "a text");
      }
      Action defaultAction = root.has("default")
          ? action(root.get("default"), "default") : Replace.ENTITY_NAME;
      double minScore = root.has("min_score") ? score(root.get("min_score"), "min_score") : 0.0;
      Map<String, EntityRule> entities = entities(root.get("entities"), minScore);
      columns(root.get("columns"));
      return new Policy(name, defaultAction, minScore, entities, columns, columnGlobs,
          gate(root.get("gate")), root.get("poisoning"));
    }

    private Map<String, EntityRule> entities(JsonNode node, double defaultMinScore) {
      Map<String, EntityRule> rules = new LinkedHashMap<>();
      if (node == null) {
        return rules;
      }
      mapping(node, "entities", "a mapping of ENTITY: operator or {operator, min_score}");
      node.fields().forEachRemaining(field -> {
        String entity = entityName(field.getKey(), "entities");
        String path = "entities." + entity;
        JsonNode value = field.getValue();
        if (value.isObject()) {
          checkKeys(value, path, ENTITY_KEYS);
          if (!value.has("operator")) {
            throw new PolicyException("Missing key in " + name + " at " + path + ": operator");
          }
          rules.put(entity, new EntityRule(action(value.get("operator"), path + ".operator"),
              value.has("min_score") ? score(value.get("min_score"), path + ".min_score")
                  : defaultMinScore));
        } else {
          rules.put(entity, new EntityRule(action(value, path), defaultMinScore));
        }
      });
      return rules;
    }

    private void columns(JsonNode node) {
      if (node == null) {
        return;
      }
      mapping(node, "columns", "a mapping of COLUMN or GLOB: operator");
      node.fields().forEachRemaining(field -> {
        String column = field.getKey();
        if (column.isEmpty()) {
          throw invalid("column", "columns", "\"\"", "a column name or a glob with * and ?");
        }
        Action action = action(field.getValue(), "columns." + Specs.shown(column));
        if (column.indexOf('*') >= 0 || column.indexOf('?') >= 0) {
          columnGlobs.add(new ColumnGlob(glob(column), action));
        } else if (columns.put(column.toLowerCase(Locale.ROOT), action) != null) {
          throw invalid("column", "columns." + Specs.shown(column), Specs.quote(column),
              "one rule per column name, whatever its case");
        }
      });
    }

    private Gate gate(JsonNode node) {
      if (node == null) {
        return Gate.NONE;
      }
      mapping(node, "gate", "a mapping with keys " + String.join(", ", GATE_KEYS));
      checkKeys(node, "gate", GATE_KEYS);
      Set<String> failOn = new LinkedHashSet<>();
      JsonNode entities = node.get("fail_on_entities");
      if (entities != null) {
        if (!entities.isArray()) {
          throw invalid("fail_on_entities", "gate.fail_on_entities", describe(entities),
              "a list of entity names");
        }
        for (int i = 0; i < entities.size(); i++) {
          String path = "gate.fail_on_entities[" + i + "]";
          JsonNode entity = entities.get(i);
          if (!entity.isTextual()) {
            throw invalid("entity name", path, describe(entity), "letters, digits and _");
          }
          failOn.add(entityName(entity.textValue(), path));
        }
      }
      JsonNode fraction = node.get("max_pii_fraction_per_column");
      return new Gate(failOn, fraction == null ? 1.0
          : score(fraction, "gate.max_pii_fraction_per_column"));
    }

    private Action action(JsonNode node, String path) {
      if (!node.isTextual()) {
        throw new PolicyException("Invalid operator in " + name + " at " + path + ": "
            + describe(node) + " (allowed: " + Specs.ALL + ")");
      }
      try {
        return Specs.parse(node.textValue(), " in " + name + " at " + path);
      } catch (IllegalArgumentException e) {
        throw new PolicyException(e.getMessage());
      }
    }

    private double score(JsonNode node, String path) {
      String key = path.substring(path.lastIndexOf('.') + 1);
      if (!node.isNumber() || !(node.doubleValue() >= 0.0 && node.doubleValue() <= 1.0)) {
        throw invalid(key, path, describe(node), UNIT_INTERVAL);
      }
      return node.doubleValue();
    }

    private String entityName(String entity, String path) {
      if (!ENTITY_NAME.matcher(entity).matches()) {
        throw invalid("entity name", path, Specs.quote(entity), "letters, digits and _");
      }
      return entity;
    }

    private void mapping(JsonNode node, String path, String allowed) {
      if (!node.isObject()) {
        throw invalid(path, path, describe(node), allowed);
      }
    }

    private void checkKeys(JsonNode node, String path, List<String> allowed) {
      node.fieldNames().forEachRemaining(key -> {
        if (!allowed.contains(key)) {
          throw new PolicyException("Unknown key in " + name + " at "
              + (path.isEmpty() ? "" : path + ".") + Specs.shown(key) + " (allowed: "
              + String.join(", ", allowed) + ")");
        }
      });
    }

    private PolicyException invalid(String what, String path, String value, String allowed) {
      return new PolicyException("Invalid " + what + " in " + name + " at " + path + ": " + value
          + " (allowed: " + allowed + ")");
    }

    private static String describe(JsonNode node) {
      if (node == null || node.isMissingNode()) {
        return "nothing";
      }
      if (node.isTextual()) {
        return Specs.quote(node.textValue());
      }
      if (node.isArray()) {
        return "a list";
      }
      return node.isObject() ? "a mapping" : node.asText();
    }

    private static Pattern glob(String glob) {
      StringBuilder regex = new StringBuilder();
      glob.codePoints().forEach(cp -> regex.append(cp == '*' ? ".*" : cp == '?' ? "."
          : Pattern.quote(Character.toString(cp))));
      return Pattern.compile(regex.toString(),
          Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
  }
}
