package io.trainguard.jobs.format;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/** A file that a {@link FormatCodec.Opening#SEEKABLE} codec reads in any order, through Hadoop. */
public record SeekableFile(FileSystem fs, FileStatus status, Configuration conf) {}
