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

/**
 * A set of recognizers loaded from a Presidio recognizer-registry YAML file, an analyzer
 * configuration holding one ({@code recognizer_registry:}), Presidio's ad-hoc JSON recognizers
 * or an {@code /analyze} request body with {@code ad_hoc_recognizers}. Entries of
 * {@code type: predefined}, bare names ({@code - CreditCardRecognizer}) and name-only entries
 * name Presidio's predefined recognizers; {@link #PREDEFINED} says which built-in recognizers
 * each one stands for. Packs combine in order ({@link #combine(List, Mode)}): a later
 * recognizer of the same name replaces an earlier one, and {@code enabled: false} removes it.
 *
 * <p>Extensions ignored by Presidio, per recognizer: {@code validator} and {@code invalidator}
 * (one of {@link Validator}'s names), {@code checked_score} (the score of a match that passes
 * the invalidator with no context word) and {@code trigger: {digits: N, literals: [...]}}, a
 * prefilter. Patterns of user packs run under a matching-step budget
 * ({@link RegexBudgetException}); the built-in pack's patterns are reviewed to be linear.
 *
 * @param recognizers the recognizers the pack defines, including overridden built-ins
 * @param listed built-in recognizers the pack enables unchanged (its predefined entries)
 * @param disabled recognizers the pack disables, by trainguard name
 * @param languages Presidio's languages of each recognizer the pack defines or lists
 * @param warnings one-line remarks on what the pack asks that trainguard does differently
 */
