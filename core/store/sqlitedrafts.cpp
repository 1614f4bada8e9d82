// The rules draft of SqliteStore: edits kept apart from the live rule book until published.

#include "campaignfile.h"
#include "logging.h"
#include "migrations.h"
#include "sqlitestore.h"
#include "sqlsupport.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;
using remise::sqlite::run;
using remise::sqlite::Transaction;

namespace remise {

namespace {

QString kindName(DraftItem::Kind kind)
{
    return kind == DraftItem::Kind::Campaign ? u"campaign"_s : u"segment"_s;
}

QVariant objectText(const std::optional<QJsonObject> &object)
{
    return object ? QVariant(sqlite::jsonText(*object)) : QVariant();
}

Result<std::optional<QJsonObject>> readObject(const QVariant &value, const QString &what)
{
    if (value.isNull())
        return std::optional<QJsonObject>();
    auto parsed = sqlite::parseJsonText(value.toString(), what);
    if (!parsed)
        return fail(parsed.error());
    if (!parsed->isObject())
        return fail(errc::database, what + u" is not a JSON object"_s);
    return std::optional<QJsonObject>(parsed->toObject());
}

} // namespace

Result<QList<DraftItem>> SqliteStore::draftItems()
{
    const QString operation = u"cannot read the rules draft"_s;
    if (auto ready = require(sqlite::schema::drafts, operation); !ready)
        return fail(ready.error());
    auto query = run(m_db, operation,
                     u"SELECT kind, item_key, position, base_json, saved_json, working_json, "
                     u"deleted, base_revision, updated_ms, updated_by FROM rule_drafts "
                     u"ORDER BY kind = 'campaign', position, item_key"_s);
    if (!query)
        return fail(query.error());
    QList<DraftItem> items;
    while (query->next()) {
        DraftItem item;
        item.kind = query->value(0).toString() == u"campaign" ? DraftItem::Kind::Campaign
                                                              : DraftItem::Kind::Segment;
        item.key = query->value(1).toString();
        item.position = query->value(2).toLongLong();
        const QString what =
            u"%1: draft of %2 \"%3\""_s.arg(operation, kindName(item.kind), item.key);
        auto base = readObject(query->value(3), what);
        auto saved = readObject(query->value(4), what);
        auto working = readObject(query->value(5), what);
        if (!base)
            return fail(base.error());
        if (!saved)
            return fail(saved.error());
        if (!working)
            return fail(working.error());
        item.base = *base;
        item.saved = *saved;
        item.working = *working;
        item.deleted = query->value(6).toInt() != 0;
        item.baseRevision = query->value(7).toString();
        item.updatedMs = query->value(8).toLongLong();
        item.updatedBy = query->value(9).toString();
        items.append(item);
    }
    return items;
}

Status SqliteStore::saveDraftItem(const DraftItem &item)
{
    const QString operation =
        u"cannot save the draft of %1 \"%2\""_s.arg(kindName(item.kind), item.key);
    if (auto ready = require(sqlite::schema::drafts, operation); !ready)
        return fail(ready.error());
    if (item.key.isEmpty())
        return fail(errc::invalidValue, operation + u": the item has no key"_s);
    auto written = run(
        m_db, operation,
        u"INSERT INTO rule_drafts (kind, item_key, position, base_json, saved_json, working_json, "
        u"deleted, base_revision, updated_ms, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        u"ON CONFLICT (kind, item_key) DO UPDATE SET position = excluded.position, "
        u"base_json = excluded.base_json, saved_json = excluded.saved_json, "
        u"working_json = excluded.working_json, deleted = excluded.deleted, "
        u"base_revision = excluded.base_revision, updated_ms = excluded.updated_ms, "
        u"updated_by = excluded.updated_by"_s,
        {kindName(item.kind), item.key, item.position, objectText(item.base),
         objectText(item.saved), objectText(item.working), item.deleted ? 1 : 0, item.baseRevision,
         item.updatedMs, item.updatedBy});
    if (!written)
        return fail(written.error());
    return {};
}

Status SqliteStore::discardDraftItem(DraftItem::Kind kind, const QString &key)
{
    const QString operation = u"cannot discard the draft of %1 \"%2\""_s.arg(kindName(kind), key);
    if (auto ready = require(sqlite::schema::drafts, operation); !ready)
        return fail(ready.error());
    auto done = run(m_db, operation, u"DELETE FROM rule_drafts WHERE kind = ? AND item_key = ?"_s,
                    {kindName(kind), key});
    if (!done)
        return fail(done.error());
    return {};
}

Status SqliteStore::publishRules(const CampaignSet &rules, const QString &expectedRevision)
{
    const QString operation = u"cannot publish the draft"_s;
    if (auto ready = require(sqlite::schema::drafts, operation); !ready)
        return fail(ready.error());
    if (auto valid = campaignfile::parse(campaignfile::toJson(rules)); !valid)
        return fail(valid.error());
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    // Inside the write transaction: nobody can change the rules between this check and commit.
    auto revision = rulesRevision();
    if (!revision)
        return fail(revision.error());
    if (*revision != expectedRevision)
        return fail(errc::conflict,
                    u"%1: the live rules changed meanwhile (revision %2, expected %3); review "
                    u"the draft against them again"_s.arg(operation, *revision, expectedRevision));
    for (const QString &sql : {u"DELETE FROM campaign_segments"_s, u"DELETE FROM campaigns"_s,
                               u"DELETE FROM segments"_s, u"DELETE FROM rule_drafts"_s}) {
        if (auto done = run(m_db, operation, sql); !done)
            return fail(done.error());
    }
    for (const Segment &segment : rules.segments) {
        if (auto written = writeSegment(segment, operation); !written)
            return fail(written.error());
    }
    for (const Campaign &campaign : rules.campaigns) {
        if (auto written = writeCampaign(campaign, operation); !written)
            return fail(written.error());
    }
    if (auto bumped = bumpRulesRevision(operation); !bumped)
        return fail(bumped.error());
    if (auto committed = transaction->commit(); !committed)
        return fail(committed.error());
    qCInfo(lcStore) << "draft published:" << rules.segments.size() << "segments,"
                    << rules.campaigns.size() << "campaigns";
    return {};
}

} // namespace remise
