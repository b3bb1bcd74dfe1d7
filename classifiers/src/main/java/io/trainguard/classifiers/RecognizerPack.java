package io.trainguard.classifiers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A set of recognizers loaded from a Presidio recognizer-registry YAML file (or Presidio's ad-hoc
 * JSON recognizers). Packs combine in order: a later recognizer of the same name replaces an
 * earlier one, and {@code enabled: false} removes it. Entries of {@code type: predefined} name
 * Presidio's built-in recognizers ({@code PhoneRecognizer}, {@code CreditCardRecognizer}, ...);
 * trainguard's equivalents carry the same names, so a Presidio registry file enables and
 * disables them unchanged.
 *
 * <p>Extensions ignored by Presidio, per recognizer: {@code validator} and {@code invalidator}
 * (one of {@link Validator}'s names), {@code checked_score} (the score of a match that passes
 * the invalidator with no context word) and {@code trigger: {digits: N, literals: [...]}}, a
 * prefilter. Patterns of user packs run under a matching-step budget
 * ({@link RegexBudgetException}); the built-in pack's patterns are reviewed to be linear.
 *
 * @param warnings non-fatal remarks, such as predefined recognizers trainguard does not have
 */
public record RecognizerPack(String source, List<Recognizer> recognizers, Set<String> disabled,
    List<String> warnings) {

  private static final String BUILT_IN = "default-pack.yaml";

  public RecognizerPack {
    recognizers = List.copyOf(recognizers);
    disabled = Set.copyOf(disabled);
    warnings = List.copyOf(warnings);
  }

  /** Recognizers implemented in code, by their Presidio names. */
  private static final Map<String, java.util.function.Supplier<Recognizer>> CODE_RECOGNIZERS =
      Map.of(PhoneRecognizer.NAME, PhoneRecognizer::new,
          GazetteerRecognizer.PERSON, GazetteerRecognizer::person,
          GazetteerRecognizer.LOCATION, GazetteerRecognizer::location,
          GazetteerRecognizer.NRP, GazetteerRecognizer::nrp,
          NameRecognizer.PERSON, NameRecognizer::person,
          NameRecognizer.LOCATION, NameRecognizer::location,
          NameRecognizer.ORGANIZATION, NameRecognizer::organization);

  /** The pack that ships with trainguard. */
  public static RecognizerPack builtIn() {
    try (InputStream in = RecognizerPack.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find built-in pack " + BUILT_IN);
      }
      return parse(in, "built-in", true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a YAML or JSON pack file. */
  public static RecognizerPack load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.getFileName().toString(), false);
    } catch (IOException e) {
      throw new PackException("Cannot read pack " + file + ": " + e.getClass().getSimpleName());
    }
  }

  /** Parses a user pack; {@code source} names it in errors. */
  public static RecognizerPack parse(InputStream in, String source) {
    return parse(in, source, false);
  }

  private static RecognizerPack parse(InputStream in, String source, boolean trusted) {
    JsonNode root;
    try {
      root = YAML.readTree(in); // YAML is a superset of JSON: one parser for both formats
    } catch (IOException e) {
      throw new PackException("Invalid pack " + source + ": not valid YAML or JSON"
          + location(e));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new PackException("Invalid pack " + source + ": empty");
    }
    int flags = root.path("global_regex_flags").asInt(PythonRegex.PRESIDIO_DEFAULT_FLAGS);
    JsonNode list = root.isArray() ? root : root.has("recognizers") ? root.get("recognizers")
        : YAML.createArrayNode().add(root);
    List<Recognizer> recognizers = new ArrayList<>();
    Set<String> disabled = new TreeSet<>();
    List<String> warnings = new ArrayList<>();
    for (JsonNode node : list) {
      Spec spec;
      try {
        spec = YAML.treeToValue(node, Spec.class);
      } catch (IOException e) {
        throw new PackException("Invalid recognizer in pack " + source + location(e));
      }
      if (spec.name == null || spec.name.isBlank()) {
        throw new PackException("Invalid recognizer in pack " + source + ": missing name");
      }
      if (Boolean.FALSE.equals(spec.enabled)) {
        disabled.add(spec.name);
      } else if ("predefined".equals(spec.type) && spec.patterns.isEmpty()
          && spec.denyList.isEmpty()) {
        var code = CODE_RECOGNIZERS.get(spec.name);
        if (code != null) {
          recognizers.add(code.get());
        } else if (!trusted && !BUILT_IN_NAMES.get().contains(spec.name)) {
          warnings.add("Predefined recognizer " + spec.name + " in pack " + source
              + " is not available in trainguard; ignored");
        }
      } else {
        recognizers.add(spec.toRecognizer(source, flags, !trusted));
      }
    }
    return new RecognizerPack(source, recognizers, disabled, warnings);
  }

  /** Combines packs in order: later names replace earlier ones; disabled names are removed. */
  public static List<Recognizer> combine(List<RecognizerPack> packs) {
    Map<String, Recognizer> byName = new LinkedHashMap<>();
    for (RecognizerPack pack : packs) {
      for (Recognizer r : pack.recognizers()) {
        byName.put(r.name(), r);
      }
      pack.disabled().forEach(byName::remove);
    }
    return List.copyOf(byName.values());
  }

  private static final java.util.function.Supplier<Set<String>> BUILT_IN_NAMES =
      new java.util.function.Supplier<>() {
        private volatile Set<String> names;

        @Override
        public Set<String> get() {
          if (names == null) {
            names = builtIn().recognizers().stream().map(Recognizer::name)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
          }
          return names;
        }
      };

  private static String location(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JacksonException je && je.getLocation() != null
        && je.getLocation().getLineNr() > 0) {
      return " (line " + je.getLocation().getLineNr() + ")";
    }
    return "";
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);

  /** One recognizer as written in a Presidio pack. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Spec {
    public String name;
    @JsonProperty("supported_entity")
    public String supportedEntity;
    public List<PatternSpec> patterns = List.of();
    public List<String> context = List.of();
    @JsonProperty("deny_list")
    public List<String> denyList = List.of();
    @JsonProperty("deny_list_score")
    public Double denyListScore;
    public Boolean enabled;
    public String validator;
    public String invalidator;
    public String type;
    public TriggerSpec trigger;
    @JsonProperty("checked_score")
    public Double checkedScore;

    Recognizer toRecognizer(String source, int flags, boolean budgeted) {
      if (supportedEntity == null || supportedEntity.isBlank()) {
        throw new PackException("Invalid recognizer " + name + " in pack " + source
            + ": missing supported_entity");
      }
      List<PatternRecognizer.ScoredPattern> compiled = new ArrayList<>();
      for (PatternSpec p : patterns) {
        String patternName = p.name == null ? "pattern" + (compiled.size() + 1) : p.name;
        if (p.regex == null) {
          throw new PackException("Invalid pattern " + patternName + " of recognizer " + name
              + " in pack " + source + ": missing regex");
        }
        try {
          compiled.add(new PatternRecognizer.ScoredPattern(patternName,
              PythonRegex.compile(p.regex, flags), p.score == null ? 0.5 : p.score));
        } catch (IllegalArgumentException e) {
          throw new PackException("Invalid pattern " + patternName + " of recognizer " + name
              + " in pack " + source + ": " + e.getMessage());
        }
      }
      if (!denyList.isEmpty()) {
        StringBuilder words = new StringBuilder();
        for (String word : denyList) {
          words.append(words.isEmpty() ? "" : "|").append(Pattern.quote(word));
        }
        compiled.add(new PatternRecognizer.ScoredPattern("deny_list",
            Pattern.compile("(?<!\\w)(?:" + words + ")(?!\\w)",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS),
            denyListScore == null ? 1.0 : denyListScore));
      }
      if (compiled.isEmpty()) {
        throw new PackException("Invalid recognizer " + name + " in pack " + source
            + ": no patterns or deny_list");
      }
      if (checkedScore != null && !(checkedScore >= 0.0 && checkedScore <= 1.0)) {
        throw new PackException("Invalid checked_score of recognizer " + name + " in pack "
            + source + ": " + checkedScore);
      }
      PatternRecognizer.Trigger t = trigger == null ? PatternRecognizer.Trigger.ALWAYS
          : new PatternRecognizer.Trigger(trigger.digits, trigger.literals);
      return new PatternRecognizer(name, supportedEntity, compiled, context,
          check("validator", validator, source), check("invalidator", invalidator, source), t,
          checkedScore == null ? 0.0 : checkedScore, budgeted);
    }

    private Validator check(String key, String value, String source) {
      try {
        return value == null ? null : Validator.parse(value);
      } catch (IllegalArgumentException e) {
        throw new PackException("Invalid " + key + " of recognizer " + name + " in pack " + source
            + ": " + value + " (allowed: " + Validator.allowedNames() + ")");
      }
    }
  }

  /** trainguard's prefilter extension. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class TriggerSpec {
    public int digits;
    public List<String> literals = List.of();
  }

  /** One pattern as written in a Presidio pack. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class PatternSpec {
    public String name;
    public String regex;
    public Double score;
  }
}