public record RecognizerPack(String source, List<Recognizer> recognizers, Set<String> listed,
    Set<String> disabled, Map<String, List<String>> languages, List<String> warnings) {

  private static final String BUILT_IN = "default-pack.yaml";

  /** How user packs combine with the built-in pack. */
  public enum Mode {
    /** Built-in recognizers stay on unless a pack disables them. */
    EXTEND,
    /** As Presidio reads a registry: only what the packs list or define is on. */
    REPLACE;

    /** The name on the command line: {@code extend} or {@code replace}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The mode of {@link #id()} {@code value}. */
    public static Mode parse(String value) {
      for (Mode mode : values()) {
        if (mode.id().equals(value)) {
          return mode;
        }
      }
      throw new IllegalArgumentException("Invalid pack mode: " + value);
    }
  }

  public RecognizerPack {
    recognizers = List.copyOf(recognizers);
    listed = Set.copyOf(listed);
    disabled = Set.copyOf(disabled);
    languages = Map.copyOf(languages);
    warnings = List.copyOf(warnings);
  }

  /** Recognizers implemented in code, by their names. */
  private static final Map<String, java.util.function.Supplier<Recognizer>> CODE_RECOGNIZERS =
      Map.of(PhoneRecognizer.NAME, PhoneRecognizer::new,
          GazetteerRecognizer.PERSON, GazetteerRecognizer::person,
          GazetteerRecognizer.LOCATION, GazetteerRecognizer::location,
          GazetteerRecognizer.NRP, GazetteerRecognizer::nrp,
          NameRecognizer.PERSON, NameRecognizer::person,
          NameRecognizer.LOCATION, NameRecognizer::location,
          NameRecognizer.ORGANIZATION, NameRecognizer::organization);

  /**
   * Presidio's predefined recognizers whose built-in equivalents carry other names, or more
   * than one; every other built-in recognizer stands for the Presidio recognizer of its name.
   * Presidio's NER recognizers stand for trainguard's PERSON, LOCATION and NRP recognizers
   * (gazetteers, name model, NRP list).
   */
  public static final Map<String, List<String>> PREDEFINED;

  static {
    List<String> ner = List.of(GazetteerRecognizer.PERSON, GazetteerRecognizer.LOCATION,
        NameRecognizer.PERSON, NameRecognizer.LOCATION, GazetteerRecognizer.NRP);
    PREDEFINED = Map.of(
        "CryptoRecognizer", List.of("CryptoRecognizer", "CryptoBech32Recognizer"),
        "SpacyRecognizer", ner, "StanzaRecognizer", ner, "TransformersRecognizer", ner,
        "HuggingFaceNerRecognizer", ner, "GLiNERRecognizer", ner);
  }

  /** The built-in recognizers a Presidio predefined recognizer name stands for; may be empty. */
  public static List<String> builtInsFor(String presidioName) {
    List<String> mapped = PREDEFINED.get(presidioName);
    if (mapped != null) {
      return mapped;
    }
    return BUILT_IN_PACK.get().containsKey(presidioName) ? List.of(presidioName) : List.of();
  }

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
    return new Loader(source, trusted).load(root);
  }

  /** Combines packs in order, the built-in pack first, extending it. */
  public static List<Recognizer> combine(List<RecognizerPack> packs) {
    return combine(packs, Mode.EXTEND);
  }

  /**
   * Combines packs in order: the first is the built-in pack, later names replace earlier ones
   * and disabled names are removed. In {@link Mode#REPLACE} the built-in pack only supplies
   * the recognizers that later packs list (with no later pack, it is used whole).
   */
  public static List<Recognizer> combine(List<RecognizerPack> packs, Mode mode) {
    Map<String, Recognizer> library = new LinkedHashMap<>();
    packs.get(0).recognizers().forEach(r -> library.put(r.name(), r));
    Map<String, Recognizer> byName = new LinkedHashMap<>();
    if (mode == Mode.EXTEND || packs.size() == 1) {
      byName.putAll(library);
    }
    for (RecognizerPack pack : packs.subList(1, packs.size())) {
      for (String name : pack.listed()) {
        if (library.containsKey(name)) {
          byName.putIfAbsent(name, library.get(name));
        }
      }
      for (Recognizer r : pack.recognizers()) {
        byName.put(r.name(), r);
      }
      pack.disabled().forEach(byName::remove);
    }
    return List.copyOf(byName.values());
  }

  /** Reads one pack's tree the way Presidio's registry loader does. */
  private static final class Loader {
    private final String source;
    private final boolean trusted;
    private final List<Recognizer> recognizers = new ArrayList<>();
    private final Set<String> listed = new TreeSet<>();
    private final Set<String> disabled = new TreeSet<>();
    private final Map<String, List<String>> languages = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    /** Enabled entries that name a country, reported once. */
    private final java.util.Set<String> countryCoded = new java.util.LinkedHashSet<>();
    private List<String> registryLanguages = List.of("en");
    private int flags = PythonRegex.PRESIDIO_DEFAULT_FLAGS;

    Loader(String source, boolean trusted) {
      this.source = source;
      this.trusted = trusted;
    }

    RecognizerPack load(JsonNode root) {
      JsonNode registry = root.path("recognizer_registry").isObject()
          ? root.get("recognizer_registry") : root;
      JsonNode list = entries(root, registry);
      JsonNode langs = registry.has("supported_languages") ? registry.get("supported_languages")
          : root.path("supported_languages");
      if (langs.isArray() && !langs.isEmpty()) {
        registryLanguages = new ArrayList<>();
        langs.forEach(l -> registryLanguages.add(l.asText()));
      }
      JsonNode flagNode = registry.path("global_regex_flags");
      if (!flagNode.isMissingNode()) {
        if (!flagNode.canConvertToInt() || !flagNode.isIntegralNumber()) {
          throw new PackException("Invalid global_regex_flags in pack " + source
              + ": not an integer");
        }
        flags = flagNode.asInt();
      }
      JsonNode threshold = root.has("default_score_threshold")
          ? root.get("default_score_threshold") : root.path("score_threshold");
      if (threshold.isNumber()) {
        warnings.add("Pack " + source + " sets a score threshold of " + threshold.asText()
            + "; trainguard uses --threshold instead");
      }
      if (root.has("entities") && root.has("ad_hoc_recognizers")) {
        warnings.add("Pack " + source + " is an /analyze request; its entities filter is"
            + " not applied");
      }
      if (registry.has("supported_countries")) {
        warnings.add("Pack " + source + " sets supported_countries; trainguard does not filter"
            + " recognizers by country");
      }
      for (JsonNode node : list) {
        entry(node);
      }
      if (!countryCoded.isEmpty()) {
        warnings.add("Pack " + source + " sets country_code on " + String.join(", ", countryCoded)
            + "; trainguard does not filter recognizers by country");
      }
      // Presidio's NER recognizers share one trainguard equivalent: any enabled one keeps it.
      disabled.removeAll(listed);
      recognizers.forEach(r -> disabled.remove(r.name()));
      return new RecognizerPack(source, recognizers, listed, disabled, languages, warnings);
    }

    private JsonNode entries(JsonNode root, JsonNode registry) {
      if (registry.isArray()) {
        return registry;
      }
      for (String key : List.of("recognizers", "ad_hoc_recognizers")) {
        if (registry.has(key)) {
          if (!registry.get(key).isArray()) {
            throw new PackException("Invalid pack " + source + ": " + key + " is not a list");
          }
          return registry.get(key);
        }
      }
      if (registry.isObject() && (registry.has("name") || registry.has("supported_entity"))) {
        return YAML.createArrayNode().add(registry);
      }
      throw new PackException("Invalid pack " + source + ": no recognizers"
          + (root.isObject() && (root.has("nlp_engine_name") || root.has("lm_recognizer"))
              ? " (an NLP engine or LLM configuration)" : ""));
    }

    private void entry(JsonNode node) {
      Spec spec;
      if (node.isTextual()) {
        spec = new Spec();
        spec.name = node.asText();
        spec.type = "predefined";
      } else if (node.isObject()) {
        try {
          spec = YAML.treeToValue(node, Spec.class);
        } catch (IOException e) {
          throw new PackException("Invalid recognizer in pack " + source + location(e));
        }
      } else {
        throw new PackException("Invalid recognizer in pack " + source
            + ": not a name or a mapping");
      }
      if (spec.name == null || spec.name.isBlank()) {
        throw new PackException("Invalid recognizer in pack " + source + ": missing name");
      }
      if (spec.countryCode != null && !Boolean.FALSE.equals(spec.enabled)) {
        countryCoded.add(PackException.shown(spec.name));
      }
      boolean custom = spec.type == null ? spec.hasPatterns() : "custom".equals(spec.type);
      if (!custom && spec.type != null && !"predefined".equals(spec.type)) {
        throw new PackException("Invalid type of recognizer " + PackException.shown(spec.name)
            + " in pack " + source + ": " + PackException.shown(spec.type)
            + " (allowed: predefined, custom)");
      }
      if (custom) {
        custom(spec);
      } else {
        predefined(spec);
      }
    }

    private void custom(Spec spec) {
      if (Boolean.FALSE.equals(spec.enabled)) {
        disabled.add(spec.name);
        return;
      }
      Recognizer r = spec.toRecognizer(source, flags, !trusted, spec.entity(source, warnings),
          context(spec));
      recognizers.add(r);
      languages(spec, List.of(r.name()));
    }

    private void predefined(Spec spec) {
      String className = spec.className == null ? spec.name : spec.className;
      if (trusted) {
        var code = CODE_RECOGNIZERS.get(className);
        if (code == null) {
          throw new IllegalStateException("Unknown built-in recognizer " + className);
        }
        recognizers.add(code.get());
        return;
      }
      List<String> targets = builtInsFor(className);
      if (Boolean.FALSE.equals(spec.enabled)) {
        disabled.addAll(targets);
        return;
      }
      if (targets.isEmpty()) {
        warnings.add("Predefined recognizer " + PackException.shown(className) + " in pack "
            + source
            + " is not available in trainguard; ignored");
        return;
      }
      languages(spec, targets);
      String entity = spec.supportedEntity != null || !spec.supportedEntities.isEmpty()
          ? spec.entity(source, warnings) : null;
      List<String> context = spec.context.isEmpty() && !spec.hasLanguageContext() ? null
          : context(spec);
      if (entity == null && context == null && !spec.hasPatterns()) {
        listed.addAll(targets);
        return;
      }
      if (spec.hasPatterns() && targets.size() > 1) {
        throw new PackException("Invalid recognizer " + PackException.shown(spec.name)
            + " in pack " + source + ": patterns of " + PackException.shown(className)
            + " cannot override its " + targets.size() + " built-in recognizers "
            + String.join(", ", targets));
      }
      List<PatternRecognizer.ScoredPattern> patterns = spec.hasPatterns()
          ? spec.compile(source, flags) : null;
      for (String target : targets) {
        if (!(BUILT_IN_PACK.get().get(target) instanceof PatternRecognizer builtIn)) {
          warnings.add("Recognizer " + PackException.shown(spec.name) + " in pack " + source
              + " overrides "
              + target + ", whose entity, context and patterns cannot be changed; built-in kept");
          listed.add(target);
          continue;
        }
        recognizers.add(builtIn.with(entity, context, patterns));
      }
    }

    /** The entry's context words and those of each of its languages. */
    private List<String> context(Spec spec) {
      Set<String> words = new java.util.LinkedHashSet<>(spec.context);
      for (JsonNode lang : spec.supportedLanguages) {
        lang.path("context").forEach(w -> words.add(w.asText()));
      }
      return List.copyOf(words);
    }

    /** Records Presidio's languages of {@code names}; warns when English is not one of them. */
    private void languages(Spec spec, List<String> names) {
      List<String> langs = new ArrayList<>();
      if (spec.supportedLanguage != null && !spec.supportedLanguage.isBlank()) {
        langs.add(spec.supportedLanguage);
      } else if (!spec.supportedLanguages.isEmpty()) {
        spec.supportedLanguages.forEach(l -> langs.add(l.isObject()
            ? l.path("language").asText() : l.asText()));
      } else {
        langs.addAll(registryLanguages);
      }
      List<String> built = new ArrayList<>(langs);
      built.retainAll(registryLanguages);
      names.forEach(n -> languages.put(n, List.copyOf(built)));
      if (!trusted && !built.contains("en")) {
        warnings.add("Recognizer " + PackException.shown(spec.name) + " in pack " + source
            + " is for "
            + String.join(", ", langs) + " in Presidio, not English; trainguard applies it to"
            + " all text");
      }
    }
  }

  /** The built-in recognizers by name. */
  private static final java.util.function.Supplier<Map<String, Recognizer>> BUILT_IN_PACK =
      new java.util.function.Supplier<>() {
        private volatile Map<String, Recognizer> byName;

        @Override
        public Map<String, Recognizer> get() {
          if (byName == null) {
            Map<String, Recognizer> map = new LinkedHashMap<>();
            builtIn().recognizers().forEach(r -> map.put(r.name(), r));
            byName = java.util.Collections.unmodifiableMap(map);
          }
          return byName;
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
    @JsonProperty("class_name")
    public String className;
    @JsonProperty("country_code")
    public JsonNode countryCode;
    @JsonProperty("supported_entity")
    public String supportedEntity;
    @JsonProperty("supported_entities")
    public List<String> supportedEntities = List.of();
    @JsonProperty("supported_language")
    public String supportedLanguage;
    @JsonProperty("supported_languages")
    public List<JsonNode> supportedLanguages = List.of();
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

    boolean hasPatterns() {
      return !patterns.isEmpty() || !denyList.isEmpty();
    }

    boolean hasLanguageContext() {
      return supportedLanguages.stream().anyMatch(l -> l.has("context"));
    }

    /** {@code supported_entity}, else the first of {@code supported_entities}, as Presidio. */
    String entity(String source, List<String> warnings) {
      if (supportedEntity != null && !supportedEntity.isBlank()) {
        return supportedEntity;
      }
      if (supportedEntities.isEmpty() || supportedEntities.get(0).isBlank()) {
        throw new PackException("Invalid recognizer " + PackException.shown(name) + " in pack "
            + source + ": missing supported_entity");
      }
      if (supportedEntities.size() > 1) {
        warnings.add("Recognizer " + PackException.shown(name) + " in pack " + source + " lists "
            + supportedEntities.size() + " supported_entities; it reports only the first, "
            + PackException.shown(supportedEntities.get(0)) + ", as in Presidio");
      }
      return supportedEntities.get(0);
    }

    List<PatternRecognizer.ScoredPattern> compile(String source, int flags) {
      List<PatternRecognizer.ScoredPattern> compiled = new ArrayList<>();
      for (PatternSpec p : patterns) {
        String patternName = p.name == null ? "pattern" + (compiled.size() + 1) : p.name;
        if (p.regex == null) {
          throw new PackException("Invalid pattern " + PackException.shown(patternName)
              + " of recognizer " + PackException.shown(name) + " in pack " + source
              + ": missing regex");
        }
        try {
          compiled.add(new PatternRecognizer.ScoredPattern(patternName,
              PythonRegex.compile(p.regex, flags), p.score == null ? 0.5 : p.score));
        } catch (IllegalArgumentException e) {
          throw new PackException("Invalid pattern " + PackException.shown(patternName)
              + " of recognizer " + PackException.shown(name) + " in pack " + source + ": "
              + e.getMessage());
        }
      }
      if (!denyList.isEmpty()) {
        compiled.add(new PatternRecognizer.ScoredPattern("deny_list",
            PythonRegex.compile(denyListRegex(), flags),
            denyListScore == null ? 1.0 : denyListScore));
      }
      return compiled;
    }

    /** Presidio's deny-list regex: the words, escaped, between non-word characters. */
    private String denyListRegex() {
      StringBuilder words = new StringBuilder();
      for (String word : denyList) {
        words.append(words.isEmpty() ? "" : "|");
        word.codePoints().forEach(c -> {
          if (c < 128 && !Character.isLetterOrDigit(c) && c != '_') {
            words.append('\\');
          }
          words.appendCodePoint(c);
        });
      }
      return "(?:^|(?<=\\W))(" + words + ")(?:(?=\\W)|$)";
    }

    Recognizer toRecognizer(String source, int flags, boolean budgeted, String entity,
        List<String> words) {
      List<PatternRecognizer.ScoredPattern> compiled = compile(source, flags);
      if (compiled.isEmpty()) {
        throw new PackException("Invalid recognizer " + PackException.shown(name) + " in pack "
            + source + ": no patterns or deny_list");
      }
      if (checkedScore != null && !(checkedScore >= 0.0 && checkedScore <= 1.0)) {
        throw new PackException("Invalid checked_score of recognizer " + PackException.shown(name)
            + " in pack " + source + ": " + checkedScore);
      }
      PatternRecognizer.Trigger t = trigger == null ? PatternRecognizer.Trigger.ALWAYS
          : new PatternRecognizer.Trigger(trigger.digits, trigger.literals);
      return new PatternRecognizer(name, entity, compiled, words,
          check("validator", validator, source), check("invalidator", invalidator, source), t,
          checkedScore == null ? 0.0 : checkedScore, budgeted);
    }

    private Validator check(String key, String value, String source) {
      try {
        return value == null ? null : Validator.parse(value);
      } catch (IllegalArgumentException e) {
        throw new PackException("Invalid " + key + " of recognizer " + PackException.shown(name)
            + " in pack " + source + ": " + PackException.shown(value) + " (allowed: "
            + Validator.allowedNames() + ")");
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
