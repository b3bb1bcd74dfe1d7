package io.trainguard.classifiers;

import static io.trainguard.classifiers.NameWords.joinsWord;
import static io.trainguard.classifiers.NameWords.key;
import static io.trainguard.classifiers.NameWords.plurals;

import java.util.Set;

/** Words before a name that say it is a person's: roles, relations, field labels, lists. */
final class NameCues {

  /**
   * Nouns of a person's occupation, office or relation, after which name words are a person
   * ("guitarist Jimmy Page", "her daughter Stanisława"); none that also names a thing or a
   * program ("player", "driver", "host", "agent", "user", "partner", "owner", "designer").
   */
  static final Set<String> ROLES = Set.of("guitarist", "bassist", "drummer", "percussionist",
      "pianist", "keyboardist", "organist", "violinist", "cellist", "saxophonist", "trumpeter",
      "vocalist", "singer", "songwriter", "rapper", "composer", "conductor", "producer",
      "director", "actor", "actress", "comedian", "humorist", "writer", "author", "novelist",
      "poet", "playwright", "screenwriter", "journalist", "reporter", "columnist", "editor",
      "photographer", "painter", "sculptor", "artist", "architect", "scientist", "physicist",
      "chemist", "biologist", "mathematician", "economist", "historian", "philosopher",
      "lecturer", "teacher", "lawyer", "attorney", "barrister", "solicitor", "physician",
      "surgeon", "dentist", "psychologist", "psychiatrist", "therapist", "pharmacist", "manager",
      "trainer", "striker", "midfielder", "goalkeeper", "quarterback", "wrestler", "boxer",
      "cyclist", "jockey", "founder", "co-founder", "cofounder", "chairman", "chairwoman",
      "spokesman", "spokeswoman", "spokesperson", "congressman", "congresswoman", "minister",
      "premier", "mayor", "councillor", "councilor", "ambassador", "politician", "activist",
      "entrepreneur", "businessman", "businesswoman", "banker", "priest", "pastor", "monk", "nun",
      "brother", "sister", "son", "daughter", "father", "mother", "wife", "husband",
      "grandfather", "grandmother", "grandson", "granddaughter", "cousin", "nephew", "niece",
      "stepfather", "stepmother", "stepson", "stepdaughter", "fiancé", "fiancée", "fiance",
      "fiancee", "girlfriend", "boyfriend", "colleague", "teammate", "bandmate", "classmate",
      "roommate", "neighbour", "neighbor", "customer", "client", "patient", "tenant", "landlord",
      "landlady", "technician", "receptionist", "assistant", "supervisor", "waiter", "waitress",
      "countryman", "countrywoman", "compatriot", "colonel", "lieutenant", "sergeant",
      "commander", "general", "major", "brigadier", "marshal", "corporal", "captain", "coach",
      "professor", "detective", "inspector", "judge", "bishop", "president", "senator", "governor", "king", "queen", "prince", "princess", "emperor",
      "empress", "uncle", "aunt", "employee", "student", "intern", "trainee", "applicant",
      "candidate", "contractor", "volunteer", "resident", "passenger");

  /**
   * Field labels before a colon whose value is a person's name ("Employee: Summer Rain",
   * "From: Summer Rain", "name: lena andersson"); after a capitalised one, so are {@link #ROLES}.
   */
  static final Set<String> PERSON_LABELS = Set.of("name", "customer", "client", "patient",
      "employee", "user", "contact", "person", "from", "to", "cc", "bcc", "owner", "assignee",
      "agent", "author", "applicant", "holder", "attn", "recipient", "sender", "member", "guest",
      "tenant", "caller", "requester", "reporter");

  /**
   * Departments and teams, which a dash may join to a name in a directory ("Jane Doe-Sales"),
   * and after which a given name is a colleague's ("sarah from legal").
   */
  static final Set<String> DEPARTMENTS = Set.of("sales", "support",
      "finance", "marketing", "legal", "billing", "accounts", "accounting", "payroll", "admin",
      "ops", "operations", "engineering", "security", "compliance", "procurement", "purchasing",
      "logistics", "shipping", "facilities", "research", "product", "design", "audit",
      "training", "recruiting", "helpdesk", "service", "services", "team", "office", "desk",
      "reception", "claims", "collections", "treasury", "tax", "dev");

  /** Roles that are adjectives too, roles only when capitalised ("General", not "a major"). */
  static final Set<String> RANKS = Set.of("general", "major", "brigadier", "marshal",
      "corporal");

  /**
   * Relations that chat and review text writes, which also name things or are informal, so are
   * no {@link #ROLES}: they only keep a name the model found ("my mom Linda").
   */
  private static final Set<String> RELATIONS = Set.of("mom", "mum", "mommy", "mummy", "dad",
      "daddy", "grandma", "grandpa", "granny", "nana", "friend", "bff", "boss", "partner",
      "coworker", "co-worker", "kid", "baby", "buddy", "mate", "pal", "child", "stepmom",
      "stepdad", "hubby", "fiancé", "fiancée");

