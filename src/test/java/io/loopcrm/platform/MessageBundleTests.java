package io.loopcrm.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three languages stay complete: every key exists in every bundle with a non-empty
 * text, every key a template names exists, and no template shows text that is not a
 * message key.
 */
class MessageBundleTests {

	/** Every bundle base name the application reads (spring.messages.basename). */
	static final List<String> BASE_NAMES = baseNames();

	static final Path TEMPLATES = Path.of("src/main/resources/templates");

	@Test
	void everyBundleHasTheSameKeysAndNoEmptyText() throws IOException {
		for (String base : BASE_NAMES) {
			Properties english = load(base + ".properties");
			for (String bundle : List.of(base + "_zh_CN.properties", base + "_zh_TW.properties")) {
				Properties other = load(bundle);
				assertThat(other.stringPropertyNames()).as("keys of %s", bundle)
					.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
				other.forEach((key, value) -> assertThat(value.toString()).as("%s in %s", key, bundle).isNotBlank());
			}
		}
	}

	@Test
	void noKeyIsDefinedInTwoBundles() throws IOException {
		Set<String> seen = new TreeSet<>();
		Set<String> twice = new TreeSet<>();
		for (String base : BASE_NAMES) {
			for (String key : load(base + ".properties").stringPropertyNames()) {
				if (!seen.add(key)) {
					twice.add(key);
				}
			}
		}
		assertThat(twice).isEmpty();
	}

	@Test
	void chineseBundlesAreTranslatedNotCopied() throws IOException {
		Properties english = loadAll("");
		Properties simplified = loadAll("_zh_CN");
		Properties traditional = loadAll("_zh_TW");
		long copied = english.stringPropertyNames()
			.stream()
			.filter((key) -> english.getProperty(key).matches(".*[a-z]{4,}.*"))
			.filter((key) -> !key.startsWith("lang.") && !key.equals("app.name"))
			.filter((key) -> english.getProperty(key).equals(simplified.getProperty(key))
					|| english.getProperty(key).equals(traditional.getProperty(key)))
			.count();
		assertThat(copied).isZero();
	}

	@Test
	void templatesNameOnlyExistingKeys() throws IOException {
		Properties english = loadAll("");
		Pattern key = Pattern.compile("#\\{([a-zA-Z0-9_.-]+)[}(]");
		Set<String> missing = new TreeSet<>();
		for (Path template : templates()) {
			Matcher matcher = key.matcher(Files.readString(template));
			while (matcher.find()) {
				if (!english.containsKey(matcher.group(1))) {
					missing.add(TEMPLATES.relativize(template) + ": " + matcher.group(1));
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void templatesHaveNoHardCodedText() throws IOException {
		// text between tags that is not produced by th:text: letters of any script
		Pattern literal = Pattern.compile(">\\s*([\\p{L}][^<>{}$#]{2,})\\s*<");
		List<String> found = new ArrayList<>();
		for (Path template : templates()) {
			String html = Files.readString(template).replaceAll("(?s)<!--.*?-->", "");
			Matcher matcher = literal.matcher(html);
			while (matcher.find()) {
				found.add(TEMPLATES.relativize(template) + ": " + matcher.group(1).trim());
			}
		}
		assertThat(found).isEmpty();
	}

	private static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter((f) -> f.toString().endsWith(".html")).toList();
		}
	}

	private static Properties loadAll(String suffix) throws IOException {
		Properties all = new Properties();
		for (String base : BASE_NAMES) {
			all.putAll(load(base + suffix + ".properties"));
		}
		return all;
	}

	private static List<String> baseNames() {
		try (InputStream in = MessageBundleTests.class.getResourceAsStream("/application.properties")) {
			Properties application = new Properties();
			application.load(in);
			return List.of(application.getProperty("spring.messages.basename").split(","));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = MessageBundleTests.class.getResourceAsStream("/" + name)) {
			assertThat(in).as(name).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
