// SqliteStore: importing a rule book (merged by id, or replaced), and import reports.

#include "campaignfile.h"
#include "json.h"
#include "logging.h"
#include "migrations.h"
#include "sqlitestore.h"
#include "sqlsupport.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using remise::sqlite::run;
using remise::sqlite::Transaction;

namespace remise {

namespace {

/// The paths where two JSON values differ ("reward.percent", "conditions"), down to `depth`
/// levels of objects.
void diff(const QJsonValue &a, const QJsonValue &b, const QString &path, int depth,
          QStringList &out)
{
    if (a == b)
        return;
    if (depth > 0 && a.isObject() && b.isObject()) {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        QStringList keys = x.keys() + y.keys();
        keys.sort();
        keys.removeDuplicates();
        for (const QString &key : std::as_const(keys))
            diff(x.value(key), y.value(key), path.isEmpty() ? key : path + u'.' + key, depth - 1,
                 out);
        return;
    }
    out.append(path);
}

template<class T, class ToJson>
void compare(const QList<T> &before, const QList<T> &after, const QString &type, ToJson toJson,
             ImportReport &report, const QSet<QString> &named)
{
    QHash<QString, const T *> old;
    for (const T &item : before)
        old.insert(item.id, &item);
    QSet<QString> kept;
    for (const T &item : after) {
        kept.insert(item.id);
        if (!named.contains(item.id))
            continue; // neither in the file nor removed: not part of the report
        ImportChange change{type, item.id, ImportChange::Kind::Created, {}};
        if (const T *was = old.value(item.id)) {
            diff(toJson(*was), toJson(item), QString(), 2, change.fields);
            change.kind = change.fields.isEmpty() ? ImportChange::Kind::Unchanged
                                                  : ImportChange::Kind::Changed;
        }
        report.changes.append(change);
    }
    for (const T &item : before)
        if (!kept.contains(item.id))
            report.changes.append({type, item.id, ImportChange::Kind::Removed, {}});
}

/// `incoming`'s items replace the stored ones with the same id, in place; new ones follow.
template<class T>
QList<T> mergeById(const QList<T> &stored, const QList<T> &incoming)
{
    QList<T> merged = stored;
    for (const T &item : incoming) {
        const auto it = std::find_if(merged.begin(), merged.end(),
                                     [&item](const T &x) { return x.id == item.id; });
        if (it != merged.end())
            *it = item;
        else
            merged.append(item);
    }
    return merged;
}

} // namespace

QString ImportChange::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Created:
        return u"created"_s;
    case Kind::Changed:
        return u"changed"_s;
    case Kind::Unchanged:
        return u"unchanged"_s;
    case Kind::Removed:
        return u"removed"_s;
    }
    return {};
}

int ImportReport::count(const QString &type, ImportChange::Kind kind) const
{
    return int(std::count_if(changes.begin(), changes.end(), [&](const ImportChange &c) {
        return c.type == type && c.kind == kind;
    }));
}

QJsonObject ImportReport::toJson(const QStringList &types) const
{
    QJsonObject object{{u"dry_run"_s, dryRun}};
    for (const QString &type : types) {
        QJsonObject counts;
        for (const auto kind : {ImportChange::Kind::Created, ImportChange::Kind::Changed,
                                ImportChange::Kind::Unchanged, ImportChange::Kind::Removed})
            counts.insert(ImportChange::kindName(kind), count(type, kind));
        object.insert(type + u's', counts);
    }
    QJsonArray list;
    for (const ImportChange &c : changes) {
        QJsonObject item{
            {u"type"_s, c.type}, {u"id"_s, c.id}, {u"change"_s, ImportChange::kindName(c.kind)}};
        if (c.kind == ImportChange::Kind::Changed)
            item.insert(u"fields"_s, QJsonArray::fromStringList(c.fields));
        list.append(item);
    }
    object.insert(u"changes"_s, list);
    return object;
}

Result<ImportReport> SqliteStore::importRules(const CampaignSet &rules, bool replace, bool dryRun)
{
    const QString operation = u"cannot import the rules"_s;
    if (auto ready = require(sqlite::schema::rules, operation); !ready)
        return fail(ready.error());
    // Read, merge, then write only if nobody changed the rules meanwhile (the revision, checked
    // again inside the write transaction); otherwise start over from the new rules.
    for (int attempt = 0; attempt < 5; ++attempt) {
        const auto revision = rulesRevision();
        if (!revision)
            return fail(revision.error());
        const auto stored = loadRules();
        if (!stored)
            return fail(stored.error());
        CampaignSet merged = rules;
        if (!replace) {
            merged.segments = mergeById(stored->segments, rules.segments);
            merged.campaigns = mergeById(stored->campaigns, rules.campaigns);
        }
        // The whole merged set through the file format's checks: nothing it refuses is stored.
        if (auto valid = campaignfile::parse(campaignfile::toJson(merged)); !valid) {
            Error error = valid.error();
            error.message = operation + u": the merged rule book is invalid: "_s + error.message;
            return fail(error);
        }

        ImportReport report;
        report.dryRun = dryRun;
        QSet<QString> segmentIds;
        QSet<QString> campaignIds;
        for (const Segment &s : rules.segments)
            segmentIds.insert(s.id);
        for (const Campaign &c : rules.campaigns)
            campaignIds.insert(c.id);
        compare(stored->segments, merged.segments, u"segment"_s, campaignfile::segmentToJson,
                report, segmentIds);
        compare(stored->campaigns, merged.campaigns, u"campaign"_s, campaignfile::campaignToJson,
                report, campaignIds);
        const bool changes = std::any_of(report.changes.begin(), report.changes.end(),
                                         [](const ImportChange &c) {
                                             return c.kind != ImportChange::Kind::Unchanged;
                                         }) ||
                             stored->segments.size() != merged.segments.size() ||
                             stored->campaigns.size() != merged.campaigns.size();
        if (dryRun || !changes)
            return report;

        auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
        if (!transaction)
            return fail(transaction.error());
        const auto now = rulesRevision();
        if (!now)
            return fail(now.error());
        if (*now != *revision)
            continue; // rolled back; merge again with what the other writer saved
        for (const QString &sql : {u"DELETE FROM campaign_segments"_s, u"DELETE FROM campaigns"_s,
                                   u"DELETE FROM segments"_s}) {
            if (auto done = run(m_db, operation, sql); !done)
                return fail(done.error());
        }
        for (const Segment &segment : std::as_const(merged.segments)) {
            if (auto written = writeSegment(segment, operation); !written)
                return fail(written.error());
        }
        for (const Campaign &campaign : std::as_const(merged.campaigns)) {
            if (auto written = writeCampaign(campaign, operation); !written)
                return fail(written.error());
        }
        if (auto bumped = bumpRulesRevision(operation); !bumped)
            return fail(bumped.error());
        if (auto committed = transaction->commit(); !committed)
            return fail(committed.error());
        qCInfo(lcStore) << "rules imported:" << merged.segments.size() << "segments,"
                        << merged.campaigns.size() << "campaigns";
        return report;
    }
    return fail(errc::conflict,
                operation + u": the rules kept changing while importing; try again"_s);
}

} // namespace remise
