// The SQLite store's customer profiles: lookup by Stripe id, else email (case-insensitive),
// all-or-nothing upserting imports, faithful tags, metadata and per-currency spend.

#include "storetest.h"

#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(remise::CustomerProfile)

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::storetest;

namespace {

CustomerProfile profile(const QString &id, const QString &email, const QString &tier = {})
{
    CustomerProfile p;
    p.id = id;
    p.email = email;
    p.loyaltyTier = tier;
    return p;
}

CustomerProfile claire()
{
    CustomerProfile p = profile(u"cus_demo_claire"_s, u"claire.martin@example.org"_s, u"gold"_s);
    p.orderCount = 7;
    p.lifetimeSpend = CurrencyAmounts{{u"eur"_s, 84000}, {u"jpy"_s, 12000}};
    p.tags = {u"newsletter"_s, u"b2b"_s, u"newsletter"_s}; // order and repeats as given
    p.metadata = {{u"plan"_s, u"pro"_s}, {u"ville"_s, u"Besançon"_s}, {u"empty"_s, QString()}};
    return p;
}

CustomerProfile bob()
{
    CustomerProfile p = profile(QString(), u"Bob@Example.com"_s, u"silver"_s);
    p.lifetimeSpend = CurrencyAmounts{{u"usd"_s, 500}};
    return p;
}

} // namespace

class TestStoreCustomers : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        static int n = 0;
        m_store = openStore(m_dir.filePath(u"customers%1.db"_s.arg(++n)));
        QVERIFY(m_store);
        QVERIFY(m_store->importCustomers({claire(), bob()}));
    }
    void cleanup() { m_store.reset(); }

    void storesProfilesFaithfully()
    {
        const QList<CustomerProfile> all = m_store->customers().value();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0), claire());
        QCOMPARE(all.at(1), bob());
    }

    void findsByIdElseEmail_data()
    {
        QTest::addColumn<QString>("customerId");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("expected"); // the email of the profile found, empty for none

        QTest::newRow("by id") << u"cus_demo_claire"_s << QString()
                               << u"claire.martin@example.org"_s;
        QTest::newRow("id wins over email")
            << u"cus_demo_claire"_s << u"bob@example.com"_s << u"claire.martin@example.org"_s;
        QTest::newRow("unknown id, email")
            << u"cus_unknown"_s << u"bob@example.com"_s << u"Bob@Example.com"_s;
        QTest::newRow("email, other case")
            << QString() << u"CLAIRE.Martin@EXAMPLE.org"_s << u"claire.martin@example.org"_s;
        QTest::newRow("email as stored")
            << QString() << u"Bob@Example.com"_s << u"Bob@Example.com"_s;
        QTest::newRow("nothing matches") << u"cus_x"_s << u"nobody@example.com"_s << QString();
        QTest::newRow("no identity") << QString() << QString() << QString();
        QTest::newRow("id case matters") << u"CUS_DEMO_CLAIRE"_s << QString() << QString();
    }

    void findsByIdElseEmail()
    {
        QFETCH(QString, customerId);
        QFETCH(QString, email);
        QFETCH(QString, expected);
        const auto found = m_store->findCustomer(customerId, email);
        QVERIFY(found);
        QCOMPARE(found->has_value(), !expected.isEmpty());
        if (found->has_value())
            QCOMPARE((*found)->email, expected);
        if (expected == claire().email)
            QCOMPARE(**found, claire());
    }

    void importReplacesMatchedProfiles()
    {
        CustomerProfile newer = claire();
        newer.orderCount = 8;
        newer.lifetimeSpend = CurrencyAmounts{{u"usd"_s, 100}};
        newer.tags.clear();
        newer.metadata.clear();
        // Bob gets his Stripe id; the import only knows him by email in another case.
        CustomerProfile bobWithId = bob();
        bobWithId.id = u"cus_bob"_s;
        bobWithId.email = u"BOB@example.COM"_s;
        QVERIFY(m_store->importCustomers({newer, bobWithId}));

        const QList<CustomerProfile> all = m_store->customers().value();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0), newer);
        QCOMPARE(all.at(1), bobWithId);
        QCOMPARE(m_store->findCustomer(u"cus_bob"_s, QString())->value(), bobWithId);

        // Known by email only now: the stored id stays.
        CustomerProfile emailOnly = newer;
        emailOnly.id.clear();
        emailOnly.loyaltyTier = u"platinum"_s;
        QVERIFY(m_store->importCustomers({emailOnly}));
        const auto found = m_store->findCustomer(u"cus_demo_claire"_s, QString())->value();
        QCOMPARE(found.loyaltyTier, u"platinum"_s);
        QCOMPARE(found.id, u"cus_demo_claire"_s);
        QCOMPARE(m_store->customers()->size(), 2);
    }

    void aRefusedImportChangesNothing_data()
    {
        QTest::addColumn<CustomerProfile>("bad");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("path");

        QTest::newRow("email of another customer")
            << profile(u"cus_other"_s, u"Claire.Martin@example.org"_s) << u"conflict"_s
            << u"$[1].email"_s;
        QTest::newRow("no id nor email")
            << profile(QString(), QString()) << u"missing_value"_s << u"$[1]"_s;
        CustomerProfile negative = profile(u"cus_neg"_s, QString());
        negative.lifetimeSpend.set(u"eur"_s, -1);
        QTest::newRow("negative spend")
            << negative << u"invalid_value"_s << u"$[1].lifetime_spend.eur"_s;
        CustomerProfile badCurrency = profile(u"cus_cur"_s, QString());
        badCurrency.lifetimeSpend.set(u"EURO"_s, 1);
        QTest::newRow("bad currency")
            << badCurrency << u"invalid_value"_s << u"$[1].lifetime_spend.EURO"_s;
        CustomerProfile negativeOrders = profile(u"cus_ord"_s, QString());
        negativeOrders.orderCount = -2;
        QTest::newRow("negative order count")
            << negativeOrders << u"invalid_value"_s << u"$[1].order_count"_s;
    }

    void aRefusedImportChangesNothing()
    {
        QFETCH(CustomerProfile, bad);
        QFETCH(QString, code);
        QFETCH(QString, path);
        const QList<CustomerProfile> before = m_store->customers().value();
        // The first profile is fine and would change claire: it must not stay.
        CustomerProfile changed = claire();
        changed.orderCount = 99;
        const auto imported = m_store->importCustomers({changed, bad});
        QVERIFY(!imported);
        QCOMPARE(imported.error().code, code);
        QCOMPARE(imported.error().path, path);
        QVERIFY(imported.error().message.startsWith(u"cannot import the customers"_s));
        QCOMPARE(m_store->customers().value(), before);
    }

    void emailsAreUniqueWhateverTheirCase()
    {
        const auto imported =
            m_store->importCustomers({profile(QString(), u"new@example.org"_s),
                                      profile(u"cus_new"_s, u"NEW@example.org"_s)});
        // The second is the same person, now with an id: one profile.
        QVERIFY(imported);
        QCOMPARE(m_store->customers()->size(), 3);
        QCOMPARE(m_store->findCustomer(QString(), u"new@EXAMPLE.org"_s)->value().id, u"cus_new"_s);
    }
};

QTEST_GUILESS_MAIN(TestStoreCustomers)
#include "tst_storecustomers.moc"
