#include "customerfile.h"

#include "checker.h"
#include "json.h"
#include "money.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;
using remise::json::Checker;
using Need = remise::json::Checker::Need;

namespace remise::customerfile {

namespace {

constexpr qint64 maxAmount = 1'000'000'000'000'000;

bool plausibleEmail(const QString &email)
{
    const qsizetype at = email.indexOf(u'@');
    return at > 0 && at == email.lastIndexOf(u'@') && at < email.size() - 1 &&
           !email.contains(u' ');
}

void checkIdentity(Checker &check, const CustomerProfile &p, const QString &idPath,
                   const QString &emailPath, const QString &path)
{
    if (p.id.isEmpty() && p.email.isEmpty())
        check.error(path, u"needs an id (cus_…) or an email"_s, errc::missingValue);
    if (!p.id.isEmpty() && (!p.id.startsWith(u"cus_"_s) || p.id.contains(u' ')))
        check.error(idPath, u"\"%1\" is not a Stripe customer id (cus_…)"_s.arg(p.id));
    if (!p.email.isEmpty() && !plausibleEmail(p.email))
        check.error(emailPath, u"\"%1\" is not an email address"_s.arg(p.email));
}

Status checkDuplicates(const QList<CustomerProfile> &profiles, const QStringList &paths,
                       const QString &what)
{
    Checker check;
    QSet<QString> ids;
    QSet<QString> emails;
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        const CustomerProfile &p = profiles.at(i);
        if (!p.id.isEmpty() && ids.contains(p.id))
            check.error(paths.at(i), u"customer id %1 appears twice"_s.arg(p.id), errc::conflict);
        const QString email = p.email.toLower();
        if (!email.isEmpty() && emails.contains(email))
            check.error(paths.at(i), u"email %1 appears twice"_s.arg(p.email), errc::conflict);
        ids.insert(p.id);
        emails.insert(email);
    }
    if (!check.ok())
        return fail(check.toError(what));
    return {};
}

} // namespace

Result<CustomerProfile> profileFromJson(const QJsonObject &object, const QString &path)
{
    Checker check;
    check.onlyKeys(object, path,
                   {u"id"_s, u"email"_s, u"loyalty_tier"_s, u"order_count"_s, u"lifetime_spend"_s,
                    u"tags"_s, u"metadata"_s});
    CustomerProfile p;
    p.id = check.string(object, path, u"id"_s, Need::Optional).value_or(QString()).trimmed();
    p.email = check.string(object, path, u"email"_s, Need::Optional).value_or(QString()).trimmed();
    p.loyaltyTier =
        check.string(object, path, u"loyalty_tier"_s, Need::Optional).value_or(QString());
    p.orderCount = check
                       .integer(object, path, u"order_count"_s, Need::Optional, 0,
                                std::numeric_limits<qint32>::max())
                       .value_or(0);
    if (const auto spend = check.object(object, path, u"lifetime_spend"_s, Need::Optional)) {
        for (auto it = spend->begin(); it != spend->end(); ++it) {
            const QString at = json::at(json::at(path, u"lifetime_spend"), it.key());
            if (!currency::isValidCode(it.key())) {
                check.error(at, u"\"%1\" is not a currency code; use three lowercase letters"_s.arg(
                                    it.key()));
                continue;
            }
            if (const auto amount = check.integerValue(it.value(), at, 0, maxAmount))
                p.lifetimeSpend.set(it.key(), *amount);
        }
    }
    if (const auto tags = check.array(object, path, u"tags"_s, Need::Optional)) {
        for (qsizetype i = 0; i < tags->size(); ++i) {
            const auto tag = check.stringValue(tags->at(i), json::at(json::at(path, u"tags"), i));
            if (tag && !tag->trimmed().isEmpty())
                p.tags.append(tag->trimmed());
        }
    }
    if (const auto metadata = check.object(object, path, u"metadata"_s, Need::Optional)) {
        for (auto it = metadata->begin(); it != metadata->end(); ++it) {
            const QJsonValue v = it.value();
            if (v.isString())
                p.metadata.insert(it.key(), v.toString());
            else if (v.isDouble() || v.isBool())
                p.metadata.insert(it.key(),
                                  json::stringMap(QJsonObject{{it.key(), v}}).value(it.key()));
            else
                check.error(
                    json::at(json::at(path, u"metadata"), it.key()),
                    u"must be a string, number or boolean, not %1"_s.arg(json::typeName(v)));
        }
    }
    checkIdentity(check, p, json::at(path, u"id"), json::at(path, u"email"), path);
    if (!check.ok())
        return fail(check.toError(u"the customer"_s));
    return p;
}

