// SqliteStore: customer profiles.

#include "json.h"
#include "logging.h"
#include "migrations.h"
#include "sqlitestore.h"
#include "sqlsupport.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using remise::sqlite::run;
using remise::sqlite::scalar;
using remise::sqlite::Transaction;

namespace remise {

namespace {

// Profiles with their spend, all of them or the one with row id `rowId`.
Result<QList<CustomerProfile>> readProfiles(const QSqlDatabase &db, const QString &operation,
                                            std::optional<qint64> rowId)
{
    QVariantList values;
    if (rowId)
        values.append(*rowId);
    QList<CustomerProfile> profiles;
    QHash<qint64, qsizetype> index;
    {
        const QString sql =
            u"SELECT id, stripe_id, email, loyalty_tier, order_count, tags, metadata "
            u"FROM customers"_s +
            (rowId ? u" WHERE id = ?"_s : QString()) + u" ORDER BY id"_s;
        auto query = run(db, operation, sql, values);
        if (!query)
            return fail(query.error());
        while (query->next()) {
            CustomerProfile p;
            p.id = query->value(1).toString();
            p.email = query->value(2).toString();
            p.loyaltyTier = query->value(3).toString();
            p.orderCount = query->value(4).toLongLong();
            const QString who = p.id.isEmpty() ? p.email : p.id;
            auto tags = sqlite::parseJsonText(query->value(5).toString(), u"the tags of "_s + who);
            if (!tags)
                return fail(tags.error());
            for (const QJsonValue &tag : tags->toArray())
                p.tags.append(tag.toString());
            auto metadata =
                sqlite::parseJsonText(query->value(6).toString(), u"the metadata of "_s + who);
            if (!metadata)
                return fail(metadata.error());
            p.metadata = json::stringMap(metadata->toObject());
            index.insert(query->value(0).toLongLong(), profiles.size());
            profiles.append(std::move(p));
        }
    }
    const QString spendSql = u"SELECT customer, currency, amount FROM customer_spend"_s +
                             (rowId ? u" WHERE customer = ?"_s : QString()) +
                             u" ORDER BY customer, currency"_s;
    auto spend = run(db, operation, spendSql, values);
    if (!spend)
        return fail(spend.error());
    while (spend->next()) {
        const auto it = index.constFind(spend->value(0).toLongLong());
        if (it != index.constEnd())
            profiles[*it].lifetimeSpend.set(spend->value(1).toString(),
                                            spend->value(2).toLongLong());
    }
    return profiles;
}

// Problems an import must refuse before touching the database.
Status validate(const CustomerProfile &p, const QString &path)
{
    if (p.id.isEmpty() && p.email.isEmpty())
        return fail(errc::missingValue, u"a customer profile needs an id or an email"_s, path);
    if (p.orderCount < 0)
        return fail(errc::invalidValue, u"order_count cannot be negative"_s,
                    json::at(path, u"order_count"));
    for (const auto &[code, amount] : p.lifetimeSpend.entries()) {
        const QString here = json::at(json::at(path, u"lifetime_spend"), code);
        if (!currency::isValidCode(code))
            return fail(errc::invalidValue, u"\"%1\" is not a currency code"_s.arg(code), here);
        if (amount < 0)
            return fail(errc::invalidValue, u"lifetime spend cannot be negative"_s, here);
    }
    return {};
}

// What differs between two versions of a profile, as field paths.
QStringList changedFields(const CustomerProfile &a, const CustomerProfile &b)
{
    QStringList fields;
    if (a.id != b.id)
        fields.append(u"id"_s);
    if (a.email.compare(b.email, Qt::CaseInsensitive) != 0)
        fields.append(u"email"_s);
    if (a.loyaltyTier != b.loyaltyTier)
        fields.append(u"loyalty_tier"_s);
    if (a.orderCount != b.orderCount)
        fields.append(u"order_count"_s);
    QStringList currencies = a.lifetimeSpend.currencies() + b.lifetimeSpend.currencies();
    currencies.sort();
    currencies.removeDuplicates();
    for (const QString &code : std::as_const(currencies))
        if (a.lifetimeSpend.value(code) != b.lifetimeSpend.value(code))
            fields.append(u"lifetime_spend."_s + code);
    if (a.tags != b.tags)
        fields.append(u"tags"_s);
    QStringList keys = a.metadata.keys() + b.metadata.keys();
    keys.sort();
    keys.removeDuplicates();
    for (const QString &key : std::as_const(keys))
        if (a.metadata.value(key) != b.metadata.value(key) ||
            a.metadata.contains(key) != b.metadata.contains(key))
            fields.append(u"metadata."_s + key);
    return fields;
}

} // namespace

Result<std::optional<CustomerProfile>> SqliteStore::findCustomer(const QString &customerId,
                                                                 const QString &email)
{
    const QString operation = u"cannot look up the customer"_s;
    if (auto ready = require(sqlite::schema::customers, operation); !ready)
        return fail(ready.error());
    if (customerId.isEmpty() && email.isEmpty())
        return std::optional<CustomerProfile>();
    // The Stripe id first, else the email (NOCASE: case-insensitive), each one indexed lookup.
    // Most refreshes find no profile (guests, customers never imported), so this is all they
    // cost. (One statement with OR and an ORDER BY cost several times as much.)
    QVariant rowId;
    static const QString byId = u"SELECT id FROM customers WHERE stripe_id = ?"_s;
    static const QString byEmail = u"SELECT id FROM customers WHERE email = ?"_s;
    for (const auto &[sql, value] : {std::pair{&byId, &customerId}, {&byEmail, &email}}) {
        if (value->isEmpty())
            continue;
        auto found = scalar(m_db, operation, *sql, {*value});
        if (!found)
            return fail(found.error());
        rowId = *found;
        if (rowId.isValid())
            break;
    }
    if (!rowId.isValid())
        return std::optional<CustomerProfile>();
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Read, operation);
    if (!transaction)
        return fail(transaction.error());
    auto profiles = readProfiles(m_db, operation, rowId.toLongLong());
    if (!profiles)
        return fail(profiles.error());
    if (auto committed = transaction->commit(); !committed)
        return fail(committed.error());
    if (profiles->isEmpty())
        return std::optional<CustomerProfile>();
    return std::optional(profiles->first());
}

