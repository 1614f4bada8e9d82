#pragma once

#include "result.h"

#include <QByteArray>

/// Stripe webhook signatures: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=…]`, the
/// HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint secret (whsec_…).
namespace remise::webhook {

/// The header value for `payload` signed at `timestamp` (unix seconds).
QByteArray sign(const QByteArray &payload, const QByteArray &secret, qint64 timestamp);

/// Checks a header against the payload: some v1 signature must match (compared in constant
/// time) and the timestamp must be within `toleranceSeconds` of `nowSeconds`. Errors name what
/// failed ("signature_missing", "signature_malformed", "signature_mismatch",
/// "timestamp_outside_tolerance") without echoing the secret.
Status verify(const QByteArray &payload, const QByteArray &header, const QByteArray &secret,
              qint64 nowSeconds, qint64 toleranceSeconds = 300);

/// Constant-time comparison of two byte strings.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace remise::webhook
