package io.trainguard.jobs.lineage;

import io.openlineage.client.utils.DatasetIdentifier;
import io.openlineage.client.utils.filesystem.FilesystemDatasetUtils;
import io.trainguard.jobs.storage.Storage;

/**
 * OpenLineage dataset names for files, following the spec's naming conventions: {@code s3a://b/k}
 * is namespace {@code s3://b}, name {@code k}; a local file is namespace {@code file}, name its
 * absolute path.
 */
final class DatasetNames {

  private DatasetNames() {}

  static DatasetIdentifier of(String uriOrPath) {
    // Hadoop paths print unencoded (spaces stay spaces); their URI form is what the utils parse.
    return FilesystemDatasetUtils.fromLocation(Storage.path(uriOrPath).toUri());
  }

  /** {@code relativePath} under the root {@code rootUriOrPath}. */
  static DatasetIdentifier under(String rootUriOrPath, String relativePath) {
    String root = rootUriOrPath.endsWith("/") ? rootUriOrPath : rootUriOrPath + "/";
    return of(root + relativePath);
  }
}
