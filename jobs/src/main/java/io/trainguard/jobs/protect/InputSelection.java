package io.trainguard.jobs.protect;

import io.trainguard.jobs.Counts;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Which listed input files a run reads: those an {@code --include} glob matches (all when none
 * is given) and no {@code --exclude} glob matches. A glob with a {@code /} matches the path
 * relative to the input, one without matches the file name at any depth. Files of no supported
 * type are a usage error listing them, unless {@code skipUnsupported}: then they are skipped and
 * listed in the manifest and the report.
 */
public record InputSelection(List<String> includes, List<String> excludes,
    boolean skipUnsupported) implements Serializable {

  /** Every file; unsupported files are an error. */
  public static final InputSelection ALL = new InputSelection(List.of(), List.of(), false);

  /** Files listed, those read, and those skipped as unsupported (relative paths, as shown). */
  public record Selected(List<DataFile> files, List<String> skipped) {}

  public InputSelection {
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
    for (String glob : includes) {
      matcher("--include", glob);
    }
    for (String glob : excludes) {
      matcher("--exclude", glob);
    }
  }

  /**
   * The files of {@code listed} to read; {@code format} is {@code --format} (null: by extension);
   * {@code shown} masks a relative path for messages (names can hold personal data).
   */
  public Selected select(List<DataFile> listed, Format format, UnaryOperator<String> shown) {
    Predicate<String> selected = globs();
    List<DataFile> files = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    for (DataFile f : listed) {
      if (!selected.test(f.relativePath())) {
        continue;
      }
      if (format == null && Format.byFileName(f.relativePath()).isEmpty()) {
        unsupported.add(shown.apply(f.relativePath()));
      } else {
        files.add(f);
      }
    }
    if (!unsupported.isEmpty() && !skipUnsupported) {
      int listedNow = Math.min(unsupported.size(), 20);
      throw TrainguardException.usage("Unsupported file type" + (unsupported.size() == 1 ? ": "
          : "s (" + unsupported.size() + "): ")
          + String.join(", ", unsupported.subList(0, listedNow))
          + (listedNow < unsupported.size() ? ", and " + (unsupported.size() - listedNow)
              + " more" : "")
          + " (use --format csv|jsonl|text, --exclude GLOB or --skip-unsupported)");
    }
    if (files.isEmpty() && !listed.isEmpty()) {
      throw TrainguardException.input("No input file left to read: "
          + (unsupported.isEmpty() ? "--include/--exclude select none of the "
              + Counts.of(listed.size(), "file")
              : Counts.of(unsupported.size(), "unsupported file") + " skipped"));
    }
    return new Selected(files, unsupported);
  }

  /** Whether the globs select a file, by its path relative to the input (its type not looked at). */
  public Predicate<String> globs() {
    List<PathMatcher> in = includes.stream().map(g -> matcher("--include", g)).toList();
    List<PathMatcher> out = excludes.stream().map(g -> matcher("--exclude", g)).toList();
    return path -> (in.isEmpty() || matches(in, path)) && !matches(out, path);
  }

  private static boolean matches(List<PathMatcher> globs, String relativePath) {
    Path path = Path.of(relativePath);
    Path name = path.getFileName();
    for (PathMatcher m : globs) {
      if (m.matches(path) || name != null && m.matches(name)) {
        return true;
      }
    }
    return false;
  }

  private static PathMatcher matcher(String option, String glob) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (IllegalArgumentException e) {
      throw TrainguardException.usage("Invalid " + option + " " + glob + ": not a glob");
    }
  }
}
