package io.trainguard.classifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PERSON, LOCATION or ORGANIZATION from the bundled statistical name model ({@link NameModel}):
 * the model's probability of a span is its score. Serializable with no state but its entity;
 * the model loads lazily, once per JVM.
 */
public final class NameRecognizer implements Recognizer {

  public static final String PERSON = "NamePersonRecognizer";
  public static final String LOCATION = "NameLocationRecognizer";
  public static final String ORGANIZATION = "NameOrganizationRecognizer";
  /** The named-entity recognizers: the model's and the NRP gazetteer ({@code --ner off} drops them). */
  public static final Set<String> NER = Set.of(PERSON, LOCATION, ORGANIZATION,
      GazetteerRecognizer.NRP);

  /** {@code recognizers} without the named-entity ones ({@link #NER}). */
  public static List<Recognizer> withoutNer(List<Recognizer> recognizers) {
    return recognizers.stream().filter(r -> !NER.contains(r.name())).toList();
  }

  private final String name;
  private final String entity;
  private final List<String> context;

  private NameRecognizer(String name, String entity, List<String> context) {
    this.name = name;
    this.entity = entity;
    this.context = ContextWords.of(context);
  }

  public static NameRecognizer person() {
    return new NameRecognizer(PERSON, "PERSON", List.of("name", "named", "customer", "patient",
        "dear", "hi", "hello", "contact", "employee", "signed", "user", "mr", "mrs", "dr"));
  }

  public static NameRecognizer location() {
    return new NameRecognizer(LOCATION, "LOCATION", List.of("address", "lives", "live",
        "located", "city", "born"));
  }

  public static NameRecognizer organization() {
    return new NameRecognizer(ORGANIZATION, "ORGANIZATION", List.of("company", "employer",
        "works", "organisation", "organization", "inc", "ltd"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String entity() {
    return entity;
  }

  @Override
  public List<String> context() {
    return context;
  }

  /**
   * Every name has a letter; the model also reads an {@code @} mention. Texts with neither
   * (amounts, numbers, dates) skip the model and the rules.
   */
  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.mayHaveLetterOrAt();
  }

  @Override
  public List<Finding> recognize(String text, CodePoints codePoints) {
    List<Finding> found = new ArrayList<>();
    String read = NameText.of(text);
    List<NameModel.Name> names = names(text, read);
    add(names, codePoints, found);
    if (entity.equals("PERSON")) {
      add(ScriptNames.people(text, names), codePoints, found);
    }
    String parted = NameText.parted(read);
    if (parted != read) {
      List<NameModel.Name> glued = new ArrayList<>();
      for (NameModel.Name n : names(text, parted)) {
        boolean before = isParted(read, parted, n.start() - 1);
        boolean after = isParted(read, parted, n.end());
        if ((before || after) && (startsWithGivenName(parted, n)
            || !(before && NameText.isDashBetweenCapitalised(read, n.start() - 1))
            && !(after && NameText.isDashBetweenCapitalised(read, n.end())))) {
          glued.add(new NameModel.Name(n.entity(), NameText.joinedStart(read, n.start()),
              NameText.joinedEnd(read, n.end()), n.probability()));
        }
      }
      add(glued, codePoints, found);
    }
    String cased = entity.equals("PERSON") ? CapitalsReading.of(text) : text;
    if (cased != text) {
      List<NameModel.Name> capitals = new ArrayList<>();
      for (NameModel.Name n : names(cased, NameText.of(cased))) {
        if ((n.probability() > CapitalsReading.MIN_PROBABILITY
            || NameCues.roleBefore(cased, n.start()) != 0)
            && CapitalsReading.isRecased(text, cased, n.start(), n.end()) && !overlaps(names, n)) {
          capitals.add(n);
        }
      }
      add(capitals, codePoints, found);
    }
    return found;
  }

  /** Whether one of {@code names} as sure as {@code n} overlaps it. */
  private static boolean overlaps(List<NameModel.Name> names, NameModel.Name n) {
    for (NameModel.Name m : names) {
      if (m.start() < n.end() && n.start() < m.end() && m.probability() >= n.probability()) {
        return true;
      }
    }
    return false;
  }

  /** The names of {@code read}, a reading of {@code text} with the same offsets. */
  private List<NameModel.Name> names(String text, String read) {
    List<NameModel.Name> names = NameModel.find(read);
    if (entity.equals("PERSON")) {
      names = new ArrayList<>(names);
      names.addAll(NameRules.people(read, names));
      names.addAll(LowerCaseNames.people(text, names));
      names = NameRules.listed(read, NameSpans.widened(read, names));
    }
    return names;
  }

  /**
   * Whether {@code n} starts with a given name: a name found beside a dash between capitalised
   * words must ("Tamsin Pryce-Sales"), since such a dash also joins compounds ("All-America").
   */
  private static boolean startsWithGivenName(String parted, NameModel.Name n) {
    int end = n.start();
    while (end < n.end() && Character.isLetter(parted.charAt(end))) {
      end++;
    }
    return NameWords.isGivenName(parted.substring(n.start(), end));
  }

  /** Whether the char at {@code at} is one that {@link NameText#parted} read as a comma. */
  private static boolean isParted(String read, String parted, int at) {
    return at >= 0 && at < read.length() && parted.charAt(at) != read.charAt(at);
  }

  private void add(List<NameModel.Name> names, CodePoints codePoints, List<Finding> found) {
    for (NameModel.Name n : names) {
      if (n.entity().equals(entity)) {
        double score = Math.round(n.probability() * 10_000) / 10_000.0;
        found.add(new Finding(entity, codePoints.offset(n.start()), codePoints.offset(n.end()),
            score, name, "name model"));
      }
    }
  }
}
