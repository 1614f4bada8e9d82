// The benchmark's reference stack (docs/performance.md): what a merchant would write on Node.js
// with Stripe's official SDK for the storefront's `POST /v1/discounts/refresh`, doing the same
// work as `remise-server serve`: check the body and the session id, retrieve the session with
// its line items, customer and coupon, decide the discount with the benchmark's rule book
// (bench/rules.json: a segment on loyalty_tier, tiered cart value, countries), and update the
// session's discount with the preview Stripe-Version only when it changes. It implements just
// the part of the rule format that rule book uses, with Remise's arithmetic (floors, caps,
// stacking, labels), so both stacks decide the same discounts.
//
// Environment: STRIPE_API_BASE (http://127.0.0.1:PORT), STRIPE_SECRET_KEY (sk_test_…),
// RULES (a remise/1 file), LISTEN (127.0.0.1:0). Prints "listening on http://127.0.0.1:PORT"
// on stderr once ready.

import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';

const apiBase = new URL(process.env.STRIPE_API_BASE || 'https://api.stripe.com');
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, {
  apiVersion: '2025-03-31.basil; checkout_server_update_beta=v1',
  host: apiBase.hostname,
  port: Number(apiBase.port) || (apiBase.protocol === 'https:' ? 443 : 80),
  protocol: apiBase.protocol.replace(':', ''),
  maxNetworkRetries: 2,
  timeout: 20000,
  telemetry: false,
});
const rules = JSON.parse(readFileSync(process.env.RULES || new URL('../rules.json', import.meta.url), 'utf8'));
const [listenHost, listenPort] = (process.env.LISTEN || '127.0.0.1:0').split(':');

// ---- The decision (the subset of the remise/1 format that bench/rules.json uses) -------------

const segments = new Map(rules.segments.map((s) => [s.id, s]));

function matchesSegment(segment, customer) {
  const results = segment.rules.map((rule) => {
    const value = rule.field === 'loyalty_tier' ? customer.loyaltyTier : customer.metadata[rule.field];
    if (rule.op === 'in') return rule.value.includes(value);
    if (rule.op === 'eq') return value === rule.value;
    throw new Error(`rule op ${rule.op} is not implemented by the peer`);
  });
  return segment.match === 'all' ? results.every(Boolean) : results.some(Boolean);
}

const floorPercent = (base, percent) => Math.floor((base * Math.round(percent * 100)) / 10000);

// The amount a campaign gives this cart, or null when it does not apply.
function amountOf(campaign, session, customer, now) {
  if (campaign.status !== 'active') return null;
  if (campaign.starts_at && now < Date.parse(campaign.starts_at)) return null;
  if (campaign.ends_at && now >= Date.parse(campaign.ends_at)) return null;
  const c = campaign.conditions || {};
  const currency = session.currency;
  const base = session.amount_subtotal;
  if (c.currencies && !c.currencies.includes(currency)) return null;
  if (c.min_subtotal && !(currency in c.min_subtotal && base >= c.min_subtotal[currency])) return null;
  if (c.segments && !c.segments.some((id) => matchesSegment(segments.get(id), customer))) return null;
  if (c.countries && !c.countries.includes(customer.country)) return null;
  if (c.code || c.first_order || c.products) return null; // not used by the benchmark's rules
  const r = campaign.reward;
  let amount;
  if (r.type === 'percent_off') {
    amount = floorPercent(base, r.percent);
    if (r.max_amount_off && currency in r.max_amount_off) amount = Math.min(amount, r.max_amount_off[currency]);
  } else if (r.type === 'amount_off') {
    if (!(currency in r.amount_off)) return null;
    amount = r.amount_off[currency];
  } else if (r.type === 'tiered') {
    const reached = r.tiers.filter((t) => currency in t.min_subtotal && base >= t.min_subtotal[currency]);
    if (!reached.length) return null;
    const tier = reached.reduce((a, b) => (b.min_subtotal[currency] > a.min_subtotal[currency] ? b : a));
    amount = 'percent' in tier ? floorPercent(base, tier.percent) : tier.amount_off[currency];
  } else {
    return null;
  }
  return Math.max(0, Math.min(amount, base));
}

