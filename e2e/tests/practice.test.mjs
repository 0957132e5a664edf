import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { BASE, launch, open, shot } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function reviewsStored(page) {
  const progress = await page.request.get(`${BASE}/api/progress`);
  assert.equal(progress.status(), 200);
  return (await progress.json()).total_reviews;
}

test("search finds questions despite a typo and highlights the match", async () => {
  const page = await open(browser);
  await page.goto(`${BASE}/`);
  await page.keyboard.press("/");
  await page.keyboard.type("decorater");
  await Promise.all([page.waitForURL(/\/search\?q=decorater/), page.keyboard.press("Enter")]);
  await page.locator(".result").first().waitFor();
  const marks = await page.locator(".result mark").allTextContents();
  assert.ok(marks.some((m) => /decorat/i.test(m)), `no highlighted decorator: ${marks}`);
  // Instant search: typing changes the results without submitting.
  const input = page.getByLabel("Search the questions").last();
  await input.fill("generatr");
  await page.waitForURL(/q=generatr/);
  await page.locator(".result mark", { hasText: /generat/i }).first().waitFor();
  await shot(page, "search-typo");
  assert.deepEqual(page.problems, []);
});

test("study three cards with the keyboard and find the reviews stored", async () => {
  const page = await open(browser);
  const before = await reviewsStored(page);
  await page.goto(`${BASE}/study`);
  for (let i = 0; i < 3; i++) {
    await page.locator('[data-study="front"]').waitFor();
    if (i === 0) await shot(page, "study-front", false);
    if (i === 1) {
      // A typed answer is checked against the key points.
      await page.locator("#typed").fill("it compares the values of two objects");
      await page.locator("body").click({ position: { x: 5, y: 5 } });
    }
    await page.keyboard.press("Space");
    await page.locator('[data-study="back"]').waitFor();
    if (i === 1) {
      // Recall cards grade the typed answer by key points, drills by the output.
      await page.locator(".verdict").waitFor();
      await shot(page, "study-back-checked", false);
    }
    await Promise.all([page.waitForURL(`${BASE}/study`), page.keyboard.press(i === 2 ? "4" : "3")]);
  }
  const after = await reviewsStored(page);
  assert.equal(after - before, 3, "three grades were not stored");
  assert.deepEqual(page.problems, []);
});

test("run a short mock interview with a visible timer and get its report", async () => {
  const page = await open(browser);
  await page.goto(`${BASE}/mock`);
  await page.getByLabel("Role").selectOption("backend");
  await page.getByLabel("Length in minutes").fill("14");
  await Promise.all([page.waitForURL(/\/mock\/[0-9a-f]+$/), page.getByRole("button", { name: "Start the interview" }).click()]);
  for (let n = 1; n <= 2; n++) {
    await page.getByText(`Question ${n} of 2`).waitFor();
    // The clock runs: it shows m:ss and changes as time passes.
    const first = await page.locator("[data-timer] strong").textContent();
    assert.match(first, /^\d+:\d\d$/);
    if (n === 1) {
      await page.waitForTimeout(1100);
      assert.notEqual(await page.locator("[data-timer] strong").textContent(), first, "the timer does not move");
      await shot(page, "mock-question", false);
    }
    await page.getByLabel(/Your answer/).fill("A generator yields values lazily, one at a time, keeping its frame between calls.");
    await page.getByRole("button", { name: "Submit the answer" }).click();
    await page.getByRole("form", { name: "Score your answer" }).waitFor();
    if (n === 1) await shot(page, "mock-feedback", false);
    await Promise.all([page.waitForURL(/\/mock\/[0-9a-f]+$/), page.keyboard.press("3")]);
  }
  await page.getByRole("heading", { name: "Mock interview report" }).waitFor();
  await shot(page, "mock-report");
  assert.deepEqual(page.problems, []);
});