Result<QList<CustomerProfile>> SqliteStore::customers()
{
    const QString operation = u"cannot read the customers"_s;
    if (auto ready = require(sqlite::schema::customers, operation); !ready)
        return fail(ready.error());
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Read, operation);
    if (!transaction)
        return fail(transaction.error());
    auto profiles = readProfiles(m_db, operation, std::nullopt);
    if (!profiles)
        return fail(profiles.error());
    if (auto committed = transaction->commit(); !committed)
        return fail(committed.error());
    return profiles;
}

Status SqliteStore::importCustomers(const QList<CustomerProfile> &profiles)
{
    const QString operation = u"cannot import the customers"_s;
    if (auto ready = require(sqlite::schema::customers, operation); !ready)
        return fail(ready.error());
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        if (auto valid = validate(profiles.at(i), json::at(u"$"_s, i)); !valid) {
            Error error = valid.error();
            error.message = operation + u": "_s + error.message;
            return fail(error);
        }
    }
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        if (auto done = upsertCustomer(profiles.at(i), json::at(u"$"_s, i), operation); !done)
            return fail(done.error());
    }
    if (auto committed = transaction->commit(); !committed)
        return fail(committed.error());
    qCInfo(lcStore).noquote() << "imported" << profiles.size()
                              << (profiles.size() == 1 ? "customer profile" : "customer profiles");
    return {};
}

Result<QVariant> SqliteStore::customerRow(const CustomerProfile &p, const QString &path,
                                          const QString &operation)
{
    QVariant rowId;
    if (!p.id.isEmpty()) {
        auto byId =
            scalar(m_db, operation, u"SELECT id FROM customers WHERE stripe_id = ?"_s, {p.id});
        if (!byId)
            return fail(byId.error());
        rowId = *byId;
    }
    if (!p.email.isEmpty()) {
        auto query = run(m_db, operation, u"SELECT id, stripe_id FROM customers WHERE email = ?"_s,
                         {p.email});
        if (!query)
            return fail(query.error());
        if (query->next()) {
            const QVariant emailRow = query->value(0);
            const QString emailOwner = query->value(1).toString();
            if (!rowId.isValid() && (p.id.isEmpty() || emailOwner.isEmpty()))
                rowId = emailRow; // the same customer, now (or still) known by email only
            else if (rowId != emailRow)
                return fail(errc::conflict,
                            u"%1: the email %2 already belongs to the profile of %3"_s.arg(
                                operation, p.email, emailOwner.isEmpty() ? p.email : emailOwner),
                            json::at(path, u"email"));
        }
    }
    return rowId;
}

