package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tika.metadata.Metadata;
import org.junit.jupiter.api.Test;

class DocumentMetadataTest {

  @Test
  void fieldsAboutPeopleAreRedactedWholeWhateverTheDetectorSays() {
    Map<String, String> entities = new TreeMap<>();
    for (String key : List.of("dc:creator", "meta:last-author", "cp:lastModifiedBy",
        "extended-properties:Manager", "Message-To", "Message-Cc", "Message:From-Email",
        "Message:Raw-Header:Reply-To", "xmp:CreatorTool", "pdf:docinfo:creator_tool",
        "dc:title", "Content-Type", "X-TIKA:Parsed-By", "pdf:docinfo:producer")) {
      entities.put(key, String.valueOf(DocumentMetadata.forcedEntity(key)));
    }
    assertThat(entities).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
        Map.entry("dc:creator", "PERSON"), Map.entry("meta:last-author", "PERSON"),
        Map.entry("cp:lastModifiedBy", "PERSON"), Map.entry("extended-properties:Manager", "PERSON"),
        Map.entry("Message-To", "EMAIL_ADDRESS"), Map.entry("Message-Cc", "EMAIL_ADDRESS"),
        Map.entry("Message:From-Email", "EMAIL_ADDRESS"),
        Map.entry("Message:Raw-Header:Reply-To", "EMAIL_ADDRESS"),
        Map.entry("xmp:CreatorTool", "null"), Map.entry("pdf:docinfo:creator_tool", "null"),
        Map.entry("dc:title", "null"), Map.entry("Content-Type", "null"),
        Map.entry("X-TIKA:Parsed-By", "null"), Map.entry("pdf:docinfo:producer", "null"))));
  }

  @Test
  void writesSortedRedactedJsonWithoutParserExceptions() throws IOException {
    Metadata top = new Metadata();
    top.set("dc:title", "Notes for bo@example.com");
    top.set("dc:creator", "Zyx Qwv");
    top.add("Message-To", "a@example.org");
    top.add("Message-To", "b@example.org");
    top.set("X-TIKA:EXCEPTION:warn", "java.io.IOException: near 536-22-8049");
    Metadata embedded = new Metadata();
    embedded.set("resourceName", "ssn 536-22-8049.txt");
    FileStats stats = new FileStats();
    StringWriter out = new StringWriter();
    DocumentMetadata.write(new DocumentExtractor.Extracted(top, List.of(embedded)),
        TestSinks.STRICT, "a.pdf", stats, out);
    assertThat(out.toString()).isEqualTo("{\n"
        + "  \"embedded\" : [ {\n"
        + "    \"resourceName\" : \"ssn <US_SSN>.txt\"\n"
        + "  } ],\n"
        + "  \"metadata\" : {\n"
        + "    \"Message-To\" : [ \"<EMAIL_ADDRESS>\", \"<EMAIL_ADDRESS>\" ],\n"
        + "    \"dc:creator\" : \"<PERSON>\",\n"
        + "    \"dc:title\" : \"Notes for <EMAIL_ADDRESS>\"\n"
        + "  }\n"
        + "}\n");
    assertThat(stats.findingsByEntity()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "EMAIL_ADDRESS", 3L, "PERSON", 1L, "US_SSN", 1L)));
    assertThat(stats.fieldsByEntity().get("EMAIL_ADDRESS"))
        .containsExactly("metadata:Message-To", "metadata:dc:title");
  }
}
