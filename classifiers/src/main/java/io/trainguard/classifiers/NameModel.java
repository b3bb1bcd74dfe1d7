package io.trainguard.classifiers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.SequenceCodec;
import opennlp.tools.util.Span;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.AggregatedFeatureGenerator;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;
import opennlp.tools.util.featuregen.GeneratorFactory;
import opennlp.tools.util.featuregen.PreviousMapFeatureGenerator;

/**
 * The bundled statistical name finder (an OpenNLP maximum-entropy model trained by
 * {@link NameModelTrainer}): PERSON, LOCATION and ORGANIZATION spans with their probabilities.
 * The model loads once per JVM on first use; each thread tags with its own {@link Tagger} and
 * keeps the names of the last two texts it tagged (a text and its second reading), so the
 * recognizers of several entities share one pass. For speed the model reads only windows around candidate words, and in them only the
 * tokens that may be part of a name.
 */
final class NameModel {

  static final String RESOURCE = "ner/names.bin";
  static final String COMMON_WORDS = "common-words.txt";
  static final String CENSUS_FIRST_NAMES = "census-first-names.txt";
  static final String CENSUS_SURNAMES = "census-surnames.txt";

  /** A name found: entity, UTF-16 offsets in the text, probability. */
  record Name(String entity, int start, int end, double probability) {
  }

  private static final ThreadLocal<Tagger> TAGGERS = ThreadLocal.withInitial(Tagger::new);

  private NameModel() {
  }

  /**
   * The names in {@code text}, a listed family name written first and its given names read as one
   * person ({@link NameRules#familyNamesFirst}).
   */
  static List<Name> find(String text) {
    return TAGGERS.get().find(text);
  }

  /**
   * What the tagger keeps of the model file: its weights and its feature descriptor; OpenNLP's
   * own model, which holds the weights again in maps, is let go.
   */
  private static final class Loaded {
    static final NameWeights WEIGHTS;
    static final byte[] FEATURES;

    static {
      TokenNameFinderModel model = load();
      if (!(model.getFactory().createSequenceCodec() instanceof BioCodec)) {
        throw new IllegalStateException("The name model's outcomes are not BIO-coded");
      }
      WEIGHTS = new NameWeights(model.getArtifact("nameFinder.model"));
      FEATURES = model.getArtifact("generator.featuregen");
    }

