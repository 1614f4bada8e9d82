// The storefront page's settings. Copy this file next to index.html and fill it in; the page
// reads nothing else. (remise-sandbox serves its own config.js for the offline demo.)
window.storefrontConfig = {
  // Stripe.js, the real one. Offline with remise-sandbox: 'http://127.0.0.1:12111/_sandbox/stripe.js'.
  stripeJsUrl: 'https://js.stripe.com/clover/stripe.js',
  // Your publishable key (pk_test_… or pk_live_…): never a secret key.
  publishableKey: 'pk_test_REPLACE_ME',
  // The Checkout Session's client_secret, as your server created it (ui_mode "custom" or
  // "elements", permissions.update_discounts "server_only"). Usually rendered into the page.
  clientSecret: null,
  // Where remise-server serve answers (its REMISE_ALLOWED_ORIGINS must list this page's origin).
  serviceUrl: 'https://discounts.shop.example',
};
