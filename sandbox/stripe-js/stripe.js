// remise-sandbox's stand-in for Stripe.js (served at /_sandbox/stripe.js, see docs/sandbox.md).
//
// It implements the part of Stripe.js's Checkout API that a storefront uses around
// runServerUpdate, against the sandbox instead of Stripe, so that the same page runs offline:
//
//   const stripe = Stripe('pk_test_…');
//   const checkout = stripe.initCheckoutElementsSdk({clientSecret});   // or initCheckout
//   checkout.on('change', (session) => render(session));
//   const {actions} = await checkout.loadActions();                     // {type: 'success', actions}
//   actions.getSession();                       // lineItems, discountAmounts, total, …
//   await actions.runServerUpdate(() => fetch('/your/endpoint', …));   // 20 s timeout
//   await actions.updateShippingAddress({name, address: {country: 'NL'}});
//   await actions.updateLineItemQuantity({lineItem: 'li_…', quantity: 3});
//
// Session objects have Stripe.js's shape (amounts as {amount: '€45.00', minorUnitsAmount: 4500}).
// Results are {type: 'success', session} or {type: 'error', error: {message, code}}, as in
// Stripe.js. Nothing here is secret: the sandbox is test tooling on loopback.
(function () {
  'use strict';

  const SERVER_UPDATE_TIMEOUT_MS = 20000; // what Stripe.js gives runServerUpdate's function
  const scriptUrl = new URL(document.currentScript ? document.currentScript.src : location.href);
  const sandboxBase = scriptUrl.origin; // the sandbox that served this script

  function minorUnitDigits(currency) {
    try {
      return new Intl.NumberFormat('en', { style: 'currency', currency })
        .resolvedOptions().maximumFractionDigits;
    } catch (e) {
      return 2;
    }
  }

  function makeAmount(minor, currency, locale) {
    const digits = minorUnitDigits(currency);
    let text;
    try {
      text = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() })
        .format(minor / Math.pow(10, digits));
    } catch (e) {
      text = (minor / Math.pow(10, digits)).toFixed(digits) + ' ' + currency.toUpperCase();
    }
    return { amount: text, minorUnitsAmount: minor };
  }

  function contact(details) {
    if (!details || !details.address) return null;
    return { name: details.name || null, address: Object.assign({}, details.address) };
  }

  // The API's Checkout Session (expanded) as Stripe.js's Session object.
  function toSession(api, locale) {
    const currency = api.currency || 'usd';
    const money = (minor) => makeAmount(minor || 0, currency, locale);
    const zero = money(0);
    const discountAmounts = (api.discounts || []).map((d) => {
      const coupon = typeof d.coupon === 'object' && d.coupon ? d.coupon : {};
      const amount = money((api.total_details && api.total_details.amount_discount) || 0);
      return Object.assign(amount, {
        displayName: coupon.name || coupon.id || 'Discount',
        promotionCode: null,
        recurring: null,
        percentOff: coupon.percent_off == null ? null : coupon.percent_off,
      });
    });
    const items = (api.line_items && api.line_items.data) || [];
    const status = api.status === 'complete'
      ? { type: 'complete', paymentStatus: api.payment_status }
      : { type: api.status };
    const shipping = api.collected_information && api.collected_information.shipping_details;
    const details = api.customer_details;
    return {
      id: api.id,
      livemode: false,
      currency,
      minorUnitsAmountDivisor: Math.pow(10, minorUnitDigits(currency)),
      businessName: 'remise-sandbox',
      canConfirm: api.status === 'open',
      email: (details && details.email) || api.customer_email || null,
      phoneNumber: (details && details.phone) || null,
      billingAddress: contact(details),
      shippingAddress: contact(shipping),
      status,
      lineItems: items.map((item) => {
        const product = item.price && typeof item.price.product === 'object' ? item.price.product : null;
        return {
          id: item.id,
          name: item.description || (product && product.name) || '',
          description: null,
          quantity: item.quantity,
          unitAmount: money(item.price ? item.price.unit_amount : 0),
          unitAmountDecimal: null,
          subtotal: money(item.amount_subtotal),
          discount: money(item.amount_discount),
          total: money(item.amount_total),
          taxExclusive: zero,
          taxInclusive: zero,
          unitLabel: null,
          discountAmounts: item.amount_discount ? discountAmounts.map((d) =>
            Object.assign({}, d, money(item.amount_discount))) : [],
          taxAmounts: [],
          recurring: null,
          adjustableQuantity: { minimum: 1, maximum: 99 },
          images: [],
        };
      }),
      discountAmounts,
      taxAmounts: [],
      shipping: null,
      shippingOptions: [],
      recurring: null,
      savedPaymentMethods: null,
      currencyOptions: null,
      lastPaymentError: null,
      surcharge: null,
      tax: { status: 'ready' },
      taxIdInfo: null,
      total: {
        subtotal: money(api.amount_subtotal),
        discount: money(api.total_details ? api.total_details.amount_discount : 0),
        shippingRate: zero,
        taxExclusive: zero,
        taxInclusive: zero,
        appliedBalance: zero,
        surcharge: zero,
        balanceAppliedToNextInvoice: false,
        total: money(api.amount_total),
      },
    };
  }

  function buyerError(message) {
    return { type: 'error', error: { message, code: null } };
  }

  function initCheckout(options) {
    if (!options || !options.clientSecret) {
      throw new Error('initCheckout: a clientSecret (string or Promise) is required.');
    }
    const locale = options.locale && options.locale !== 'auto' ? options.locale : undefined;
    const secretPromise = Promise.resolve(options.clientSecret);
    const listeners = [];
    let current = null;

    async function call(method, suffix, body) {
      const secret = await secretPromise;
      const url = sandboxBase + '/_sandbox/stripe-js/sessions/' + encodeURIComponent(secret) +
        (suffix ? '/' + suffix : '');
      // A form body keeps this a "simple" cross-origin request (no preflight).
      const response = await fetch(url, {
        method,
        body: body ? new URLSearchParams(body) : undefined,
        cache: 'no-store',
      });
      const data = await response.json();
      if (!response.ok) {
        throw new Error((data.error && data.error.message) || 'The sandbox refused the request.');
      }
      return data;
    }

    function publish(api) {
      current = toSession(api, locale);
      for (const handler of listeners.slice()) {
        try {
          handler(current);
        } catch (e) {
          setTimeout(() => { throw e; });
        }
      }
      return current;
    }

    async function refresh() {
      return publish(await call('GET'));
    }

    async function sessionAction(run) {
      try {
        return { type: 'success', session: await run() };
      } catch (e) {
        return buyerError(e && e.message ? e.message : String(e));
      }
    }

    const loaded = refresh();

    const actions = {
      getSession: () => current,
      runServerUpdate(userFunction) {
        if (typeof userFunction !== 'function') {
          return Promise.resolve(buyerError('runServerUpdate expects a function.'));
        }
        let timer;
        const timeout = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(
            'The update took longer than ' + SERVER_UPDATE_TIMEOUT_MS / 1000 + ' seconds.')),
          SERVER_UPDATE_TIMEOUT_MS);
        });
        return Promise.race([Promise.resolve().then(userFunction), timeout])
          .finally(() => clearTimeout(timer))
          .then(() => sessionAction(refresh), async (e) => {
            // Stripe.js refreshes the session whatever happened; the error goes back.
            try {
              await refresh();
            } catch (ignored) {
              // the error below is what matters
            }
            return buyerError(e && e.message ? e.message : 'The server update failed.');
          });
      },
      updateShippingAddress(shippingAddress) {
        return sessionAction(async () => {
          const address = (shippingAddress && shippingAddress.address) || {};
          const body = {};
          for (const key of ['country', 'city', 'line1', 'line2', 'postal_code', 'state']) {
            if (address[key]) body[key] = address[key];
          }
          if (shippingAddress && shippingAddress.name) body.name = shippingAddress.name;
          await call('POST', 'shipping_address', body);
          return refresh();
        });
      },
      updateLineItemQuantity(args) {
        return sessionAction(async () => {
          await call('POST', 'line_items', { line_item: args.lineItem, quantity: String(args.quantity) });
          return refresh();
        });
      },
      applyPromotionCode() {
        return Promise.resolve(buyerError(
          'Promotion codes are applied by the server for this session (server-side discounts).'));
      },
      removePromotionCode() {
        return Promise.resolve(buyerError(
          'Promotion codes are applied by the server for this session (server-side discounts).'));
      },
      confirm() {
        return Promise.resolve(buyerError(
          'The sandbox takes no payment: complete the session with POST /_sandbox/checkout/sessions/{id}/complete.'));
      },
    };

    return {
      on(event, handler) {
        if (event === 'change' && typeof handler === 'function') listeners.push(handler);
      },
      loadActions() {
        return loaded.then(() => ({ type: 'success', actions }),
          (e) => ({ type: 'error', error: { message: e.message, code: null } }));
      },
      // Elements are Stripe's own UI; the stand-in has none.
      createPaymentElement() {
        return { mount() {}, unmount() {}, destroy() {}, on() {} };
      },
    };
  }

  window.Stripe = function Stripe(publishableKey, options) {
    if (typeof publishableKey !== 'string' || !publishableKey.startsWith('pk_')) {
      throw new Error('Stripe(): a publishable key (pk_test_…) is expected.');
    }
    const locale = options && options.locale;
    const init = (checkoutOptions) => initCheckout(Object.assign({ locale }, checkoutOptions));
    return {
      initCheckoutElementsSdk: init,
      initCheckout: init,
      remiseSandbox: true, // lets a page say it runs offline
    };
  };
})();