    private static TokenNameFinderModel load() {
      NameFeatures.register();
      try (InputStream in = NameModel.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Cannot find name model " + RESOURCE);
        }
        return new TokenNameFinderModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot load name model " + RESOURCE, e);
      }
    }
  }

  /** Tokens the model sees on either side of a candidate. */
  private static final int CONTEXT = 2;
  /** Candidates at most this many tokens apart share a window. */
  private static final int GAP = 2 * CONTEXT;
  /** Under this probability a one-word PERSON in a document needs the support of another. */
  static final double UNSURE = 0.8;
  /** Texts of this many sentences or more are documents, which name a person whole somewhere. */
  private static final int DOCUMENT_SENTENCES = 3;
  /** The probability given to a lower-case first name after a greeting the model missed. */
  static final double GREETED_NAME_PROBABILITY = 0.6;
  private static final String PERSON_START = "PERSON-" + BioCodec.START;
  private static final String PERSON_CONTINUE = "PERSON-" + BioCodec.CONTINUE;
  /** Census surnames this frequent stay candidates when they are also common words. */
  private static final int LISTED_SURNAMES = 1_000;
  /** Census surnames this frequent may end a lower-case name after a title or a label. */
  private static final int COMMON_CENSUS_SURNAMES = 2_500;

  private static final Set<String> FIRST_NAMES = GazetteerRecognizer.load("first-names.txt");
  private static final Set<String> SURNAMES = GazetteerRecognizer.load("last-names.txt");
  static final LowerCaseWords COMMON = new LowerCaseWords(lines(COMMON_WORDS));
  /** Names and places that are candidates mid-sentence although they are common words. */
  private static final LowerCaseWords LISTED = new LowerCaseWords(listed());
  /** Listed and census first names, which may start a name in lower case (chat text). */
  private static final Set<String> ANY_FIRST_NAMES = anyFirstNames();
  /** Those of them that are no common words. */
  private static final Set<String> RARE_FIRST_NAMES = Set.copyOf(ANY_FIRST_NAMES.stream()
      .filter(n -> !COMMON.contains(n)).toList());
  /** Places written in capitals that are candidates although no list holds them. */
  private static final LowerCaseWords PLACE_ACRONYMS =
      new LowerCaseWords(List.of("usa", "uk", "uae", "nyc", "ussr"));
  /** Lower-case words inside names ("van der", "de la", "bin"): the model reads them. */
  private static final LowerCaseWords PARTICLES = new LowerCaseWords(List.of("van", "von",
      "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le", "bin",
      "binti", "ibn", "al", "el", "ter", "ten", "mac", "ap"));
  /** Words after which a first name in lower case is a candidate ("hi bob", "spoke to priya"). */
  private static final Set<String> GREETINGS = Set.of("hi", "hello", "hey", "dear", "thanks",
      "thank", "thx", "cheers", "morning", "bye", "regards", "signed", "sincerely");
  private static final Set<String> CONTACT_WORDS = Set.of("to", "with", "ask", "asked", "call",
      "called", "tell", "told", "cc", "from");
  /**
   * Verbs that address or reach a person when they start a sentence ("Call Jane Roe", "Ask
   * Tamsin Pryce"): a listed first name after one starts a name.
   */
  private static final Set<String> ADDRESSING_VERBS = Set.of("call", "ask", "tell", "email",
      "e-mail", "text", "ping", "message", "thank", "meet", "contact", "invite", "remind",
      "notify", "phone", "page", "welcome", "cc", "pay", "visit");
  /** Words before an {@link #ADDRESSING_VERBS addressing verb} that make it a request. */
  private static final Set<String> REQUESTS = Set.of("please", "pls", "plz", "kindly", "to",
      "and", "then");
  /** Words after which a name introduces its bearer: "i'm olga", "i am", "my name is", "this is". */
  private static final Set<String> INTRODUCTIONS = Set.of("i'm", "i\u2019m", "im", "am", "is",
      "'s", "\u2019s", "it's", "it\u2019s", "its");
  /** Titles before a name in lower case ("dear mr smith", "ms. jane roe"), with their dots. */
  private static final Set<String> TITLES = GazetteerRecognizer.CIVIL_TITLES.stream()
      .flatMap(t -> java.util.stream.Stream.of(t, t + "."))
      .collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final WordFilter MAY_BE_CUE = new WordFilter(java.util.stream.Stream.of(
      GREETINGS, CONTACT_WORDS, ADDRESSING_VERBS, INTRODUCTIONS, NameCues.PERSON_LABELS, TITLES)
      .flatMap(Set::stream)
      .toList());
  /**
   * Surnames that are also common words ("smith", "doe", "white"): the census's most frequent
   * and the curated list's; part of a lower-case name only after a title, a label or "my name
   * is".
   */
  private static final Set<String> COMMON_SURNAMES = commonSurnames();

  private static Set<String> commonSurnames() {
    Set<String> surnames = new java.util.HashSet<>(SURNAMES);
    lines(CENSUS_SURNAMES).stream().limit(COMMON_CENSUS_SURNAMES).forEach(n -> surnames.add(key(n)));
    surnames.removeIf(n -> !COMMON.contains(n));
    return Set.copyOf(surnames);
  }

  private static Set<String> anyFirstNames() {
    Set<String> names = new java.util.HashSet<>(FIRST_NAMES);
    lines(CENSUS_FIRST_NAMES).forEach(n -> names.add(key(n)));
    return Set.copyOf(names);
  }

  private static Set<String> listed() {
    Set<String> listed = new java.util.HashSet<>();
    for (String list : List.of("first-names.txt", "last-names.txt", "places.txt", "nrp.txt")) {
      listed.addAll(GazetteerRecognizer.load(list));
    }
    lines(CENSUS_FIRST_NAMES).forEach(n -> listed.add(key(n)));
    lines(CENSUS_SURNAMES).stream().limit(LISTED_SURNAMES).forEach(n -> listed.add(key(n)));
    return Set.copyOf(listed);
  }

  private static String key(String word) {
    return GazetteerRecognizer.fold(word.toLowerCase(Locale.ROOT));
  }

  private static String lower(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  /**
   * The first token in {@code [from, to)} of sentence-start {@code first} that may start a
   * name, or -1: a word of two or more chars that starts with an upper-case letter and is no
   * common word (in the English dictionary, or held in lower case by the corpora; see
   * {@link #isCapitalisedCandidate}); an {@code @} mention;
   * a first name in lower case after a greeting or contact word
   * ({@link #isLowerCaseFirstName}); a capitalised word that was part of a name earlier in the
   * text ({@code named}: "Ryan Player … Player said"). Stretches without one are not tagged.
   */
  private static int nextCandidate(String text, NameTokens tokens, int first, int from, int to,
      Set<String> named) {
    for (int t = from; t < to; t++) {
      int start = tokens.start(t);
      int length = tokens.end(t) - start;
      int cp = text.codePointAt(start);
      if (cp == '@') {
        return t;
      }
      if (length < 2 || !Character.isLetter(cp)) {
        continue;
      }
      boolean upper = Character.isUpperCase(cp) || Character.isTitleCase(cp);
      if (upper) {
        int end = tokens.end(t);
        if (isCapitalisedCandidate(text, start, end, t > first)
            || !named.isEmpty() && named.contains(text.substring(start, end))) {
          return t;
        }
      } else if (length > 2 && isLowerCaseFirstName(text, tokens, first, t)) {
        return t;
      }
    }
    return -1;
  }

  /**
   * Whether token {@code t} of the sentence starting at token {@code first} may be inside a
   * name, so that the model reads it: it starts with a letter and is capitalised (first in the
   * sentence, only when it may start a name, was part of one earlier in the text or a capitalised
   * word follows: "New York"), a
   * particle, or no common word; or it is an {@code @} mention. The model is not asked about other tokens: they are outside names.
   */
  private static boolean mayBeName(String text, NameTokens tokens, int first, int t,
      Set<String> named) {
    int start = tokens.start(t);
    int cp = text.codePointAt(start);
    if (cp == '@') {
      return true;
    }
    if (!Character.isLetter(cp)) {
      return false;
    }
    int end = tokens.end(t);
    if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
      return t > first || isCapitalisedCandidate(text, start, end, true)
          || named.contains(text.substring(start, end))
          || t + 1 < tokens.count() && Character.isUpperCase(text.charAt(tokens.start(t + 1)));
    }
    return PARTICLES.contains(text, start, end, NameModel::lower)
        || !COMMON.contains(text, start, end, NameModel::lower);
  }

  /**
   * Whether a word that starts with a capital may start a name: only letters, apostrophes,
   * dashes and dots; in capitals, a listed name or place ("JOHN", not "GPL" or "WARRANTY");
   * else with a part (between dashes) that is no common word, or that is a listed name or place
   * and not first in its sentence.
   */
  private static boolean isCapitalisedCandidate(String text, int start, int end,
      boolean midSentence) {
    boolean capitals = true;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isLowerCase(c)) {
        capitals = false;
      } else if (c != '-' && !Character.isLetter(c) && c != '\'' && c != '\u2019' && c != '.'
          && Character.getType(c) != Character.NON_SPACING_MARK) {
        return false;
      }
    }
    if (capitals) {
      return LISTED.contains(text, start, end, NameModel::key)
          || PLACE_ACRONYMS.contains(text, start, end, NameModel::lower);
    }
    int part = start;
    for (int i = start; i <= end; i++) {
      if (i == end || text.charAt(i) == '-') {
        if (i > part && (!COMMON.contains(text, part, i, NameModel::lower)
            || midSentence && LISTED.contains(text, part, i, NameModel::key))) {
          return true;
        }
        part = i + 1;
      }
    }
    return false;
  }

  /**
   * Whether token {@code t}, in lower case, is a first name after a greeting ("hi bob",
   * "thanks, priya") or one that is no common word after a contact word ("spoke to priya"), or
   * starts a {@link #lowerCaseNameEnd name in lower case} ("my name is lena andersson").
   */
  private static boolean isLowerCaseFirstName(String text, NameTokens tokens, int first, int t) {
    if (lowerCaseNameEnd(text, tokens, first, tokens.count(), t) > t) {
      return true;
    }
    int cue = t - 1;
    if (cue > first && tokens.end(cue) - tokens.start(cue) == 1
        && text.charAt(tokens.start(cue)) == ',') {
      cue--;
    }
    if (cue < first || tokens.end(cue) - tokens.start(cue) > 8
        || !MAY_BE_CUE.mayContain(text, tokens.start(cue), tokens.end(cue))) {
      return false;
    }
    String word = text.substring(tokens.start(cue), tokens.end(cue)).toLowerCase(Locale.ROOT);
    Set<String> names = GREETINGS.contains(word) ? ANY_FIRST_NAMES
        : CONTACT_WORDS.contains(word) && cue == t - 1 ? RARE_FIRST_NAMES : Set.of();
    return names.contains(key(text.substring(tokens.start(t), tokens.end(t))));
  }

  /**
   * The token after a name in lower case that starts at token {@code t} of the sentence
   * {@code [first, last)}, or -1. After a greeting, a sign-off or an introduction ("hi bob,",
   * "regards, lena", "i'm olga krylova", "my name is lena andersson", "this is nina"), a first
   * name, with the surnames after it, whose clause ends after it, or which is no common word:
   * not "thanks, will do" or "i'm fine". After a contact word or a greeting, a name word no
   * dictionary holds and a surname after it ("spoke to aksel kristensen"), as a single word
   * after a contact word is left to the model. After a person's field label and a colon
   * ("name: sarah connor"), either.
   */
  private static int lowerCaseNameEnd(String text, NameTokens tokens, int first, int last,
      int t) {
    int start = tokens.start(t);
    if (t == first || !Character.isLowerCase(text.charAt(start))) {
      return -1;
    }
    int cue = t - 1;
    char mark = tokens.end(cue) - tokens.start(cue) == 1 ? text.charAt(tokens.start(cue)) : 0;
    if (mark == '-' || mark == '\u2013') {
      mark = ',';
    }
    if (mark == ',' || mark == ':') {
      if (--cue < first) {
        return -1;
      }
    } else {
      mark = 0;
    }
    int cueStart = tokens.start(cue);
    int cueEnd = tokens.end(cue);
    if (cueEnd - cueStart > 9 || !MAY_BE_CUE.mayContain(text, cueStart, cueEnd)) {
      return -1;
    }
    String cueWord = lower(text.substring(cueStart, cueEnd));
    boolean labelled = mark == ':' && NameCues.PERSON_LABELS.contains(cueWord);
    boolean greeted = labelled || mark != ':' && GREETINGS.contains(cueWord)
        || mark == 0 && isIntroduction(text, tokens, first, cue);
    boolean contacted = labelled || mark == 0 && (CONTACT_WORDS.contains(cueWord)
        || ADDRESSING_VERBS.contains(cueWord)) || mark != ':' && GREETINGS.contains(cueWord);
    boolean titled = mark == 0 && TITLES.contains(cueWord);
    if (!greeted && !contacted && !titled) {
      return -1;
    }
    String word = lower(text.substring(start, tokens.end(t)));
    if (INTRODUCTIONS.contains(word) || GREETINGS.contains(word) || TITLES.contains(word)) {
      return -1;
    }
    // After a title, a label, "my name is", or a contact word and a first name that is no
    // common word, a surname that is also a common word ("john smith", "call jane roe") is
    // still one.
    boolean common = COMMON.contains(word);
    boolean firstName = ANY_FIRST_NAMES.contains(key(word));
    if (!(greeted && firstName) && !(contacted && !common) && !titled) {
      return -1;
    }
    boolean surely = labelled || titled || mark == 0 && isNameIntroduction(text, tokens, first, cue)
        || contacted && !common && firstName;
    int end = surnamesAfter(text, tokens, last, t + 1, false, surely);
    boolean clauseEnds = t + 1 == last
        || !Character.isLetterOrDigit(text.charAt(tokens.start(t + 1)));
    return greeted && firstName && (end > t + 1 || clauseEnds || !common)
        || contacted && !common && end > t + 1 && isNameWord(word)
        || titled && (firstName || COMMON_SURNAMES.contains(key(word))
            || isSurnameWord(text, start, tokens.end(t), false, false)) ? end : -1;
  }

  /**
   * The token after a capitalised name that starts at token {@code t} of the sentence
   * {@code [first, last)}, or -1: a listed name word after a greeting or a contact word
   * ("Hi Tamsin Pryce", "spoke with Ida Brannagh"), or after a verb that addresses someone and
   * starts the sentence ("Call Jane Roe at …"), with the capitalised surnames after it; after
   * such a verb, a listed name word that is no common word alone ("Call Jane at …").
   */
  private static int addressedNameEnd(String text, NameTokens tokens, int first, int last,
      int t) {
    int start = tokens.start(t);
    if (t == first || !Character.isUpperCase(text.charAt(start))) {
      return -1;
    }
    String word = lower(text.substring(start, tokens.end(t)));
    boolean common = COMMON.contains(word);
    boolean named = ANY_FIRST_NAMES.contains(key(word)) || !common && isNameWord(word);
    if (!named && (common || NameLexicon.kinds(key(word)) != null
        || !word.chars().allMatch(Character::isLetter))
        || Tagger.isTitle(word) || NameCues.RANKS.contains(word)
        || NameCues.ROLES.contains(word)) {
      return -1;
    }
    int cue = t - 1;
    boolean comma = tokens.end(cue) - tokens.start(cue) == 1 && text.charAt(tokens.start(cue)) == ',';
    if (comma && --cue < first) {
      return -1;
    }
    int cueStart = tokens.start(cue);
    int cueEnd = tokens.end(cue);
    if (cueEnd - cueStart > 9 || !MAY_BE_CUE.mayContain(text, cueStart, cueEnd)) {
      return -1;
    }
    String cueWord = lower(text.substring(cueStart, cueEnd));
    boolean addressing = !comma && ADDRESSING_VERBS.contains(cueWord)
        && (cue == first || isRequestBefore(text, tokens, first, cue));
    boolean greeted = GREETINGS.contains(cueWord);
    if (!addressing && !greeted && (comma || !CONTACT_WORDS.contains(cueWord))
        || !named && !greeted) {
      return -1;
    }
    int end = t + 1;
    while (end < last && end - t <= 3
        && isSurnameWord(text, tokens.start(end), tokens.end(end), true, true)) {
      end++;
    }
    boolean clauseEnds = end == last || !Character.isLetterOrDigit(text.charAt(tokens.start(end)));
    // A word no list or dictionary holds is taken alone only where a greeting ends with it
    // ("Thanks Olu, …"): elsewhere it is as often a product's or a company's.
    return named && (end > t + 1 || addressing && !common) || greeted && clauseEnds ? end : -1;
  }

  /**
   * Whether the word before token {@code cue} makes the verb there a request to reach someone
   * ("Please call …", "Wei to email …", "and then ask …").
   */
  private static boolean isRequestBefore(String text, NameTokens tokens, int first, int cue) {
    return cue > first && REQUESTS.contains(lower(text.substring(tokens.start(cue - 1),
        tokens.end(cue - 1))));
  }

  /** Whether token {@code t} ends "name is" or "name's". */
  private static boolean isNameIntroduction(String text, NameTokens tokens, int first, int t) {
    String word = lower(text.substring(tokens.start(t), tokens.end(t)));
    return t > first && (word.equals("is") || word.endsWith("s") && word.length() == 2)
        && lower(text.substring(tokens.start(t - 1), tokens.end(t - 1))).equals("name");
  }

  /** Whether token {@code t} ends a phrase that introduces a name ("i'm", "i am", "name is"). */
  private static boolean isIntroduction(String text, NameTokens tokens, int first, int t) {
    String word = lower(text.substring(tokens.start(t), tokens.end(t)));
    if (!INTRODUCTIONS.contains(word)) {
      return false;
    }
    if (word.startsWith("i") && !word.equals("is")
        || isNameIntroduction(text, tokens, first, t)) {
      return true;
    }
    if (t == first) {
      return false;
    }
    String before = lower(text.substring(tokens.start(t - 1), tokens.end(t - 1)));
    return word.equals("am") ? before.equals("i") : word.equals("is") && before.equals("this");
  }

  /**
   * The token after the surnames in lower case that follow a first name from token {@code t}
   * on, before {@code last}: words no dictionary holds ({@code listed}: that the name lists
   * hold; {@code common}: or {@link #COMMON_SURNAMES}), each maybe after a particle or an
   * initial ("desrosiers", "van der berg", "a seiler"); {@code t} when there are none.
   */
  private static int surnamesAfter(String text, NameTokens tokens, int last, int t,
      boolean listed, boolean common) {
    int u = t;
    int after = t;
    for (int words = 0; u < last && words < 3; ) {
      int start = tokens.start(u);
      int end = tokens.end(u);
      if (isSurnameWord(text, start, end, false, common)
          && (!listed || isNameWord(lower(text.substring(start, end))))) {
        after = ++u;
        words++;
      } else if (u + 1 < last && Character.isLowerCase(text.charAt(start))
          && (PARTICLES.contains(text, start, end, NameModel::lower) || isInitial(text, start, end))) {
        u++;
      } else {
        break;
      }
    }
    return after;
  }

  /**
   * A word of letters, marks, apostrophes and dashes that no dictionary holds ({@code common}:
   * or one of {@link #COMMON_SURNAMES}): in lower case; or {@code capitalised} ("Pryce", "Roe",
   * a dash only before a capital: "Pryce-Jones"), and then no place's or organisation's only.
   */
  private static boolean isSurnameWord(String text, int start, int end, boolean capitalised,
      boolean common) {
    if (end - start < 2 || (capitalised ? !Character.isUpperCase(text.charAt(start))
        || !Character.isLowerCase(text.charAt(start + 1))
        : !Character.isLowerCase(text.charAt(start)))) {
      return false;
    }
    for (int i = start + 1; i < end; i++) {
      char c = text.charAt(i);
      boolean dash = c == '-' && (!capitalised
          || i + 1 < end && Character.isUpperCase(text.charAt(i + 1)));
      if (!Character.isLetter(c) && !dash && c != '\'' && c != '\u2019'
          && Character.getType(c) != Character.NON_SPACING_MARK) {
        return false;
      }
    }
    if (COMMON.contains(text, start, end, NameModel::lower)
        && !(common && COMMON_SURNAMES.contains(key(text.substring(start, end))))) {
      return false;
    }
    String kinds = capitalised ? NameLexicon.kinds(key(text.substring(start, end))) : null;
    return kinds == null || kinds.contains("name");
  }

  /** A single letter, with or without a dot ("m.", "a"). */
  private static boolean isInitial(String text, int start, int end) {
    return Character.isLetter(text.charAt(start))
        && (end - start == 1 || end - start == 2 && text.charAt(start + 1) == '.');
  }

  /** Whether {@code word} (lower case) is part of people's names in the bundled lists. */
  static boolean isNameWord(String word) {
    String kinds = NameLexicon.kinds(key(word));
    return ANY_FIRST_NAMES.contains(key(word)) || SURNAMES.contains(key(word))
        || kinds != null && kinds.contains("name");
  }

  /** The lines of a resource next to the model, but blank lines and comments. */
  static List<String> lines(String resource) {
    try (InputStream in = NameModel.class.getResourceAsStream("ner/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find " + resource);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load " + resource, e);
    }
  }

  /**
   * Tags windows of a text with the model, one token after another (greedy), asking the model
   * only about tokens that {@link #mayBeName may be inside a name}. The features of a token are
   * those OpenNLP's name finder gives the model (its {@code DefaultNameContextGenerator} over
   * the model's descriptor: the previous outcome of the token in the text, then
   * {@link NameFeatures}, then the previous outcomes), looked up without building Strings.
   */
  static final class Tagger {
    private final NameWeights weights = Loaded.WEIGHTS;
    private final NameFeatures.Generator features = nameFeatures();
    private final SequenceCodec<String> codec = new BioCodec();
    private final double[] probabilities = new double[weights.outcomes()];
    /** Whether outcome o may follow outcome p, at {@code [p * outcomes + o]}. */
    private final boolean[] follows = follows(weights);
    private final int other = outcome(weights, BioCodec.OTHER);
    /** The last outcome of each token tagged so far in the text. */
    private final Map<String, String> previous = new HashMap<>();
    private final Context context = new Context();
    private String lastText;
    private List<Name> lastNames;
    /** The text tagged before {@link #lastText} (a text's second reading, {@link NameText#parted}). */
    private String previousText;
    private List<Name> previousNames;
    /** The capitalised words of the people and places found so far in the text. */
    private final Set<String> named = new java.util.HashSet<>();
    /**
     * The text's {@link NameFeatures#document} features by token, worked out when the model
     * reads them and the text is first tagged; null before.
     */
    private String[][] document;
    private String documentText;
    /** The text's first token of the window being tagged, and its sentence's bounds. */
    private int windowFrom;
    private int sentenceFirst;
    private int sentenceEnd;

    /**
     * The features of one token: indexes of the model's features, in the model's order; a
     * block of a token's features is looked up once and kept on the token.
     */
    private final class Context extends NameFeatures.Sink {
      int[] ids = new int[64];
      int count;
      private int opened;

      @Override
      boolean open(NameFeatures.Token token, int block) {
        int[] kept = token.kept == null ? null : token.kept[block];
        if (kept == null) {
          opened = count;
          return true;
        }
        if (count + kept.length > ids.length) {
          ids = Arrays.copyOf(ids, Math.max(ids.length * 2, count + kept.length));
        }
        System.arraycopy(kept, 0, ids, count, kept.length);
        count += kept.length;
        return false;
      }

      @Override
      void close(NameFeatures.Token token, int block) {
        if (token.kept == null) {
          token.kept = new int[NameFeatures.Generator.BLOCKS][];
        }
        token.kept[block] = Arrays.copyOfRange(ids, opened, count);
      }

      @Override
      void end() {
        int id = weights.feature(chars, length);
        if (id >= 0) {
          if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
          }
          ids[count++] = id;
        }
      }
    }

    /**
     * The model's {@link NameFeatures}, checking that its descriptor holds the previous-outcome
     * generator and then them, as {@link #eval} assumes.
     */
    private static NameFeatures.Generator nameFeatures() {
      AdaptiveFeatureGenerator generator;
      try {
        generator = GeneratorFactory.create(new ByteArrayInputStream(Loaded.FEATURES), key -> null);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the name model's features", e);
      }
      if (generator instanceof AggregatedFeatureGenerator all
          && all.getGenerators().size() == 2
          && all.getGenerators().toArray()[0] instanceof PreviousMapFeatureGenerator
          && all.getGenerators().toArray()[1] instanceof NameFeatures.Generator names) {
        return names;
      }
      throw new IllegalStateException("The name model's features are not the ones NameModel reads");
    }

    private static int outcome(NameWeights weights, String outcome) {
      for (int o = 0; o < weights.outcomes(); o++) {
        if (weights.outcome(o).equals(outcome)) {
          return o;
        }
      }
      throw new IllegalStateException("The name model has no outcome " + outcome);
    }

    private static boolean[] follows(NameWeights weights) {
      int n = weights.outcomes();
      boolean[] follows = new boolean[n * n];
      for (int p = 0; p < n; p++) {
        for (int o = 0; o < n; o++) {
          follows[p * n + o] = follows(weights.outcome(o), weights.outcome(p));
        }
      }
      return follows;
    }

    /**
     * The probabilities of the outcomes of token {@code i} of {@code window}, the outcomes
     * before it known, in the model's order of outcomes; the array is reused.
     */
    double[] eval(String[] window, int i, String[] outcomes) {
      context.count = 0;
      context.start("pd=").append(String.valueOf(previous.get(window[i]))).end();
      features.features(context, window, i);
      if (document != null) {
        // In the order of OpenNLP's WindowFeatureGenerator: the token, those before, those after.
        int at = windowFrom + i;
        documentFeatures("", at);
        for (int d = 1; d <= NameFeatures.DOCUMENT_WINDOW && at - d >= sentenceFirst; d++) {
          documentFeatures(WINDOW_BEFORE[d], at - d);
        }
        for (int d = 1; d <= NameFeatures.DOCUMENT_WINDOW && at + d < sentenceEnd; d++) {
          documentFeatures(WINDOW_AFTER[d], at + d);
        }
      }
      String po = i > 0 ? outcomes[i - 1] : BioCodec.OTHER;
      String ppo = i > 1 ? outcomes[i - 2] : BioCodec.OTHER;
      context.start("po=").append(po).end();
      context.start("pow=").append(po).append(',').append(window[i]).end();
      context.start("powf=").append(po).append(',')
          .append(FeatureGeneratorUtil.tokenFeature(window[i])).end();
      context.start("ppo=").append(ppo).end();
      weights.eval(context.ids, context.count, probabilities);
      return probabilities;
    }

    private void documentFeatures(String prefix, int token) {
      for (String feature : document[token]) {
        context.start(prefix).append(NameFeatures.DOCUMENT_PREFIX).append(feature).end();
      }
    }

    private static final String[] WINDOW_BEFORE = window("p");
    private static final String[] WINDOW_AFTER = window("n");

    private static String[] window(String prefix) {
      String[] prefixes = new String[NameFeatures.DOCUMENT_WINDOW + 1];
      for (int d = 1; d < prefixes.length; d++) {
        prefixes[d] = prefix + d;
      }
      return prefixes;
    }

    /** Keeps the outcomes of a window tagged, for the features of the tokens after it. */
    void remember(String[] window, String[] outcomes) {
      for (int i = 0; i < window.length; i++) {
        previous.put(window[i], outcomes[i]);
      }
    }

    List<Name> find(String text) {
      if (text == lastText || text.equals(lastText)) {
        return lastNames;
      }
      if (text == previousText || text.equals(previousText)) {
        return previousNames;
      }
      NameTokens tokens = new NameTokens(text);
      List<Name> names = new ArrayList<>();
      previous.clear();
      named.clear();
      document = null;
      documentText = null;
      for (int s = 0; s < tokens.sentences(); s++) {
        int first = tokens.sentenceStart(s);
        int end = tokens.sentenceEnd(s);
        int t = first;
        while (t < end) {
          int candidate = nextCandidate(text, tokens, first, t, end, named);
          if (candidate < 0) {
            break;
          }
          // A window from two tokens before the first candidate to two after the last one
          // within reach: the model's features look two tokens either side.
          int last = candidate;
          int next;
          while ((next = nextCandidate(text, tokens, first, last + 1,
              Math.min(end, last + 1 + GAP), named)) >= 0) {
            last = next;
          }
          int from = Math.max(t, candidate - CONTEXT);
          int to = Math.min(end, last + 1 + CONTEXT);
          tag(text, tokens, first, end, from, to, names);
          t = to;
        }
      }
      previousText = lastText;
      previousNames = lastNames;
      lastText = text;
      lastNames = NameRules.familyNamesFirst(text,
          tokens.sentences() >= DOCUMENT_SENTENCES ? withoutUnsure(text, names) : names);
      return lastNames;
    }

    /**
     * Sets where the window {@link #eval} reads starts: token {@code from} of {@code text}, in
     * a sentence of tokens {@code [first, sentenceEnd)}; reads the text's document features
     * first when the model has them.
     */
    void at(String text, NameTokens tokens, int first, int sentenceEnd, int from) {
      if (text != documentText && features.document()) {
        document = document(text, tokens);
        documentText = text;
      }
      windowFrom = from;
      sentenceFirst = first;
      this.sentenceEnd = sentenceEnd;
    }

    /** The document features of token {@code t} of the text {@link #at} read, or null. */
    String[] documentFeatures(int t) {
      return document == null ? null : document[t];
    }

    /**
     * The {@link NameFeatures#document} features of each token of {@code text}, reading as
     * Strings only the tokens they may depend on: the capitalised ones, those within two tokens
     * of one, and the lower-case ones as long as a capitalised one and starting with its letter.
     */
    private static String[][] document(String text, NameTokens tokens) {
      int n = tokens.count();
      boolean[] read = new boolean[n];
      java.util.BitSet lengths = new java.util.BitSet();
      java.util.BitSet letters = new java.util.BitSet();
      for (int t = 0; t < n; t++) {
        int start = tokens.start(t);
        if (Character.isUpperCase(text.codePointAt(start))) {
          for (int u = Math.max(0, t - 2); u <= Math.min(n - 1, t + 2); u++) {
            read[u] = true;
          }
          lengths.set(tokens.end(t) - start);
          letters.set(Character.toLowerCase(text.charAt(start)));
        }
      }
      for (int t = 0; t < n; t++) {
        int start = tokens.start(t);
        read[t] |= lengths.get(tokens.end(t) - start) && letters.get(text.charAt(start));
      }
      List<String[]> sentences = new ArrayList<>();
      for (int s = 0; s < tokens.sentences(); s++) {
        String[] sentence = new String[tokens.sentenceEnd(s) - tokens.sentenceStart(s)];
        for (int i = 0; i < sentence.length; i++) {
          int t = tokens.sentenceStart(s) + i;
          sentence[i] = read[t] ? text.substring(tokens.start(t), tokens.end(t)) : "";
        }
        sentences.add(sentence);
      }
      String[][][] features = NameFeatures.document(sentences);
      String[][] byToken = new String[tokens.count()][];
      Arrays.fill(byToken, new String[0]);
      for (int s = 0; s < features.length; s++) {
        System.arraycopy(features[s], 0, byToken, tokens.sentenceStart(s), features[s].length);
      }
      return byToken;
    }

    /**
     * In a text that names a person whole, {@code names} without each one-word capitalised
     * PERSON the model is {@link #UNSURE unsure} of whose word no other PERSON of the text holds
     * that has two or more words or is surer: such a document names a person whole somewhere or
     * with confidence, while the model's doubtful lone words there are mostly a shop's, a
     * band's, a vehicle's or a place's ("Macy 's", "Gentle Giant", "Mitchell bombers"). One
     * after a relation or role word stays ("my mom Linda"): it says who is named.
     */
    private static List<Name> withoutUnsure(String text, List<Name> names) {
      Set<String> supported = new java.util.HashSet<>();
      boolean unsure = false;
      boolean whole = false;
      for (Name n : names) {
        if (n.entity().equals("PERSON")) {
          if (isUnsure(text, n)) {
            unsure = true;
          } else {
            String[] words = text.substring(n.start(), n.end()).split("\\s+");
            whole |= words.length > 1;
            supported.addAll(Arrays.asList(words));
          }
        }
      }
      if (!unsure || !whole) {
        return names;
      }
      List<Name> kept = new ArrayList<>(names.size());
      for (Name n : names) {
        if (!n.entity().equals("PERSON") || !isUnsure(text, n)
            || supported.contains(text.substring(n.start(), n.end()))
            || NameCues.isRelationBefore(text, n.start())) {
          kept.add(n);
        }
      }
      return kept;
    }

    private static boolean isUnsure(String text, Name n) {
      if (n.probability() >= UNSURE || !Character.isUpperCase(text.codePointAt(n.start()))) {
        return false;
      }
      for (int i = n.start(); i < n.end(); i++) {
        if (Character.isWhitespace(text.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    private void tag(String text, NameTokens tokens, int first, int sentenceEnd, int from, int to,
        List<Name> names) {
      String[] window = new String[to - from];
      for (int i = 0; i < window.length; i++) {
        window[i] = text.substring(tokens.start(from + i), tokens.end(from + i));
      }
      at(text, tokens, first, sentenceEnd, from);
      String[] outcomes = new String[window.length];
      double[] outcomeProbabilities = new double[window.length];
      int n = weights.outcomes();
      int last = other;
      for (int i = 0; i < window.length; i++) {
        if (!mayBeName(text, tokens, first, from + i, named)) {
          outcomes[i] = BioCodec.OTHER;
          last = other;
          continue;
        }
        eval(window, i, outcomes);
        int best = -1;
        for (int o = 0; o < n; o++) {
          if ((best < 0 || probabilities[o] > probabilities[best]) && follows[last * n + o]) {
            best = o;
          }
        }
        outcomes[i] = weights.outcome(best);
        outcomeProbabilities[i] = probabilities[best];
        last = best;
      }
      remember(window, outcomes);
      cuedNames(text, tokens, first, sentenceEnd, from, outcomes, outcomeProbabilities);
      for (Span decoded : codec.decode(Arrays.asList(outcomes))) {
        Span span = withoutTitle(decoded, window);
        double probability = 0;
        for (int i = span.getStart(); i < span.getEnd(); i++) {
          probability += outcomeProbabilities[i];
        }
        int start = tokens.start(from + span.getStart());
        int end = tokens.end(from + span.getEnd() - 1);
        boolean person = span.getType().equals("PERSON");
        if (!isFieldLabel(text, start, end)) {
          String entity = !person ? span.getType()
              : isPostcode(text, tokens, from + span.getStart() - 1)
                  || NameWords.isPlace(text, start, end) ? "LOCATION"
              : "PERSON";
          probability /= span.length();
          names.add(new Name(entity, start, end, probability));
          if (!entity.equals("ORGANIZATION")) {
            for (int i = span.getStart(); i < span.getEnd(); i++) {
              if (Character.isUpperCase(window[i].charAt(0))) {
                named.add(window[i]);
              }
            }
          }
        }
      }
    }

    /**
     * Tags as a person's the names after a cue in a window {@code [from, ...)} whose outcomes
     * the model gave: a {@link #lowerCaseNameEnd name in lower case} or an
     * {@link #addressedNameEnd addressed name} it missed or read in part, and the lower-case
     * surnames after a lower-case name it found ("patricia desrosiers").
     */
    private static void cuedNames(String text, NameTokens tokens, int first,
        int sentenceEnd, int from, String[] outcomes, double[] probabilities) {
      int to = from + outcomes.length;
      for (int i = 0; i < outcomes.length; i++) {
        int t = from + i;
        int end = -1;
        if (outcomes[i].equals(BioCodec.OTHER)) {
          end = Math.max(lowerCaseNameEnd(text, tokens, first, sentenceEnd, t),
              addressedNameEnd(text, tokens, first, sentenceEnd, t));
        } else if (outcomes[i].equals(PERSON_START)) {
          int after = i + 1;
          while (after < outcomes.length && outcomes[after].equals(PERSON_CONTINUE)) {
            after++;
          }
          int addressed = addressedNameEnd(text, tokens, first, sentenceEnd, t);
          if (addressed > from + after) {
            end = addressed;
          } else {
            // A lower-case name the model found after a title, which the rules also find, is
            // as sure as theirs ("with ms garcia today").
            int named = t + 1 < from + after && isTitle(text.substring(tokens.start(t),
                tokens.end(t))) ? t + 1 : t;
            int ruled = lowerCaseNameEnd(text, tokens, first, sentenceEnd, named);
            for (int k = named; k < Math.min(ruled, from + after); k++) {
              probabilities[k - from] = Math.max(probabilities[k - from],
                  GREETED_NAME_PROBABILITY);
            }
            if (isLowerCase(text, tokens, t, from + after)
                && !COMMON.contains(text, tokens.start(from + after - 1),
                    tokens.end(from + after - 1), NameModel::lower)) {
              int cued = named == t ? ruled
                  : lowerCaseNameEnd(text, tokens, first, sentenceEnd, t);
              t = from + after;
              end = Math.max(cued, surnamesAfter(text, tokens, sentenceEnd, t, true, false));
              if (end == t) {
                i = after - 1;
                continue;
              }
            }
          }
        }
        // A title the model read as a name of its own ("mr") takes the name after it.
        boolean afterTitle = i > 0 && !outcomes[i - 1].equals(BioCodec.OTHER)
            && isTitle(text.substring(tokens.start(t - 1), tokens.end(t - 1)));
        for (int k = t; k < Math.min(end, to); k++) {
          outcomes[k - from] = k == from + i && !afterTitle ? PERSON_START : PERSON_CONTINUE;
          probabilities[k - from] = GREETED_NAME_PROBABILITY;
        }
        if (end > t) {
          i = Math.min(end, to) - from - 1;
        }
      }
    }

    /** Whether every token in {@code [from, to)} starts with a lower-case letter. */
    private static boolean isLowerCase(String text, NameTokens tokens, int from, int to) {
      for (int t = from; t < to; t++) {
        if (!Character.isLowerCase(text.charAt(tokens.start(t)))) {
          return false;
        }
      }
      return true;
    }

    /**
     * A person's {@code span} without the titles that start it ("Dr. Don Wright" is "Don
     * Wright"): a title is no personal data, and annotated corpora leave it out. A span of titles
     * only is kept ("Prince").
     */
    private static Span withoutTitle(Span span, String[] window) {
      int start = span.getStart();
      while (span.getType().equals("PERSON") && start + 1 < span.getEnd()
          && isTitle(window[start])) {
        start++;
      }
      return start == span.getStart() ? span : new Span(start, span.getEnd(), span.getType());
    }

    private static boolean isTitle(String token) {
      String word = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
      return GazetteerRecognizer.HONORIFICS.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether token {@code t} is a postcode, so that a name after it is a town: four or more
     * digits, but a year (1800-2099) only after a comma or at the start of a line ("2000
     * Antwerpen", not "In 1944 Barbara McClintock").
     */
    private static boolean isPostcode(String text, NameTokens tokens, int t) {
      int start = t < 0 ? 0 : tokens.start(t);
      int length = t < 0 ? 0 : tokens.end(t) - start;
      if (length < 4) {
        return false;
      }
      for (int i = start; i < start + length; i++) {
        if (text.charAt(i) < '0' || text.charAt(i) > '9') {
          return false;
        }
      }
      int number = length == 4 ? Integer.parseInt(text, start, start + 4, 10) : 0;
      if (number < 1800 || number > 2099) {
        return true;
      }
      int before = start - 1;
      while (before >= 0 && text.charAt(before) == ' ') {
        before--;
      }
      return before < 0 || text.charAt(before) == ',' || text.charAt(before) == '\n';
    }

    /** Whether {@code outcome} may follow {@code previous}: a name continues only its own start. */
    private static boolean follows(String outcome, String previous) {
      if (!outcome.endsWith("-" + BioCodec.CONTINUE)) {
        return true;
      }
      String type = outcome.substring(0, outcome.length() - BioCodec.CONTINUE.length());
      return previous.startsWith(type)
          && (previous.endsWith(BioCodec.START) || previous.endsWith(BioCodec.CONTINUE));
    }

    /**
     * Whether {@code text[start, end)} is one unlisted word that starts a line and is followed
     * by a colon: a form's field label ("Adresse:", "Betreff:"), not a speaker's name.
     */
    private static boolean isFieldLabel(String text, int start, int end) {
      if (end >= text.length() || text.charAt(end) != ':'
          || start > 0 && text.charAt(start - 1) != '\n') {
        return false;
      }
      String word = GazetteerRecognizer.fold(text.substring(start, end).toLowerCase(Locale.ROOT));
      return word.chars().allMatch(Character::isLetter) && !FIRST_NAMES.contains(word)
          && !SURNAMES.contains(word);
    }
  }
}
