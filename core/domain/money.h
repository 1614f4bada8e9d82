#pragma once

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace remise {

/// Currency facts Stripe relies on. Codes are lowercase ISO 4217, as in Stripe's API.
namespace currency {
/// Three lowercase ASCII letters.
bool isValidCode(QStringView code);
/// Digits after the decimal point in the currency's minor unit: 0 for Stripe's zero-decimal
/// currencies (jpy, krw, …), 3 for bhd, jod, kwd, omr and tnd, else 2.
int decimals(QStringView code);
/// Human text for an amount in minor units, e.g. "180.00 EUR", "1,234 JPY". Locale-neutral,
/// so logs and exports read the same everywhere.
QString format(qint64 minorUnits, QStringView code);
} // namespace currency

/// Amounts in minor units keyed by currency (a `{"eur": 10000, "usd": 12000}` object), kept
/// sorted by currency. Small: a handful of entries, so a flat list beats a map.
class CurrencyAmounts
{
public:
    CurrencyAmounts() = default;
    CurrencyAmounts(std::initializer_list<std::pair<QString, qint64>> values);

    std::optional<qint64> value(QStringView currency) const;
    bool contains(QStringView currency) const { return value(currency).has_value(); }
    void set(const QString &currency, qint64 amount);
    QStringList currencies() const;
    bool isEmpty() const { return m_values.isEmpty(); }
    qsizetype size() const { return m_values.size(); }
    const QList<std::pair<QString, qint64>> &entries() const { return m_values; }

    friend bool operator==(const CurrencyAmounts &, const CurrencyAmounts &) = default;

private:
    QList<std::pair<QString, qint64>> m_values;
};

/// A percentage with at most two decimals, held exactly as hundredths of a percent (12.5% is
/// 1250). Applying it truncates toward zero to a whole minor unit, as the decision rules say.
class Percent
{
public:
    constexpr Percent() = default;
    static constexpr Percent fromHundredths(qint32 h) { return Percent(h); }
    /// Exact conversion from a JSON number; nullopt when it has more than two decimals.
    static std::optional<Percent> fromDouble(double value);

    constexpr qint32 hundredths() const { return m_hundredths; }
    double toDouble() const { return m_hundredths / 100.0; }
    /// floor(base * percent / 100) for a non-negative base, without intermediate overflow.
    constexpr qint64 of(qint64 base) const
    {
        return (base / 10000) * m_hundredths + (base % 10000) * m_hundredths / 10000;
    }

    friend constexpr bool operator==(Percent, Percent) = default;

private:
    constexpr explicit Percent(qint32 h)
        : m_hundredths(h)
    {}
    qint32 m_hundredths = 0;
};

} // namespace remise
