#include "customerimport.h"

#include "customerfile.h"
#include "json.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace remise::customerimport {

namespace {

/// The fields each CSV row sets: the columns present whose cell is not empty (an empty cell
/// keeps the stored value).
Result<QList<CustomerPatch>> csvPatches(const QByteArray &bytes,
                                        const QList<CustomerProfile> &profiles)
{
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const auto rows = customerfile::splitCsv(text);
    if (!rows)
        return fail(rows.error());
    QList<CustomerPatch> patches;
    const QStringList header = rows->value(0);
    for (qsizetype r = 1; r < rows->size() && r - 1 < profiles.size(); ++r) {
        CustomerPatch patch;
        patch.profile = profiles.at(r - 1);
        patch.fields = 0;
        const QStringList &row = rows->at(r);
        for (qsizetype c = 0; c < header.size() && c < row.size(); ++c) {
            if (row.at(c).trimmed().isEmpty())
                continue;
            const QString name = header.at(c).trimmed();
            const QString lower = name.toLower();
            if (lower == u"loyalty_tier")
                patch.fields |= CustomerPatch::LoyaltyTier;
            else if (lower == u"order_count")
                patch.fields |= CustomerPatch::OrderCount;
            else if (lower == u"tags")
                patch.fields |= CustomerPatch::Tags;
            else if (lower.startsWith(u"lifetime_spend.") || lower.startsWith(u"lifetime_spend_"))
                patch.spendCurrencies.append(lower.mid(15));
            else if (name.startsWith(u"metadata."_s))
                patch.metadataKeys.append(name.mid(9));
        }
        patches.append(patch);
    }
    return patches;
}

/// The fields each JSON profile sets: the keys present and not null.
Result<QList<CustomerPatch>>
jsonPatches(const QByteArray &bytes, const QList<CustomerProfile> &profiles, const QString &what)
{
    const auto document = json::parse(bytes, what);
    if (!document)
        return fail(document.error());
    QJsonArray items;
    if (document->isArray())
        items = document->toArray();
    else if (document->toObject().contains(u"customers"_s))
        items = document->toObject().value(u"customers").toArray();
    else
        items = QJsonArray{document->toObject()};
    QList<CustomerPatch> patches;
    for (qsizetype i = 0; i < items.size() && i < profiles.size(); ++i) {
        const QJsonObject object = items.at(i).toObject();
        const auto has = [&object](QStringView key) {
            return object.contains(key) && !object.value(key).isNull();
        };
        CustomerPatch patch;
        patch.profile = profiles.at(i);
        patch.fields = (has(u"loyalty_tier") ? CustomerPatch::LoyaltyTier : 0) |
                       (has(u"order_count") ? CustomerPatch::OrderCount : 0) |
                       (has(u"tags") ? CustomerPatch::Tags : 0) |
                       (has(u"lifetime_spend") ? CustomerPatch::LifetimeSpend : 0) |
                       (has(u"metadata") ? CustomerPatch::Metadata : 0);
        patches.append(patch);
    }
    return patches;
}

} // namespace

Format guessFormat(const QString &path, const QByteArray &bytes)
{
    if (path == u"-") {
        const QByteArray start = bytes.trimmed().left(1);
        return start == "[" || start == "{" ? Format::Json : Format::Csv;
    }
    return path.endsWith(u".csv"_s, Qt::CaseInsensitive) ? Format::Csv : Format::Json;
}

Result<QList<CustomerPatch>> readPatches(const QByteArray &bytes, Format format,
                                         const QString &what, bool replace)
{
    const bool csv = format == Format::Csv;
    const auto profiles =
        csv ? customerfile::parseCsv(bytes, what) : customerfile::parseJson(bytes, what);
    if (!profiles)
        return fail(profiles.error());
    auto patches = csv ? csvPatches(bytes, *profiles) : jsonPatches(bytes, *profiles, what);
    if (!patches)
        return fail(patches.error());
    if (replace)
        for (CustomerPatch &patch : *patches)
            patch.fields = CustomerPatch::All;
    return patches;
}

} // namespace remise::customerimport
