// The SQLite store's rule book: round trips, all-or-nothing imports, the rules revision seen
// across instances, edits of single campaigns and segments.

#include "storetest.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::storetest;

namespace {

const char *twoCampaigns = R"({"format": "remise/1",
  "segments": [{"id": "vip", "name": "VIP", "match": "all",
                "rules": [{"field": "tags", "op": "contains", "value": "vip"}]},
               {"id": "fr", "name": "France", "match": "all",
                "rules": [{"field": "country", "op": "eq", "value": "FR"}]}],
  "campaigns": [
    {"id": "zeta", "name": "Zeta", "status": "active", "priority": 1, "stacking": "exclusive",
     "starts_at": null, "ends_at": null, "conditions": {"segments": ["vip"]},
     "reward": {"type": "percent_off", "percent": 12.5}, "limits": {}},
    {"id": "alpha", "name": "Alpha", "status": "draft", "priority": 2, "stacking": "stackable",
     "starts_at": "2026-01-01T00:00:00-05:00", "ends_at": null, "conditions": {},
     "reward": {"type": "amount_off", "amount_off": {"usd": 500}}, "limits": {"max_redemptions": 3}}
  ]})";

} // namespace

class TestStoreRules : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<SqliteStore> m_store;

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        static int n = 0;
        m_path = m_dir.filePath(u"rules%1.db"_s.arg(++n));
        m_store = openStore(m_path);
        QVERIFY(m_store);
    }
    void cleanup() { m_store.reset(); }

    void theWorkedExampleRoundTrips()
    {
        const CampaignSet rules = exampleRules();
        QVERIFY(m_store->replaceRules(rules));
        const CampaignSet loaded = m_store->loadRules().value();
        QCOMPARE(loaded, rules);
        // Down to the bytes of the file it exports: order, offsets, "code" as written.
        QCOMPARE(campaignfile::write(loaded), campaignfile::write(rules));
    }

    void keepsFileOrderAndOffsets()
    {
        const CampaignSet rules = parseRules(twoCampaigns);
        QVERIFY(m_store->replaceRules(rules));
        const CampaignSet loaded = m_store->loadRules().value();
        QCOMPARE(loaded.campaigns.at(0).id, u"zeta"_s);
        QCOMPARE(loaded.campaigns.at(1).id, u"alpha"_s);
        QCOMPARE(loaded.campaigns.at(1).startsAt->offsetFromUtc(), -5 * 3600);
        QCOMPARE(loaded.campaigns.at(0).reward.percent, Percent::fromHundredths(1250));
        QCOMPARE(loaded, rules);
        // A second import replaces everything, in its own order.
        QVERIFY(m_store->replaceRules(exampleRules()));
        QCOMPARE(m_store->loadRules().value(), exampleRules());
    }

    void aFailedImportChangesNothing_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("code");
        QTest::newRow("dangling segment") << u"dangling"_s << u"invalid_value"_s;
        QTest::newRow("duplicate campaign id") << u"duplicate"_s << u"conflict"_s;
        QTest::newRow("database refuses the last row") << u"trigger"_s << u"conflict"_s;
    }

    void aFailedImportChangesNothing()
    {
        QFETCH(QString, problem);
        QFETCH(QString, code);
        QVERIFY(m_store->replaceRules(exampleRules()));
        const CampaignSet before = m_store->loadRules().value();
        const QString revision = m_store->rulesRevision().value();

        CampaignSet bad = parseRules(twoCampaigns);
        if (problem == u"dangling") {
            bad.campaigns[0].conditions.segments = QStringList{u"vip"_s, u"missing"_s};
        } else if (problem == u"duplicate") {
            bad.campaigns.append(bad.campaigns.at(0));
        } else {
            // The database itself refuses a row after the old rules were deleted and most of
            // the new ones written: the transaction must undo all of it.
            rawSql(m_path, {u"CREATE TRIGGER refuse_boom BEFORE INSERT ON campaigns "
                            u"WHEN NEW.id = 'boom' BEGIN SELECT RAISE(ABORT, 'provoked'); END"_s});
            Campaign boom = bad.campaigns.at(0);
            boom.id = u"boom"_s;
            bad.campaigns.append(boom);
        }
        const auto imported = m_store->replaceRules(bad);
        QVERIFY(!imported);
        QCOMPARE(imported.error().code, code);
        if (problem == u"dangling")
            QVERIFY2(
                imported.error().describe().contains(u"$.campaigns[0].conditions.segments[1]"_s),
                qPrintable(imported.error().describe()));
        QCOMPARE(m_store->loadRules().value(), before);
        QCOMPARE(m_store->rulesRevision().value(), revision);
    }

    void theRevisionChangesOnEveryWriteAndIsSeenByOtherInstances()
    {
        auto other = SqliteStore::open(m_path);
        QVERIFY(other);
        QSet<QString> seen{m_store->rulesRevision().value()};
        QCOMPARE((*other)->rulesRevision().value(), *seen.begin());
        const auto expectNew = [&](const char *what) {
            const QString mine = m_store->rulesRevision().value();
            QVERIFY2(!seen.contains(mine), what);
            seen.insert(mine);
            // Another connection (as another process would) sees the write at once, with it.
            QCOMPARE((*other)->rulesRevision().value(), mine);
            QCOMPARE((*other)->loadRules().value(), m_store->loadRules().value());
        };

        QVERIFY(m_store->replaceRules(parseRules(twoCampaigns)));
        expectNew("replaceRules");
        Campaign changed = m_store->loadRules()->campaigns.at(0);
        changed.status = CampaignStatus::Paused;
        QVERIFY(m_store->saveCampaign(changed));
        expectNew("saveCampaign");
        QVERIFY(m_store->saveSegment(Segment{u"new"_s, u"New"_s, Segment::Match::Any, {}}));
        expectNew("saveSegment");
        QVERIFY(m_store->deleteSegment(u"new"_s));
        expectNew("deleteSegment");
        QVERIFY(m_store->deleteCampaign(u"alpha"_s));
        expectNew("deleteCampaign");
        QVERIFY((*other)->replaceRules(exampleRules())); // the other way round
        const QString theirs = (*other)->rulesRevision().value();
        QVERIFY(!seen.contains(theirs));
        QCOMPARE(m_store->rulesRevision().value(), theirs);
        QCOMPARE(m_store->loadRules().value(), exampleRules());

        // Failed writes leave it alone.
        QVERIFY(!m_store->deleteSegment(u"gold"_s));
        QVERIFY(!m_store->deleteCampaign(u"no-such"_s));
        QCOMPARE(m_store->rulesRevision().value(), theirs);
    }

    void readsMadeTogetherSeeOneSnapshot()
    {
        // A refresh reads the customer, the code, the rules and the reservations together:
        // what another process writes meanwhile shows in the next run, never halfway.
        auto other = SqliteStore::open(m_path);
        QVERIFY(other);
        const QString before = m_store->rulesRevision().value();
        QString first, second;
        CampaignSet rulesInside;
        const Status read = m_store->readTogether([&]() -> Status {
            first = m_store->rulesRevision().value();
            if (auto written = (*other)->replaceRules(parseRules(twoCampaigns)); !written)
                return fail(written.error());
            second = m_store->rulesRevision().value();
            rulesInside = m_store->loadRules().value(); // its own read transaction joins in
            return {};
        });
        QVERIFY2(read, qPrintable(read ? QString() : read.error().describe()));
        QCOMPARE(first, before);
        QCOMPARE(second, before);
        QVERIFY(rulesInside.campaigns.isEmpty());
        // Once the reads end, the write shows.
        QCOMPARE(m_store->rulesRevision().value(), (*other)->rulesRevision().value());
        QVERIFY(m_store->rulesRevision().value() != before);
        QCOMPARE(m_store->loadRules()->campaigns.size(), 2);
    }

    void aWriteAmongReadsMadeTogetherFailsAndWritesNothing()
    {
        const QString before = m_store->rulesRevision().value();
        const Status read = m_store->readTogether(
            [&]() -> Status { return m_store->replaceRules(parseRules(twoCampaigns)); });
        QVERIFY(!read);
        QVERIFY2(read.error().message.contains(u"inside a read scope"_s),
                 qPrintable(read.error().describe()));
        QCOMPARE(m_store->rulesRevision().value(), before);
        QVERIFY(m_store->loadRules()->campaigns.isEmpty());
        // Nor may reads made together nest; the store works normally after both.
        const Status nested =
            m_store->readTogether([&] { return m_store->readTogether([] { return Status{}; }); });
        QVERIFY(!nested);
        QVERIFY(m_store->replaceRules(parseRules(twoCampaigns)));
        QCOMPARE(m_store->loadRules()->campaigns.size(), 2);
    }

    void aFailingReadEndsTheSnapshot()
    {
        auto other = SqliteStore::open(m_path);
        QVERIFY(other);
        const Status read = m_store->readTogether(
            [] { return Status(fail(u"database_error"_s, u"a read failed"_s)); });
        QVERIFY(!read);
        QCOMPARE(read.error().message, u"a read failed"_s);
        // The snapshot is over: another process's write shows at once.
        QVERIFY((*other)->replaceRules(parseRules(twoCampaigns)));
        QCOMPARE(m_store->rulesRevision().value(), (*other)->rulesRevision().value());
    }

    void savingACampaignInsertsOrUpdatesInPlace()
    {
        QVERIFY(m_store->replaceRules(parseRules(twoCampaigns)));
        Campaign added = m_store->loadRules()->campaigns.at(1);
        added.id = u"beta"_s;
        QVERIFY(m_store->saveCampaign(added));
        Campaign updated = m_store->loadRules()->campaigns.at(0);
        updated.name = u"Zeta renamed"_s;
        updated.conditions.segments = QStringList{u"fr"_s, u"vip"_s};
        updated.limits.budget = CurrencyAmounts{{u"eur"_s, 9000}};
        QVERIFY(m_store->saveCampaign(updated));

        const CampaignSet loaded = m_store->loadRules().value();
        QCOMPARE(loaded.campaigns.size(), 3);
        QCOMPARE(loaded.campaigns.at(0), updated); // kept its place
        QCOMPARE(loaded.campaigns.at(2), added);   // new ones go last
        // Now both segments are in use.
        QCOMPARE(m_store->deleteSegment(u"fr"_s).error().code, errc::conflict);
    }

    void aCampaignCannotReferToAMissingSegment()
    {
        QVERIFY(m_store->replaceRules(parseRules(twoCampaigns)));
        const QString revision = m_store->rulesRevision().value();
        Campaign c = m_store->loadRules()->campaigns.at(0);
        c.id = u"orphan"_s;
        c.conditions.segments = QStringList{u"nowhere"_s};
        const auto saved = m_store->saveCampaign(c);
        QVERIFY(!saved);
        QVERIFY2(saved.error().describe().contains(u"segments[0]"_s),
                 qPrintable(saved.error().describe()));
        QCOMPARE(m_store->loadRules()->campaigns.size(), 2);
        QCOMPARE(m_store->rulesRevision().value(), revision);
    }

    void aSegmentInUseCannotBeDeleted()
    {
        QVERIFY(m_store->replaceRules(exampleRules()));
        const auto refused = m_store->deleteSegment(u"gold"_s);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, errc::conflict);
        QVERIFY(refused.error().message.contains(u"loyalty-gold"_s));
        QVERIFY(m_store->loadRules()->segment(u"gold"));

        QCOMPARE(m_store->deleteSegment(u"absent"_s).error().code, errc::notFound);
        // Once no campaign uses it, it goes.
        Campaign loyalty = *m_store->loadRules()->campaign(u"loyalty-gold");
        loyalty.conditions.segments.reset();
        QVERIFY(m_store->saveCampaign(loyalty));
        QVERIFY(m_store->deleteSegment(u"gold"_s));
        QVERIFY(!m_store->loadRules()->segment(u"gold"));
    }

    void savingASegmentKeepsItsCampaigns()
    {
        QVERIFY(m_store->replaceRules(exampleRules()));
        Segment gold = *m_store->loadRules()->segment(u"gold");
        gold.match = Segment::Match::All;
        gold.rules.removeLast();
        QVERIFY(m_store->saveSegment(gold));
        const CampaignSet loaded = m_store->loadRules().value();
        QCOMPARE(*loaded.segment(u"gold"), gold);
        QCOMPARE(loaded.segments.indexOf(gold), 0);
        QCOMPARE(loaded.campaigns, exampleRules().campaigns);
    }

    void deletingACampaignKeepsItsRedemptions()
    {
        QVERIFY(m_store->replaceRules(exampleRules()));
        QVERIFY(m_store->commitRedemptions(u"cs_test_1"_s, u"d"_s, u"cus_1"_s, u"eur"_s,
                                           {{u"bf-2026"_s, 100}}, 1000));
        QVERIFY(m_store->deleteCampaign(u"bf-2026"_s));
        QVERIFY(!m_store->loadRules()->campaign(u"bf-2026"));
        QVERIFY(m_store->usage({}, {}, 2000)->isEmpty());
        // Imported again, the campaign still counts what it has given.
        QVERIFY(m_store->replaceRules(exampleRules()));
        QCOMPARE(m_store->usage({}, {}, 2000)->value(u"bf-2026"_s).redemptions, 1);
    }
};

QTEST_GUILESS_MAIN(TestStoreRules)
#include "tst_storerules.moc"
