package org.checkoutsaga.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local run's dashboard as an operator sees it: the suite with its Spring Boot Admin
 * server, opened in a real browser (Debian's headless {@code chromium} through its
 * {@code chromedriver}). Skipped when the driver is not installed, unless
 * {@code REQUIRE_BROWSER_TESTS=true} (as in CI), where that fails.
 */
class SpringBootAdminDashboardTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOT = Path.of("target", "screenshots", "spring-boot-admin.png");

	private static final Map<String, String> ALL_THREE_UP = Map.of(LocalSuite.ORCHESTRATOR, "UP", LocalSuite.RECEIPT,
			"UP", LocalSuite.STOCK, "UP");

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	@BeforeEach
	void needsChromiumAndItsDriver() {
		boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
		String missing = "Headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
				+ "); apt-get install -y chromium chromium-driver";
		if (!installed && "true".equalsIgnoreCase(System.getenv("REQUIRE_BROWSER_TESTS"))) {
			fail(missing + ", and REQUIRE_BROWSER_TESTS=true");
		}
		assumeTrue(installed, missing + ": the browser test is skipped");
	}

	@Test
	void showsTheThreeServicesUp() throws Exception {
		LocalSuite.Settings settings = LocalSuite.Settings.randomPorts(this.dataDir).withSeed(3, 7).withAdminPort(0);
		try (LocalSuite suite = new LocalSuite(settings).start()) {
			assertThat(LauncherApplication.banner(suite)).contains("dashboard     " + suite.dashboardUrl());
			WebDriver browser = headlessChromium();
			try {
				browser.get(suite.dashboardUrl() + "/applications");

				Map<String, String> shown = new WebDriverWait(browser, Duration.ofSeconds(60))
					.withMessage("the three services shown UP")
					// the list re-renders as statuses arrive
					.ignoring(StaleElementReferenceException.class)
					.until((page) -> {
						Map<String, String> statuses = applicationStatuses(page);
						return statuses.equals(ALL_THREE_UP) ? statuses : null;
					});

				assertThat(shown).isEqualTo(ALL_THREE_UP);
				assertThat(browser.getTitle()).isEqualTo("checkout-saga");
				assertThat(browser.findElement(By.cssSelector("h1.status-label")).getText()).isEqualTo("all up");
			}
			finally {
				try {
					screenshot(browser);
				}
				finally {
					browser.quit();
				}
			}
			assertThat(endpointsSeenByTheDashboard(suite)).allSatisfy(
					(service, endpoints) -> assertThat(endpoints).as(service).contains("health", "info", "metrics"));
		}
	}

	/**
	 * Each application row of the list: its status badge and, beside it, its name.
	 */
	private static Map<String, String> applicationStatuses(WebDriver page) {
		Map<String, String> statuses = new TreeMap<>();
		for (WebElement badge : page.findElements(By.cssSelector("header [role=status]"))) {
			String name = badge.findElement(By.xpath("following-sibling::span[1]")).getText();
			statuses.put(name, badge.getText());
		}
		return statuses;
	}

	/**
	 * What the dashboard found under each service's actuator, from its own API.
	 */
	private static Map<String, List<String>> endpointsSeenByTheDashboard(LocalSuite suite) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create(suite.dashboardUrl() + "/instances"))
				.header("Accept", "application/json")
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, List<String>> endpoints = new TreeMap<>();
		for (JsonNode instance : json.readTree(response.body())) {
			endpoints.put(instance.get("registration").get("name").asString(),
					StreamSupport.stream(instance.get("endpoints").spliterator(), false)
						.map((endpoint) -> endpoint.get("id").asString())
						.toList());
		}
		assertThat(endpoints).containsOnlyKeys(ALL_THREE_UP.keySet());
		return endpoints;
	}

	private static WebDriver headlessChromium() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// --no-sandbox: CI runs as root; --disable-dev-shm-usage: containers' /dev/shm is
		// small
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		return new ChromeDriver(driver, options);
	}

	private static void screenshot(WebDriver browser) throws Exception {
		Files.createDirectories(SCREENSHOT.getParent());
		Files.write(SCREENSHOT, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

}
