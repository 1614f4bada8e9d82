// Fills a remise-sandbox with the benchmark's checkouts (docs/performance.md): customers with
// loyalty tiers, carts around the rule book's thresholds, shipping in and out of Benelux.
// Deterministic, so two sandboxes get the same carts. Prints one session id per line.
//
// Usage: node sessions.mjs http://127.0.0.1:PORT COUNT
const [base, countText] = process.argv.slice(2);
const count = Number(countText);
if (!base || !(count > 0)) {
  console.error('usage: node sessions.mjs SANDBOX_URL COUNT');
  process.exit(2);
}
const headers = {
  Authorization: 'Bearer sk_test_benchmark0000',
  'Stripe-Version': '2025-03-31.basil; checkout_server_update_beta=v1',
  'Content-Type': 'application/x-www-form-urlencoded',
};
async function post(path, form, json = false) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: json ? { 'Content-Type': 'application/json' } : headers,
    body: json ? JSON.stringify(form) : new URLSearchParams(form),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${path}: ${JSON.stringify(body)}`);
  return body;
}

const tiers = ['gold', 'silver', 'platinum', 'bronze', null];
const countries = ['BE', 'FR', 'NL', 'DE', 'LU', 'AT'];
const prices = [1900, 2800, 3500, 4500, 9000, 12000, 21000];
for (let i = 0; i < count; i++) {
  const tier = tiers[i % tiers.length];
  const customer = await post('/v1/customers', {
    email: `shopper${i}@example.org`,
    name: `Shopper ${i}`,
    ...(tier ? { 'metadata[loyalty_tier]': tier } : {}),
  });
  const form = {
    mode: 'payment',
    ui_mode: 'custom',
    return_url: 'https://shop.example/return',
    customer: customer.id,
    'permissions[update_discounts]': 'server_only',
  };
  const lines = 1 + (i % 4);
  for (let l = 0; l < lines; l++) {
    form[`line_items[${l}][price_data][currency]`] = 'eur';
    form[`line_items[${l}][price_data][unit_amount]`] = String(prices[(i + 3 * l) % prices.length]);
    form[`line_items[${l}][price_data][product_data][name]`] = `Product ${(i + 3 * l) % prices.length}`;
    form[`line_items[${l}][quantity]`] = String(1 + ((i + l) % 3));
  }
  const session = await post('/v1/checkout/sessions', form);
  await post(`/_sandbox/checkout/sessions/${session.id}/shipping`, { country: countries[i % countries.length] }, true);
  console.log(session.id);
}
