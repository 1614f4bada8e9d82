#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QRandomGenerator>
#include <QString>

namespace remise::sandbox {

/// One line of a Checkout Session; its price (and so amount and currency) is a Price object.
struct SessionItem
{
    QString id;
    QString priceId;
    qint64 quantity = 1;
};

/// A Checkout Session's state. Amounts are not stored: they are computed from the items and
/// the coupon every time the session is shown, as Stripe recomputes them on every change.
struct Session
{
    QString id;
    qint64 seq = 0; ///< creation order, to break ties between equal `created`
    qint64 created = 0;
    qint64 expiresAt = 0;
    QString status = QStringLiteral("open");
    QString paymentStatus = QStringLiteral("unpaid");
    QString mode = QStringLiteral("payment");
    QString currency;
    QString uiMode = QStringLiteral("hosted");
    QList<SessionItem> items;
    QString customer;
    QString customerEmail;
    QJsonValue customerDetails; ///< null until known
    QJsonValue shippingDetails; ///< collected_information.shipping_details, null until set
    QString coupon;             ///< the one discount, a coupon id
    QString discountId;         ///< the Discount object applying `coupon` (di_…)
    qint64 discountStart = 0;   ///< when that discount was applied (Discount.start)
    QJsonObject metadata;
    QString clientReferenceId;
    QString updateDiscounts;       ///< permissions.update_discounts: "", client_only, server_only
    QString updateShippingDetails; ///< permissions.update_shipping_details
    QString successUrl;
    QString cancelUrl;
    QString returnUrl;
    QString locale;
    QJsonArray paymentMethodTypes;
    QJsonValue shippingAddressCollection;
    QString billingAddressCollection = QStringLiteral("auto");
    QString customerCreation = QStringLiteral("if_required");
    QJsonValue allowPromotionCodes;
    QString paymentIntent;
};

/// Every object the sandbox holds, and its ids.
class State
{
public:
    explicit State(quint32 seed = 4242)
        : m_random(seed)
    {}

    /// A new id with Stripe's prefix: "cus", "prod", "price", "cs_test", "li", …
    QString newId(const QString &prefix, int length = 24);
    qint64 nextSeq() { return ++m_seq; }

    QHash<QString, QJsonObject> customers;
    QList<QString> customerOrder;
    QHash<QString, QJsonObject> products;
    QHash<QString, QJsonObject> prices;
    QHash<QString, QJsonObject> coupons;
    QList<QString> couponOrder;
    QHash<QString, Session> sessions;

private:
    QRandomGenerator m_random;
    qint64 m_seq = 0;
};

/// Paginates objects ordered newest first (the caller gives them in that order) with Stripe's
/// `limit`, `starting_after` and `ending_before`; fills `has_more`.
struct Page
{
    QList<QJsonObject> data;
    bool hasMore = false;
};

} // namespace remise::sandbox