Status SqliteStore::upsertCustomer(const CustomerProfile &p, const QString &path,
                                   const QString &operation)
{
    auto row = customerRow(p, path, operation);
    if (!row)
        return fail(row.error());
    QVariant rowId = *row;

    const QString tags = sqlite::jsonText(QJsonArray::fromStringList(p.tags));
    const QString metadata = sqlite::jsonText(json::fromStringMap(p.metadata));
    if (rowId.isValid()) {
        // A profile without an id or an email keeps the one already known.
        auto updated = run(m_db, operation,
                           u"UPDATE customers SET stripe_id = coalesce(?, stripe_id), "
                           u"email = coalesce(?, email), loyalty_tier = ?, order_count = ?, "
                           u"tags = ?, metadata = ? WHERE id = ?"_s,
                           {sqlite::nullIfEmpty(p.id), sqlite::nullIfEmpty(p.email), p.loyaltyTier,
                            p.orderCount, tags, metadata, rowId});
        if (!updated)
            return fail(updated.error());
        auto cleared =
            run(m_db, operation, u"DELETE FROM customer_spend WHERE customer = ?"_s, {rowId});
        if (!cleared)
            return fail(cleared.error());
    } else {
        auto inserted = run(m_db, operation,
                            u"INSERT INTO customers (stripe_id, email, loyalty_tier, order_count, "
                            u"tags, metadata) VALUES (?, ?, ?, ?, ?, ?)"_s,
                            {sqlite::nullIfEmpty(p.id), sqlite::nullIfEmpty(p.email), p.loyaltyTier,
                             p.orderCount, tags, metadata});
        if (!inserted)
            return fail(inserted.error());
        rowId = inserted->lastInsertId();
    }
    for (const auto &[code, amount] : p.lifetimeSpend.entries()) {
        auto spent =
            run(m_db, operation,
                u"INSERT INTO customer_spend (customer, currency, amount) VALUES (?, ?, ?)"_s,
                {rowId, code, amount});
        if (!spent)
            return fail(spent.error());
    }
    return {};
}

Result<ImportReport> SqliteStore::mergeCustomers(const QList<CustomerPatch> &patches, bool dryRun)
{
    const QString operation = u"cannot import the customers"_s;
    if (auto ready = require(sqlite::schema::customers, operation); !ready)
        return fail(ready.error());
    // A write transaction even for a dry run: the report is computed against the same state
    // a real run would change; the dry run then rolls back.
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    ImportReport report;
    report.dryRun = dryRun;
    for (qsizetype i = 0; i < patches.size(); ++i) {
        const CustomerPatch &patch = patches.at(i);
        const QString path = json::at(u"$"_s, i);
        auto row = customerRow(patch.profile, path, operation);
        if (!row)
            return fail(row.error());
        CustomerProfile stored;
        if (row->isValid()) {
            auto read = readProfiles(m_db, operation, row->toLongLong());
            if (!read)
                return fail(read.error());
            if (!read->isEmpty())
                stored = read->first();
        }
        const CustomerProfile merged = patch.applyTo(stored);
        if (auto valid = validate(merged, path); !valid) {
            Error error = valid.error();
            error.message = operation + u": "_s + error.message;
            return fail(error);
        }
        ImportChange change;
        change.type = u"customer"_s;
        change.id = merged.id.isEmpty() ? merged.email : merged.id;
        if (!row->isValid()) {
            change.kind = ImportChange::Kind::Created;
        } else {
            change.fields = changedFields(stored, merged);
            change.kind = change.fields.isEmpty() ? ImportChange::Kind::Unchanged
                                                  : ImportChange::Kind::Changed;
        }
        report.changes.append(change);
        if (change.kind == ImportChange::Kind::Unchanged)
            continue;
        if (auto done = upsertCustomer(merged, path, operation); !done)
            return fail(done.error());
    }
    if (dryRun)
        return report; // rolled back
    if (auto committed = transaction->commit(); !committed)
        return fail(committed.error());
    qCInfo(lcStore).noquote() << "merged" << patches.size()
                              << (patches.size() == 1 ? "customer profile" : "customer profiles");
    return report;
}

CustomerProfile CustomerPatch::applyTo(const CustomerProfile &stored) const
{
    CustomerProfile p = stored;
    if (!profile.id.isEmpty())
        p.id = profile.id;
    if (!profile.email.isEmpty())
        p.email = profile.email;
    if (fields & LoyaltyTier)
        p.loyaltyTier = profile.loyaltyTier;
    if (fields & OrderCount)
        p.orderCount = profile.orderCount;
    if (fields & Tags)
        p.tags = profile.tags;
    if (fields & LifetimeSpend) {
        p.lifetimeSpend = profile.lifetimeSpend;
    } else {
        for (const QString &code : spendCurrencies)
            if (const auto amount = profile.lifetimeSpend.value(code))
                p.lifetimeSpend.set(code, *amount);
    }
    if (fields & Metadata) {
        p.metadata = profile.metadata;
    } else {
        for (const QString &key : metadataKeys)
            if (profile.metadata.contains(key))
                p.metadata.insert(key, profile.metadata.value(key));
    }
    return p;
}

} // namespace remise
