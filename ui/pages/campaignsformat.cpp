#include "campaignsformat.h"

#include "campaignfile.h"
#include "money.h"

#include <QJsonArray>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace remise::ui {

QString formatMoney(qint64 minorUnits, const QString &currencyCode)
{
    const QLocale locale;
    const QString code = currencyCode.toUpper();
    const int decimals = currency::decimals(currencyCode);
    // The locale's own symbol for its own currency ("€" in France), the ISO code otherwise.
    const QString symbol = locale.currencySymbol(QLocale::CurrencyIsoCode) == code
                               ? locale.currencySymbol(QLocale::CurrencySymbol)
                               : code;
    return locale.toCurrencyString(double(minorUnits) / std::pow(10.0, decimals), symbol, decimals);
}

QString formatAmounts(const QJsonObject &amounts)
{
    QStringList parts;
    for (auto it = amounts.begin(); it != amounts.end(); ++it)
        parts.append(formatMoney(it.value().toInteger(), it.key()));
    return parts.join(u", "_s);
}

QString CampaignText::reward(const QJsonObject &reward)
{
    const QString type = reward.value(u"type").toString();
    const QLocale locale;
    if (type == u"percent_off") {
        QString text = tr("%1 % off").arg(locale.toString(reward.value(u"percent").toDouble()));
        if (reward.contains(u"max_amount_off"))
            text = tr("%1, at most %2")
                       .arg(text, formatAmounts(reward.value(u"max_amount_off").toObject()));
        return text;
    }
    if (type == u"amount_off")
        return tr("%1 off").arg(formatAmounts(reward.value(u"amount_off").toObject()));
    if (type == u"tiered") {
        const qsizetype n = reward.value(u"tiers").toArray().size();
        return tr("%n tier(s) by subtotal", nullptr, int(n));
    }
    return tr("No reward");
}

QString CampaignText::schedule(const QJsonObject &campaign)
{
    const QLocale locale;
    const auto when = [&](QStringView key) -> QString {
        const auto t = campaignfile::parseTimestamp(campaign.value(key).toString());
        return t ? locale.toString(t->toLocalTime(), QLocale::ShortFormat) : QString();
    };
    const QString start = when(u"starts_at"), end = when(u"ends_at");
    if (start.isEmpty() && end.isEmpty())
        return tr("Always");
    if (end.isEmpty())
        return tr("From %1").arg(start);
    if (start.isEmpty())
        return tr("Until %1").arg(end);
    return tr("%1 to %2").arg(start, end);
}

QString CampaignText::status(const QString &status)
{
    if (status == u"active")
        return tr("Active");
    if (status == u"paused")
        return tr("Paused");
    if (status == u"archived")
        return tr("Archived");
    return tr("Draft");
}

} // namespace remise::ui
