#pragma once

#include "customer.h"
#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace remise {

struct LineItem
{
    QString id;
    QString description;
    QString priceId;
    QString productId;
    qint64 quantity = 0;
    qint64 unitAmount = 0;
    qint64 amountSubtotal = 0; ///< before discounts
    qint64 amountDiscount = 0;
    qint64 amountTotal = 0;
};

/// A discount on the session: a coupon or promotion code, ids, plus the coupon's fields when
/// Stripe expanded it (`expand[]=discounts.coupon`).
struct SessionDiscount
{
    QString couponId;
    QString promotionCodeId;
    bool couponExpanded = false;
    std::optional<qint64> amountOff;
    std::optional<double> percentOff;
    QString currency;
    QString name;
    QMap<QString, QString> metadata;
};

/// The Checkout Session facts a decision needs, read from the Stripe object as the API returns
/// it. Tolerant of fields it does not know and of nulls it can do without; strict (a clear
/// error) about `id`, `currency` and a computable subtotal.
struct SessionSnapshot
{
    QString id;
    QString status;        ///< open, complete, expired
    QString mode;          ///< payment, setup, subscription
    QString paymentStatus; ///< paid, unpaid, no_payment_required
    bool livemode = false;
    QString currency;
    qint64 subtotal = 0; ///< amount_subtotal, or the sum of line items
    std::optional<qint64> amountTotal;
    qint64 amountDiscount = 0;
    QString customerId;
    std::optional<StripeCustomer> customer; ///< when `customer` was expanded
    QString customerEmail;                  ///< customer_email (a prefill)
    QString detailsEmail;                   ///< customer_details.email
    QString customerName;
    Address billingAddress;  ///< customer_details.address
    Address shippingAddress; ///< collected_information.shipping_details.address
    QList<SessionDiscount> discounts;
    bool hasLineItems = false;      ///< line_items was expanded
    bool lineItemsComplete = false; ///< … and has_more was false
    QList<LineItem> lineItems;
    QMap<QString, QString> metadata;
    qint64 created = 0;
    qint64 expiresAt = 0;

    /// Reads a Checkout Session object (expanded line items, customer and discount coupons are
    /// read when present).
    static Result<SessionSnapshot> fromStripe(const json::View &object);
    /// As above, from an object already parsed by QJsonDocument.
    static Result<SessionSnapshot> fromStripe(const QJsonObject &object);
};

/// Everything the engine knows about the customer for one evaluation (docs/decisions.md, "Customer
/// context"): built from the session, the Stripe customer and the local profile.
struct CustomerContext
{
    QString customerId;
    QString email;   ///< as given; matching folds case
    Address address; ///< shipping when it names a country, else billing
    bool hasProfile = false;
    CustomerProfile profile;
    QString loyaltyTier; ///< the profile's, else Stripe customer metadata `loyalty_tier`
    QMap<QString, QString> metadata; ///< Stripe customer metadata, overlaid by the profile's

    /// Identity for per-customer limits: "cus_…" or "email:<lowercased>"; empty if unknown.
    QString key() const;

    static CustomerContext build(const SessionSnapshot &session,
                                 const std::optional<CustomerProfile> &profile);
};

} // namespace remise
