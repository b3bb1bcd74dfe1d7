package io.trainguard.classifiers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.ext.ExtensionLoader;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.GeneratorFactory;

/**
 * The name model's features, named in its feature descriptor: for a token and the
 * {@code window} tokens on either side (two unless the descriptor says otherwise), the word in
 * lower case, its shape (letters as {@code x}/{@code X}, digits as {@code d}, runs collapsed)
 * and whether it is a listed first name, surname, place, title or nationality, a census first
 * name or surname (by frequency band) or, when {@code dictionary} is set, a common word; the
 * token and its neighbours as written, its prefixes and suffixes of one to four chars, word and
 * shape bigrams with its neighbours, and its shape at a sentence start; when {@code lexicon} is
 * set, the kinds of names the {@link NameLexicon} holds the word in, for the same window; when
 * {@code cues} is set, the cue words of {@link NameRules} within two tokens (a role before, a
 * place's word or a company's ending after, a possessive, a list); when {@code document} is set,
 * the model also reads {@link #document} features, which OpenNLP passes as additional context. A
 * generator works out a token's word, shape, lists and kinds once and keeps them for the next
 * time it reads the token.
 */
public final class NameFeatures extends GeneratorFactory.AbstractXmlFeatureGeneratorFactory {

  /** Lets OpenNLP instantiate this class from a model's feature descriptor. */
  static void register() {
    ExtensionLoader.registerAllowedPackage(NameFeatures.class.getPackageName());
  }

  @Override
  public AdaptiveFeatureGenerator create() throws InvalidFormatException {
    int window = getInt("window", 2);
    if (window < 0 || window > Generator.MAX_WINDOW) {
      throw new InvalidFormatException("NameFeatures window must be 0 to " + Generator.MAX_WINDOW);
    }
    return new Generator(window, getBool("dictionary", false), getBool("lexicon", false),
        getBool("cues", false), getBool("document", false));
  }

  /** The prefix OpenNLP's additional-context generator gives each document feature. */
  static final String DOCUMENT_PREFIX = "ne=";
  /** How many tokens either side OpenNLP's name finder reads the document features of. */
  static final int DOCUMENT_WINDOW = 8;

  /**
   * For each token of a document (its sentences' tokens), what the other mentions of its word
   * in the document say of it, as features (see {@link Generator#document}): OpenNLP's name
   * finder reads them as additional context, and so does {@link NameModel}. A capitalised word
   * gets "low" when the document also writes it in lower case, "mid" when it is also
   * capitalised mid-sentence, "sur" when it also follows a listed first name, "giv" when it is
   * also before a listed surname, "role" when it also follows a role or a title, "head" when it
   * also comes before a place's or institution's word, a company's ending or "was founded",
   * "in" when it also follows "in" or a place's kind and "of"; other tokens get none.
   */
  static String[][][] document(List<String[]> sentences) {
    Map<String, int[]> counts = new HashMap<>();
    int[][][] own = new int[sentences.size()][][];
    for (int s = 0; s < sentences.size(); s++) {
      String[] tokens = sentences.get(s);
      own[s] = new int[tokens.length][];
      for (int t = 0; t < tokens.length; t++) {
        String token = tokens[t];
        if (Generator.capitalised(token) && token.length() >= 2) {
          int[] flags = mentions(tokens, t);
          own[s][t] = flags;
          int[] c = counts.computeIfAbsent(token.toLowerCase(Locale.ROOT),
              k -> new int[DOCUMENT_FEATURES.length]);
          for (int f = 0; f < flags.length; f++) {
            c[f] += flags[f];
          }
        }
      }
    }
    for (String[] tokens : sentences) {
      for (String token : tokens) {
        if (!token.isEmpty() && Character.isLowerCase(token.charAt(0))) {
          int[] c = counts.get(token);
          if (c != null) {
            c[LOW]++;
          }
        }
      }
    }
    String[][][] features = new String[sentences.size()][][];
    for (int s = 0; s < sentences.size(); s++) {
      String[] tokens = sentences.get(s);
      features[s] = new String[tokens.length][];
      for (int t = 0; t < tokens.length; t++) {
        int[] flags = own[s][t];
        if (flags == null) {
          features[s][t] = NONE;
          continue;
        }
        int[] c = counts.get(tokens[t].toLowerCase(Locale.ROOT));
        List<String> found = new java.util.ArrayList<>(2);
        for (int f = 0; f < flags.length; f++) {
          if (c[f] > flags[f]) {
            found.add(DOCUMENT_FEATURES[f]);
          }
        }
        features[s][t] = found.isEmpty() ? NONE : found.toArray(NONE);
      }
    }
    return features;
  }

