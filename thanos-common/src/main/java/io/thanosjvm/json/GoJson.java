package io.thanosjvm.json;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON documents with Go's conventions, read and written through Jackson. Reading yields {@code
 * LinkedHashMap<String, Object>} (key order kept), {@code List<Object>}, {@code String}, {@code Long} (or {@code
 * BigDecimal} for other numbers), {@code Boolean} and {@code null}. Writing reproduces {@code
 * json.MarshalIndent(v, "", "\t")} byte for byte: TAB indent, {@code "key": value}, {@code {}} and {@code []} for
 * empty containers, Go's HTML-safe escapes ({@link GoJsonEscapes}), no trailing newline. The layout is a small
 * hand-written {@link PrettyPrinter} because it IS the compatibility with Thanos' files.
 */
public final class GoJson {

  private static final int MAX_DEPTH = 200;

  private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .characterEscapes(GoJsonEscapes.INSTANCE)
          .build())
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private GoJson() {}

  /**
   * Parses a JSON document.
   *
   * @param json the text
   * @param source what the text is (a file name) for the error message
   * @throws GoJsonException on a syntax error, naming {@code source} and the character offset
   */
  public static Object parse(String json, String source) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      long offset = loc == null ? -1 : Math.max(loc.getCharOffset(), 0);
      throw new GoJsonException(source, offset, e.getOriginalMessage());
    }
  }

  /** Writes a value like Go's {@code json.MarshalIndent(v, "", "\t")}. */
  public static String write(Object v) {
    check(v);
    StringWriter out = new StringWriter();
    MAPPER.writer().with(new GoIndent()).writeValue(out, v);
    return out.toString();
  }

  private static void check(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer
        || v instanceof BigDecimal) {
      return;
    }
    if (v instanceof Map<?, ?> m) {
      m.values().forEach(GoJson::check);
    } else if (v instanceof List<?> l) {
      l.forEach(GoJson::check);
    } else {
      throw new IllegalArgumentException("cannot write " + v.getClass() + " as JSON");
    }
  }

  /** Go's {@code MarshalIndent} layout with prefix "" and indent TAB. */
  private static final class GoIndent implements PrettyPrinter {

    private int depth;

    private static void newline(JsonGenerator g, int depth) {
      g.writeRaw('\n');
      for (int i = 0; i < depth; i++) {
        g.writeRaw('\t');
      }
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
      // one document per call
    }

    @Override
    public void writeStartObject(JsonGenerator g) {
      g.writeRaw('{');
      depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) {
      newline(g, depth);
    }

    @Override
    public void writeObjectNameValueSeparator(JsonGenerator g) {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) {
      g.writeRaw(',');
      newline(g, depth);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) {
      depth--;
      if (entries > 0) {
        newline(g, depth);
      }
      g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) {
      g.writeRaw('[');
      depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {
      newline(g, depth);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) {
      g.writeRaw(',');
      newline(g, depth);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) {
      depth--;
      if (values > 0) {
        newline(g, depth);
      }
      g.writeRaw(']');
    }
  }
}