  /** The plurals of {@link #ROLES}, which may start a list of people ("guitarists such as"). */
  static final Set<String> ROLE_PLURALS = plurals(ROLES);

  /** What {@link #roleBefore} finds: a role before one name, or before a list of names. */
  private static final int ROLE_ONE = 1;
  static final int ROLE_LIST = 2;

  /**
   * What the words before the capitalised word at {@code at} say of it: {@link #ROLE_ONE} after
   * a role ("drummer Ann Lee") or a person's field label and a colon ("Customer: Ann Lee"),
   * {@link #ROLE_LIST} after a role's plural, alone or with "such
   * as", "including", "like" or a colon ("guitarists such as Ann Lee, Bo Chen and Tohpati");
   * else 0.
   */
  static int roleBefore(String text, int at) {
    if (at < 2 || text.charAt(at - 1) != ' ') {
      return 0;
    }
    int end = at - 1;
    char last = text.charAt(end - 1);
    if (last < 128 && !AsciiChars.isLetter(last) && last != ':') {
      return 0;
    }
    if (last == ':') {
      end -= end >= 2 && text.charAt(end - 2) == ' ' ? 2 : 1;
      String label = key(wordBefore(text, end));
      return ROLE_PLURALS.contains(label) ? ROLE_LIST
          : ROLES.contains(label) || PERSON_LABELS.contains(label) ? ROLE_ONE : 0;
    }
    String word = wordBefore(text, end);
    String key = key(word);
    if (ROLES.contains(key)) {
      // A capitalised title is the title rule's ("The Princess Royal" is no one).
      boolean capitalised = Character.isUpperCase(word.charAt(0));
      return GazetteerRecognizer.HONORIFICS.contains(key) && capitalised
          || RANKS.contains(key) && !capitalised ? 0 : ROLE_ONE;
    }
    if (ROLE_PLURALS.contains(key)) {
      return ROLE_LIST;
    }
    int before = end - word.length() - 1;
    if (key.equals("as") && before > 0 && text.charAt(before) == ' '
        && wordBefore(text, before).equalsIgnoreCase("such")) {
      before -= 5;
    } else if (!key.equals("including") && !key.equals("like")) {
      return 0;
    }
    return before > 0 && text.charAt(before) == ' '
        && ROLE_PLURALS.contains(key(wordBefore(text, before))) ? ROLE_LIST : 0;
  }

  /**
   * The word of letters and dashes that ends at {@code end}; empty if there is none or it is
   * part of a longer token.
   */
  private static String wordBefore(String text, int end) {
    int begin = end;
    while (begin > 0 && (Character.isLetter(text.charAt(begin - 1))
        || text.charAt(begin - 1) == '-')) {
      begin--;
    }
    return begin > 0 && joinsWord(text.charAt(begin - 1)) ? "" : text.substring(begin, end);
  }

  /**
   * Where the next item of a list starts after an item ending at {@code end}: after a comma,
   * "and", "&" or a comma and "and", with spaces around them as written ("Ann Lee, Bo Chen",
   * "Ann Lee , Bo Chen and Tohpati"), when a capitalised word starts it; else 0.
   */
  static int itemAfter(String text, int end) {
    int i = end;
    i += i < text.length() && text.charAt(i) == ' ' && i + 1 < text.length()
        && text.charAt(i + 1) == ',' ? 1 : 0;
    boolean comma = i < text.length() && text.charAt(i) == ',';
    i += comma ? 1 : 0;
    if (text.startsWith(" and ", i)) {
      i += 4;
    } else if (text.startsWith(" & ", i)) {
      i += 2;
    } else if (!comma) {
      return 0;
    }
    return i + 1 < text.length() && text.charAt(i) == ' '
        && Character.isUpperCase(text.charAt(i + 1)) ? i + 1 : 0;
  }

  /**
   * Whether a relation or role word ({@link #ROLES}, {@link #RELATIONS}) stands right before
   * {@code start}, a comma between them allowed ("my mom Linda", "His boss, Linda,").
   */
  static boolean isRelationBefore(String text, int start) {
    int end = backOverWhitespace(text, start);
    if (end > 0 && text.charAt(end - 1) == ',') {
      end = backOverWhitespace(text, end - 1);
    }
    String key = key(wordBefore(text, end));
    return ROLES.contains(key) || RELATIONS.contains(key);
  }

  /** Where the whitespace that ends at {@code end} starts. */
  private static int backOverWhitespace(String text, int end) {
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private NameCues() {
  }
}