  private static final String[] NONE = new String[0];
  private static final String[] DOCUMENT_FEATURES =
      {"low", "mid", "sur", "giv", "role", "head", "in"};
  private static final int LOW = 0;
  private static final Set<String> COMPANY_ENDS = Set.of("inc", "inc.", "ltd", "ltd.",
      "limited", "llc", "gmbh", "pty", "pty.", "plc", "corporation", "corp", "corp.");
  private static final Set<String> PLACE_KINDS = Set.of("town", "city", "village", "township",
      "borough", "hamlet", "suburb", "municipality", "parish", "county");

  /** The document features a capitalised token's own mention shows, as 0 or 1 per feature. */
  private static int[] mentions(String[] tokens, int t) {
    int[] flags = new int[DOCUMENT_FEATURES.length];
    String before = t > 0 ? tokens[t - 1] : "";
    String lowerBefore = before.toLowerCase(Locale.ROOT);
    if (t > 0 && (before.equals(",") || !before.isEmpty()
        && Character.isLetterOrDigit(before.codePointAt(0)))) {
      flags[1] = 1;
    }
    if (Generator.capitalised(before) && (Generator.FIRST.contains(Generator.key(before))
        || Generator.CENSUS_FIRST.contains(Generator.key(before)))) {
      flags[2] = 1;
    }
    if (t + 1 < tokens.length && Generator.capitalised(tokens[t + 1])) {
      String next = Generator.key(tokens[t + 1]);
      if (Generator.LAST.contains(next) || Generator.CENSUS_LAST.containsKey(next)) {
        flags[3] = 1;
      }
    }
    for (int d = 1; d <= 2 && t - d >= 0; d++) {
      String word = tokens[t - d].toLowerCase(Locale.ROOT);
      String bare = word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
      if (NameCues.ROLES.contains(word) || GazetteerRecognizer.HONORIFICS.contains(bare)) {
        flags[4] = 1;
      }
      if (!Generator.capitalised(tokens[t - d])) {
        break;
      }
    }
    for (int d = 1; d <= 2 && t + d < tokens.length; d++) {
      String word = tokens[t + d].toLowerCase(Locale.ROOT);
      if (COMPANY_ENDS.contains(word) || Generator.capitalised(tokens[t + d])
          && NameWords.PLACE_WORDS.contains(word)) {
        flags[5] = 1;
      }
      if (!Generator.capitalised(tokens[t + d])) {
        break;
      }
    }
    if (t + 2 < tokens.length && (tokens[t + 1].equals("was") || tokens[t + 1].equals("were"))
        && Generator.FOUNDED.contains(tokens[t + 2])) {
      flags[5] = 1;
    }
    if (lowerBefore.equals("in") || t >= 2 && lowerBefore.equals("of")
        && PLACE_KINDS.contains(tokens[t - 2].toLowerCase(Locale.ROOT))) {
      flags[6] = 1;
    }
    return flags;
  }

