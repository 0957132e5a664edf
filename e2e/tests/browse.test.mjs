import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BASE, PHONE, launch, open, shot } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("home opens and shows the bank, light and dark, wide and narrow", async () => {
  const page = await open(browser);
  await page.goto(`${BASE}/`);
  await page.getByRole("heading", { name: "Get ready for your Python interview" }).waitFor();
  const topics = await page.locator(".tile").count();
  assert.ok(topics >= 10, `only ${topics} topic tiles`);
  await shot(page, "home-desktop-light");
  await page.emulateMedia({ colorScheme: "dark" });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(background, "rgb(247, 247, 245)", "dark scheme did not change the background");
  await shot(page, "home-desktop-dark");

  const phone = await open(browser, PHONE);
  await phone.goto(`${BASE}/`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the home page scrolls sideways by ${overflow}px on a phone`);
  await shot(phone, "home-phone-light");
  assert.deepEqual([...page.problems, ...phone.problems], []);
});

test("filter by company narrows the list (applies on change with JS)", async () => {
  const page = await open(browser);
  await page.goto(`${BASE}/questions`);
  const all = await page.locator(".result-head .count").textContent();
  await Promise.all([
    page.waitForURL(/company=Google/),
    page.getByLabel("Company").selectOption("Google"),
  ]);
  const narrowed = await page.locator(".result-head .count").textContent();
  assert.notEqual(narrowed, all);
  const rows = await page.locator(".result").count();
  assert.ok(rows > 0, "no question asked at Google");
  const companies = await page.locator(".result .companies").allTextContents();
  assert.equal(companies.length, rows, "a listed question shows no company");
  await page.getByRole("link", { name: "Remove filter Google" }).waitFor();
  await shot(page, "browse-company-google");
  assert.deepEqual(page.problems, []);
});

test("filters work without JavaScript through the Apply button", async () => {
  const page = await open(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE}/questions`);
  await page.getByLabel("Difficulty").selectOption("hard");
  await Promise.all([page.waitForURL(/difficulty=hard/), page.getByRole("button", { name: "Apply filters" }).click()]);
  const badges = await page.locator(".result .badge.level-hard").count();
  const rows = await page.locator(".result").count();
  assert.ok(rows > 0);
  assert.equal(badges, rows, "a listed question is not hard");
});

test("open a question and reveal the answer with the keyboard", async () => {
  const page = await open(browser);
  await page.goto(`${BASE}/questions?topic=basics`);
  await Promise.all([
    page.waitForURL(/\/questions\/identity-vs-equality$/),
    page.getByRole("link", { name: "Identity (is) versus equality (==)" }).click(),
  ]);
  const answer = page.locator("#answer .reveal-body");
  assert.equal(await answer.isVisible(), false, "the answer shows before it is asked for");
  await shot(page, "question-before-reveal", false);
  await page.locator("#answer > summary").focus();
  await page.keyboard.press("Enter");
  await answer.waitFor({ state: "visible" });
  await page.getByRole("heading", { name: "Key points" }).waitFor();
  const highlighted = await page.locator("#answer pre.code span[class^='hl-']").count();
  assert.ok(highlighted > 0, "code is not highlighted");
  await shot(page, "question-answer-revealed");
  await page.emulateMedia({ colorScheme: "dark" });
  await shot(page, "question-answer-revealed-dark", false);

  const phone = await open(browser, PHONE);
  await phone.goto(`${BASE}/questions/identity-vs-equality`);
  await phone.locator("#answer > summary").click();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the question page scrolls sideways by ${overflow}px on a phone`);
  await shot(phone, "question-phone", false);
  assert.deepEqual([...page.problems, ...phone.problems], []);
});
