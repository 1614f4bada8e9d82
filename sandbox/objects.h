#pragma once

#include "apierror.h"
#include "params.h"
#include "state.h"

#include <expected>

namespace remise::sandbox {

using Made = std::expected<QJsonObject, ApiError>;

/// Customers, products, prices and coupons: creation from request parameters (Stripe's
/// validation) and their Stripe JSON.
namespace objects {

/// A customer's fields; an empty id gets a new one.
struct Customer
{
    QString id;
    QString email;
    QString name;
    QString phone;
    QString description;
    QJsonObject metadata;
    QJsonObject address; ///< empty: null
};
/// Stores a customer as Stripe shows it and returns it.
QJsonObject insertCustomer(State &state, const Customer &customer, qint64 now);

Made createCustomer(State &state, Params &params, qint64 now);
Made updateCustomer(State &state, const QString &id, Params &params);

QJsonObject createProduct(State &state, const QString &name, const QString &id,
                          const QJsonObject &metadata, qint64 now);
Made createProduct(State &state, Params &params, qint64 now);

QJsonObject createPrice(State &state, const QString &currency, qint64 unitAmount,
                        const QString &productId, const QString &id, qint64 now);
Made createPrice(State &state, Params &params, qint64 now);
/// line_items[i][price_data]: an inline price (and product from product_data).
Made priceFromData(State &state, Params &priceData, qint64 now);

/// A coupon from /v1/coupons parameters or from `coupon_data` (then `sessionCurrency` must match
/// an amount_off coupon's currency).
Made createCoupon(State &state, Params &params, qint64 now, const QString &sessionCurrency = {});

bool isCurrency(const QString &code);

} // namespace objects
} // namespace remise::sandbox