  /** The generator: one per name finder and thread, as it keeps the tokens it has read. */
  static final class Generator implements AdaptiveFeatureGenerator {

    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "prof",
        "sir", "madam", "mx", "mister", "dear", "hi", "hello", "hey", "thanks");
    static final Set<String> FIRST = GazetteerRecognizer.load("first-names.txt");
    static final Set<String> LAST = GazetteerRecognizer.load("last-names.txt");
    private static final Set<String> PLACES = GazetteerRecognizer.load("places.txt");
    private static final Set<String> GROUPS = GazetteerRecognizer.load("nrp.txt");
    static final Set<String> CENSUS_FIRST =
        Set.copyOf(NameModel.lines(NameModel.CENSUS_FIRST_NAMES).stream().map(Generator::key)
            .toList());
    /** Census surnames by frequency rank. */
    static final Map<String, Integer> CENSUS_LAST =
        ranks(NameModel.lines(NameModel.CENSUS_SURNAMES));
    static final int MAX_WINDOW = 4;
    static final Set<String> FOUNDED = Set.of("founded", "established", "incorporated");
    private static final Set<String> LIST = Set.of(",", "and", "&");
    private static final String[] POSITIONS =
        {"-4", "-3", "-2", "-1", "0", "+1", "+2", "+3", "+4"};
    private static final String[] W = prefixes("w");
    private static final String[] S = prefixes("s");
    private static final String[] G = prefixes("g");
    private static final String[] L = prefixes("l");
    private static final String[] T = prefixes("t");
    private static final String[] PREFIXES = {null, "p1=", "p2=", "p3=", "p4="};
    private static final String[] SUFFIXES = {null, "x1=", "x2=", "x3=", "x4="};

    private final int window;
    private final boolean dictionary;
    private final boolean lexicon;
    private final boolean cues;
    private final boolean document;
    /** The most tokens {@link #known} holds before it starts again. */
    private static final int KNOWN = 20_000;

    private final Map<String, Token> known = new HashMap<>();
    private String[] tokens;
    private Token[] read = new Token[0];

    Generator(int window, boolean dictionary, boolean lexicon) {
      this(window, dictionary, lexicon, false);
    }

    Generator(int window, boolean dictionary, boolean lexicon, boolean cues) {
      this(window, dictionary, lexicon, cues, false);
    }

    Generator(int window, boolean dictionary, boolean lexicon, boolean cues, boolean document) {
      this.window = window;
      this.dictionary = dictionary;
      this.lexicon = lexicon;
      this.cues = cues;
      this.document = document;
    }

    /** Whether the model reads {@link NameFeatures#document} features as additional context. */
    boolean document() {
      return document;
    }

    @Override
    public void createFeatures(List<String> features, String[] tokens, int index,
        String[] previousOutcomes) {
      features(new Sink() {
        @Override
        void end() {
          features.add(new String(chars, 0, length));
        }
      }, tokens, index);
    }

    /** The features of token {@code index} of {@code tokens}, one after another into {@code out}. */
    void features(Sink out, String[] tokens, int index) {
      if (tokens != this.tokens) {
        read(tokens);
      }
      String word = read[index].word();
      for (int d = -window; d <= window; d++) {
        int at = index + d;
        if (at < 0 || at >= tokens.length) {
          continue;
        }
        int position = d + MAX_WINDOW;
        Token token = read[at];
        if (out.open(token, position)) {
          out.start(W[position]).append(token.word()).end();
          out.start(S[position]).append(token.shape()).end();
          if (!token.lists().isEmpty()) {
            out.start(G[position]).append(token.lists()).end();
          }
          if (token.kinds() != null) {
            out.start(L[position]).append(token.kinds()).end();
          }
          out.close(token, position);
        }
      }
      for (int d = -1; d <= 1; d++) {
        int at = index + d;
        int block = WRITTEN + d + 1;
        if (at >= 0 && at < tokens.length && out.open(read[at], block)) {
          out.start(T[d + MAX_WINDOW]).append(tokens[at]).end();
          out.close(read[at], block);
        }
      }
      if (out.open(read[index], AFFIXES)) {
        int length = word.length();
        for (int n = 1; n <= 4 && n < length; n++) {
          out.start(PREFIXES[n]).append(word, 0, n).end();
          out.start(SUFFIXES[n]).append(word, length - n, length).end();
        }
        out.close(read[index], AFFIXES);
      }
      if (index == 0) {
        out.start("S=").append(read[0].shape()).end();
      } else {
        out.start("b-=").append(read[index - 1].word()).append(',').append(word).end();
        out.start("bs-=").append(read[index - 1].shape()).append(',').append(read[index].shape())
            .end();
      }
      if (index + 1 < tokens.length) {
        out.start("b+=").append(word).append(',').append(read[index + 1].word()).end();
        out.start("bs+=").append(read[index].shape()).append(',').append(read[index + 1].shape())
            .end();
      }
      if (cues) {
        cues(out, tokens, index);
      }
    }

