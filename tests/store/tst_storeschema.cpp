// The SQLite store's schema and maintenance: migrations (fresh, from an older schema holding
// data, failing, concurrent), refusing a newer schema, check() and backup().

#include "storetest.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::storetest;

class TestStoreSchema : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString newPath() { return m_dir.filePath(u"db%1/remise.db"_s.arg(++m_files)); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void migratesAFreshDatabaseAndCreatesItsDirectory()
    {
        const QString path = newPath(); // its directory does not exist yet
        auto opened = SqliteStore::open(path);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().describe()));
        SqliteStore &store = **opened;
        QCOMPARE(store.schemaVersion().value(), 0);
        // Nothing works before migrating, and the error says what to do.
        const auto early = store.loadRules();
        QVERIFY(!early);
        QCOMPARE(early.error().code, errc::schemaOutdated);
        QVERIFY(early.error().message.contains(u"migrate"_s));

        QVERIFY(store.migrate());
        QVERIFY(Store::latestSchemaVersion() >= 3);
        QCOMPARE(store.schemaVersion().value(), Store::latestSchemaVersion());
        QCOMPARE(rawSql(path, {u"SELECT count(*) FROM schema_migrations"_s}).toInt(),
                 Store::latestSchemaVersion());
        QVERIFY(store.migrate()); // again: nothing to do
        QCOMPARE(store.schemaVersion().value(), Store::latestSchemaVersion());
        QCOMPARE(rawSql(path, {u"PRAGMA journal_mode"_s}).toString(), u"wal"_s);
        QVERIFY(store.loadRules().value().campaigns.isEmpty());
    }

    void migratesFromOlderSchemasKeepingTheirData()
    {
        const QString path = newPath();
        const CampaignSet rules = exampleRules();
        CustomerProfile claire;
        claire.id = u"cus_claire"_s;
        claire.email = u"claire@example.org"_s;
        claire.lifetimeSpend.set(u"eur"_s, 84000);
        claire.tags = {u"newsletter"_s};
        QString revision;
        {
            // Version 1 holds the rule book and customers; later features are refused.
            auto store = openStore(path, 1);
            QVERIFY(store);
            QCOMPARE(store->schemaVersion().value(), 1);
            QVERIFY(store->replaceRules(rules));
            QVERIFY(store->importCustomers({claire}));
            revision = store->rulesRevision().value();
            const auto reserved = store->reserve(u"cs_test_1"_s, u"d1"_s, u"cus_claire"_s, u"eur"_s,
                                                 {{u"bf-2026"_s, 100}}, 1000, 2000);
            QVERIFY(!reserved);
            QCOMPARE(reserved.error().code, errc::schemaOutdated);
            QVERIFY(!tableExists(path, u"reservations"_s));
        }
        {
            // Version 2 adds limits and the activity log.
            auto store = openStore(path, 2);
            QVERIFY(store);
            QVERIFY(store->commitRedemptions(u"cs_test_done"_s, u"d0"_s, u"cus_claire"_s, u"eur"_s,
                                             {{u"bf-2026"_s, 1500}}, 500));
            QVERIFY(store->reserve(u"cs_test_open"_s, u"d1"_s, u"cus_other"_s, u"eur"_s,
                                   {{u"bf-2026"_s, 700}}, 1000, 9000));
            ActivityEntry entry;
            entry.atMs = 1000;
            entry.actor = u"cli"_s;
            entry.action = u"apply"_s;
            entry.outcome = u"applied"_s;
            QVERIFY(store->appendActivity(entry));
            QCOMPARE(store->sessionCode(u"cs_test_open"_s).error().code, errc::schemaOutdated);
        }
        // Upgrading to the latest keeps everything readable and unchanged.
        auto store = openStore(path);
        QVERIFY(store);
        QCOMPARE(store->schemaVersion().value(), Store::latestSchemaVersion());
        QCOMPARE(store->loadRules().value(), rules);
        QCOMPARE(store->rulesRevision().value(), revision);
        QCOMPARE(store->findCustomer(QString(), u"CLAIRE@example.org"_s).value(), claire);
        const auto usage = store->usage(u"cs_test_new"_s, u"cus_claire"_s, 2000).value();
        QCOMPARE(usage.value(u"bf-2026"_s).redemptions, 2);
        QCOMPARE(usage.value(u"bf-2026"_s).customerRedemptions, 1);
        QCOMPARE(usage.value(u"bf-2026"_s).budgetUsed.value(u"eur"), 2200);
        QCOMPARE(store->activity({}).value().size(), 1);
        QVERIFY(store->setSessionCode(u"cs_test_open"_s, u"WELCOME10"_s, 3000));
        QCOMPARE(store->check().value(), QStringList());
    }

    void aFailingMigrationLeavesThePreviousVersion()
    {
        const QString path = newPath();
        {
            auto store = openStore(path, 1);
            QVERIFY(store);
            QVERIFY(store->replaceRules(exampleRules()));
        }
        // Something else took a name version 2 needs, after version 2 has created other tables.
        rawSql(path, {u"CREATE TABLE activity (x INTEGER)"_s});
        auto opened = SqliteStore::open(path);
        QVERIFY(opened);
        const auto migrated = (*opened)->migrate();
        QVERIFY(!migrated);
        QCOMPARE(migrated.error().code, errc::database);
        QVERIFY2(migrated.error().message.contains(u"schema version 2"_s),
                 qPrintable(migrated.error().message));
        QCOMPARE((*opened)->schemaVersion().value(), 1);
        QVERIFY(!tableExists(path, u"redemptions"_s)); // created by the failed step, rolled back
        QCOMPARE((*opened)->loadRules().value(), exampleRules());

        rawSql(path, {u"DROP TABLE activity"_s});
        QVERIFY((*opened)->migrate());
        QCOMPARE((*opened)->schemaVersion().value(), Store::latestSchemaVersion());
    }

    void neverDowngrades()
    {
        const QString path = newPath();
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY(store->migrateTo(1));
        QCOMPARE(store->schemaVersion().value(), Store::latestSchemaVersion());
        QCOMPARE(store->migrateTo(Store::latestSchemaVersion() + 1).error().code,
                 errc::invalidValue);
    }

    void refusesASchemaNewerThanItKnows()
    {
        const QString path = newPath();
        QVERIFY(openStore(path));
        const int newer = Store::latestSchemaVersion() + 1;
        rawSql(path,
               {u"INSERT INTO schema_migrations (version, applied_at) VALUES (%1, 'later')"_s.arg(
                   newer)});
        const auto opened = SqliteStore::open(path);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, errc::schemaTooNew);
        QVERIFY(opened.error().message.contains(QString::number(newer)));
        QVERIFY(opened.error().message.contains(path));
        QCOMPARE(rawSql(path, {u"SELECT max(version) FROM schema_migrations"_s}).toInt(), newer);
    }

    void twoInstancesMigratingAtOnceApplyEachStepOnce()
    {
        const QString path = newPath();
        auto a = SqliteStore::open(path);
        auto b = SqliteStore::open(path);
        QVERIFY(a && b);
        QVERIFY((*a)->migrate());
        QVERIFY((*b)->migrate()); // finds the work done
        QCOMPARE(rawSql(path, {u"SELECT count(*) FROM schema_migrations"_s}).toInt(),
                 Store::latestSchemaVersion());
    }

    void refusesAFileThatIsNotADatabase()
    {
        const QString path = m_dir.filePath(u"not-a-database.db"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        const auto opened = SqliteStore::open(path);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, errc::database);
        QVERIFY(opened.error().message.contains(path));
    }

    void checkFindsAHealthyStoreHealthy()
    {
        auto store = openStore(newPath());
        QVERIFY(store);
        QCOMPARE(store->check().value(), QStringList());
        QVERIFY(store->replaceRules(exampleRules()));
        QCOMPARE(store->check().value(), QStringList());
    }

    void checkReportsProblems()
    {
        const QString path = newPath();
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY(store->replaceRules(exampleRules()));
        // Written behind the store's back with foreign keys off: a link to a missing segment,
        // and a reward the file format refuses.
        rawSql(path, {u"INSERT INTO campaign_segments VALUES ('bf-2026', 'ghost')"_s,
                      u"UPDATE campaigns SET reward = '{\"type\":\"percent_off\",\"percent\":250}' "
                      u"WHERE id = 'welcome10'"_s});
        const QStringList problems = store->check().value();
        QCOMPARE(problems.size(), 2);
        QVERIFY2(problems.at(0).startsWith(u"foreign key:"_s), qPrintable(problems.join(u'\n')));
        QVERIFY2(problems.at(1).contains(u"welcome10"_s), qPrintable(problems.join(u'\n')));
        // And reading the rules refuses what the format would refuse.
        const auto rules = store->loadRules();
        QVERIFY(!rules);
        QCOMPARE(rules.error().code, errc::database);
        QVERIFY(rules.error().message.contains(u"welcome10"_s));
    }

    void backupCopiesTheDatabaseAndNeverOverwrites()
    {
        auto store = openStore(newPath());
        QVERIFY(store);
        QVERIFY(store->replaceRules(exampleRules()));
        QVERIFY(store->importCustomers({CustomerProfile{
            u"cus_1"_s, u"a@example.org"_s, u"gold"_s, 3, {{u"eur"_s, 100}}, {}, {}}}));
        const QString copy = m_dir.filePath(u"backups/nested/copy.db"_s);
        const auto done = store->backup(copy);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().describe()));
        {
            auto restored = openStore(copy);
            QVERIFY(restored);
            QCOMPARE(restored->loadRules().value(), exampleRules());
            QCOMPARE(restored->rulesRevision().value(), store->rulesRevision().value());
            QCOMPARE(restored->customers().value(), store->customers().value());
            QCOMPARE(restored->check().value(), QStringList());
        }
        const QByteArray before = [&] {
            QFile f(copy);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(store->saveSegment(Segment{u"late"_s, u"Late"_s, Segment::Match::All, {}}));
        const auto again = store->backup(copy);
        QVERIFY(!again);
        QCOMPARE(again.error().code, errc::conflict);
        QFile f(copy);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }
};

QTEST_GUILESS_MAIN(TestStoreSchema)
#include "tst_storeschema.moc"