test("upload a seed guide, preview it and see it imported", async () => {
  const seeds = join(process.cwd(), "..", "..", "shared", "seeds");
  const files = readdirSync(seeds).filter((f) => !f.startsWith(".")).sort();
  assert.ok(files.length > 0, `no seed files in ${seeds}`);
  // The smallest seed keeps the test quick.
  const seed = files
    .map((f) => ({ f, size: readFileSync(join(seeds, f)).length }))
    .sort((a, b) => a.size - b.size)[0].f;
  const page = await open(browser);
  await page.goto(`${BASE}/import`);
  await page.getByLabel(/File/).setInputFiles(join(seeds, seed));
  await Promise.all([page.waitForURL(/\/import\/preview/), page.getByRole("button", { name: "Preview the import" }).click()]);
  await page.getByRole("heading", { name: "Import preview" }).waitFor();
  const count = await page.locator(".preview .result").count();
  assert.ok(count > 0, "the preview lists no question");
  await shot(page, "import-preview", false);
  await Promise.all([page.waitForURL(/\/questions\?source=/), page.getByRole("button", { name: /^Import \d+ question/ }).click()]);
  const listed = await page.locator(".result").count();
  assert.ok(listed > 0, "no imported question is listed");
  await page.getByRole("link", { name: /Remove filter/ }).waitFor();
  await shot(page, "import-done", false);
  assert.deepEqual(page.problems, []);
});

test("the progress page shows the reviews as charts", async () => {
  const page = await open(browser);
  await page.goto(`${BASE}/progress`);
  await page.getByRole("heading", { name: "Progress", exact: true }).waitFor();
  const charts = await page.locator("svg.chart").count();
  assert.ok(charts >= 3, `only ${charts} charts`);
  const total = await page.locator(".stat-row li").nth(1).textContent();
  assert.match(total, /[1-9]\d* reviews in all/);
  await shot(page, "progress");
  await page.emulateMedia({ colorScheme: "dark" });
  await shot(page, "progress-dark", false);
  assert.deepEqual(page.problems, []);
});

test("predict an example's output on the drills page", async () => {
  const page = await open(browser);
  await page.goto(`${BASE}/drills?topic=basics`);
  const box = page.getByLabel("What does it print?");
  await box.waitFor();
  await shot(page, "drills");
  await box.fill("certainly not this");
  await page.getByRole("button", { name: "Check" }).click();
  await page.getByText("Not quite").waitFor();
  assert.ok(await page.getByRole("heading", { name: "It prints" }).isVisible());
  await shot(page, "drills-checked");
  assert.deepEqual(page.problems, []);
});

test("an interview date set in settings is counted down on home", async () => {
  const page = await open(browser);
  await page.goto(`${BASE}/settings`);
  const soon = new Date(Date.now() + 30 * 86400 * 1000).toISOString().slice(0, 10);
  await page.getByLabel("Interview date").fill(soon);
  await shot(page, "settings");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Saved.").waitFor();
  await page.goto(`${BASE}/`);
  const countdown = await page.locator(".countdown").textContent();
  assert.match(countdown, new RegExp(`\\d+ days to your interview on ${soon}`));
  await shot(page, "home-countdown", false);
  assert.deepEqual(page.problems, []);
});

test("a two-question quiz ends with its result", async () => {
  const page = await open(browser);
  await page.goto(`${BASE}/quiz`);
  await page.getByLabel("Questions", { exact: true }).fill("2");
  await shot(page, "quiz-start", false);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  for (let i = 0; i < 2; i++) {
    await page.locator('[data-study="front"]').waitFor();
    await page.keyboard.press("Space");
    await page.locator('[data-study="back"]').waitFor();
    await page.keyboard.press("3");
    await page.waitForLoadState("load");
  }
  await page.getByRole("heading", { name: "Quiz result" }).waitFor();
  await shot(page, "quiz-result");
  assert.deepEqual(page.problems, []);
});