    /**
     * The words within two tokens that the rules read as saying what a name is: a role or title
     * before it ("guitarist Jimmy Page"), a place's or institution's word after it ("Carnegie
     * Hall"), a company's ending or "was founded" after it, "town of" before it, a possessive
     * before a capitalised word ("Macy 's Herald"), and a list of capitalised items around it.
     */
    private void cues(Sink out, String[] tokens, int index) {
      int n = tokens.length;
      boolean capitalised = capitalised(tokens[index]);
      for (int d = 1; d <= 2 && index - d >= 0; d++) {
        String before = read[index - d].word();
        if (NameCues.ROLES.contains(before) || NameCues.ROLE_PLURALS.contains(before)) {
          out.start("c-=role").append((char) ('0' + d)).end();
        } else if (GazetteerRecognizer.HONORIFICS.contains(before.endsWith(".")
            ? before.substring(0, before.length() - 1) : before)) {
          out.start("c-=title").append((char) ('0' + d)).end();
        }
        if (d == 1 && !capitalised(tokens[index - 1])) {
          break;
        }
      }
      if (index >= 2 && read[index - 1].word().equals("of")
          && PLACE_KINDS.contains(read[index - 2].word())) {
        out.start("c-=placeof").end();
      }
      for (int d = 1; d <= 2 && index + d < n; d++) {
        String after = read[index + d].word();
        if (COMPANY_ENDS.contains(after)) {
          out.start("c+=corp").append((char) ('0' + d)).end();
        } else if (capitalised(tokens[index + d]) && NameWords.PLACE_WORDS.contains(after)) {
          out.start("c+=head").append((char) ('0' + d)).end();
        }
        if (d == 1 && !capitalised(tokens[index + 1])) {
          break;
        }
      }
      if (index + 2 < n && (tokens[index + 1].equals("'s") || tokens[index + 1].equals("’s"))
          && capitalised(tokens[index + 2])) {
        out.start("c+=poss").end();
      }
      if (index + 2 < n && (read[index + 1].word().equals("was")
          || read[index + 1].word().equals("were"))
          && FOUNDED.contains(read[index + 2].word())) {
        out.start("c+=founded").end();
      }
      if (capitalised && (index >= 2 && LIST.contains(tokens[index - 1])
          && capitalised(tokens[index - 2])
          || index + 2 < n && LIST.contains(tokens[index + 1]) && capitalised(tokens[index + 2]))) {
        out.start("c=list").end();
      }
    }

    static boolean capitalised(String token) {
      return !token.isEmpty() && Character.isUpperCase(token.codePointAt(0));
    }

    private void read(String[] tokens) {
      this.tokens = tokens;
      read = new Token[tokens.length];
      for (int t = 0; t < tokens.length; t++) {
        Token token = known.get(tokens[t]);
        if (token == null) {
          if (known.size() == KNOWN) {
            known.clear();
          }
          token = token(tokens[t]);
          known.put(tokens[t], token);
        }
        read[t] = token;
      }
    }

    /** Blocks of a token's features: its own at each position of a window (0 to 8), then ... */
    static final int WRITTEN = 2 * MAX_WINDOW + 1;
    /** ... the token as written at positions -1, 0 and +1, then its prefixes and suffixes. */
    static final int AFFIXES = WRITTEN + 3;
    static final int BLOCKS = AFFIXES + 1;


    private Token token(String token) {
      String word = token.toLowerCase(Locale.ROOT);
      String key = GazetteerRecognizer.fold(word);
      String lists = lists(key);
      if (dictionary && NameModel.COMMON.contains(word)) {
        lists = lists.isEmpty() ? "dict" : lists + "+dict";
      }
      return new Token(word, shape(token), lists, lexicon ? NameLexicon.kinds(key) : null);
    }

    private static String[] prefixes(String template) {
      String[] prefixes = new String[POSITIONS.length];
      for (int p = 0; p < POSITIONS.length; p++) {
        prefixes[p] = template + POSITIONS[p] + "=";
      }
      return prefixes;
    }

