package io.trainguard.jobs;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything logged, at DEBUG and above, from creation until {@link #close}, as text (level,
 * logger, message, exception); the root level is restored on close. For leak tests.
 */
public final class DebugLogCapture implements AutoCloseable {

  private static final String NAME = "trainguard-test-capture";

  private final StringWriter logs = new StringWriter();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final WriterAppender appender;
  private final Level before;

  public DebugLogCapture() {
    appender = WriterAppender.newBuilder().setName(NAME).setTarget(logs)
        .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m %ex%n").build()).build();
    appender.start();
    context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
    before = context.getRootLogger().getLevel();
    Configurator.setRootLevel(Level.DEBUG);
  }

  /** What was logged so far. */
  public String text() {
    return logs.toString();
  }

  @Override
  public void close() {
    Configurator.setRootLevel(before);
    context.getConfiguration().getRootLogger().removeAppender(NAME);
    appender.stop();
  }
}
