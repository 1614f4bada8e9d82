#pragma once

#include "jsonreader.h"
#include "money.h"
#include "result.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace remise {

/// Remise's own record of a customer, imported (CSV/JSON) and kept current by completed
/// sessions. Matched to a session by Stripe customer id, else by email (case-insensitive).
struct CustomerProfile
{
    QString id; ///< Stripe customer id (cus_…), may be empty for email-only profiles
    QString email;
    QString loyaltyTier;
    qint64 orderCount = 0;
    CurrencyAmounts lifetimeSpend;
    QStringList tags;
    QMap<QString, QString> metadata;

    friend bool operator==(const CustomerProfile &, const CustomerProfile &) = default;
};

/// A postal address as Stripe gives it; empty strings where Stripe has null.
struct Address
{
    QString line1;
    QString line2;
    QString city;
    QString postalCode;
    QString state;
    QString country; ///< ISO 3166-1 alpha-2, uppercase

    bool isEmpty() const
    {
        return country.isEmpty() && postalCode.isEmpty() && city.isEmpty() && line1.isEmpty() &&
               state.isEmpty();
    }
    static Address fromStripe(const json::View &object);
    QJsonObject toJson() const;
    friend bool operator==(const Address &, const Address &) = default;
};

/// The parts of a Stripe Customer object Remise reads.
struct StripeCustomer
{
    QString id;
    QString email;
    QString name;
    QMap<QString, QString> metadata;

    static Result<StripeCustomer> fromStripe(const json::View &object);
};

} // namespace remise
