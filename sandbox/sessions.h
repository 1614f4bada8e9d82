#pragma once

#include "objects.h"
#include "state.h"

#include <optional>

namespace remise::sandbox {

/// Checkout Sessions: creation and update with Stripe's rules, totals, and their JSON.
namespace sessions {

struct Totals
{
    qint64 subtotal = 0;
    qint64 discount = 0;
    qint64 total = 0;
    QList<qint64> itemSubtotals;
    QList<qint64> itemDiscounts; ///< the discount spread over the items, adding up exactly
};

Totals totals(const State &state, const Session &session);

/// Which expansions a request asked for, checked against what can be expanded.
struct Expand
{
    bool lineItems = false;
    bool customer = false;
    bool discounts = false;
    bool coupon = false;
    bool promotionCode = false;
    bool product = false;
    bool breakdown = false;
};
/// `list`: paths must start with "data.". Unknown paths give Stripe's error.
std::expected<Expand, ApiError> parseExpand(const QStringList &paths, bool list);

/// The session as Stripe shows it; `discounts` is always there (coupon ids unless expanded).
QJsonObject render(const State &state, const Session &session, const Expand &expand);
/// The Discount object applying the session's coupon (`total_details.breakdown.discounts[]`).
QJsonObject discountObject(const State &state, const Session &session);
QJsonObject renderLineItem(const State &state, const Session &session, qsizetype index,
                           const Totals &totals, bool expandProduct);

/// `Stripe-Version` carries the server-side discount preview.
bool isPreviewVersion(const QByteArray &version);

/// POST /v1/checkout/sessions
std::expected<Session, ApiError> create(State &state, Params &params, qint64 now, bool preview);
/// POST /v1/checkout/sessions/{id}: applies the parameters to `session` (a copy), or fails
/// leaving it as it was.
std::optional<ApiError> update(State &state, Session &session, Params &params, qint64 now,
                               bool preview);

/// customer_details for a session whose customer has an email.
QJsonObject customerDetails(const QString &email, const QString &name, const QJsonObject &address);
QJsonObject address(const QString &country, const QString &city = {}, const QString &line1 = {},
                    const QString &postalCode = {}, const QString &state = {});

} // namespace sessions
} // namespace remise::sandbox
