// Drives Firefox ESR over WebDriver BiDi with puppeteer-core (docs/browsers.md)
// for the Go tests (firefox_test.go): opens each URL, waits for
// nnstep.ready, runs essentials.js in the page and prints one JSON line per
// page: {url, result, console, errors}, or {url, error} if it failed.
// Usage: node firefox.mjs FIREFOX SHOTS_DIR URL...  (SHOTS_DIR "" for none)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const [exe, shots, ...urls] = process.argv.slice(2);
const src = await readFile(new URL('./essentials.js', import.meta.url), 'utf8');
const essentials = src.replace(/^(\s*\/\/.*\n)+/, '');

const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: exe,
  headless: true,
  protocol: 'webDriverBiDi',
  args: ['--width=1280', '--height=800'],
});
try {
  for (const [k, url] of urls.entries()) {
    const page = await browser.newPage();
    const consoleMsgs = [];
    const errors = [];
    page.on('console', (m) => consoleMsgs.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.setViewport({ width: 1280, height: 800 });
      await page.goto(url, { waitUntil: 'load', timeout: 120000 });
      const result = await page.evaluate(`(${essentials.trim()})()`);
      if (shots) {
        await page.screenshot({ path: path.join(shots, `firefox-${k}-page.png`) });
        const stage = await page.$('#stage');
        if (stage) await stage.screenshot({ path: path.join(shots, `firefox-${k}-stage.png`) });
      }
      console.log(JSON.stringify({ url, result, console: consoleMsgs, errors }));
    } catch (err) {
      console.log(JSON.stringify({ url, error: String(err), console: consoleMsgs, errors }));
    }
    await page.close();
  }
} finally {
  await browser.close();
}
