// Drives the real remise-sandbox with Stripe's official Node.js SDK (stripe@22.7.0-beta.1, a
// preview build whose types know permissions.update_discounts and discounts on update): every
// call Remise and a storefront make must go through the SDK and parse without complaint.
//
// Usage: node compat.mjs /path/to/remise-sandbox

import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import Stripe from 'stripe';

const sandboxBinary = process.argv[2];
if (!sandboxBinary) {
  console.error('usage: node compat.mjs /path/to/remise-sandbox');
  process.exit(2);
}

function startSandbox() {
  return new Promise((resolve, reject) => {
    const child = spawn(sandboxBinary, ['--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${seen}`)), 15000);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${seen}`)));
  });
}

const checks = [];
function check(name, fn) {
  checks.push({ name, fn });
}

const { child, port } = await startSandbox();
const stripe = new Stripe('sk_test_compat0000000000', {
  apiVersion: '2025-03-31.basil; checkout_server_update_beta=v1',
  host: '127.0.0.1',
  port,
  protocol: 'http',
  maxNetworkRetries: 0,
  telemetry: false,
});

const lineItems = [
  { price_data: { currency: 'eur', unit_amount: 4500, product_data: { name: 'Linen apron' } }, quantity: 2 },
  { price_data: { currency: 'eur', unit_amount: 9000, product_data: { name: 'Cast-iron skillet' } }, quantity: 1 },
];
let customer;
let session;

check('create a customer with metadata', async () => {
  customer = await stripe.customers.create({ email: 'claire@example.org', name: 'Claire', metadata: { loyalty_tier: 'gold' } });
  assert.match(customer.id, /^cus_/);
  assert.equal(customer.object, 'customer');
  assert.equal(customer.metadata.loyalty_tier, 'gold');
  const again = await stripe.customers.retrieve(customer.id);
  assert.equal(again.email, 'claire@example.org');
});

check('create a session with permissions[update_discounts]=server_only', async () => {
  session = await stripe.checkout.sessions.create({
    mode: 'payment',
    ui_mode: 'custom',
    return_url: 'https://shop.example/return?session_id={CHECKOUT_SESSION_ID}',
    customer: customer.id,
    line_items: lineItems,
    metadata: { order: 'A-1001' },
    permissions: { update_discounts: 'server_only' },
  });
  assert.match(session.id, /^cs_test_/);
  assert.equal(session.object, 'checkout.session');
  assert.equal(session.status, 'open');
  assert.equal(session.amount_subtotal, 18000);
  assert.equal(session.amount_total, 18000);
  assert.equal(session.currency, 'eur');
  assert.equal(session.metadata.order, 'A-1001');
  assert.equal(session.livemode, false);
});

check('retrieve with expand line_items and customer', async () => {
  const s = await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items', 'customer'] });
  assert.equal(s.line_items.object, 'list');
  assert.equal(s.line_items.data.length, 2);
  assert.equal(s.line_items.data[0].quantity, 2);
  assert.equal(s.line_items.data[0].amount_subtotal, 9000);
  assert.equal(typeof s.line_items.data[0].price.product, 'string');
  assert.equal(s.customer.id, customer.id);
  assert.equal(s.customer.metadata.loyalty_tier, 'gold');
  const plain = await stripe.checkout.sessions.retrieve(session.id);
  assert.equal(plain.line_items, undefined, 'line_items appears only when expanded');
  assert.equal(plain.customer, customer.id);
});

check('update discounts through coupon_data', async () => {
  const updated = await stripe.checkout.sessions.update(session.id, {
    discounts: [{ coupon_data: { amount_off: 3600, currency: 'eur', name: 'Black Friday', metadata: { remise_campaigns: 'bf-2026' } } }],
    expand: ['discounts'],
  });
  assert.equal(updated.amount_total, 14400);
  assert.equal(updated.total_details.amount_discount, 3600);
  assert.equal(updated.discounts.length, 1);
  const s = await stripe.checkout.sessions.retrieve(session.id, { expand: ['discounts.coupon', 'line_items'] });
  const coupon = s.discounts[0].coupon;
  assert.equal(coupon.object, 'coupon');
  assert.equal(coupon.amount_off, 3600);
  assert.equal(coupon.name, 'Black Friday');
  assert.equal(coupon.metadata.remise_campaigns, 'bf-2026');
  const itemDiscounts = s.line_items.data.reduce((sum, item) => sum + item.amount_discount, 0);
  assert.equal(itemDiscounts, 3600, 'the discount is spread over the line items');
});

check('update discounts with an existing coupon, then remove them', async () => {
  const coupon = await stripe.coupons.create({ percent_off: 10, duration: 'once', name: 'Ten percent' });
  const withCoupon = await stripe.checkout.sessions.update(session.id, { discounts: [{ coupon: coupon.id }], expand: ['discounts'] });
  assert.equal(withCoupon.total_details.amount_discount, 1800);
  const removed = await stripe.checkout.sessions.update(session.id, { discounts: '', expand: ['discounts'] });
  assert.deepEqual(removed.discounts, []);
  assert.equal(removed.amount_total, 18000);
});

check('errors arrive as typed SDK errors with param', async () => {
  await assert.rejects(
    stripe.checkout.sessions.update(session.id, {
      discounts: [{ coupon_data: { amount_off: 100, currency: 'eur' } }, { coupon_data: { amount_off: 100, currency: 'eur' } }],
    }),
    (error) => error.type === 'StripeInvalidRequestError' && error.param === 'discounts' && error.statusCode === 400,
  );
  await assert.rejects(stripe.checkout.sessions.retrieve('cs_test_doesNotExist'),
    (error) => error.type === 'StripeInvalidRequestError' && error.statusCode === 404);
  const noPermission = await stripe.checkout.sessions.create({ mode: 'payment', ui_mode: 'custom', return_url: 'https://shop.example/r', line_items: lineItems });
  await assert.rejects(
    stripe.checkout.sessions.update(noPermission.id, { discounts: [{ coupon_data: { amount_off: 100, currency: 'eur' } }] }),
    (error) => error.type === 'StripeInvalidRequestError' && error.param === 'discounts',
  );
});

check('idempotent requests replay', async () => {
  const params = { mode: 'payment', ui_mode: 'custom', return_url: 'https://shop.example/r', line_items: lineItems, permissions: { update_discounts: 'server_only' } };
  const first = await stripe.checkout.sessions.create(params, { idempotencyKey: 'compat-key-1' });
  const second = await stripe.checkout.sessions.create(params, { idempotencyKey: 'compat-key-1' });
  assert.equal(second.id, first.id);
  assert.equal(second.lastResponse.headers['idempotent-replayed'], 'true');
  assert.match(second.lastResponse.requestId, /^req_/);
  await assert.rejects(stripe.checkout.sessions.create({ ...params, metadata: { other: 'x' } }, { idempotencyKey: 'compat-key-1' }),
    (error) => error.type === 'StripeIdempotencyError');
});

check('list with pagination, filters and line items', async () => {
  for (let i = 0; i < 5; i++)
    await stripe.checkout.sessions.create({ mode: 'payment', ui_mode: 'custom', return_url: 'https://shop.example/r', line_items: lineItems, customer: customer.id });
  const page = await stripe.checkout.sessions.list({ limit: 2 });
  assert.equal(page.object, 'list');
  assert.equal(page.data.length, 2);
  assert.equal(page.has_more, true);
  assert.ok(page.data[0].created >= page.data[1].created, 'newest first');
  const all = await stripe.checkout.sessions.list({ limit: 3 }).autoPagingToArray({ limit: 1000 });
  const ids = new Set(all.map((s) => s.id));
  assert.equal(ids.size, all.length, 'no session twice across pages');
  assert.equal(all.length, 8, 'every session created in this run, across pages');
  const mine = await stripe.checkout.sessions.list({ customer: customer.id, limit: 100 });
  assert.ok(mine.data.every((s) => s.customer === customer.id));
  const expanded = await stripe.checkout.sessions.list({ limit: 2, expand: ['data.line_items'] });
  assert.equal(expanded.data[0].line_items.object, 'list');
  const items = await stripe.checkout.sessions.listLineItems(session.id, { limit: 1 });
  assert.equal(items.data.length, 1);
  assert.equal(items.has_more, true);
});

check('expire a session', async () => {
  const expired = await stripe.checkout.sessions.expire(session.id);
  assert.equal(expired.status, 'expired');
  const open = await stripe.checkout.sessions.list({ status: 'open', limit: 100 });
  assert.ok(!open.data.some((s) => s.id === session.id));
  await assert.rejects(stripe.checkout.sessions.update(session.id, { discounts: '' }),
    (error) => error.type === 'StripeInvalidRequestError');
});

let failures = 0;
for (const { name, fn } of checks) {
  try {
    await fn();
    console.log(`PASS ${name}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}\n  ${error.stack ?? error}`);
  }
}
child.kill('SIGTERM');
console.log(`${checks.length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
