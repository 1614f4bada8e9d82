#pragma once

// Compact builders for engine tests: rows describe sessions, customers and usage in short
// strings so that a data-driven table reads like the rules it checks.

#include "campaignfile.h"
#include "engine.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace remise::test {

/// "eur 18000 ship=BE bill=FR email=a@b.c customer=cus_1 items=prod_a:2x4500,prod_b:9000"
/// (the subtotal is the given number; items, when given, carry product subtotals).
inline SessionSnapshot session(const QString &spec)
{
    SessionSnapshot s;
    s.id = QStringLiteral("cs_test_engine");
    s.status = QStringLiteral("open");
    s.mode = QStringLiteral("payment");
    const QStringList parts = spec.split(u' ', Qt::SkipEmptyParts);
    s.currency = parts.value(0);
    s.subtotal = parts.value(1).toLongLong();
    for (const QString &part : parts.mid(2)) {
        const QString key = part.section(u'=', 0, 0);
        const QString value = part.section(u'=', 1);
        if (key == u"ship")
            s.shippingAddress.country = value;
        else if (key == u"bill")
            s.billingAddress.country = value;
        else if (key == u"region")
            s.shippingAddress.state = value;
        else if (key == u"postal")
            s.shippingAddress.postalCode = value;
        else if (key == u"email")
            s.detailsEmail = value;
        else if (key == u"prefill")
            s.customerEmail = value;
        else if (key == u"customer")
            s.customerId = value;
        else if (key == u"items") {
            s.hasLineItems = s.lineItemsComplete = true;
            for (const QString &item : value.split(u',')) {
                LineItem li;
                li.productId = item.section(u':', 0, 0);
                QString amount = item.section(u':', 1);
                li.quantity = 1;
                if (amount.contains(u'x')) {
                    li.quantity = amount.section(u'x', 0, 0).toLongLong();
                    amount = amount.section(u'x', 1);
                }
                li.unitAmount = amount.toLongLong();
                li.amountSubtotal = li.quantity * li.unitAmount;
                s.lineItems.append(li);
            }
        }
    }
    return s;
}

/// "none", or "tier=gold orders=7 spend=eur:84000 tags=a,b meta=plan:pro id=cus_1 email=x@y.z"
inline std::optional<CustomerProfile> profile(const QString &spec)
{
    if (spec == u"none" || spec.isEmpty())
        return std::nullopt;
    CustomerProfile p;
    for (const QString &part : spec.split(u' ', Qt::SkipEmptyParts)) {
        const QString key = part.section(u'=', 0, 0);
        const QString value = part.section(u'=', 1);
        if (key == u"tier")
            p.loyaltyTier = value;
        else if (key == u"orders")
            p.orderCount = value.toLongLong();
        else if (key == u"spend")
            p.lifetimeSpend.set(value.section(u':', 0, 0), value.section(u':', 1).toLongLong());
        else if (key == u"tags")
            p.tags = value.split(u',');
        else if (key == u"meta")
            p.metadata.insert(value.section(u':', 0, 0), value.section(u':', 1));
        else if (key == u"id")
            p.id = value;
        else if (key == u"email")
            p.email = value;
    }
    return p;
}

/// "campaign:redemptions:customer-redemptions:currency:budget-used;…"
inline QHash<QString, CampaignUsage> usage(const QString &spec)
{
    QHash<QString, CampaignUsage> out;
    for (const QString &entry : spec.split(u';', Qt::SkipEmptyParts)) {
        const QStringList f = entry.split(u':');
        CampaignUsage u;
        u.redemptions = f.value(1).toLongLong();
        u.customerRedemptions = f.value(2).toLongLong();
        if (f.size() > 4)
            u.budgetUsed.set(f.at(3), f.at(4).toLongLong());
        out.insert(f.at(0), u);
    }
    return out;
}

/// A rule book from JSON fragments: the segments array's and the campaigns array's contents.
inline CampaignSet rules(const QByteArray &segments, const QByteArray &campaigns)
{
    const QByteArray doc = "{\"format\": \"remise/1\", \"segments\": [" + segments +
                           "], \"campaigns\": [" + campaigns + "]}";
    auto parsed = campaignfile::parse(doc, QStringLiteral("test rules"));
    if (!parsed) {
        qWarning("%s", qPrintable(parsed.error().describe()));
        return {};
    }
    return *parsed;
}

/// One campaign with defaults: {"id", "name", "status": "active", "priority", "stacking"} + extra.
inline QByteArray campaign(const char *id, const QByteArray &extra, int priority = 1,
                           const char *stacking = "exclusive", const char *name = nullptr)
{
    return QByteArray("{\"id\": \"") + id + "\", \"name\": \"" + (name ? name : id) +
           "\", \"status\": \"active\", \"priority\": " + QByteArray::number(priority) +
           ", \"stacking\": \"" + stacking + "\", " + extra + "}";
}

inline qint64 at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

/// "id=reason:amount" for each campaign ("-" for no reason), in output order, ";"-joined.
inline QString outcomes(const Decision &d)
{
    QStringList parts;
    for (const CampaignOutcome &o : d.campaigns)
        parts.append(o.id + u'=' +
                     (o.reason == Reason::None ? QStringLiteral("-") : reason::code(o.reason)) +
                     u':' + QString::number(o.amountOff) +
                     (o.applied ? QStringLiteral("*") : QString()));
    return parts.join(u';');
}

/// "amount name" or "none".
inline QString discount(const Decision &d)
{
    return d.discount ? QString::number(d.discount->amountOff) + u' ' + d.discount->name
                      : QStringLiteral("none");
}

} // namespace remise::test