    /** The lists that hold {@code word}, as one feature value ("first+clast1"), or "". */
    private static String lists(String word) {
      StringBuilder lists = new StringBuilder();
      if (FIRST.contains(word)) {
        lists.append("+first");
      }
      if (LAST.contains(word)) {
        lists.append("+last");
      }
      if (PLACES.contains(word)) {
        lists.append("+place");
      }
      if (GROUPS.contains(word)) {
        lists.append("+nrp");
      }
      if (TITLES.contains(word)) {
        lists.append("+title");
      }
      if (CENSUS_FIRST.contains(word)) {
        lists.append("+cfirst");
      }
      Integer rank = CENSUS_LAST.get(word);
      if (rank != null) {
        lists.append(rank < 1_000 ? "+clast1" : rank < 10_000 ? "+clast2" : "+clast3");
      }
      return lists.isEmpty() ? "" : lists.substring(1);
    }

    static String key(String token) {
      return GazetteerRecognizer.fold(token.toLowerCase(Locale.ROOT));
    }

    private static Map<String, Integer> ranks(List<String> names) {
      Map<String, Integer> ranks = new HashMap<>();
      for (String name : names) {
        ranks.putIfAbsent(key(name), ranks.size());
      }
      return Map.copyOf(ranks);
    }

    /** "Siobhán" Xx, "O'Sullivan" X'Xx, "iPhone" xXx, "2024" d, "@bob" @x. */
    static String shape(String token) {
      StringBuilder shape = new StringBuilder(8);
      char previous = 0;
      for (int i = 0; i < token.length() && shape.length() < 8; ) {
        int cp = token.codePointAt(i);
        i += Character.charCount(cp);
        char c = Character.isUpperCase(cp) || Character.isTitleCase(cp) ? 'X'
            : Character.isLetter(cp) ? 'x' : Character.isDigit(cp) ? 'd'
            : Character.getType(cp) == Character.NON_SPACING_MARK ? 0 : cp < 128 ? (char) cp : '*';
        if (c != 0 && c != previous) {
          shape.append(c);
          previous = c;
        }
      }
      return shape.toString();
    }
  }

  /**
   * The word in lower case, shape, lists and lexicon kinds of a token, and the feature ids one
   * sink kept of it ({@link Sink#open}): a generator's tokens serve one sink and one model.
   */
  static final class Token {
    private final String word;
    private final String shape;
    private final String lists;
    private final String kinds;
    /** Per block, the feature ids the sink kept of it, or null. */
    int[][] kept;

    Token(String word, String shape, String lists, String kinds) {
      this.word = word;
      this.shape = shape;
      this.lists = lists;
      this.kinds = kinds;
    }

    String word() {
      return word;
    }

    String shape() {
      return shape;
    }

    String lists() {
      return lists;
    }

    String kinds() {
      return kinds;
    }
  }

  /**
   * Receives features one by one: each is written into {@link #chars} from {@link #start} on,
   * then {@link #end} takes it, so that a feature need not be a String. The features of a
   * token that do not depend on its neighbours come in blocks between {@link #open} and
   * {@link #close}, so that a sink may keep what it made of them.
   */
  abstract static class Sink {
    char[] chars = new char[64];
    int length;

    /**
     * Whether block {@code block} of {@code token}'s features is to be written, then closed;
     * false when the sink took the block from what it kept.
     */
    boolean open(Token token, int block) {
      return true;
    }

    void close(Token token, int block) {
    }

    final Sink start(String prefix) {
      length = 0;
      return append(prefix);
    }

    final Sink append(String s) {
      return append(s, 0, s.length());
    }

    final Sink append(String s, int from, int to) {
      int n = to - from;
      if (length + n > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + n));
      }
      s.getChars(from, to, chars, length);
      length += n;
      return this;
    }

    final Sink append(char c) {
      if (length == chars.length) {
        chars = Arrays.copyOf(chars, chars.length * 2);
      }
      chars[length++] = c;
      return this;
    }

    /** Takes the feature in {@code chars[0, length)}. */
    abstract void end();
  }
}
