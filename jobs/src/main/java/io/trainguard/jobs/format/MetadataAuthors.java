package io.trainguard.jobs.format;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;

/**
 * The people a document's metadata names (its author, creator, last modifier, ..., the display
 * names of a mail's sender and recipients), kept when they read as a person's name: a company, a
 * placeholder account or a tool ({@code Acme Corp}, {@code Administrator}, {@code Microsoft
 * Office User}, {@code Apache POI}) or an address is none.
 */
final class MetadataAuthors {

  /** A value written {@code NAME <address>}, as a mail's sender is. */
  private static final Pattern NAME_AND_ADDRESS = Pattern.compile("(.*?)\\s*<[^<>]*>");
  /** What an author field adds in brackets: {@code Summer Rain (Legal)}, {@code [ext]}. */
  private static final Pattern BRACKETED = Pattern.compile("\\s*[(\\[][^()\\[\\]]*[)\\]]");
  /** What parts the names of several authors in one field. */
  private static final Pattern SEVERAL = Pattern.compile("\\s*(?:[;/&|]|\\band\\b)\\s*");
  /** What follows a surname after a comma and is no given name: {@code Rain, Summer, Jr.}. */
  private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv", "phd",
      "md", "esq", "mba", "msc", "bsc", "ma", "ba");
  /** Titles written before a name and no part of it: {@code Dr. Summer Rain}. */
  private static final Set<String> TITLES = Set.of("dr", "mr", "mrs", "ms", "mx", "miss",
      "prof", "sir", "dame", "herr", "frau", "mme", "mlle", "sra", "srta", "dott", "ing");
  /** Words of at least two letters, joined by a space, a dot, an apostrophe or a hyphen. */
  private static final Pattern NAME = Pattern.compile(
      "\\p{L}[\\p{L}\\p{M}]*\\.?(?:(?:[ '’-]|\\. ?)\\p{L}[\\p{L}\\p{M}]*\\.?){0,4}");
  /** Words no person's name holds: companies, placeholder accounts, software. */
  private static final Set<String> NOT_NAMES = Set.of(
      "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh",
      "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "co", "company", "group",
      "holding", "holdings", "team", "department", "dept", "division", "university", "school",
      "office", "services", "solutions", "systems", "technologies", "software", "bank",
      "admin", "administrator", "administrators", "user", "users", "owner", "guest", "unknown",
      "author", "default", "root", "system", "test", "none", "anonymous", "customer", "client",
      "staff", "support", "sales", "hr", "it", "microsoft", "windows", "word", "excel",
      "powerpoint", "outlook", "libreoffice", "openoffice", "writer", "calc", "impress",
      "acrobat", "adobe", "distiller", "pdfmaker", "pdf", "apache", "poi", "tika", "pdfbox",
      "google", "docs", "pages", "keynote", "quartz", "ghostscript", "latex", "pdftex",
      "scanner", "printer", "canon", "xerox", "ricoh", "brother", "epson", "hp");

  private MetadataAuthors() {}

  /** Adds to {@code authors} each value of {@code metadata} that names a person. */
  static void addTo(Set<String> authors, Metadata metadata) {
    for (String key : metadata.names()) {
      if (!"PERSON".equals(DocumentMetadata.forcedEntity(key)) && !isMailName(key)) {
        continue;
      }
      for (String value : metadata.getValues(key)) {
        authors.addAll(names(value));
      }
    }
  }

  /** {@code Message:From-Name}, {@code Message:To-Name}, ...: display names Tika takes apart. */
  private static boolean isMailName(String key) {
    return key.startsWith("Message:") && key.endsWith("-Name");
  }

  /**
   * The names {@code value} gives, without the address, bracketed notes, titles and suffixes it
   * may carry: several authors ({@code Summer Rain; Ever Young}, {@code Summer Rain, Ever
   * Young}, {@code ... and ...}) each; one written surname first ({@code Rain, Summer},
   * {@code RAIN Summer}) both as written and as {@code Summer Rain}; one with a middle name or
   * initial also as its first and last word. None when it reads as no person's name.
   */
  static List<String> names(String value) {
    Matcher withAddress = NAME_AND_ADDRESS.matcher(value.strip());
    String bare = (withAddress.matches() ? withAddress.group(1) : value).strip();
    if (bare.length() > 1 && (bare.charAt(0) == '"' || bare.charAt(0) == '\'')
        && bare.charAt(bare.length() - 1) == bare.charAt(0)) {
      bare = bare.substring(1, bare.length() - 1).strip();
    }
    Set<String> names = new LinkedHashSet<>();
    for (String part : SEVERAL.split(BRACKETED.matcher(bare).replaceAll(""))) {
      List<String> pieces = new ArrayList<>();
      for (String piece : part.split(",")) {
        String word = piece.strip().toLowerCase(Locale.ROOT).replace(".", "");
        if (!piece.isBlank() && !SUFFIXES.contains(word)) {
          pieces.add(piece.strip());
        }
      }
      if (pieces.size() == 2 && !(words(pieces.get(0)).length > 1
          && words(pieces.get(1)).length > 1)) {
        addName(names, pieces.get(1) + " " + pieces.get(0), pieces.get(0) + ", " + pieces.get(1));
      } else {
        for (String piece : pieces) {
          addName(names, piece, null);
        }
      }
    }
    return List.copyOf(names);
  }

  /**
   * Adds {@code name} (given name first) without its titles, with its first and last word alone
   * too, its surname first as {@code written} when that is not null, to {@code names} if it reads
   * as a person's name.
   */
  private static void addName(Set<String> names, String name, String written) {
    List<String> words = new ArrayList<>(List.of(words(name)));
    while (words.size() > 1
        && TITLES.contains(words.get(0).toLowerCase(Locale.ROOT).replace(".", ""))) {
      words.remove(0);
    }
    if (words.size() > 1 && written == null && isUpperCase(words.get(0))
        && !isUpperCase(words.get(words.size() - 1))) { // RAIN Summer: the surname first
      written = String.join(" ", words);
      words.add(words.remove(0));
    }
    String whole = name(String.join(" ", words));
    if (whole == null) {
      return;
    }
    names.add(whole);
    if (words.size() > 2) {
      names.add(words.get(0) + " " + words.get(words.size() - 1));
    }
    if (written != null) {
      names.add(written);
    }
  }

  private static String[] words(String name) {
    return name.strip().split("\\s+");
  }

  private static boolean isUpperCase(String word) {
    return word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT))
        && !word.equals(word.toLowerCase(Locale.ROOT));
  }

  /** {@code name} when it reads as a person's name; else null. */
  private static String name(String name) {
    if (name.length() < 3 || name.length() > 100 || !NAME.matcher(name).matches()) {
      return null;
    }
    for (String word : name.toLowerCase(Locale.ROOT).split("[ .'’-]+")) {
      if (NOT_NAMES.contains(word)) {
        return null;
      }
    }
    return name;
  }
}
