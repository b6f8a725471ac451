package net.ztj.systest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.ztj.core.network.config.NetworkConfig;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.network.rules.RuleCodec;
import net.ztj.core.network.rules.RuleJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import static net.ztj.systest.ControllerNetworkTest.awaitStatus;
import static net.ztj.systest.ControllerNetworkTest.listnetworksLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The controller's web UI in a real browser (Debian's chromium, headless, through chromedriver and Selenium) against
 * real daemons in namespaces: a root, the controller, and a member. The browser runs in the test's own namespace and
 * reaches the controller's API port over a veth pair into the controller's namespace, whose local.conf allows
 * management from the browser's side of the pair only (the API's source-address rule applies to the UI as to the
 * API). Steps: the admin password set with zerotier-cli; a wrong password refused, the right one typed and Enter;
 * a network created with the easy setup; the member joins and appears in the page by itself; it is authorized in the
 * page and gets its IP (its listnetworks says OK); a rule with an error is shown at its line; the fixed rules are saved
 * and the member's configuration then carries them; settings saved from the keyboard reach the member; the page
 * at phone width has no horizontal scrolling; a network deleted after confirming; log-out;
 * and the browser's console has no errors. With {@code -Dztj.webui.screenshots=<folder>} the pages are saved there
 * as PNG (docs/ holds those of a run).
 */
class WebUiBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String PASSWORD = "webui-systest-pw";
    /** The veth pair between the test's namespace and the controller's: RFC 2544 benchmark space, never routed. */
    private static final String HOST_SIDE_PREFIX = "198.18.";

    @TempDir
    Path dir;

    @Test
    void aNetworkIsRunFromTheBrowser() throws Exception {
        String why = Lab.unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "no browser: install Debian's chromium and chromium-driver (scripts/test.sh does so as root)");
        int subnet = 1 + (int) (ProcessHandle.current().pid() % 250);
        String hostIp = HOST_SIDE_PREFIX + subnet + ".1", ctlIp = HOST_SIDE_PREFIX + subnet + ".2";
        String veth = "ztjw" + Long.toString(ProcessHandle.current().pid() % 1_000_000, 36);
        Lab.Setup allowBrowser = node -> {
            if (node.name.equals("ctl")) {
                Files.writeString(node.home.resolve("local.conf"),
                        "{\"settings\":{\"allowManagementFrom\":[\"" + hostIp + "/32\"]}}");
            }
        };
        try (Lab lab = Lab.start(dir, "10.81.0.", allowBrowser, "planetroot", "ctl", "m1")) {
            ZtNode ctl = lab.node("ctl"), m1 = lab.node("m1");
            try {
                Netns.run("ip", "link", "add", veth, "type", "veth", "peer", "name", "web0", "netns", ctl.ns);
                Netns.run("ip", "addr", "add", hostIp + "/30", "dev", veth);
                Netns.run("ip", "link", "set", veth, "up");
                ctl.exec("ip", "addr", "add", ctlIp + "/30", "dev", "web0");
                ctl.exec("ip", "link", "set", "web0", "up");
                lab.awaitOnline(120_000);
                lab.step("daemons ONLINE; browser link " + hostIp + " -> " + ctlIp);
                String port = Files.readString(ctl.home.resolve("zerotier-one.port")).trim();
                setAdminPassword(ctl);
                lab.step("admin password set with zerotier-cli set-admin-password");
                browse(lab, ctl, m1, "http://" + ctlIp + ":" + port + "/app/");
            } finally {
                try {
                    Netns.run("ip", "link", "del", veth);
                } catch (IOException e) {
                    // gone with the namespace already
                }
            }
        }
    }

    private void browse(Lab lab, ZtNode ctl, ZtNode m1, String url) throws Exception {
        ChromeDriver driver = startBrowser();
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(200));
            WebDriverWait slow = new WebDriverWait(driver, Duration.ofSeconds(150), Duration.ofMillis(500));
            driver.get(url);

            // log-in: a wrong password is refused in the page; the right one, typed and sent with Enter, logs in
            WebElement pw = wait.until(d -> d.findElement(By.id("login-password")));
            screenshot(driver, "webui-login");
            pw.sendKeys("not-the-password", Keys.ENTER);
            wait.until(d -> d.findElement(By.id("login-error")).getText().contains("Wrong password"));
            pw = driver.findElement(By.id("login-password"));
            pw.clear();
            pw.sendKeys(PASSWORD, Keys.ENTER);
            wait.until(d -> d.findElement(By.id("create-form")).isDisplayed());
            assertTrue(driver.manage().getCookieNamed("ztj_session").isHttpOnly());
            lab.step("logged in with the admin password");

            // a network with the easy setup
            WebElement name = driver.findElement(By.id("create-name"));
            name.sendKeys("webtest");
            WebElement cidr = driver.findElement(By.id("create-cidr"));
            cidr.clear();
            cidr.sendKeys("10.99.3.0/24");
            driver.findElement(By.id("create-submit")).click();
            wait.until(d -> d.getCurrentUrl().matches(".*#/network/[0-9a-f]{16}/members"));
            String nwid = driver.getCurrentUrl().replaceAll(".*#/network/([0-9a-f]{16})/members", "$1");
            JsonNode net = ctl.get("/controller/network/" + nwid);
            assertEquals("webtest", net.path("name").asText());
            assertTrue(net.path("private").asBoolean());
            assertEquals("10.99.3.1", net.path("ipAssignmentPools").get(0).path("ipRangeStart").asText(), net.toString());
            assertEquals("10.99.3.254", net.path("ipAssignmentPools").get(0).path("ipRangeEnd").asText());
            assertEquals("10.99.3.0/24", net.path("routes").get(0).path("target").asText());
            assertTrue(net.path("v4AssignMode").path("zt").asBoolean());
            lab.step("network " + nwid + " created in the page with the easy setup");

            // the member joins and appears without a reload
            String member = m1.address();
            assertEquals("200 join OK", m1.cli("join", nwid).trim());
            By row = By.cssSelector("tr[data-member='" + member + "']");
            slow.until(d -> !d.findElements(row).isEmpty());
            awaitStatus(lab, m1, nwid, "ACCESS_DENIED", 60_000);
            lab.step("member " + member + " joined and appeared in the page");

            // authorized in the page: it gets its IP
            retry(wait, d -> {
                WebElement box = d.findElement(row).findElement(By.cssSelector(".member-authorized"));
                assertFalse(box.isSelected());
                box.click();
                return true;
            });
            awaitStatus(lab, m1, nwid, "OK", 90_000);
            String line = listnetworksLine(m1, nwid).orElseThrow();
            assertTrue(line.contains("10.99.3."), line);
            String ip = line.replaceAll(".*(10\\.99\\.3\\.\\d+)/24.*", "$1");
            slow.until(d -> cell(d, row, ".member-ips", "value").contains(ip)
                    && cell(d, row, ".member-version", null).equals("1.14.1")
                    && cell(d, row, ".member-seen", null).contains("online"));
            Boolean selected = retry(wait, d -> d.findElement(row).findElement(By.cssSelector(".member-authorized"))
                    .isSelected());
            assertTrue(selected);
            lab.step("member authorized in the page: listnetworks says " + line);
            rename(wait, row, "laptop");
            Await.until("the member renamed in the page", 30_000, () -> ctl.get("/controller/network/" + nwid
                    + "/member/" + member).path("name").asText().equals("laptop"), lab::describe);
            screenshot(driver, "webui-members");

            // filter: a text that matches nothing hides the row, clearing it shows the row again
            WebElement filter = driver.findElement(By.id("member-filter"));
            filter.sendKeys("no-such-member");
            wait.until(d -> d.findElements(row).isEmpty());
            filter.clear();
            filter.sendKeys(member.substring(0, 4));
            wait.until(d -> !d.findElements(row).isEmpty());

            // the settings page, and the networks list with its member count
            driver.findElement(By.id("tab-settings")).click();
            wait.until(d -> d.findElement(By.id("settings-form")).isDisplayed());
            screenshot(driver, "webui-settings");
            WebElement domain = driver.findElement(By.id("set-dns-domain"));
            domain.sendKeys("lab.example");
            driver.findElement(By.id("set-dns-servers")).sendKeys("10.99.3.1");
            WebElement sixPlane = driver.findElement(By.id("set-v6-6plane"));
            sixPlane.sendKeys(Keys.SPACE); // the keyboard alone: a space ticks a focused checkbox
            assertTrue(sixPlane.isSelected());
            WebElement mtu = driver.findElement(By.id("set-mtu"));
            mtu.clear();
            mtu.sendKeys("2400", Keys.ENTER); // Enter in a field submits the form
            Await.until("the settings saved in the page", 30_000, () -> {
                JsonNode n = ctl.get("/controller/network/" + nwid);
                return n.path("mtu").asInt() == 2400 && n.path("dns").path("domain").asText().equals("lab.example")
                        && n.path("dns").path("servers").toString().equals("[\"10.99.3.1\"]")
                        && n.path("v6AssignMode").path("6plane").asBoolean()
                        && n.path("ipAssignmentPools").size() == 1 && n.path("routes").size() == 1;
            }, lab::describe);
            Await.until("the member to get the new MTU", 60_000,
                    () -> m1.get("/network/" + nwid).path("mtu").asInt() == 2400, lab::describe);
            lab.step("settings saved in the page (MTU, DNS, 6PLANE); the member has the new MTU");
            driver.get(url + "#/");
            wait.until(d -> d.findElement(By.cssSelector("tr[data-nwid='" + nwid + "'] .member-count")).getText()
                    .equals("1 / 1"));
            screenshot(driver, "webui-networks");

            // rules: an error is shown at its line; the fixed rules are saved and reach the member
            byte[] rulesBefore = memberRules(m1, nwid);
            driver.get(url + "#/network/" + nwid + "/rules");
            WebElement source = wait.until(d -> d.findElement(By.id("rules-source")));
            source.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            source.sendKeys("# only IPv4, ARP and IPv6\ndrop\n  not ethertype ipv4 and frobnicate 7\n;\naccept;\n");
            driver.findElement(By.id("rules-save")).click();
            WebElement error = wait.until(d -> d.findElement(By.cssSelector("#rules-errors li.rules-error")));
            assertEquals("3", error.getDomAttribute("data-line"), error.getText());
            assertTrue(error.getText().startsWith("line 3, column "), error.getText());
            assertTrue(driver.findElement(By.cssSelector("#rules-gutter .err")).getText().equals("3"));
            screenshot(driver, "webui-rules-error");
            lab.step("rule error shown: " + error.getText());
            source.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            source.sendKeys("# only IPv4, ARP and IPv6\ndrop\n  not ethertype ipv4\n  and not ethertype arp\n"
                    + "  and not ethertype ipv6\n;\naccept;\n");
            driver.findElement(By.id("rules-save")).click();
            wait.until(d -> d.findElements(By.cssSelector("#rules-errors li")).isEmpty()
                    && d.findElement(By.id("rules-json")).getText().contains("MATCH_ETHERTYPE"));
            JsonNode stored = ctl.get("/controller/network/" + nwid);
            assertTrue(stored.path("rules").toString().contains("ACTION_DROP"), stored.toString());
            Await.until("the member's configuration to carry the saved rules", 90_000, () -> {
                byte[] now = memberRules(m1, nwid);
                return !java.util.Arrays.equals(now, rulesBefore)
                        && JSON.readTree(JSON.writeValueAsString(RuleJson.render(RuleCodec.decodeList(now))))
                        .equals(JSON.readTree(stored.path("rules").toString()));
            }, lab::describe);
            screenshot(driver, "webui-rules");
            lab.step("rules saved in the page; the member's configuration carries them");

            // phone width: the members page fits without horizontal scrolling
            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(url + "#/network/" + nwid + "/members");
            wait.until(d -> !d.findElements(row).isEmpty());
            Object overflow = ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertTrue(((Number) overflow).longValue() <= 0, "wider than the phone by " + overflow + " px");
            screenshot(driver, "webui-phone");

            // a network deleted after confirming in the dialog; cancelling first keeps it
            driver.manage().window().setSize(new Dimension(1200, 900));
            driver.get(url + "#/");
            WebElement scratch = wait.until(d -> d.findElement(By.id("create-name")));
            scratch.sendKeys("scratch");
            driver.findElement(By.id("create-cidr")).clear();
            driver.findElement(By.id("create-submit")).click();
            wait.until(d -> d.getCurrentUrl().matches(".*#/network/[0-9a-f]{16}/members")
                    && !d.getCurrentUrl().contains(nwid));
            String scratchId = driver.getCurrentUrl().replaceAll(".*#/network/([0-9a-f]{16})/members", "$1");
            driver.findElement(By.id("tab-settings")).click();
            wait.until(d -> d.findElement(By.id("network-delete"))).click();
            wait.until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
            driver.findElement(By.id("confirm-cancel")).click();
            wait.until(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed());
            assertEquals(200, ctl.api("GET", "/controller/network/" + scratchId, null).status());
            driver.findElement(By.id("network-delete")).click();
            wait.until(d -> d.findElement(By.id("confirm-ok"))).click();
            wait.until(d -> d.findElements(By.cssSelector("tr[data-nwid='" + scratchId + "']")).isEmpty()
                    && !d.findElements(By.cssSelector("tr[data-nwid='" + nwid + "']")).isEmpty());
            assertEquals(404, ctl.api("GET", "/controller/network/" + scratchId, null).status());
            lab.step("a second network created and deleted after confirming");

            // log-out: back to the log-in form, and the cookie no longer opens the API
            driver.findElement(By.id("logout")).click();
            wait.until(d -> d.findElement(By.id("login-password")).isDisplayed());
            driver.navigate().refresh();
            wait.until(d -> d.findElement(By.id("login-password")).isDisplayed());
            lab.step("logged out");

            List<String> problems = consoleErrors(driver);
            assertTrue(problems.isEmpty(), "console errors: " + problems);
        } catch (Exception | AssertionError e) {
            screenshot(driver, "webui-failure"); // what the page showed, beside the daemons' logs
            System.out.println("browser console: " + driver.manage().logs().get(LogType.BROWSER).getAll());
            throw e;
        } finally {
            driver.quit();
        }
    }

    /** The browser, headless, with nothing of its own that would reach out to the internet. */
    private ChromeDriver startBrowser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1200,900", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        return new ChromeDriver(service, options);
    }

    /**
     * The console's errors, less the two answers the page is designed to get and shows itself (Chrome logs every
     * 4xx of a fetch): 401 of a wrong log-in and 400 of rules that do not compile.
     */
    private static List<String> consoleErrors(WebDriver driver) {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() < Level.SEVERE.intValue()) continue;
            String m = e.getMessage();
            boolean expected = (m.contains("/app/api/login") && m.contains("status of 401"))
                    || (m.contains("/rules") && m.contains("status of 400"));
            if (!expected) out.add(m);
        }
        return out;
    }

    private void rename(WebDriverWait wait, By row, String name) {
        retry(wait, d -> {
            WebElement input = d.findElement(row).findElement(By.cssSelector(".member-name"));
            input.clear();
            input.sendKeys(name, Keys.TAB);
            return true;
        });
    }

    /** Runs an action on elements the page may redraw under it (the member list refreshes itself). */
    private static <T> T retry(WebDriverWait wait, Function<WebDriver, T> action) {
        return wait.ignoring(StaleElementReferenceException.class).until(action);
    }

    /** The text (or, with {@code property}, a DOM property) of an element in a row; "" while it is being redrawn. */
    private static String cell(WebDriver d, By row, String css, String property) {
        try {
            WebElement e = d.findElement(row).findElement(By.cssSelector(css));
            return property == null ? e.getText() : String.valueOf(e.getDomProperty(property));
        } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }

    private void screenshot(ChromeDriver driver, String name) throws IOException {
        String folder = System.getProperty("ztj.webui.screenshots");
        Path to = (folder == null || folder.isBlank() ? dir : Path.of(folder)).resolve(name + ".png");
        Files.createDirectories(to.getParent());
        Files.write(to, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Sets the admin password as an administrator would: zerotier-cli, the password on standard input. */
    private static void setAdminPassword(ZtNode ctl) throws IOException {
        List<String> cli = Daemons.tool("zerotier-cli", "-D" + ctl.home, "set-admin-password");
        StringBuilder command = new StringBuilder("printf '%s\\n' '" + PASSWORD + "' |");
        for (String a : cli) command.append(" '").append(a.replace("'", "'\\''")).append('\'');
        String out = ctl.exec("bash", "-c", command.toString());
        assertEquals("200 set-admin-password OK", out.trim());
    }

    /** The base rules of the member's stored configuration of the network (empty before it has one). */
    private static byte[] memberRules(ZtNode m, String nwid) throws IOException {
        Path conf = m.home.resolve("networks.d").resolve(nwid + ".conf");
        if (!Files.exists(conf)) return new byte[0];
        return NetworkConfig.fromDictionary(Dictionary.parse(Files.readAllBytes(conf))).rules();
    }
}
