package io.thanosjvm.app.query;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real Debian {@code chromium} headless ({@code --dump-dom}) to load a page, let its JavaScript run
 * against the server and return the DOM as serialized HTML. A missing browser fails the test, naming the
 * install script; it never skips.
 */
final class HeadlessChromium {

  private static final long TIMEOUT_SECONDS = 90;

  private HeadlessChromium() {}

  /** The {@code chromium} executable on PATH, or an assertion error naming {@code .ci/install-chromium.sh}. */
  static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, "chromium");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new AssertionError("chromium is not installed: the query UI's browser tests need the Debian package "
        + "'chromium' (run .ci/install-chromium.sh as root)");
  }

  /**
   * Loads {@code url} with a 10 s virtual-time budget and returns the DOM after the scripts ran; the DOM is also
   * kept as {@code target/chromium/<name>.html} for inspection, and with {@code -Dui.screenshots=true} a
   * {@code <name>.png} screenshot is taken too.
   */
  static String dumpDom(String url, String name) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("ui-chromium-");
    Path out = profile.resolve("dom.html");
    Path err = profile.resolve("stderr.txt");
    try {
      Process p = new ProcessBuilder(List.of(executable(), "--headless", "--no-sandbox", "--disable-gpu",
          "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile.resolve("profile"),
          "--window-size=1200,900", "--virtual-time-budget=10000", "--dump-dom", url))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s loading " + url);
      }
      String dom = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0 || dom.isBlank()) {
        throw new AssertionError("chromium exited " + p.exitValue() + " loading " + url + ":\n"
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      Path keep = Path.of("target", "chromium");
      Files.createDirectories(keep);
      Files.writeString(keep.resolve(name + ".html"), dom, StandardCharsets.UTF_8);
      if (Boolean.getBoolean("ui.screenshots")) {
        new ProcessBuilder(List.of(executable(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=" + profile.resolve("profile"), "--window-size=1200,900",
            "--virtual-time-budget=10000", "--screenshot=" + keep.resolve(name + ".png").toAbsolutePath(), url))
            .redirectOutput(err.toFile()).redirectError(err.toFile()).start().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      return dom;
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
