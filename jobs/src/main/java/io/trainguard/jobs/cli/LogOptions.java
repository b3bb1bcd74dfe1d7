package io.trainguard.jobs.cli;

import io.trainguard.jobs.TrainguardException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the libraries' logs go. trainguard prints its own messages on stderr, one line per error;
 * Spark's, Hadoop's and the AWS SDK's logs can quote what they process, so they never go there:
 * only to the owner-only file named by {@code --log-file} (or {@code TRAINGUARD_LOG}), which the
 * launcher's logging configuration reads from the {@value #FILE_PROPERTY} system property.
 */
final class LogOptions {

  static final String FILE_PROPERTY = "trainguard.log";
  static final String LEVEL_PROPERTY = "trainguard.log.level";

  @Option(names = "--log-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Append Spark's, Hadoop's and the AWS SDK's logs to FILE (created owner-only)."
          + " Default: TRAINGUARD_LOG, else nowhere; they never go to stderr.")
  Path logFile;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Library logs at INFO instead of WARN, and on a failure one more line per"
          + " cause (type and origin).")
  boolean verbose;

  /** The options as given anywhere on the command line (they are inherited by subcommands). */
  static LogOptions of(CommandLine.ParseResult parsed) {
    LogOptions options = new LogOptions();
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      options.logFile = p.matchedOptionValue("--log-file", options.logFile);
      options.verbose |= p.hasMatchedOption("--verbose");
    }
    return options;
  }

  /** Points the logging configuration at the file and level asked for, before any work. */
  void apply() {
    if (logFile != null) {
      createOwnerOnly(logFile);
      System.setProperty(FILE_PROPERTY, logFile.toAbsolutePath().toString());
    }
    if (verbose) {
      System.setProperty(LEVEL_PROPERTY, "info");
    }
    if (logFile != null || verbose) {
      reconfigure();
    }
  }

  private static void createOwnerOnly(Path file) {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException appended) {
      // appended to, with the permissions it has
    } catch (IOException | UnsupportedOperationException e) {
      throw TrainguardException.usage("Cannot create log file " + file + ": "
          + e.getClass().getSimpleName());
    }
  }

  /** Log4j (Spark's logging) reads its configuration again, with the properties just set. */
  private static void reconfigure() {
    org.apache.logging.log4j.core.config.Configurator.reconfigure();
  }
}
