// The store's side of imports: rules merged by id or replaced, customer profiles merged field by
// field, each reported record by record, all or nothing, dry runs writing nothing.

#include "campaignfile.h"
#include "sqlitestore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using remise::CampaignSet;
using remise::CustomerPatch;
using remise::CustomerProfile;
using remise::ImportChange;
using remise::SqliteStore;
using Kind = remise::ImportChange::Kind;

namespace {

CampaignSet exampleRules()
{
    auto rules =
        remise::campaignfile::load(QStringLiteral(REMISE_TEST_DATA "/examples/campaigns.json"));
    return rules ? *rules : CampaignSet{};
}

QStringList ids(const QList<remise::Campaign> &campaigns)
{
    QStringList out;
    for (const auto &c : campaigns)
        out.append(c.id);
    return out;
}

CustomerProfile bob()
{
    CustomerProfile p;
    p.id = u"cus_bob"_s;
    p.email = u"bob@example.org"_s;
    p.loyaltyTier = u"silver"_s;
    p.orderCount = 4;
    p.lifetimeSpend.set(u"eur"_s, 52000);
    p.tags = {u"newsletter"_s};
    p.metadata.insert(u"source"_s, u"shop"_s);
    return p;
}

} // namespace

class TestImports : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;

private slots:
    void init()
    {
        static int n = 0;
        auto store = SqliteStore::open(m_dir.filePath(u"imports-%1.db"_s.arg(++n)));
        QVERIFY(store);
        m_store = std::move(*store);
        QVERIFY(m_store->migrate());
    }

    void rulesMergeByIdKeepingOrder()
    {
        const CampaignSet rules = exampleRules();
        QVERIFY(!rules.campaigns.isEmpty());
        auto first = m_store->importRules(rules, false, false);
        QVERIFY(first);
        QCOMPARE(first->count(u"campaign"_s, Kind::Created), rules.campaigns.size());
        const QString revision = *m_store->rulesRevision();

        // The same again: all unchanged, and the revision does not move (nothing reloads).
        auto same = m_store->importRules(rules, false, false);
        QVERIFY(same);
        QCOMPARE(same->count(u"campaign"_s, Kind::Unchanged), rules.campaigns.size());
        QCOMPARE(*m_store->rulesRevision(), revision);

        // One campaign changed, one new: the changed one stays in place, the new one follows.
        CampaignSet partial;
        partial.segments = rules.segments;
        remise::Campaign changed = rules.campaigns.at(1);
        changed.name = u"Renamed"_s;
        remise::Campaign added = rules.campaigns.at(0);
        added.id = u"zz-new"_s;
        partial.campaigns = {changed, added};
        auto merged = m_store->importRules(partial, false, false);
        QVERIFY(merged);
        QCOMPARE(merged->count(u"campaign"_s, Kind::Changed), 1);
        QCOMPARE(merged->count(u"campaign"_s, Kind::Created), 1);
        QCOMPARE(merged->count(u"campaign"_s, Kind::Removed), 0);
        const auto stored = m_store->loadRules();
        QVERIFY(stored);
        QStringList expected = ids(rules.campaigns);
        expected.append(u"zz-new"_s);
        QCOMPARE(ids(stored->campaigns), expected);
        QCOMPARE(stored->campaign(changed.id)->name, u"Renamed"_s);
        QVERIFY(*m_store->rulesRevision() != revision);
        for (const ImportChange &c : merged->changes)
            if (c.kind == Kind::Changed)
                QCOMPARE(c.fields, QStringList{u"name"_s});
    }

    void rulesReplaceAndDryRun()
    {
        const CampaignSet rules = exampleRules();
        QVERIFY(m_store->importRules(rules, false, false));
        CampaignSet one;
        one.segments = rules.segments;
        one.campaigns = {rules.campaigns.first()};
        const QString revision = *m_store->rulesRevision();

        auto dry = m_store->importRules(one, true, true);
        QVERIFY(dry);
        QVERIFY(dry->dryRun);
        QCOMPARE(dry->count(u"campaign"_s, Kind::Removed), rules.campaigns.size() - 1);
        QCOMPARE(m_store->loadRules()->campaigns.size(), rules.campaigns.size());
        QCOMPARE(*m_store->rulesRevision(), revision);

        auto real = m_store->importRules(one, true, false);
        QVERIFY(real);
        QCOMPARE(m_store->loadRules()->campaigns.size(), 1);
        const QJsonObject json = real->toJson({u"segment"_s, u"campaign"_s});
        QCOMPARE(json[u"campaigns"][u"removed"].toInt(), rules.campaigns.size() - 1);
        QCOMPARE(json[u"dry_run"].toBool(), false);
    }

    void customersMergeFieldByField()
    {
        QVERIFY(m_store->importCustomers({bob()}));
        CustomerPatch patch;
        patch.profile.id = u"cus_bob"_s;
        patch.profile.loyaltyTier = u"gold"_s;
        patch.fields = CustomerPatch::LoyaltyTier;
        auto report = m_store->mergeCustomers({patch}, false);
        QVERIFY(report);
        QCOMPARE(report->count(u"customer"_s, Kind::Changed), 1);
        QCOMPARE(report->changes.first().fields, QStringList{u"loyalty_tier"_s});
        const auto stored = m_store->findCustomer(u"cus_bob"_s, {});
        QVERIFY(stored && *stored);
        CustomerProfile expected = bob();
        expected.loyaltyTier = u"gold"_s;
        QCOMPARE(**stored, expected);

        // By email when the file has no id; a new customer is created.
        CustomerPatch byEmail;
        byEmail.profile.email = u"BOB@example.org"_s;
        byEmail.profile.orderCount = 5;
        byEmail.fields = CustomerPatch::OrderCount;
        CustomerPatch created;
        created.profile.email = u"new@example.org"_s;
        auto second = m_store->mergeCustomers({byEmail, created}, false);
        QVERIFY(second);
        QCOMPARE(second->count(u"customer"_s, Kind::Changed), 1);
        QCOMPARE(second->count(u"customer"_s, Kind::Created), 1);
        QCOMPARE((*m_store->findCustomer(u"cus_bob"_s, {}))->orderCount, 5);
        QCOMPARE((*m_store->findCustomer(u"cus_bob"_s, {}))->lifetimeSpend.value(u"eur"), 52000);
    }

    void customersAllOrNothingAndDryRun()
    {
        QVERIFY(m_store->importCustomers({bob()}));
        CustomerPatch change;
        change.profile.id = u"cus_bob"_s;
        change.profile.orderCount = 9;
        change.fields = CustomerPatch::OrderCount;
        // A dry run reports and writes nothing.
        auto dry = m_store->mergeCustomers({change}, true);
        QVERIFY(dry);
        QCOMPARE(dry->count(u"customer"_s, Kind::Changed), 1);
        QCOMPARE((*m_store->findCustomer(u"cus_bob"_s, {}))->orderCount, 4);

        // Another customer claiming Bob's email fails the whole import.
        CustomerPatch thief;
        thief.profile.id = u"cus_other"_s;
        thief.profile.email = u"bob@example.org"_s;
        auto failed = m_store->mergeCustomers({change, thief}, false);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, remise::errc::conflict);
        QCOMPARE((*m_store->findCustomer(u"cus_bob"_s, {}))->orderCount, 4);
        QCOMPARE(m_store->customers()->size(), 1);

        // Negative values never reach the database, even merged.
        CustomerPatch negative;
        negative.profile.id = u"cus_bob"_s;
        negative.profile.orderCount = -1;
        negative.fields = CustomerPatch::OrderCount;
        QVERIFY(!m_store->mergeCustomers({negative}, false));
    }
};

QTEST_GUILESS_MAIN(TestImports)
#include "tst_imports.moc"
