// Opens every page of every built site in headless Chromium and checks what a
// reader with a screen reader, a keyboard or a small screen would meet: axe-core
// (WCAG 2.1 A and AA) in the light and dark colour schemes, the Nu HTML Checker,
// keyboard focus, reflow at 320 px. Full-page screenshots are saved for people.
//
// HANKE_SITES: a folder with one built site per subfolder (the example is `example`).
// HANKE_SCREENSHOTS: where to save screenshots.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serve, htmlPages } from './server.mjs';

const require = createRequire(import.meta.url);
const SITES = process.env.HANKE_SITES;
const SHOTS = process.env.HANKE_SCREENSHOTS;
assert.ok(SITES, 'set HANKE_SITES to the folder of built sites');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// The overrides WCAG 1.4.12 says content must survive.
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

const sites = fs.readdirSync(SITES).filter((d) => fs.statSync(path.join(SITES, d)).isDirectory()).sort();

let browser, context, tab;
before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript({ path: require.resolve('axe-core/axe.min.js') });
  tab = await context.newPage();
});
after(async () => { await browser?.close(); });

async function axe(scheme) {
  await tab.emulateMedia({ colorScheme: scheme });
  const result = await tab.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), TAGS);
  return result.violations.map((v) =>
    `${scheme}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const site of sites) {
  const dir = path.join(SITES, site);
  const pages = htmlPages(dir);
  describe(`site ${site}`, () => {
    let server;
    before(async () => { server = await serve(dir); });
    after(() => server.close());

    for (const url of pages) {
      test(`axe ${url}`, async () => {
        const response = await tab.goto(server.base + url);
        assert.ok(response.ok() || url === '/404.html', `${url} answered ${response.status()}`);
        const violations = [...await axe('light'), ...await axe('dark')];
        await tab.emulateMedia({ colorScheme: 'light' });
        assert.deepEqual(violations, [], `${site}${url}:\n${violations.join('\n')}`);
      });
    }

    test('Nu HTML Checker finds no errors', () => {
      const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
      const run = spawnSync('java', ['-jar', jar, '--errors-only', '--skip-non-html', dir], { encoding: 'utf8' });
      assert.equal(run.status, 0, `vnu found errors in ${site}:\n${run.stderr}${run.stdout}`);
    });

    test('pages reflow at 320 px without horizontal scrolling', async () => {
      await tab.setViewportSize({ width: 320, height: 640 });
      try {
        for (const url of samplePages(pages)) {
          await tab.goto(server.base + url);
          const overflow = await tab.evaluate(() => {
            const root = document.documentElement;
            if (root.scrollWidth <= root.clientWidth) return null;
            const wide = [...document.querySelectorAll('body *')]
              .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
              .filter((e) => !e.closest('table, pre'))
              .slice(0, 5)
              .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
            return `${root.scrollWidth}px wide: ${wide.join(', ')}`;
          });
          assert.equal(overflow, null, `${url} scrolls sideways at 320 px: ${overflow}`);
        }
      } finally {
        await tab.setViewportSize({ width: 1280, height: 720 });
      }
    });

    test('the EU emblem shows without scrolling and is as large as any other logo', async () => {
      const projects = pages.filter((p) => /^\/(\w+\/)?projects\/[^/]+\/$/.test(p));
      let checked = 0;
      try {
        for (const [width, height] of [[1280, 720], [375, 667]]) {
          await tab.setViewportSize({ width, height });
          for (const url of projects) {
            await tab.goto(server.base + url);
            const marks = await tab.evaluate(() => {
              const emblem = document.querySelector('main header [data-eu-emblem] img');
              if (!emblem) return null;
              const r = emblem.getBoundingClientRect();
              const others = [...document.querySelectorAll('.funding-marks img')]
                .filter((i) => i !== emblem)
                .map((i) => i.getBoundingClientRect());
              return {
                top: r.top, left: r.left, bottom: r.bottom, right: r.right, height: r.height, width: r.width,
                viewW: window.innerWidth, viewH: window.innerHeight,
                tallest: Math.max(0, ...others.map((o) => o.height)),
                widest: Math.max(0, ...others.map((o) => o.width)),
              };
            });
            if (!marks) continue;
            checked++;
            const where = `${url} at ${width}×${height}`;
            assert.ok(marks.top >= 0 && marks.left >= 0, `${where}: emblem starts off screen`);
            assert.ok(marks.bottom <= marks.viewH && marks.right <= marks.viewW,
              `${where}: emblem ends at ${marks.right}×${marks.bottom}, below or beside the first screen`);
            assert.ok(marks.height >= marks.tallest || marks.width >= marks.widest,
              `${where}: emblem ${marks.height}px high is smaller than another logo (${marks.tallest}px)`);
            assert.ok(Math.abs(marks.width / marks.height - 1.5) < 0.02, `${where}: emblem is not 3:2`);
            if (SHOTS && width === 375) {
              fs.mkdirSync(path.join(SHOTS, site), { recursive: true });
              const name = url.replace(/^\/|\/$/g, '').replace(/\//g, '_');
              await tab.locator('.funding-marks').screenshot({ path: path.join(SHOTS, site, `${name}-funding-marks.png`) });
            }
          }
        }
      } finally {
        await tab.setViewportSize({ width: 1280, height: 720 });
      }
      if (site === 'example') assert.ok(checked >= 8, `only ${checked} EU emblems were checked`);
    });

    test('text spacing overrides do not clip text (WCAG 1.4.12)', async () => {
      for (const url of samplePages(pages)) {
        await tab.goto(server.base + url);
        await tab.addStyleTag({ content: TEXT_SPACING });
        const clipped = await tab.evaluate(() => [...document.querySelectorAll('body *')]
          .filter((e) => ['hidden', 'clip'].includes(getComputedStyle(e).overflowX)
            || ['hidden', 'clip'].includes(getComputedStyle(e).overflowY))
          // Text hidden visually for screen readers is 1 px by design.
          .filter((e) => e.getBoundingClientRect().width > 1 || e.getBoundingClientRect().height > 1)
          .filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
        assert.deepEqual(clipped, [], `${url}: text is cut off when spacing grows`);
      }
    });

    test('nothing moves when the reader asks for reduced motion', async () => {
      await tab.emulateMedia({ reducedMotion: 'reduce' });
      try {
        for (const url of samplePages(pages)) {
          await tab.goto(server.base + url);
          const running = await tab.evaluate(() => document.getAnimations()
            .filter((a) => a.playState === 'running').length);
          assert.equal(running, 0, `${url} runs ${running} animations`);
        }
      } finally {
        await tab.emulateMedia({ reducedMotion: 'no-preference' });
      }
    });

    if (SHOTS) {
      test('the EU emblem SVG renders', async () => {
        if (!fs.existsSync(path.join(dir, 'eu-emblem.svg'))) return;
        await tab.setViewportSize({ width: 810, height: 540 });
        await tab.goto(server.base + '/eu-emblem.svg');
        const out = path.join(SHOTS, site);
        fs.mkdirSync(out, { recursive: true });
        const shot = await tab.screenshot({ path: path.join(out, 'eu-emblem.png') });
        await tab.setViewportSize({ width: 1280, height: 720 });
        assert.ok(shot.length > 1000, 'the emblem rendered as an empty image');
      });

      test('screenshots at 1280 px and 375 px', async () => {
        const out = path.join(SHOTS, site);
        fs.mkdirSync(out, { recursive: true });
        for (const url of samplePages(pages)) {
          const name = url.replace(/^\/|\/$/g, '').replace(/[/.]/g, '_') || 'home';
          for (const width of [1280, 375]) {
            await tab.setViewportSize({ width, height: 720 });
            await tab.goto(server.base + url);
            await tab.screenshot({ path: path.join(out, `${name}-${width}.png`), fullPage: true });
          }
        }
        await tab.setViewportSize({ width: 1280, height: 720 });
        console.log(`screenshots of ${site}: ${out}`);
      });
    }
  });
}

describe('keyboard on a project page of the example site', () => {
  let server;
  before(async () => { server = await serve(path.join(SITES, 'example')); });
  after(() => server.close());

  test('the skip link comes first and every focused element shows focus', async () => {
    await tab.goto(server.base + '/projects/sointu/');
    await tab.keyboard.press('Tab');
    const first = await tab.evaluate(() => document.activeElement.className);
    assert.equal(first, 'skip-link', 'the first Tab stop must be the skip link');
    const seen = [];
    for (let i = 0; i < 40; i++) {
      const box = await tab.evaluate(() => {
        const r = document.activeElement.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height, what: document.activeElement.outerHTML.slice(0, 80) };
      });
      if (box.what.startsWith('<body')) break;
      const clip = { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 };
      const focused = await tab.screenshot({ clip });
      await tab.evaluate(() => { window.__last = document.activeElement; document.activeElement.blur(); });
      const unfocused = await tab.screenshot({ clip });
      assert.ok(!focused.equals(unfocused), `no visible focus on ${box.what}`);
      seen.push(box.what);
      await tab.evaluate(() => window.__last.focus());
      await tab.keyboard.press('Tab');
      await tab.evaluate(() => document.activeElement.scrollIntoView({ block: 'center' }));
    }
    assert.ok(seen.length >= 10, `only ${seen.length} focusable elements were reached`);
  });
});

describe('search on the example site', () => {
  let server;
  before(async () => { server = await serve(path.join(SITES, 'example')); });
  after(() => server.close());

  const results = () => tab.$$eval('#search-results li h2 a', (as) => as.map((a) => a.textContent));

  test('a Finnish word in another case finds the project that is about it, first', async () => {
    await tab.goto(server.base + '/search/');
    await tab.focus('#search-input');
    // "lastensuojelusta" (elative) is nowhere in the text; "lastensuojelun" and
    // "lastensuojeluun" are. Only stemming finds them.
    await tab.keyboard.type('lastensuojelusta');
    await tab.keyboard.press('Enter');
    await tab.waitForSelector('#search-results li a');
    const found = await results();
    assert.match(found[0], /^Sointu – /, `results: ${found.join(' | ')}`);
    const status = await tab.textContent('#search-status');
    assert.match(status, /^\d+ osumaa haulla ”lastensuojelusta”$/);
    assert.equal(new URL(tab.url()).searchParams.get('q'), 'lastensuojelusta');
    const violations = [...await axe('light'), ...await axe('dark')];
    await tab.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual(violations, [], violations.join('\n'));
  });

  test('the address ?q= searches the page language\'s index', async () => {
    await tab.goto(server.base + '/sv/search/?q=barnskyddet');
    await tab.waitForSelector('#search-results li a');
    const found = await results();
    assert.match(found[0], /^Sointu – familjer/, `results: ${found.join(' | ')}`);
    assert.equal(await tab.inputValue('#search-input'), 'barnskyddet');
  });

  test('a word found nowhere says so', async () => {
    await tab.goto(server.base + '/en/search/');
    await tab.fill('#search-input', 'xylophone');
    await tab.waitForFunction(() => document.getElementById('search-status').textContent !== '');
    assert.match(await tab.textContent('#search-status'), /^No results for “xylophone”/);
    assert.equal(await tab.isHidden('#search-results'), true);
  });

  test('without JavaScript the page says so and leads to the listings', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await plain.newPage();
      await page.goto(server.base + '/search/?q=lastensuojelu');
      assert.match(await page.textContent('main'), /Haku toimii JavaScriptillä/);
      const links = await page.$$eval('.search-browse a', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.includes('/regions/') && links.includes('/news/'), links.join(' '));
    } finally {
      await plain.close();
    }
  });
});

/** One page of each kind: home, a project, the good-practice index and a good practice, 404. */
function samplePages(pages) {
  const pick = (re) => pages.find((p) => re.test(p));
  return [
    pick(/^\/$/), pick(/^\/projects\/[^/]+\/$/), pick(/^\/good-practices\/$/),
    pick(/^\/good-practices\/[^/]+\/$/), pick(/^\/404\.html$/),
  ].filter(Boolean);
}
