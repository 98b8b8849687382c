package io.thanosjvm.promql.parser;

import io.thanosjvm.promql.PromqlParseException;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.script.SharedDir;
import io.thanosjvm.testing.fuzz.Fuzzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutated PromQL from Prometheus' own test scripts: the parser either refuses with a {@link PromqlParseException} or
 * returns an expression whose printed form parses back to an equal expression.
 */
class PromqlParserFuzzTest {

  private static final Pattern EVAL =
      Pattern.compile("^eval(?:_fail|_ordered)? instant at \\S+ (.+)$");

  private static final List<String> TOKENS = List.of("(", ")", "{", "}", "[", "]", "[5m]", "[5m:1m]", ",", "\"",
      "'", "`", "=~", "!~", "!=", "==", "=", ">=", "<=", "^", "%", "@", "@ start()", " offset ", " offset -1h", " by ",
      " without ", " on ", " ignoring ", " group_left ", " group_right ", " bool ", " and ", " or ", " unless ",
      "sum", "topk", "quantile", "count_values", "rate(", "label_replace(", "histogram_quantile(", "vector(",
      "scalar(", "time()", "Inf", "-Inf", "NaN", "0x1F", "1e309", "1.5e-3", "9223372036854775807", "1y2w3d4h5m6s7ms",
      "__name__", "\\u00e9", "\\x41", "\\", "#", "\n", " ", ":", "::", "-", "+", "*", "/", "\u00e9", "\uD83D\uDE00");

  @Test
  void mutatedExpressionsAreRefusedWithAParseErrorOrRoundTrip() throws IOException {
    Fuzzer.named("promql-parser")
        .corpus(expressions())
        .dictionary(TOKENS.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList())
        .expecting(PromqlParseException.class)
        .iterations(30_000)
        .run(input -> {
          Expr e = PromqlParser.parse(new String(input, StandardCharsets.UTF_8));
          String printed = e.toString();
          Expr again;
          try {
            again = PromqlParser.parse(printed);
          } catch (PromqlParseException ex) {
            throw new AssertionError("printed form does not parse: " + printed, ex);
          }
          if (!again.equals(e)) {
            throw new AssertionError("printed form parses to another expression: " + printed + " -> " + again);
          }
        })
        .assertNoFindings();
  }

  private static List<byte[]> expressions() throws IOException {
    List<byte[]> out = new ArrayList<>();
    Path dir = SharedDir.locate().resolve("promql-testdata/v2.42");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".test")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          Matcher m = EVAL.matcher(line);
          if (m.matches()) {
            out.add(m.group(1).getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    return out;
  }
}
