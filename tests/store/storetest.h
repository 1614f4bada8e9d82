#pragma once

// Helpers shared by the store's tests: stores on temporary files, the worked example rules, and
// raw access to the file "behind the store's back", as another program or an older Remise would.

#include "campaignfile.h"
#include "sqlitestore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

namespace remise::storetest {

/// Opens the store at `path` and migrates it to `version` (the latest by default); null on
/// failure, with the reason printed.
inline std::unique_ptr<SqliteStore> openStore(const QString &path, int version = -1)
{
    auto store = SqliteStore::open(path);
    if (!store) {
        qWarning().noquote() << "open failed:" << store.error().describe();
        return nullptr;
    }
    const auto migrated = (*store)->migrateTo(version < 0 ? Store::latestSchemaVersion() : version);
    if (!migrated) {
        qWarning().noquote() << "migration failed:" << migrated.error().describe();
        return nullptr;
    }
    return std::move(*store);
}

inline CampaignSet exampleRules()
{
    auto rules = campaignfile::load(QStringLiteral(REMISE_TEST_DATA "/examples/campaigns.json"));
    if (!rules)
        qFatal("the example rules do not load: %s", qPrintable(rules.error().describe()));
    return *rules;
}

inline CampaignSet parseRules(const char *json)
{
    auto rules = campaignfile::parse(QByteArray(json), QStringLiteral("test rules"));
    if (!rules)
        qFatal("test rules do not parse: %s", qPrintable(rules.error().describe()));
    return *rules;
}

/// Runs statements on the file through a connection of its own, foreign keys off, as a tool
/// outside Remise would. Returns the value of the last statement's first column (if any).
inline QVariant rawSql(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("storetest.raw");
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("raw open failed: %s", qPrintable(db.lastError().text()));
        for (const QString &sql : statements) {
            QSqlQuery query(db);
            if (!query.exec(sql))
                qFatal("raw SQL failed: %s: %s", qPrintable(sql),
                       qPrintable(query.lastError().text()));
            result = query.next() ? query.value(0) : QVariant();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

inline bool tableExists(const QString &path, const QString &table)
{
    const QVariant names = rawSql(
        path,
        {QStringLiteral("SELECT group_concat(name, ' ') FROM sqlite_master WHERE type = 'table'")});
    return names.toString().split(u' ').contains(table);
}

} // namespace remise::storetest