// Stackable campaigns add up; each exclusive one stands alone; the largest option wins.
function decide(session, customer, now) {
  const eligible = rules.campaigns
    .map((campaign) => ({ campaign, amount: amountOf(campaign, session, customer, now) }))
    .filter((e) => e.amount !== null);
  const byPriority = (a, b) => b.campaign.priority - a.campaign.priority ||
    (a.campaign.id < b.campaign.id ? -1 : a.campaign.id > b.campaign.id ? 1 : 0);
  const options = eligible.filter((e) => e.campaign.stacking === 'exclusive').map((e) => [e]);
  const stackable = eligible.filter((e) => e.campaign.stacking === 'stackable');
  if (stackable.length) options.push(stackable);
  let best = null;
  for (const option of options) {
    option.sort(byPriority);
    const total = Math.min(option.reduce((sum, e) => sum + e.amount, 0), session.amount_subtotal);
    if (!best || total > best.total ||
        (total === best.total && byPriority(option[0], best.option[0]) < 0)) {
      best = { option, total };
    }
  }
  if (!best || best.total <= 0) return null;
  const names = [...best.option.map((e) => e.campaign.name).join(' + ')];
  const name = names.length > 40 ? names.slice(0, 39).join('') + '…' : names.join('');
  return {
    amount_off: best.total,
    currency: session.currency,
    name,
    campaigns: best.option.map((e) => e.campaign.id).join(','),
  };
}

// ---- The endpoint -------------------------------------------------------------------------

function customerOf(session) {
  const customer = typeof session.customer === 'object' && session.customer ? session.customer : null;
  const shipping = session.collected_information && session.collected_information.shipping_details;
  const address = (shipping && shipping.address) || (session.customer_details && session.customer_details.address) || {};
  const metadata = (customer && customer.metadata) || {};
  return { metadata, loyaltyTier: metadata.loyalty_tier || null, country: address.country || null };
}

function carries(session, plan) {
  const discounts = session.discounts || [];
  if (!plan) return discounts.length === 0;
  if (discounts.length !== 1 || typeof discounts[0].coupon !== 'object' || !discounts[0].coupon) return false;
  const coupon = discounts[0].coupon;
  return coupon.amount_off === plan.amount_off && coupon.currency === plan.currency &&
    coupon.name === plan.name && (coupon.metadata || {}).remise_campaigns === plan.campaigns;
}

class Refusal extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function refresh(body) {
  const id = body && body.checkout_session_id;
  if (typeof id !== 'string' || !/^cs_(test|live)_[A-Za-z0-9]{1,250}$/.test(id) || Object.keys(body).length !== 1) {
    throw new Refusal(400, 'invalid_request', 'The request needs a checkout_session_id and nothing else.');
  }
  let session;
  try {
    session = await stripe.checkout.sessions.retrieve(id, { expand: ['line_items', 'customer', 'discounts.coupon'] });
  } catch (e) {
    if (e.statusCode === 404) throw new Refusal(404, 'session_not_found', 'This checkout session does not exist.');
    throw new Refusal(502, 'stripe_unavailable', 'Discounts cannot be updated right now.');
  }
  if (session.status !== 'open' || session.mode !== 'payment') {
    throw new Refusal(409, 'session_not_open', 'This checkout session is no longer open.');
  }
  const plan = decide(session, customerOf(session), Date.now());
  let amountTotal = session.amount_total;
  if (!carries(session, plan)) {
    const discounts = plan
      ? [{ coupon_data: { amount_off: plan.amount_off, currency: plan.currency, name: plan.name, duration: 'once',
        metadata: { remise_campaigns: plan.campaigns } } }]
      : '';
    const key = createHash('sha256').update(`${id}\n${JSON.stringify(plan)}`).digest('hex').slice(0, 40);
    try {
      const updated = await stripe.checkout.sessions.update(id, { discounts, expand: ['discounts'] }, { idempotencyKey: `peer-${key}` });
      amountTotal = updated.amount_total;
    } catch (e) {
      throw new Refusal(502, 'stripe_unavailable', 'Discounts cannot be updated right now.');
    }
  }
  return {
    succeeded: true,
    discount: plan ? { amount_off: plan.amount_off, currency: plan.currency, name: plan.name } : null,
    amount_total: amountTotal,
  };
}

function answer(response, status, object) {
  const body = JSON.stringify(object);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

const server = http.createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/v1/discounts/refresh') {
    return answer(response, 404, { type: 'error', code: 'not_found', message: 'Unknown endpoint.' });
  }
  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size > 65536) {
      answer(response, 413, { type: 'error', code: 'too_large', message: 'The request is too large.' });
      request.destroy();
    } else {
      chunks.push(chunk);
    }
  });
  request.on('end', async () => {
    if (response.writableEnded) return;
    try {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        throw new Refusal(400, 'invalid_json', 'The request body is not valid JSON.');
      }
      answer(response, 200, { type: 'object', value: await refresh(body) });
    } catch (e) {
      const status = e instanceof Refusal ? e.status : 500;
      answer(response, status, { type: 'error', code: e.code || 'internal', message: e instanceof Refusal ? e.message : 'Something went wrong.' });
    }
  });
});
server.keepAliveTimeout = 60000;
server.listen(Number(listenPort), listenHost, () => {
  process.stderr.write(`listening on http://${listenHost}:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
