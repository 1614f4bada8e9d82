#include "text.h"

#include "campaign.h"
#include "customer.h"
#include "money.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace remise::ui::text {

QString money(qint64 minorUnits, const QString &currency)
{
    const int decimals = currency::decimals(currency);
    double value = double(minorUnits);
    for (int i = 0; i < decimals; ++i)
        value /= 10.0;
    const QString code = currency.toUpper();
    const QLocale locale;
    // The locale's own symbol for its currency; a symbol nobody misreads for the common ones
    // (€, £, ¥); otherwise the ISO code ("CHF 12.00", and "USD" outside dollar locales).
    QString symbol;
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) == code)
        symbol = locale.currencySymbol(QLocale::CurrencySymbol);
    else if (code == u"EUR")
        symbol = u"€"_s;
    else if (code == u"GBP")
        symbol = u"£"_s;
    else if (code == u"JPY")
        symbol = u"¥"_s;
    else
        symbol = code;
    QString text = locale.toCurrencyString(value, symbol, decimals);
    // "USD12.00" reads badly: a code before the number gets a no-break space.
    if (symbol == code && text.startsWith(code) && text.size() > code.size() &&
        !text.at(code.size()).isSpace())
        text.insert(code.size(), QChar(0x00A0));
    return text;
}

QString dateTime(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QLocale::ShortFormat);
}

QString stripeTime(qint64 seconds)
{
    return dateTime(seconds * 1000);
}

QString path(const QString &p)
{
    const QString home = QDir::homePath();
    if (!home.isEmpty() && home != u"/" && (p == home || p.startsWith(home + u'/')))
        return QDir::toNativeSeparators(u"~"_s + p.mid(home.size()));
    return QDir::toNativeSeparators(p);
}

QString address(const Address &a)
{
    QStringList parts;
    for (const QString &part : {a.line1, a.line2, QString(a.postalCode + u' ' + a.city), a.state})
        if (!part.trimmed().isEmpty())
            parts.append(part.trimmed());
    if (!a.country.isEmpty()) {
        const QLocale::Territory territory = QLocale::codeToTerritory(a.country);
        // The country's name in the user's language when Qt knows that pair (fr_BE:
        // "Belgique"), else in English.
        const QLocale named(QLocale().language(), territory);
        const QString name =
            territory == QLocale::AnyTerritory ? QString()
            : named.language() == QLocale().language() && named.territory() == territory
                ? named.nativeTerritoryName()
                : QLocale::territoryToString(territory);
        parts.append(name.isEmpty() ? a.country : name + u" ("_s + a.country + u')');
    }

    return parts.join(u", "_s);
}

namespace {

QString amountsText(const CurrencyAmounts &amounts, const QString &currency)
{
    if (const auto value = amounts.value(currency))
        return money(*value, currency);
    QStringList all;
    for (const auto &[code, amount] : amounts.entries())
        all.append(money(amount, code));
    return all.join(u", "_s);
}

} // namespace

QString reason(Reason r, const Campaign *c, const QString &currency)
{
    switch (r) {
    case Reason::None:
        return Tr::tr("Applies.");
    case Reason::NotActive:
        return Tr::tr("The campaign is not active (draft or paused).");
    case Reason::NotStarted:
        if (c && c->startsAt)
            return Tr::tr("The campaign starts on %1.")
                .arg(dateTime(c->startsAt->toMSecsSinceEpoch()));
        return Tr::tr("The campaign has not started yet.");
    case Reason::Ended:
        if (c && c->endsAt)
            return Tr::tr("The campaign ended on %1.")
                .arg(dateTime(c->endsAt->toMSecsSinceEpoch()));
        return Tr::tr("The campaign has ended.");
    case Reason::CurrencyMismatch:
        return Tr::tr("The campaign does not apply to carts in %1.").arg(currency.toUpper());
    case Reason::BelowMinSubtotal:
        if (c && c->conditions.minSubtotal)
            return Tr::tr("The cart is below %1.")
                .arg(amountsText(*c->conditions.minSubtotal, currency));
        return Tr::tr("The cart is below the campaign's minimum.");
    case Reason::SegmentMismatch:
        if (c && c->conditions.segments)
            return Tr::tr("The customer is in none of the segments %1.")
                .arg(c->conditions.segments->join(u", "_s));
        return Tr::tr("The customer is in none of the campaign's segments.");
    case Reason::CountryMismatch:
        if (c && c->conditions.countries)
            return Tr::tr("The customer's country is not one of %1.")
                .arg(c->conditions.countries->join(u", "_s));
        return Tr::tr("The customer's country is not one the campaign covers.");
    case Reason::CodeMissing:
        return Tr::tr("The campaign needs a code and none was entered.");
    case Reason::CodeMismatch:
        return Tr::tr("The code entered is not this campaign's code.");
    case Reason::NotFirstOrder:
        return Tr::tr("The campaign is for first orders and the customer has ordered before.");
    case Reason::NoMatchingProducts:
        return Tr::tr("The cart holds none of the campaign's products.");
    case Reason::MaxRedemptionsReached:
        return Tr::tr("The campaign has been redeemed as often as allowed.");
    case Reason::CustomerLimitReached:
        return Tr::tr("The customer has used the campaign as often as allowed, or is unknown.");
    case Reason::BudgetExhausted:
        return Tr::tr("The campaign's remaining budget cannot cover the discount.");
    case Reason::Outranked:
        return Tr::tr("Eligible, but a larger or higher-priority discount won.");
    }
    return {};
}

QString outcome(const QString &o)
{
    if (o == u"applied")
        return Tr::tr("Applied");
    if (o == u"removed")
        return Tr::tr("Removed");
    if (o == u"unchanged")
        return Tr::tr("Unchanged");
    if (o == u"dry_run")
        return Tr::tr("Dry run");
    if (o == u"refused")
        return Tr::tr("Refused");
    if (o == u"failed")
        return Tr::tr("Failed");
    return o;
}

QString action(const QString &a)
{
    if (a == u"apply")
        return Tr::tr("Apply");
    if (a == u"refresh")
        return Tr::tr("Refresh");
    if (a == u"code")
        return Tr::tr("Code entered");
    if (a == u"remove_code")
        return Tr::tr("Code removed");
    if (a == u"remove")
        return Tr::tr("Remove discount");
    if (a == u"webhook")
        return Tr::tr("Webhook");
    return a;
}

QString sessionStatus(const QString &s)

{
    if (s == u"open")
        return Tr::tr("Open");
    if (s == u"complete")
        return Tr::tr("Complete");
    if (s == u"expired")
        return Tr::tr("Expired");
    return s;
}

QString actor(const QString &a)
{
    if (a == u"cli")
        return Tr::tr("Command line");
    if (a == u"service")
        return Tr::tr("Service");
    if (a == u"webhook")
        return Tr::tr("Stripe webhook");
    if (a.startsWith(u"desktop:"))
        return Tr::tr("Desktop app (%1)").arg(a.mid(8));
    return a;
}

} // namespace remise::ui::text
