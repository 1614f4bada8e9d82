#pragma once

// Formatting shared by the editor pages: money in the user's locale, reasons as sentences.

#include "decision.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace remise::ui {

/// An amount in minor units as the user's locale writes money ("€12.50", "12,50 €").
QString formatMoney(qint64 minorUnits, const QString &currency);
/// Every amount of a {"eur": 1000, "usd": 1200} object, joined with ", ".
QString formatAmounts(const QJsonObject &amounts);

class CampaignText
{
    Q_DECLARE_TR_FUNCTIONS(remise::ui::CampaignText)
public:
    /// "15 % off, at most €50.00", "€10.00 off", "3 tiers, up to 15 % off".
    static QString reward(const QJsonObject &reward);
    /// "27/11/2026 00:00 – 01/12/2026 00:00" in the user's time zone; "Always".
    static QString schedule(const QJsonObject &campaign);
    /// The status in words.
    static QString status(const QString &status);
};

} // namespace remise::ui
