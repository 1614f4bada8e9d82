// Customer profile files: JSON and CSV, strict, all or nothing, errors that name the place.

#include "customerfile.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;

class TestCustomerFile : public QObject
{
    Q_OBJECT

private slots:
    void jsonForms_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("count");
        QTest::newRow("array") << QByteArray(R"([{"id": "cus_1"}, {"email": "a@example.org"}])")
                               << 2;
        QTest::newRow("wrapped") << QByteArray(R"({"customers": [{"id": "cus_1"}]})") << 1;
        QTest::newRow("single profile")
            << QByteArray(R"({"id": "cus_1", "loyalty_tier": "gold"})") << 1;
        QTest::newRow("empty array") << QByteArray("[]") << 0;
    }

    void jsonForms()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, count);
        const auto profiles = customerfile::parseJson(json, u"test.json"_s);
        QVERIFY2(profiles, profiles ? "" : qPrintable(profiles.error().describe()));
        QCOMPARE(profiles->size(), count);
    }

    void jsonReadsEveryField()
    {
        const auto profiles = customerfile::parseJson(
            R"([{"id": "cus_demo_claire", "email": "Claire.Martin@example.org", "loyalty_tier": "gold",
                 "order_count": 7, "lifetime_spend": {"eur": 84000, "usd": 100},
                 "tags": ["newsletter", " vip "], "metadata": {"source": "shop", "visits": 12, "b2b": false}}])",
            u"x"_s);
        QVERIFY(profiles);
        const CustomerProfile &p = profiles->first();
        QCOMPARE(p.id, u"cus_demo_claire"_s);
        QCOMPARE(p.email, u"Claire.Martin@example.org"_s);
        QCOMPARE(p.loyaltyTier, u"gold"_s);
        QCOMPARE(p.orderCount, 7);
        QCOMPARE(p.lifetimeSpend.value(u"eur"), 84000);
        QCOMPARE(p.lifetimeSpend.value(u"usd"), 100);
        QCOMPARE(p.tags, (QStringList{u"newsletter"_s, u"vip"_s}));
        QCOMPARE(p.metadata.value(u"visits"_s), u"12"_s);
        QCOMPARE(p.metadata.value(u"b2b"_s), u"false"_s);
        // And back: what profileToJson writes, profileFromJson reads to the same profile.
        const auto again = customerfile::profileFromJson(customerfile::profileToJson(p));
        QVERIFY(again);
        QCOMPARE(*again, p);
    }

    void jsonErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("path");
        QTest::newRow("unknown key")
            << QByteArray(R"([{"id": "cus_1", "tier": "gold"}])") << u"$[0].tier"_s;
        QTest::newRow("no identity") << QByteArray(R"([{"loyalty_tier": "gold"}])") << u"$[0]"_s;
        QTest::newRow("not a customer id")
            << QByteArray(R"([{"id": "claire@example.org"}])") << u"$[0].id"_s;
        QTest::newRow("bad email")
            << QByteArray(R"([{"email": "claire at example"}])") << u"$[0].email"_s;
        QTest::newRow("negative orders")
            << QByteArray(R"([{"id": "cus_1", "order_count": -1}])") << u"$[0].order_count"_s;
        QTest::newRow("fractional spend")
            << QByteArray(R"([{"id": "cus_1", "lifetime_spend": {"eur": 10.5}}])")
            << u"$[0].lifetime_spend.eur"_s;
        QTest::newRow("bad currency")
            << QByteArray(R"([{"id": "cus_1", "lifetime_spend": {"EUR": 10}}])")
            << u"$[0].lifetime_spend.EUR"_s;
        QTest::newRow("tags not strings")
            << QByteArray(R"([{"id": "cus_1", "tags": [1]}])") << u"$[0].tags[0]"_s;
        QTest::newRow("nested metadata")
            << QByteArray(R"([{"id": "cus_1", "metadata": {"a": {}}}])") << u"$[0].metadata.a"_s;
        QTest::newRow("duplicate id")
            << QByteArray(R"([{"id": "cus_1"}, {"id": "cus_1"}])") << u"$[1]"_s;
        QTest::newRow("duplicate email, any case")
            << QByteArray(R"([{"email": "a@example.org"}, {"email": "A@Example.org"}])")
            << u"$[1]"_s;
        QTest::newRow("element not an object")
            << QByteArray(R"({"customers": [3]})") << u"$.customers[0]"_s;
        QTest::newRow("not JSON") << QByteArray("id,email\n") << QString();
    }

    void jsonErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, path);
        const auto profiles = customerfile::parseJson(json, u"customers.json"_s);
        QVERIFY(!profiles);
        const Error &e = profiles.error();
        QStringList paths{e.path};
        for (const Error &d : e.details)
            paths.append(d.path);
        if (!path.isEmpty())
            QVERIFY2(paths.contains(path), qPrintable(e.describe()));
        else
            QVERIFY(e.describe().contains(u"not valid JSON"_s));
    }

    void csv()
    {
        const QByteArray text =
            "\xEF\xBB\xBF" // a byte order mark, as spreadsheets write
            "Customer_ID,Email,loyalty_tier,order_count,lifetime_spend_eur,lifetime_spend.usd,tags,"
            "metadata.Region\r\n"
            "cus_1,one@example.org,gold,7,84000,,newsletter;vip,\"Île-de-France, Paris\"\r\n"
            "\r\n"
            ",two@example.org,,,,250,,\"line one\nline two\"\r\n";
        const auto profiles = customerfile::parseCsv(text, u"c.csv"_s);
        QVERIFY2(profiles, profiles ? "" : qPrintable(profiles.error().describe()));
        QCOMPARE(profiles->size(), 2);
        const CustomerProfile &one = profiles->at(0);
        QCOMPARE(one.id, u"cus_1"_s);
        QCOMPARE(one.orderCount, 7);
        QCOMPARE(one.lifetimeSpend.value(u"eur"), 84000);
        QVERIFY(!one.lifetimeSpend.contains(u"usd"));
        QCOMPARE(one.tags, (QStringList{u"newsletter"_s, u"vip"_s}));
        QCOMPARE(one.metadata.value(u"Region"_s), u"Île-de-France, Paris"_s);
        const CustomerProfile &two = profiles->at(1);
        QVERIFY(two.id.isEmpty());
        QCOMPARE(two.lifetimeSpend.value(u"usd"), 250);
        QCOMPARE(two.metadata.value(u"Region"_s), u"line one\nline two"_s);
    }

    void csvErrors_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("where");
        QTest::newRow("unknown column")
            << QByteArray("id,emial\ncus_1,a@b.c\n") << u"c.csv:1, column 2 (emial)"_s;
        QTest::newRow("bad currency column")
            << QByteArray("id,lifetime_spend.euro\n") << u"c.csv:1, column 2"_s;
        QTest::newRow("not a number") << QByteArray("id,order_count\ncus_1,7\ncus_2,seven\n")
                                      << u"c.csv:3, column order_count"_s;
        QTest::newRow("too many fields")
            << QByteArray("id,email\ncus_1,a@b.c,extra\n") << u"c.csv:2"_s;
        QTest::newRow("no identity")
            << QByteArray("id,email,loyalty_tier\n,,gold\n") << u"c.csv:2"_s;
        QTest::newRow("unclosed quote") << QByteArray("id,email\n\"cus_1,a@b.c\n") << u"c.csv"_s;
        QTest::newRow("empty") << QByteArray("") << u"c.csv"_s;
        QTest::newRow("row after a multi-line field")
            << QByteArray("id,email,metadata.note\ncus_1,a@b.c,\"two\nlines\"\ncus_2,bad,x\n")
            << u"c.csv:4, column email"_s;
    }

    void csvErrors()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, where);
        const auto profiles = customerfile::parseCsv(csv, u"c.csv"_s);
        QVERIFY(!profiles);
        QVERIFY2(profiles.error().describe().contains(where),
                 qPrintable(profiles.error().describe()));
    }
};

QTEST_GUILESS_MAIN(TestCustomerFile)
#include "tst_customerfile.moc"
