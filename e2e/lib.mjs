// Shared set-up for the end-to-end tests: the server under test (started by scripts/test and
// named by PYPREP_URL), headless Debian Chromium driven by playwright-core, and screenshots.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const BASE = (process.env.PYPREP_URL || "").replace(/\/$/, "");
if (!BASE) {
  throw new Error("PYPREP_URL is not set: run the e2e tests through scripts/test, which starts pyprep serve");
}
const SHOTS = process.env.SCREENSHOT_DIR || join(process.cwd(), "..", "test-output", "e2e");
mkdirSync(SHOTS, { recursive: true });

// playwright-core gives every launch a fresh temporary profile (--user-data-dir) of its own.
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const DESKTOP = { viewport: { width: 1280, height: 900 } };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/// A page that fails the test on any console error or any request that leaves the server.
export async function open(browser, options = {}) {
  const context = await browser.newContext({ ...DESKTOP, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(BASE) && !r.url().startsWith("data:")) {
      problems.push(`request left the machine: ${r.url()}`);
    }
  });
  page.problems = problems;
  return page;
}

export async function shot(page, name, fullPage = true) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}
