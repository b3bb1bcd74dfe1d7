package io.trainguard.spark;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.Recognizer;
import io.trainguard.encryption.KeyException;
import io.trainguard.encryption.KeyProviders;
import io.trainguard.encryption.KmsServiceException;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.protect.DatasetSecret;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import io.trainguard.redaction.PolicyException;
import java.io.Serializable;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.ScalaUDF;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.Option;
import scala.Tuple3;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The SQL functions: {@code tg_detect(text)}, the findings of the built-in recognizers as
 * {@code array<struct<entity, start, end, score>>} (code-point offsets, end exclusive), and
 * {@code tg_redact(text[, policy])}, the text protected under a policy file (a literal path, or
 * {@code 'strict'}, the default), null where that policy quarantines or drops the record. Keyed
 * operators use the dataset secret at {@code spark.trainguard.datasetSecret} opened with
 * {@code spark.trainguard.key}; without both, a random secret valid for one query.
 */
final class SqlFunctions {

  static final String KEY_CONF = "spark.trainguard.key";
  static final String SECRET_CONF = "spark.trainguard.datasetSecret";

  /** {@code array<struct<entity: string, start: int, end: int, score: double>>}. */
  static final DataType FINDINGS = new ArrayType(new StructType()
      .add("entity", DataTypes.StringType, false)
      .add("start", DataTypes.IntegerType, false)
      .add("end", DataTypes.IntegerType, false)
      .add("score", DataTypes.DoubleType, false), false);

  /** Loaded once per driver: every query resolving a function would load them again. */
  private static volatile List<Recognizer> recognizers;

  private SqlFunctions() {}

  static Tuple3<FunctionIdentifier, ExpressionInfo, Function1<Seq<Expression>, Expression>>
      detect() {
    return function("tg_detect", "tg_detect(text) - findings of personal data in text:"
        + " array<struct<entity, start, end, score>>, offsets in code points",
        args -> {
          if (args.size() != 1) {
            throw new IllegalArgumentException("tg_detect takes 1 argument (text), got "
                + args.size());
          }
          return udf(new Detect(analyzer()), FINDINGS, text(args.get(0), "tg_detect"),
              "tg_detect");
        });
  }

  static Tuple3<FunctionIdentifier, ExpressionInfo, Function1<Seq<Expression>, Expression>>
      redact() {
    return function("tg_redact", "tg_redact(text[, policy]) - text with personal data"
        + " protected under the policy file (default 'strict'); null where the policy"
        + " quarantines or drops the record",
        args -> {
          if (args.size() != 1 && args.size() != 2) {
            throw new IllegalArgumentException("tg_redact takes 1 or 2 arguments (text[, policy]),"
                + " got " + args.size());
          }
          Policy policy = args.size() == 1 ? Policy.strict() : policy(args.get(1));
          ValueProtector protector = new ValueProtector(analyzer(), policy, keys());
          return udf(new Redact(protector), DataTypes.StringType,
              text(args.get(0), "tg_redact"), "tg_redact");
        });
  }

  private static Tuple3<FunctionIdentifier, ExpressionInfo,
      Function1<Seq<Expression>, Expression>> function(String name, String usage,
      java.util.function.Function<List<Expression>, Expression> builder) {
    return new Tuple3<>(FunctionIdentifier.apply(name),
        new ExpressionInfo(SqlFunctions.class.getName(), null, name, usage, "", "", "", "", "",
            "", "built-in"),
        new AbstractFunction1<Seq<Expression>, Expression>() {
          @Override
          public Expression apply(Seq<Expression> args) {
            return builder.apply(CollectionConverters.asJava(args));
          }
        });
  }

  private static Expression udf(Object function, DataType type, Expression text, String name) {
    return new ScalaUDF(function, type,
        CollectionConverters.asScala(List.of(text)).toList(),
        CollectionConverters.asScala(List.<Option<
            org.apache.spark.sql.catalyst.encoders.ExpressionEncoder<?>>>of()).toList(),
        Option.empty(), Option.apply(name), true, true);
  }

  /** {@code arg}, which must be text (a string, or a null literal), as {@code name}'s input. */
  private static Expression text(Expression arg, String name) {
    DataType type = arg.resolved() ? arg.dataType() : DataTypes.StringType;
    if (!(type instanceof StringType) && !(type instanceof NullType)) {
      throw new IllegalArgumentException(name + " takes text (a string column), got "
          + type.simpleString() + ": protect other columns with TrainGuard.redact, or pass"
          + " to_json(...) or cast(... as string)");
    }
    return arg;
  }

  /** The policy a literal names: {@code strict} or a policy file on the driver. */
  private static Policy policy(Expression arg) {
    Object value = arg.foldable() ? arg.eval(null) : null;
    if (value == null) {
      throw new IllegalArgumentException("tg_redact's policy must be a string literal: a policy"
          + " file or 'strict'");
    }
    String name = value.toString();
    if (name.equals("strict")) {
      return Policy.strict();
    }
    try {
      return Policy.load(Path.of(name));
    } catch (PolicyException e) {
      throw TrainguardException.usage(e.getMessage());
    }
  }

  private static Analyzer analyzer() {
    List<Recognizer> loaded = recognizers;
    if (loaded == null) {
      loaded = ProtectJob.loadRecognizers(List.of());
      recognizers = loaded;
    }
    return new Analyzer(loaded, Analyzer.DEFAULT_THRESHOLD);
  }

  /** The keys of the configured dataset secret, or of a random one for this query. */
  private static OperatorKeys keys() {
    var conf = SparkSession.active().conf();
    String key = conf.get(KEY_CONF, null);
    String secret = conf.get(SECRET_CONF, null);
    if (key == null || secret == null) {
      if (key != null || secret != null) {
        throw TrainguardException.usage("Set both " + KEY_CONF + " and " + SECRET_CONF
            + ", or neither");
      }
      byte[] random = new byte[OperatorKeys.SECRET_LENGTH];
      new SecureRandom().nextBytes(random);
      return OperatorKeys.fromDatasetSecret(random);
    }
    try {
      return DatasetSecret.openOrCreate(SparkSession.active().sparkContext().hadoopConfiguration(),
          secret, KeyProviders.open(key)).keys();
    } catch (KmsServiceException e) {
      throw TrainguardException.service(e.getMessage(), e);
    } catch (KeyException e) {
      throw TrainguardException.usage(e.getMessage());
    }
  }

  /** {@code tg_detect} on an executor. */
  private static final class Detect extends AbstractFunction1<String, Object>
      implements Serializable {
    private final Analyzer analyzer;

    Detect(Analyzer analyzer) {
      this.analyzer = analyzer;
    }

    @Override
    public Object apply(String text) {
      if (text == null) {
        return null;
      }
      List<Row> rows = new ArrayList<>();
      for (Finding f : analyzer.analyze(text)) {
        rows.add(RowFactory.create(f.entity(), f.start(), f.end(), f.score()));
      }
      return CollectionConverters.asScala(rows).toList();
    }
  }

  /** {@code tg_redact} on an executor. */
  private static final class Redact extends AbstractFunction1<String, Object>
      implements Serializable {
    private final ValueProtector protector;

    Redact(ValueProtector protector) {
      this.protector = protector;
    }

    @Override
    public Object apply(String text) {
      if (text == null) {
        return null;
      }
      ValueProtector.Outcome outcome = protector.protect(text, null, null, findings -> { });
      return outcome.action() == null ? outcome.value() : null;
    }
  }
}
