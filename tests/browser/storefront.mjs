// The storefront example page (resources/storefront) in a real headless browser: Debian's
// chromium driven by playwright-core, against the real remise-sandbox (which serves the page and
// its Stripe.js stand-in) and the real `remise-server serve` with a rule book of its own
// (campaigns.json here). A customer applies and removes a code, changes the shipping country,
// crosses a cart threshold, types a bad code, and meets a service that is down. Each step checks
// what the page shows and what the session in the sandbox carries.
//
// Usage: node storefront.mjs --sandbox BIN --server BIN --campaigns FILE [--chromium PATH]

import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
for (const required of ['sandbox', 'server', 'campaigns']) {
  if (!args[required]) {
    console.error('usage: node storefront.mjs --sandbox BIN --server BIN --campaigns FILE [--chromium PATH]');
    process.exit(2);
  }
}
const chromiumPath = args.chromium || process.env.CHROMIUM || '/usr/bin/chromium';
const key = 'sk_test_browserTest0000';
const children = [];
const work = mkdtempSync(join(tmpdir(), 'remise-browser-'));

// Starts a binary and resolves with its port once it prints "listening on http://127.0.0.1:N".
function start(binary, argv, env, stream) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${binary} did not start: ${seen}`)), 20000);
    const onData = (chunk) => {
      seen += chunk;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), output: () => seen });
      }
    };
    child[stream].on('data', onData);
    child[stream === 'stdout' ? 'stderr' : 'stdout'].on('data', (chunk) => { seen += chunk; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${binary} exited with ${code}: ${seen}`));
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

// ---- The sandbox, a session, the service ----------------------------------------------------

const sandbox = await start(args.sandbox, ['--listen', '127.0.0.1:0'], {}, 'stdout');
const sandboxUrl = `http://127.0.0.1:${sandbox.port}`;

