#include "money.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace remise {

namespace currency {

bool isValidCode(QStringView code)
{
    return code.size() == 3 &&
           std::all_of(code.begin(), code.end(), [](QChar c) { return c >= u'a' && c <= u'z'; });
}

int decimals(QStringView code)
{
    // Stripe's list of zero-decimal currencies.
    static const QStringList zeroDecimal = {
        u"bif"_s, u"clp"_s, u"djf"_s, u"gnf"_s, u"jpy"_s, u"kmf"_s, u"krw"_s, u"mga"_s,
        u"pyg"_s, u"rwf"_s, u"ugx"_s, u"vnd"_s, u"vuv"_s, u"xaf"_s, u"xof"_s, u"xpf"_s};
    static const QStringList threeDecimal = {u"bhd"_s, u"jod"_s, u"kwd"_s, u"omr"_s, u"tnd"_s};
    if (zeroDecimal.contains(code))
        return 0;
    if (threeDecimal.contains(code))
        return 3;
    return 2;
}

QString format(qint64 minorUnits, QStringView code)
{
    const int digits = decimals(code);
    const bool negative = minorUnits < 0;
    // Work on the magnitude as unsigned so that the most negative value formats too.
    const quint64 magnitude = negative ? quint64(0) - quint64(minorUnits) : quint64(minorUnits);
    quint64 scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    const QString whole = QString::number(magnitude / scale);
    QString grouped;
    for (qsizetype i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0)
            grouped += u',';
        grouped += whole.at(i);
    }
    QString text = negative ? u"-"_s + grouped : grouped;
    if (digits > 0)
        text += u'.' + QString::number(magnitude % scale).rightJustified(digits, u'0');
    return text + u' ' + code.toString().toUpper();
}

} // namespace currency

CurrencyAmounts::CurrencyAmounts(std::initializer_list<std::pair<QString, qint64>> values)
{
    for (const auto &[currency, amount] : values)
        set(currency, amount);
}

std::optional<qint64> CurrencyAmounts::value(QStringView currency) const
{
    for (const auto &[code, amount] : m_values)
        if (code == currency)
            return amount;
    return std::nullopt;
}

void CurrencyAmounts::set(const QString &currency, qint64 amount)
{
    auto it = std::lower_bound(m_values.begin(), m_values.end(), currency,
                               [](const auto &entry, const QString &c) { return entry.first < c; });
    if (it != m_values.end() && it->first == currency)
        it->second = amount;
    else
        m_values.insert(it, {currency, amount});
}

QStringList CurrencyAmounts::currencies() const
{
    QStringList out;
    out.reserve(m_values.size());
    for (const auto &entry : m_values)
        out.append(entry.first);
    return out;
}

std::optional<Percent> Percent::fromDouble(double value)
{
    if (!std::isfinite(value) || std::fabs(value) > 1e6)
        return std::nullopt;
    const double scaled = value * 100.0;
    const double rounded = std::round(scaled);
    // 12.5 * 100 is exact; 0.29 * 100 is 28.999999999999996: allow binary noise, refuse 12.345.
    if (std::fabs(scaled - rounded) > 1e-6)
        return std::nullopt;
    return Percent(qint32(rounded));
}

} // namespace remise
