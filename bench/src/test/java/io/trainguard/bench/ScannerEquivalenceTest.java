package io.trainguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.samples.corpus.LabelledCorpus;
import io.trainguard.samples.corpus.LabelledRecord;
import org.junit.jupiter.api.Test;

/** The analyzer's candidate scanner changes nothing on the accuracy corpus, record by record. */
class ScannerEquivalenceTest {

  @Test
  void scannerFindsExactlyWhatTheFullScanFindsOnTheLabelledCorpus() {
    Analyzer analyzer = Analyzer.defaults();
    Analyzer fullScan = analyzer.fullScan();
    for (LabelledRecord record : LabelledCorpus.generate(120, 42L)) {
      assertThat(analyzer.analyze(record.text())).as(record.id())
          .isEqualTo(fullScan.analyze(record.text()));
    }
  }
}