async function stripe(method, path, form) {
  const response = await fetch(sandboxUrl + path, {
    method,
    headers: {
      Authorization: `Bearer ${key}`,
      'Stripe-Version': '2025-03-31.basil; checkout_server_update_beta=v1',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: form ? new URLSearchParams(form) : undefined,
  });
  const body = await response.json();
  assert.ok(response.ok, `${method} ${path}: ${JSON.stringify(body)}`);
  return body;
}

// A guest's cart of 75.00 EUR: 45.00 + 30.00, with server-side discounts.
const session = await stripe('POST', '/v1/checkout/sessions', {
  mode: 'payment',
  ui_mode: 'custom',
  return_url: 'https://shop.example/return',
  customer_email: 'guest@example.net',
  'line_items[0][price_data][currency]': 'eur',
  'line_items[0][price_data][unit_amount]': '4500',
  'line_items[0][price_data][product_data][name]': 'Linen apron',
  'line_items[0][quantity]': '1',
  'line_items[1][price_data][currency]': 'eur',
  'line_items[1][price_data][unit_amount]': '3000',
  'line_items[1][price_data][product_data][name]': 'Oak cutting board',
  'line_items[1][quantity]': '1',
  'permissions[update_discounts]': 'server_only',
});
assert.equal(session.amount_total, 7500);
const sessionTotal = async () => (await stripe('GET', `/v1/checkout/sessions/${session.id}`)).amount_total;

const database = join(work, 'remise.db');
const serverEnv = {
  REMISE_DB: database,
  REMISE_STRIPE_API_BASE: sandboxUrl,
  REMISE_STRIPE_SECRET_KEY: key,
  REMISE_ALLOWED_ORIGINS: sandboxUrl,
  REMISE_STRIPE_WEBHOOK_SECRET: 'whsec_browserTest',
};
await promisify(execFile)(args.server, ['campaigns', 'import', args.campaigns, '--db', database],
  { env: { ...process.env, ...serverEnv } });
const service = await start(args.server,
  ['serve', '--listen', '127.0.0.1:0', '--db', database, '--rate-limit', '0'], serverEnv, 'stderr');
const serviceUrl = `http://127.0.0.1:${service.port}`;

// ---- The browser ------------------------------------------------------------------------------

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const page = await browser.newPage({ locale: 'en-US' });
const consoleErrors = [];
page.on('console', (message) => {
  if (message.type() === 'error') consoleErrors.push(message.text());
});
page.on('pageerror', (error) => consoleErrors.push(String(error)));

const pageUrl = `${sandboxUrl}/_sandbox/storefront/?client_secret=${encodeURIComponent(session.client_secret)}` +
  `&service=${encodeURIComponent(serviceUrl)}`;

const total = page.locator('#total');
const discount = page.locator('#discount');
const message = page.locator('#message');

// Waits until the page is idle again (every action disables the controls while it runs).
async function settled() {
  await page.locator('main[aria-busy="false"]').waitFor({ timeout: 25000 });
}

async function expectTotals(shown, discountShown, inSandbox) {
  await settled();
  assert.equal(await total.textContent(), shown, 'the total shown');
  assert.equal(await discount.textContent(), discountShown, 'the discount shown');
  assert.equal(await sessionTotal(), inSandbox, "the session's total in the sandbox");
}

async function chooseCountry(country) {
  await page.selectOption('#country-select', country);
  await settled();
}

async function applyCode(code) {
  await page.fill('#code-input', code);
  await page.click('#code-apply');
  await settled();
}

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check('the page shows the cart, its subtotal and total, and no discount yet', async () => {
  await page.goto(pageUrl);
  await settled();
  assert.deepEqual(await page.locator('#line-items tr td:first-child').allTextContents(),
    ['Linen apron', 'Oak cutting board']);
  assert.equal(await page.locator('#subtotal').textContent(), '€75.00');
  await expectTotals('€75.00', 'None', 7500);
  assert.equal(await page.locator('#demo-badge').isVisible(), true);
  assert.equal(await page.locator('#code-remove').isDisabled(), true);
});

check('shipping to Belgium brings the location discount', async () => {
  await chooseCountry('BE');
  await expectTotals('€70.00', '−€5.00', 7000);
  assert.match(await page.locator('#discount-name').textContent(), /Benelux welcome/);
});

check('a code is applied, stacked with the location discount, and the total changes', async () => {
  await applyCode('save20');
  await expectTotals('€50.00', '−€25.00', 5000);
  assert.match(await message.textContent(), /SAVE20 applied/);
  assert.equal(await page.locator('#code-remove').isEnabled(), true);
});

check('the accepted code is kept when the cart changes', async () => {
  await page.locator('#line-items tr').nth(1).getByRole('button', { name: /One more/ }).click();
  await expectTotals('€70.00', '−€35.00', 7000); // 105.00 − (10 + 5 + 20)
});

check('the code is removed; the cart-value discount stays while the cart is over 100', async () => {
  await page.click('#code-remove');
  await expectTotals('€90.00', '−€15.00', 9000);
  assert.match(await message.textContent(), /removed/);
  assert.equal(await page.locator('#code-remove').isDisabled(), true);
});

check('back under the threshold, the cart-value discount disappears', async () => {
  await page.locator('#line-items tr').nth(1).getByRole('button', { name: /One fewer/ }).click();
  await expectTotals('€70.00', '−€5.00', 7000);
});

check('a bad code gets a clear message and changes nothing', async () => {
  await applyCode('NOT-A-CODE');
  await expectTotals('€70.00', '−€5.00', 7000);
  assert.match(await message.getAttribute('class'), /error/);
  const text = (await message.textContent()).trim();
  assert.ok(text.length > 10, `a message for the customer, got "${text}"`);
  assert.doesNotMatch(text, /undefined|null|\{|stack|exception/i);
});

check('shipping to France drops the location discount', async () => {
  await chooseCountry('FR');
  await expectTotals('€75.00', 'None', 7500);
});

check('with the service down, the customer is told and the total stays', async () => {
  await stop(service.child);
  await applyCode('SAVE20');
  await expectTotals('€75.00', 'None', 7500);
  assert.match(await message.getAttribute('class'), /error/);
  assert.match(await message.textContent(), /could not update your discounts/);
  assert.equal(await page.locator('#code-apply').isEnabled(), true, 'the customer can try again');
});

check('the page itself logged no script errors', async () => {
  // A refused connection is logged by the browser as a failed resource, not a script error.
  const scriptErrors = consoleErrors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(e));
  assert.deepEqual(scriptErrors, []);
});

let passed = 0;
let failed = 0;
try {
  for (const { name, fn } of checks) {
    try {
      await fn();
      passed++;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed++;
      console.log(`not ok - ${name}\n  ${String(error && error.stack || error).replace(/\n/g, '\n  ')}`);
      await page.screenshot({ path: join(tmpdir(), 'remise-browser-failure.png') }).catch(() => {});
    }
  }
} finally {
  await browser.close();
  for (const child of children) await stop(child);
  rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