QJsonObject profileToJson(const CustomerProfile &p)
{
    QJsonObject spend;
    for (const auto &[code, amount] : p.lifetimeSpend.entries())
        spend.insert(code, amount);
    return {{u"id"_s, p.id.isEmpty() ? QJsonValue() : QJsonValue(p.id)},
            {u"email"_s, p.email.isEmpty() ? QJsonValue() : QJsonValue(p.email)},
            {u"loyalty_tier"_s, p.loyaltyTier.isEmpty() ? QJsonValue() : QJsonValue(p.loyaltyTier)},
            {u"order_count"_s, p.orderCount},
            {u"lifetime_spend"_s, spend},
            {u"tags"_s, QJsonArray::fromStringList(p.tags)},
            {u"metadata"_s, json::fromStringMap(p.metadata)}};
}

Result<QList<CustomerProfile>> parseJson(const QByteArray &bytes, const QString &what)
{
    auto document = json::parse(bytes, what);
    if (!document)
        return fail(document.error());
    QJsonArray items;
    QString base = u"$"_s;
    if (document->isArray()) {
        items = document->toArray();
    } else {
        const QJsonObject object = document->toObject();
        if (object.contains(u"customers"_s)) {
            if (object.size() != 1 || !object.value(u"customers").isArray())
                return fail(errc::invalidValue,
                            u"expected {\"customers\": [ … ]} with nothing else beside it"_s,
                            u"$"_s);
            items = object.value(u"customers").toArray();
            base = u"$.customers"_s;
        } else {
            auto single = profileFromJson(object, u"$"_s);
            if (!single)
                return fail(single.error());
            return QList<CustomerProfile>{*single};
        }
    }
    QList<CustomerProfile> profiles;
    QStringList paths;
    Checker check;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString path = json::at(base, i);
        if (!items.at(i).isObject()) {
            check.error(path, u"must be an object, not %1"_s.arg(json::typeName(items.at(i))));
            continue;
        }
        auto profile = profileFromJson(items.at(i).toObject(), path);
        if (!profile) {
            const Error &e = profile.error();
            if (e.details.empty())
                check.error(e.path, e.message, e.code);
            else
                for (const Error &d : e.details)
                    check.error(d.path, d.message, d.code);
            continue;
        }
        profiles.append(*profile);
        paths.append(path);
    }
    if (!check.ok())
        return fail(check.toError(what));
    if (auto dup = checkDuplicates(profiles, paths, what); !dup)
        return fail(dup.error());
    return profiles;
}

Result<QList<QStringList>> splitCsv(const QString &text, QList<int> *lineOfRow)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int rowLine = 1;
    const auto endField = [&] {
        row.append(field);
        field.clear();
        fieldStarted = false;
    };
    const auto endRow = [&] {
        endField();
        const bool blank = row.size() == 1 && row.first().trimmed().isEmpty();
        if (!blank) {
            rows.append(row);
            if (lineOfRow)
                lineOfRow->append(rowLine);
        }
        row.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"' && !fieldStarted && field.isEmpty()) {
            quoted = true;
            fieldStarted = true;
        } else if (c == u',') {
            endField();
        } else if (c == u'\r') {
            continue;
        } else if (c == u'\n') {
            endRow();
            ++line;
            rowLine = line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted)
        return fail(errc::invalidValue,
                    u"a quoted field opened on line %1 is never closed"_s.arg(rowLine));
    if (fieldStarted || !field.isEmpty() || !row.isEmpty())
        endRow();
    return rows;
}

