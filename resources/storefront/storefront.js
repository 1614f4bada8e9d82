// A storefront checkout page that asks Remise for its discounts (docs/storefront.md).
//
// Stripe.js shows the Checkout Session; every change of discount goes through the merchant's
// server, here `remise-server serve`, wrapped in Stripe.js's `runServerUpdate` so that Stripe.js
// refreshes the session's totals afterwards. The page sends only the session id (and the code
// the customer typed): the service re-reads the session from Stripe and decides.
//
// Settings come from window.storefrontConfig (config.js): stripeJsUrl, publishableKey,
// clientSecret, serviceUrl.
(function () {
  'use strict';

  const config = window.storefrontConfig || {};
  const $ = (id) => document.getElementById(id);
  const ui = {
    main: document.querySelector('main'),
    items: $('line-items'),
    codeForm: $('code-form'),
    codeInput: $('code-input'),
    codeApply: $('code-apply'),
    codeRemove: $('code-remove'),
    country: $('country-select'),
    subtotal: $('subtotal'),
    discountName: $('discount-name'),
    discount: $('discount'),
    total: $('total'),
    message: $('message'),
    demoBadge: $('demo-badge'),
  };

  // What the customer sees when the discount service cannot answer: the order still works.
  const UNAVAILABLE = 'We could not update your discounts just now. Your total has not changed; ' +
    'you can still place your order, or try again in a moment.';

  let actions = null;
  let appliedCode = null; // the code the service accepted, if any
  let busy = false;

  // ---- Messages ---------------------------------------------------------------------------

  function say(text, kind) {
    ui.message.textContent = text || '';
    ui.message.className = 'message' + (text ? ' ' + (kind || 'info') : '');
  }

  // An error from the discount service, with the text it wants the customer to read.
  class ServiceError extends Error {
    constructor(message, code, status) {
      super(message);
      this.code = code;
      this.status = status;
    }
  }

  function customerText(error) {
    if (!(error instanceof ServiceError)) return UNAVAILABLE;
    if (error.status === 429) return 'Too many attempts in a short time. Please wait a moment and try again.';
    if (error.status >= 500 || !error.status) return UNAVAILABLE;
    return error.message || 'This change could not be made to your order.';
  }

  // ---- The discount service ---------------------------------------------------------------

  // POSTs JSON to one of the service's three endpoints and returns its `value`, or throws a
  // ServiceError: {type: "error", code, message} from the service, or "unreachable".
  async function callService(path, body) {
    if (!config.serviceUrl) {
      throw new ServiceError(UNAVAILABLE, 'not_configured', 0);
    }
    let response;
    try {
      response = await fetch(config.serviceUrl.replace(/\/$/, '') + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (e) {
      throw new ServiceError(UNAVAILABLE, 'unreachable', 0);
    }
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      // not JSON: a proxy's error page, say
    }
    if (!response.ok || !data || data.type !== 'object') {
      throw new ServiceError((data && data.message) || UNAVAILABLE,
        (data && data.code) || 'http_' + response.status, response.status);
    }
    return data.value;
  }

  // Runs one service call inside Stripe.js's runServerUpdate (which refreshes the session and
  // fires 'change' afterwards). Resolves to {ok: true, value} or {ok: false, error}.
  async function serverUpdate(path, extra) {
    const session = actions.getSession();
    let outcome = null;
    const result = await actions.runServerUpdate(async () => {
      try {
        outcome = { ok: true, value: await callService(path, Object.assign({ checkout_session_id: session.id }, extra)) };
      } catch (e) {
        outcome = { ok: false, error: e };
        throw e; // so that Stripe.js reports the update as failed
      }
    });
    if (!outcome) {
      outcome = { ok: false, error: new ServiceError(UNAVAILABLE, 'timeout', 0) };
    } else if (outcome.ok && result && result.type === 'error') {
      // The service answered but Stripe.js could not refresh (or timed out).
      outcome = { ok: false, error: new ServiceError(UNAVAILABLE, 'refresh_failed', 0) };
    }
    return outcome;
  }

  // ---- Rendering --------------------------------------------------------------------------

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function renderItems(session) {
    const rows = session.lineItems.map((item) => {
      const tr = document.createElement('tr');
      tr.dataset.lineItem = item.id;
      tr.appendChild(cell(item.name));
      const qty = document.createElement('td');
      qty.className = 'qty';
      if (item.adjustableQuantity) {
        const minus = document.createElement('button');
        minus.type = 'button';
        minus.className = 'step';
        minus.textContent = '−';
        minus.setAttribute('aria-label', 'One fewer ' + item.name);
        minus.disabled = busy || item.quantity <= item.adjustableQuantity.minimum;
        minus.addEventListener('click', () => changeQuantity(item.id, item.quantity - 1));
        const plus = document.createElement('button');
        plus.type = 'button';
        plus.className = 'step';
        plus.textContent = '+';
        plus.setAttribute('aria-label', 'One more ' + item.name);
        plus.disabled = busy || item.quantity >= item.adjustableQuantity.maximum;
        plus.addEventListener('click', () => changeQuantity(item.id, item.quantity + 1));
        const count = document.createElement('span');
        count.className = 'count';
        count.textContent = String(item.quantity);
        qty.append(minus, count, plus);
      } else {
        qty.textContent = String(item.quantity);
      }
      tr.appendChild(qty);
      tr.appendChild(cell(item.subtotal.amount, 'num'));
      return tr;
    });
    ui.items.replaceChildren(...rows);
  }

  function render(session) {
    if (!session) return;
    renderItems(session);
    ui.subtotal.textContent = session.total.subtotal.amount;
    const discount = session.total.discount.minorUnitsAmount;
    const named = session.discountAmounts && session.discountAmounts[0];
    ui.discountName.textContent = discount > 0 && named ? 'Discount · ' + named.displayName : 'Discount';
    ui.discount.textContent = discount > 0 ? '−' + session.total.discount.amount : 'None';
    ui.discount.dataset.minorUnits = String(discount);
    ui.total.textContent = session.total.total.amount;
    ui.total.dataset.minorUnits = String(session.total.total.minorUnitsAmount);
    const country = session.shippingAddress && session.shippingAddress.address.country;
    if (country && !busy) ui.country.value = country;
    updateControls();
  }

  function updateControls() {
    const open = actions && actions.getSession() && actions.getSession().status.type === 'open';
    const disabled = busy || !open;
    ui.codeInput.disabled = disabled;
    ui.codeApply.disabled = disabled;
    ui.codeRemove.disabled = disabled || !appliedCode;
    ui.country.disabled = disabled;
    ui.main.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  // One customer action at a time; controls are disabled meanwhile.
  async function exclusive(work) {
    if (busy || !actions) return;
    busy = true;
    updateControls();
    try {
      await work();
    } finally {
      busy = false;
      render(actions.getSession());
    }
  }

  // ---- Customer actions -------------------------------------------------------------------

  function applyCode(event) {
    event.preventDefault();
    const code = ui.codeInput.value.trim();
    if (!code) {
      say('Enter a discount code first.', 'error');
      ui.codeInput.focus();
      return;
    }
    exclusive(async () => {
      say('Checking your code…', 'progress');
      const outcome = await serverUpdate('/v1/discounts/code', { code });
      if (outcome.ok) {
        appliedCode = code.toUpperCase();
        ui.codeInput.value = '';
        const d = outcome.value.discount;
        say('Code ' + appliedCode + ' applied.' + (d ? ' Your discount: ' + d.name + '.' : ''), 'success');
      } else {
        say(customerText(outcome.error), 'error');
      }
    });
  }

  function removeCode() {
    exclusive(async () => {
      say('Removing your code…', 'progress');
      const outcome = await serverUpdate('/v1/discounts/code/remove', {});
      if (outcome.ok) {
        say('Code ' + appliedCode + ' removed.', 'success');
        appliedCode = null;
      } else {
        say(customerText(outcome.error), 'error');
      }
    });
  }

  // Automatic discounts (loyalty, cart value, time, location, segment), keeping an accepted code.
  async function refreshDiscounts(doneText) {
    const outcome = await serverUpdate('/v1/discounts/refresh', {});
    if (outcome.ok) say(doneText || '', 'success');
    else say(customerText(outcome.error), 'error');
  }

  function changeCountry() {
    const country = ui.country.value;
    if (!country) return;
    exclusive(async () => {
      say('Updating delivery…', 'progress');
      const session = actions.getSession();
      const name = session.shippingAddress ? session.shippingAddress.name : null;
      const address = await actions.updateShippingAddress({ name, address: { country } });
      if (address.type === 'error') {
        say('We could not change the delivery country: ' + address.error.message, 'error');
        return;
      }
      await refreshDiscounts('Delivery country updated.');
    });
  }

  function changeQuantity(lineItem, quantity) {
    exclusive(async () => {
      say('Updating your cart…', 'progress');
      const changed = await actions.updateLineItemQuantity({ lineItem, quantity });
      if (changed.type === 'error') {
        say('We could not change the quantity: ' + changed.error.message, 'error');
        return;
      }
      await refreshDiscounts('Cart updated.');
    });
  }

  // ---- Start ------------------------------------------------------------------------------

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error('Could not load ' + src));
      document.head.appendChild(script);
    });
  }

  async function start() {
    ui.codeForm.addEventListener('submit', applyCode);
    ui.codeRemove.addEventListener('click', removeCode);
    ui.country.addEventListener('change', changeCountry);
    updateControls();
    if (!config.clientSecret || !config.publishableKey || !config.stripeJsUrl) {
      say('This page is not set up yet: fill in config.js (see docs/storefront.md).', 'error');
      return;
    }
    try {
      if (!window.Stripe) await loadScript(config.stripeJsUrl);
    } catch (e) {
      say('The payment page could not load. Please reload the page.', 'error');
      return;
    }
    const stripe = window.Stripe(config.publishableKey);
    ui.demoBadge.hidden = !(config.demo || stripe.remiseSandbox);
    const init = stripe.initCheckoutElementsSdk || stripe.initCheckout;
    // Synchronous since Stripe.js "clover"; awaiting also accepts a promise.
    const checkout = await init.call(stripe, { clientSecret: config.clientSecret });
    checkout.on('change', render);
    const loaded = await checkout.loadActions();
    if (loaded.type !== 'success') {
      say('Your checkout could not be loaded: ' + loaded.error.message, 'error');
      return;
    }
    actions = loaded.actions;
    render(actions.getSession());
    // The discounts this cart gets now, before the customer does anything.
    await exclusive(() => refreshDiscounts(''));
  }

  start();
})();
