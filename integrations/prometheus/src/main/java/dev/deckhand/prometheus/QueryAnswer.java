package dev.deckhand.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deckhand.commands.ports.MetricsException;
import java.net.http.HttpResponse;
import java.util.OptionalDouble;

/**
 * Reads the Prometheus HTTP API's answer to an instant query: {@code {"status":"success","data":
 * {"resultType":"vector","result":[{"metric":{…},"value":[<time>,"<value>"]}]}}}, a scalar, or
 * {@code {"status":"error","errorType":…,"error":…}}. Pure.
 */
final class QueryAnswer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUOTE_LIMIT = 80;

  private QueryAnswer() {}

  /**
   * The value of the answer's one sample; empty for no sample, NaN or an infinity.
   *
   * @param endpoint the URL queried, without its query string, for messages
   * @throws MetricsException for any other answer
   */
  static OptionalDouble read(String endpoint, HttpResponse<String> response) {
    int status = response.statusCode();
    String from = "Prometheus at " + endpoint;
    if (status == 429 || status == 503) {
      String retry =
          response
              .headers()
              .firstValue("Retry-After")
              .map(r -> ", Retry-After: " + r + (r.strip().matches("\\d+") ? " s" : ""))
              .orElse("");
      String detail = errorOf(parse(response.body())).map(e -> ": " + e).orElse("");
      throw new MetricsException(
          from
              + " answered HTTP "
              + status
              + (status == 429 ? " (too many requests" : " (unavailable")
              + retry
              + ")"
              + detail
              + "; try again later");
    }
    if (status == 401 || status == 403) {
      throw new MetricsException(
          from
              + " refused the request (HTTP "
              + status
              + "); check prometheus.token, or that this server wants none");
    }
    JsonNode body = parse(response.body());
    if (body == null) {
      throw new MetricsException(
          from
              + " answered HTTP "
              + status
              + " with a body that is not JSON ("
              + quote(response.body())
              + "); check that prometheus.url is the server's base URL, without /api/v1");
    }
    var error = errorOf(body);
    if (error.isPresent()) {
      throw new MetricsException(
          from + " refused the query: " + error.get() + "; fix the query and try again");
    }
    if (status != 200 || !"success".equals(body.path("status").asText())) {
      throw new MetricsException(
          from
              + " answered HTTP "
              + status
              + " without a result; check that prometheus.url is the server's base URL");
    }
    return valueOf(from, body.path("data"));
  }

  private static OptionalDouble valueOf(String from, JsonNode data) {
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    switch (type) {
      case "scalar":
        return sample(from, result);
      case "vector":
        if (result.size() == 0) {
          return OptionalDouble.empty();
        }
        if (result.size() > 1) {
          throw new MetricsException(
              from
                  + " answered "
                  + result.size()
                  + " series ("
                  + labels(result.get(0).path("metric"))
                  + ", "
                  + labels(result.get(1).path("metric"))
                  + (result.size() > 2 ? ", …" : "")
                  + ") where a gate needs one number; aggregate it, e.g. sum(...)");
        }
        return sample(from, result.get(0).path("value"));
      case "matrix", "string":
        throw new MetricsException(
            from
                + " answered a "
                + type
                + " where a gate needs one number; write an instant query (no range selector"
                + " [5m] at the end, e.g. sum(rate(x[5m])))");
      default:
        throw new MetricsException(
            from
                + " answered an unknown result type "
                + quote(type)
                + " where a gate needs one"
                + " number");
    }
  }

  /** {@code [<unix time>, "<value>"]}. */
  private static OptionalDouble sample(String from, JsonNode pair) {
    String text = pair.path(1).asText("");
    switch (text) {
      case "NaN", "+Inf", "-Inf", "Inf":
        return OptionalDouble.empty();
      default:
        try {
          double value = Double.parseDouble(text);
          return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
          throw new MetricsException(
              from + " answered a sample that is not a number: " + quote(pair.toString()), e);
        }
    }
  }

  /** {@code {code="500",pod="web-1"}}, as PromQL writes a label set. */
  private static String labels(JsonNode metric) {
    StringBuilder out = new StringBuilder("{");
    metric
        .fields()
        .forEachRemaining(
            f -> {
              if (out.length() > 1) {
                out.append(',');
              }
              out.append(f.getKey()).append("=\"").append(f.getValue().asText()).append('"');
            });
    return out.append('}').toString();
  }

  private static java.util.Optional<String> errorOf(JsonNode body) {
    if (body == null || !"error".equals(body.path("status").asText())) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        body.path("errorType").asText("unknown") + ": " + body.path("error").asText(""));
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String quote(String text) {
    String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= QUOTE_LIMIT
        ? "\"" + oneLine + "\""
        : "\"" + oneLine.substring(0, QUOTE_LIMIT) + "…\"";
  }
}