Result<QList<CustomerProfile>> parseCsv(const QByteArray &bytes, const QString &what)
{
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QList<int> lines;
    auto rows = splitCsv(text, &lines);
    if (!rows)
        return fail(errc::invalidValue, rows.error().message, what);
    if (rows->isEmpty())
        return fail(errc::invalidValue, u"the file is empty; expected a header row"_s, what);

    enum class Column { Id, Email, Tier, Orders, Spend, Tags, Metadata };
    struct Header
    {
        Column column;
        QString key; // currency or metadata key
        QString name;
    };
    QList<Header> headers;
    Checker check;
    const QStringList headerRow = rows->first();
    for (qsizetype i = 0; i < headerRow.size(); ++i) {
        const QString name = headerRow.at(i).trimmed();
        const QString lower = name.toLower();
        const QString at = u"%1:1, column %2 (%3)"_s.arg(what).arg(i + 1).arg(name);
        if (lower == u"id" || lower == u"customer_id")
            headers.append({Column::Id, {}, name});
        else if (lower == u"email")
            headers.append({Column::Email, {}, name});
        else if (lower == u"loyalty_tier")
            headers.append({Column::Tier, {}, name});
        else if (lower == u"order_count")
            headers.append({Column::Orders, {}, name});
        else if (lower == u"tags")
            headers.append({Column::Tags, {}, name});
        else if (lower.startsWith(u"lifetime_spend.") || lower.startsWith(u"lifetime_spend_")) {
            const QString code = lower.mid(15);
            if (!currency::isValidCode(code))
                check.error(at, u"\"%1\" is not a currency code"_s.arg(code));
            headers.append({Column::Spend, code, name});
        } else if (name.startsWith(u"metadata."_s) && name.size() > 9)
            headers.append({Column::Metadata, name.mid(9), name});
        else
            check.error(
                at,
                u"unknown column; expected id, email, loyalty_tier, order_count, lifetime_spend.<currency>, tags or metadata.<key>"_s,
                errc::unknownField);
    }
    if (!check.ok())
        return fail(check.toError(what));

    QList<CustomerProfile> profiles;
    QStringList paths;
    for (qsizetype r = 1; r < rows->size(); ++r) {
        const QStringList &row = rows->at(r);
        const QString rowAt = u"%1:%2"_s.arg(what).arg(lines.at(r));
        if (row.size() != headers.size()) {
            check.error(rowAt,
                        u"has %1 fields, the header has %2"_s.arg(row.size()).arg(headers.size()));
            continue;
        }
        CustomerProfile p;
        for (qsizetype c = 0; c < row.size(); ++c) {
            const QString value = row.at(c).trimmed();
            const Header &h = headers.at(c);
            const QString at = rowAt + u", column "_s + h.name;
            switch (h.column) {
            case Column::Id:
                p.id = value;
                break;
            case Column::Email:
                p.email = value;
                break;
            case Column::Tier:
                p.loyaltyTier = value;
                break;
            case Column::Orders:
            case Column::Spend: {
                if (value.isEmpty())
                    break;
                bool ok = false;
                const qint64 n = value.toLongLong(&ok);
                if (!ok || n < 0 || n > maxAmount) {
                    check.error(
                        at, u"\"%1\" is not a whole number ≥ 0 (amounts are in minor units)"_s.arg(
                                value));
                    break;
                }
                if (h.column == Column::Orders)
                    p.orderCount = n;
                else
                    p.lifetimeSpend.set(h.key, n);
                break;
            }
            case Column::Tags:
                for (const QString &tag : value.split(u';', Qt::SkipEmptyParts))
                    if (!tag.trimmed().isEmpty())
                        p.tags.append(tag.trimmed());
                break;
            case Column::Metadata:
                if (!value.isEmpty())
                    p.metadata.insert(h.key, value);
                break;
            }
        }
        checkIdentity(check, p, rowAt + u", column id"_s, rowAt + u", column email"_s, rowAt);
        profiles.append(p);
        paths.append(rowAt);
    }
    if (!check.ok())
        return fail(check.toError(what));
    if (auto dup = checkDuplicates(profiles, paths, what); !dup)
        return fail(dup.error());
    return profiles;
}

Result<QList<CustomerProfile>> load(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(errc::io, u"cannot read %1: %2"_s.arg(filePath, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (filePath.endsWith(u".csv"_s, Qt::CaseInsensitive))
        return parseCsv(bytes, filePath);
    return parseJson(bytes, filePath);
}

} // namespace remise::customerfile
