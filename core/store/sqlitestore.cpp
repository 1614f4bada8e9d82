// SqliteStore: opening, schema, maintenance and the rule book. Customers, limits, session codes,
// webhook events and the activity log are in sqlitestoredata.cpp.

#include "sqlitestore.h"

#include "campaignfile.h"
#include "logging.h"
#include "migrations.h"
#include "sqlsupport.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QSqlError>

#include <atomic>

using namespace Qt::StringLiterals;
using remise::sqlite::ReadScope;
using remise::sqlite::run;
using remise::sqlite::scalar;
using remise::sqlite::Transaction;

namespace remise {

namespace {

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

} // namespace

int Store::latestSchemaVersion()
{
    return int(sqlite::migrations().size());
}

// --- opening -----------------------------------------------------------------------------------

SqliteStore::SqliteStore(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_db(QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName))
{
    m_db.setDatabaseName(m_path);
}

SqliteStore::~SqliteStore()
{
    sqlite::forgetStatements(m_connectionName);
    m_db.close();
    m_db = QSqlDatabase(); // no handle may remain when the connection is removed
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const QString &path)
{
    if (path.isEmpty())
        return fail(errc::invalidValue, u"cannot open the database: no path given"_s);
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(errc::io, u"cannot open the database %1: cannot create the directory %2"_s.arg(
                                  path, info.absolutePath()));

    // Connection names are process-wide in QtSql; each instance gets its own.
    static std::atomic<int> instances = 0;
    const QString name = u"remise.store.%1"_s.arg(++instances);
    std::unique_ptr<SqliteStore> store(new SqliteStore(info.absoluteFilePath(), name));
    const QString operation = u"cannot open the database %1"_s.arg(path);
    if (!store->m_db.open())
        return fail(sqlite::databaseError(operation, store->m_db.lastError()));
    if (auto configured = store->configure(); !configured)
        return fail(configured.error());
    auto version = store->readVersion(operation);
    if (!version)
        return fail(version.error());
    if (*version > latestSchemaVersion())
        return fail(errc::schemaTooNew,
                    u"%1: it has schema version %2, written by a newer Remise; this one knows "
                    u"versions up to %3 and never downgrades a database"_s.arg(operation)
                        .arg(*version)
                        .arg(latestSchemaVersion()));
    store->m_version = *version;
    qCDebug(lcStore) << "opened" << store->m_path << "schema version" << *version;
    return store;
}

Status SqliteStore::configure()
{
    const QString operation = u"cannot open the database %1"_s.arg(m_path);
    // The busy timeout first: switching to WAL needs a lock another process may hold.
    for (const QString &pragma : {u"PRAGMA busy_timeout = 5000"_s, u"PRAGMA foreign_keys = ON"_s,
                                  u"PRAGMA synchronous = NORMAL"_s,
                                  // A log that grew under a burst of writes is cut back to
                                  // 64 MiB when it starts over (walcheckpointer.h).
                                  u"PRAGMA journal_size_limit = 67108864"_s}) {
        if (auto done = run(m_db, operation, pragma); !done)
            return fail(done.error());
    }
    auto mode = scalar(m_db, operation, u"PRAGMA journal_mode = WAL"_s);
    if (!mode)
        return fail(mode.error());
    if (mode->toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        qCWarning(lcStore) << "the database" << m_path << "cannot use WAL (journal mode"
                           << mode->toString() << "); readers may wait for writers";
    return {};
}

Status SqliteStore::setAutoCheckpoint(bool on)
{
    // 1000 pages is SQLite's default.
    if (auto done =
            run(m_db, u"cannot change the checkpoints of the database %1"_s.arg(m_path),
                on ? u"PRAGMA wal_autocheckpoint = 1000"_s : u"PRAGMA wal_autocheckpoint = 0"_s);
        !done)
        return fail(done.error());
    return {};
}

// --- schema ------------------------------------------------------------------------------------

Result<int> SqliteStore::readVersion(const QString &operation)
{
    auto exists = scalar(m_db, operation,
                         u"SELECT count(*) FROM sqlite_master "
                         u"WHERE type = 'table' AND name = 'schema_migrations'"_s);
    if (!exists)
        return fail(exists.error());
    if (exists->toInt() == 0)
        return 0;
    auto version =
        scalar(m_db, operation, u"SELECT coalesce(max(version), 0) FROM schema_migrations"_s);
    if (!version)
        return fail(version.error());
    return version->toInt();
}

Result<int> SqliteStore::schemaVersion()
{
    auto version = readVersion(u"cannot read the schema version"_s);
    if (version)
        m_version = *version;
    return version;
}

Status SqliteStore::require(int version, const QString &operation)
{
    if (m_version >= version)
        return {};
    auto current = readVersion(operation);
    if (!current)
        return fail(current.error());
    m_version = *current;
    if (m_version >= version)
        return {};
    return fail(errc::schemaOutdated,
                u"%1: the database has schema version %2 and this needs version %3; run "
                u"\"remise-server db migrate\""_s.arg(operation)
                    .arg(m_version)
                    .arg(version));
}

Status SqliteStore::migrate()
{
    return migrateTo(latestSchemaVersion());
}

Status SqliteStore::migrateTo(int target)
{
    const int latest = latestSchemaVersion();
    if (target < 0 || target > latest)
        return fail(
            errc::invalidValue,
            u"cannot migrate to schema version %1: versions go from 0 to %2"_s.arg(target).arg(
                latest));
    for (;;) {
        const QString operation = u"cannot migrate the database %1"_s.arg(m_path);
        // One transaction per step, holding the write lock, so two processes migrating at once
        // apply each step once: the second sees the first's version when it gets the lock.
        auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
        if (!transaction)
            return fail(transaction.error());
        auto current = readVersion(operation);
        if (!current)
            return fail(current.error());
        if (*current > latest)
            return fail(
                errc::schemaTooNew,
                u"%1: it has schema version %2, newer than this Remise knows (%3)"_s.arg(operation)
                    .arg(*current)
                    .arg(latest));
        m_version = *current;
        if (*current >= target)
            return {};

        const sqlite::Migration &step = sqlite::migrations().at(*current);
        const QString stepOperation =
            u"cannot migrate the database %1 to schema version %2 (%3)"_s.arg(m_path)
                .arg(step.version)
                .arg(step.description);
        auto table = run(m_db, stepOperation,
                         u"CREATE TABLE IF NOT EXISTS schema_migrations ("
                         u"version INTEGER PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)"_s);
        if (!table)
            return fail(table.error());
        for (const QString &statement : step.statements) {
            if (auto done = run(m_db, stepOperation, statement); !done)
                return fail(done.error()); // rolled back: the previous version stays intact
        }
        auto recorded =
            run(m_db, stepOperation,
                u"INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"_s,
                {step.version, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
        if (!recorded)
            return fail(recorded.error());
        if (auto committed = transaction->commit(); !committed)
            return fail(committed.error());
        m_version = step.version;
        qCInfo(lcStore) << "database" << m_path << "migrated to schema version" << step.version;
    }
}

// --- maintenance -------------------------------------------------------------------------------

Result<QStringList> SqliteStore::check()
{
    const QString operation = u"cannot check the database %1"_s.arg(m_path);
    QStringList problems;
    {
        auto integrity = run(m_db, operation, u"PRAGMA integrity_check"_s);
        if (!integrity)
            return fail(integrity.error());
        while (integrity->next()) {
            const QString line = integrity->value(0).toString();
            if (line != u"ok")
                problems.append(u"integrity: "_s + line);
        }
    }
    {
        auto foreignKeys = run(m_db, operation, u"PRAGMA foreign_key_check"_s);
        if (!foreignKeys)
            return fail(foreignKeys.error());
        while (foreignKeys->next())
            problems.append(u"foreign key: row %1 of %2 refers to a missing row of %3"_s.arg(
                foreignKeys->value(1).toString(), foreignKeys->value(0).toString(),
                foreignKeys->value(2).toString()));
    }
    auto version = readVersion(operation);
    if (!version)
        return fail(version.error());
    m_version = *version;
    if (*version < latestSchemaVersion())
        problems.append(u"schema: version %1, this Remise uses version %2; run \"remise-server db "
                        u"migrate\""_s.arg(*version)
                            .arg(latestSchemaVersion()));
    if (*version >= sqlite::schema::rules) {
        auto revisions = scalar(m_db, operation, u"SELECT count(*) FROM rules_revision"_s);
        if (!revisions)
            return fail(revisions.error());
        if (revisions->toInt() != 1)
            problems.append(u"rules: the revision row is missing"_s);
        // Every stored campaign and segment must still pass the file format's validation.
        if (auto rules = loadRules(); !rules)
            problems.append(u"rules: "_s + rules.error().describe());
    }
    return problems;
}

Status SqliteStore::readTogether(const std::function<Status()> &reads)
{
    auto scope = ReadScope::begin(m_db, u"cannot begin a read transaction"_s);
    if (!scope)
        return fail(scope.error());
    Status status = reads();
    if (auto ended = scope->end(); !ended && status)
        return fail(ended.error());
    return status;
}

Status SqliteStore::backup(const QString &path)
{
    const QString operation = u"cannot back up the database to %1"_s.arg(path);
    const QFileInfo info(path);
    if (info.exists())
        return fail(errc::conflict, operation + u": the file exists; refusing to overwrite it"_s);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(errc::io, operation + u": cannot create the directory"_s);
    // VACUUM INTO writes a consistent snapshot while other connections keep working.
    if (auto done = run(m_db, operation, u"VACUUM INTO ?"_s, {info.absoluteFilePath()}); !done)
        return fail(done.error());
    qCInfo(lcStore) << "backed up" << m_path << "to" << info.absoluteFilePath();
    return {};
}

// --- the rule book -----------------------------------------------------------------------------

Result<QString> SqliteStore::rulesRevision()
{
    const QString operation = u"cannot read the rules revision"_s;
    if (auto ready = require(sqlite::schema::rules, operation); !ready)
        return fail(ready.error());
    auto query = run(m_db, operation, u"SELECT counter, token FROM rules_revision WHERE id = 1"_s);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(errc::database, operation + u": the revision row is missing"_s);
    return u"%1-%2"_s.arg(query->value(0).toLongLong()).arg(query->value(1).toString());
}

Status SqliteStore::bumpRulesRevision(const QString &operation)
{
    auto bumped = run(m_db, operation,
                      u"UPDATE rules_revision SET counter = counter + 1, "
                      u"token = lower(hex(randomblob(6))) WHERE id = 1"_s);
    if (!bumped)
        return fail(bumped.error());
    if (bumped->numRowsAffected() != 1)
        return fail(errc::database, operation + u": the rules revision row is missing"_s);
    return {};
}

Result<QStringList> SqliteStore::segmentIds(const QString &operation)
{
    auto query = run(m_db, operation, u"SELECT id FROM segments ORDER BY position"_s);
    if (!query)
        return fail(query.error());
    QStringList ids;
    while (query->next())
        ids.append(query->value(0).toString());
    return ids;
}

Result<CampaignSet> SqliteStore::loadRules()
{
    const QString operation = u"cannot load the rules"_s;
    if (auto ready = require(sqlite::schema::rules, operation); !ready)
        return fail(ready.error());
    // One read transaction: segments and campaigns from the same snapshot.
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Read, operation);
    if (!transaction)
        return fail(transaction.error());
    CampaignSet set;
    {
        auto query = run(m_db, operation,
                         u"SELECT id, name, match_mode, rules FROM segments ORDER BY position"_s);
        if (!query)
            return fail(query.error());
        while (query->next()) {
            const QString id = query->value(0).toString();
            auto rules = sqlite::parseJsonText(query->value(3).toString(),
                                               u"the rules of segment %1"_s.arg(quoted(id)));
            if (!rules)
                return fail(rules.error());
            const QJsonObject object{{u"id"_s, id},
                                     {u"name"_s, query->value(1).toString()},
                                     {u"match"_s, query->value(2).toString()},
                                     {u"rules"_s, *rules}};
            auto segment =
                campaignfile::parseSegment(object, u"$.segments[%1]"_s.arg(set.segments.size()));
            if (!segment)
                return fail(errc::database, u"%1: stored segment %2 is invalid: %3"_s.arg(
                                                operation, quoted(id), segment.error().describe()));
            set.segments.append(std::move(*segment));
        }
    }
    QStringList ids;
    for (const Segment &segment : std::as_const(set.segments))
        ids.append(segment.id);
    auto campaignIds = run(m_db, operation, u"SELECT id FROM campaigns ORDER BY position"_s);
    if (!campaignIds)
        return fail(campaignIds.error());
    QStringList order;
    while (campaignIds->next())
        order.append(campaignIds->value(0).toString());
    campaignIds->finish();
    for (const QString &id : std::as_const(order)) {
        auto campaign = readCampaign(id, ids, operation);
        if (!campaign)
            return fail(campaign.error());
        set.campaigns.append(std::move(*campaign));
    }
    if (auto committed = transaction->commit(); !committed)
        return fail(committed.error());
    return set;
}

Result<Campaign> SqliteStore::readCampaign(const QString &id, const QStringList &segmentIds,
                                           const QString &operation)
{
    auto query = run(m_db, operation,
                     u"SELECT name, status, priority, stacking, starts_at, ends_at, conditions, "
                     u"reward, limits FROM campaigns WHERE id = ?"_s,
                     {id});
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(errc::notFound, u"%1: there is no campaign %2"_s.arg(operation, quoted(id)));
    QJsonObject object{{u"id"_s, id},
                       {u"name"_s, query->value(0).toString()},
                       {u"status"_s, query->value(1).toString()},
                       {u"priority"_s, query->value(2).toInt()},
                       {u"stacking"_s, query->value(3).toString()}};
    for (const auto &[column, key] : {std::pair{4, u"starts_at"_s}, std::pair{5, u"ends_at"_s}}) {
        const QVariant time = query->value(column);
        object.insert(key, time.isNull() ? QJsonValue() : QJsonValue(time.toString()));
    }
    for (const auto &[column, key] :
         {std::pair{6, u"conditions"_s}, std::pair{7, u"reward"_s}, std::pair{8, u"limits"_s}}) {
        auto value = sqlite::parseJsonText(query->value(column).toString(),
                                           u"the %1 of campaign %2"_s.arg(key, quoted(id)));
        if (!value)
            return fail(value.error());
        object.insert(key, *value);
    }
    auto campaign = campaignfile::parseCampaign(object, segmentIds, u"$.campaigns[%1]"_s.arg(id));
    if (!campaign)
        return fail(errc::database, u"%1: stored campaign %2 is invalid: %3"_s.arg(
                                        operation, quoted(id), campaign.error().describe()));
    return campaign;
}

Status SqliteStore::writeSegment(const Segment &segment, const QString &operation)
{
    const QJsonObject object = campaignfile::segmentToJson(segment);
    auto written = run(
        m_db, operation,
        u"INSERT INTO segments (id, position, name, match_mode, rules) "
        u"VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM segments), ?, ?, ?) "
        u"ON CONFLICT (id) DO UPDATE SET name = excluded.name, match_mode = excluded.match_mode, "
        u"rules = excluded.rules"_s,
        {segment.id, segment.name, object.value(u"match").toString(),
         sqlite::jsonText(object.value(u"rules"))});
    if (!written)
        return fail(written.error());
    return {};
}

Status SqliteStore::writeCampaign(const Campaign &campaign, const QString &operation)
{
    const QJsonObject object = campaignfile::campaignToJson(campaign);
    const auto time = [&object](QStringView key) {
        const QJsonValue value = object.value(key);
        return value.isString() ? QVariant(value.toString()) : QVariant();
    };
    auto written = run(
        m_db, operation,
        u"INSERT INTO campaigns (id, position, name, status, priority, stacking, starts_at, "
        u"ends_at, conditions, reward, limits) "
        u"VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM campaigns), ?, ?, ?, ?, ?, ?, ?, "
        u"?, ?) "
        u"ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, "
        u"priority = excluded.priority, stacking = excluded.stacking, "
        u"starts_at = excluded.starts_at, ends_at = excluded.ends_at, "
        u"conditions = excluded.conditions, reward = excluded.reward, limits = excluded.limits"_s,
        {campaign.id, campaign.name, object.value(u"status").toString(), campaign.priority,
         object.value(u"stacking").toString(), time(u"starts_at"), time(u"ends_at"),
         sqlite::jsonText(object.value(u"conditions")), sqlite::jsonText(object.value(u"reward")),
         sqlite::jsonText(object.value(u"limits"))});
    if (!written)
        return fail(written.error());
    auto cleared = run(m_db, operation, u"DELETE FROM campaign_segments WHERE campaign_id = ?"_s,
                       {campaign.id});
    if (!cleared)
        return fail(cleared.error());
    QSet<QString> seen;
    for (const QString &segment : campaign.conditions.segments.value_or(QStringList())) {
        if (seen.contains(segment))
            continue;
        seen.insert(segment);
        auto linked =
            run(m_db, operation,
                u"INSERT INTO campaign_segments (campaign_id, segment_id) VALUES (?, ?)"_s,
                {campaign.id, segment});
        if (!linked)
            return fail(linked.error());
    }
    return {};
}

Status SqliteStore::replaceRules(const CampaignSet &rules)
{
    const QString operation = u"cannot import the rules"_s;
    if (auto ready = require(sqlite::schema::rules, operation); !ready)
        return fail(ready.error());
    // The whole set through the file format's checks: nothing the format refuses gets stored.
    if (auto valid = campaignfile::parse(campaignfile::toJson(rules)); !valid)
        return fail(valid.error());
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    for (const QString &sql : {u"DELETE FROM campaign_segments"_s, u"DELETE FROM campaigns"_s,
                               u"DELETE FROM segments"_s}) {
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
    qCInfo(lcStore) << "rules replaced:" << rules.segments.size() << "segments,"
                    << rules.campaigns.size() << "campaigns";
    return {};
}

Status SqliteStore::saveCampaign(const Campaign &campaign)
{
    const QString operation = u"cannot save campaign %1"_s.arg(quoted(campaign.id));
    if (auto ready = require(sqlite::schema::rules, operation); !ready)
        return fail(ready.error());
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    auto ids = segmentIds(operation);
    if (!ids)
        return fail(ids.error());
    if (auto valid = campaignfile::parseCampaign(campaignfile::campaignToJson(campaign), *ids);
        !valid)
        return fail(valid.error());
    if (auto written = writeCampaign(campaign, operation); !written)
        return fail(written.error());
    if (auto bumped = bumpRulesRevision(operation); !bumped)
        return fail(bumped.error());
    return transaction->commit();
}

Status SqliteStore::deleteCampaign(const QString &id)
{
    const QString operation = u"cannot delete campaign %1"_s.arg(quoted(id));
    if (auto ready = require(sqlite::schema::rules, operation); !ready)
        return fail(ready.error());
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    auto deleted = run(m_db, operation, u"DELETE FROM campaigns WHERE id = ?"_s, {id});
    if (!deleted)
        return fail(deleted.error());
    if (deleted->numRowsAffected() == 0)
        return fail(errc::notFound, operation + u": there is no such campaign"_s, id);
    if (auto bumped = bumpRulesRevision(operation); !bumped)
        return fail(bumped.error());
    return transaction->commit();
}

Status SqliteStore::saveSegment(const Segment &segment)
{
    const QString operation = u"cannot save segment %1"_s.arg(quoted(segment.id));
    if (auto ready = require(sqlite::schema::rules, operation); !ready)
        return fail(ready.error());
    if (auto valid = campaignfile::parseSegment(campaignfile::segmentToJson(segment)); !valid)
        return fail(valid.error());
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    if (auto written = writeSegment(segment, operation); !written)
        return fail(written.error());
    if (auto bumped = bumpRulesRevision(operation); !bumped)
        return fail(bumped.error());
    return transaction->commit();
}

Status SqliteStore::deleteSegment(const QString &id)
{
    const QString operation = u"cannot delete segment %1"_s.arg(quoted(id));
    if (auto ready = require(sqlite::schema::rules, operation); !ready)
        return fail(ready.error());
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    QStringList users;
    {
        auto query = run(m_db, operation,
                         u"SELECT campaign_id FROM campaign_segments WHERE segment_id = ? "
                         u"ORDER BY campaign_id"_s,
                         {id});
        if (!query)
            return fail(query.error());
        while (query->next())
            users.append(quoted(query->value(0).toString()));
    }
    if (!users.isEmpty())
        return fail(errc::conflict,
                    u"%1: campaign%2 %3 still use%4 it"_s.arg(
                        operation, users.size() > 1 ? u"s"_s : QString(), users.join(u", "),
                        users.size() > 1 ? QString() : u"s"_s),
                    id);
    auto deleted = run(m_db, operation, u"DELETE FROM segments WHERE id = ?"_s, {id});
    if (!deleted)
        return fail(deleted.error());
    if (deleted->numRowsAffected() == 0)
        return fail(errc::notFound, operation + u": there is no such segment"_s, id);
    if (auto bumped = bumpRulesRevision(operation); !bumped)
        return fail(bumped.error());
    return transaction->commit();
}

} // namespace remise
