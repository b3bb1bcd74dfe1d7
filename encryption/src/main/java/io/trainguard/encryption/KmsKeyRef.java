package io.trainguard.encryption;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A KMS key as a user names it: a key ARN, an alias ARN or an alias name. {@code region} is null
 * for an alias name (the SDK's default region chain applies).
 */
record KmsKeyRef(String spec, String region, boolean alias) {

  private static final Pattern ARN = Pattern.compile(
      "arn:aws(?:-[a-z]+)*:kms:([a-z0-9-]+):\\d{12}:(key/[A-Za-z0-9-]+|alias/[A-Za-z0-9/_-]+)");
  private static final Pattern ALIAS = Pattern.compile("alias/[A-Za-z0-9/_-]+");
  private static final Pattern KMS_LIKE = Pattern.compile("arn:[^:]*:kms:.*");

  /** Whether {@code spec} is meant as a KMS key (possibly malformed). */
  static boolean isKms(String spec) {
    return spec.startsWith("alias/") || KMS_LIKE.matcher(spec).matches();
  }

  static KmsKeyRef parse(String spec) {
    Matcher arn = ARN.matcher(spec);
    if (arn.matches()) {
      return new KmsKeyRef(spec, arn.group(1), arn.group(2).startsWith("alias/"));
    }
    if (ALIAS.matcher(spec).matches()) {
      return new KmsKeyRef(spec, null, true);
    }
    throw new KeyException("Invalid KMS key: " + spec + " (expected arn:aws:kms:REGION:ACCOUNT:key/ID,"
        + " arn:aws:kms:REGION:ACCOUNT:alias/NAME or alias/NAME)");
  }
}
