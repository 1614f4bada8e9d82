// The demo seed (`--seed demo`): deterministic, varied enough for a demo, the worked example
// exactly as the example file shows it; and seed data with mistakes refused with their paths.

#include "clock.h"
#include "sandboxclient.h"

#include <QFile>
#include <QJsonArray>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using remise::test::Answer;
using remise::test::SandboxClient;

namespace {

constexpr qint64 startMs = 1'795'953'600'000; // 2026-11-28 12:00:00 UTC

QJsonObject exampleSession()
{
    QFile file(QStringLiteral(REMISE_TEST_DATA "/examples/session-open.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The fields of `expected` found in `actual` with the same values, recursively; the first
// difference as a path, or empty.
QString firstDifference(const QJsonValue &expected, const QJsonValue &actual, const QString &path)
{
    if (expected.isObject() && actual.isObject()) {
        const QJsonObject e = expected.toObject();
        for (auto it = e.begin(); it != e.end(); ++it) {
            const QString found = firstDifference(it.value(), actual.toObject().value(it.key()),
                                                  path + u'.' + it.key());
            if (!found.isEmpty())
                return found;
        }
        return {};
    }
    if (expected.isArray() && actual.isArray()) {
        const QJsonArray e = expected.toArray();
        if (e.size() != actual.toArray().size())
            return path + u" (size)"_s;
        for (qsizetype i = 0; i < e.size(); ++i) {
            const QString found = firstDifference(e.at(i), actual.toArray().at(i),
                                                  path + u'[' + QString::number(i) + u']');
            if (!found.isEmpty())
                return found;
        }
        return {};
    }
    return expected == actual ? QString() : path;
}

} // namespace

class TestSandboxSeed : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{startMs};
    SandboxClient m_client{m_clock};

    QJsonArray allSessions(SandboxClient &client, const QJsonObject &filter = {})
    {
        QJsonObject params = filter;
        params.insert(u"limit"_s, 100);
        return client.call("GET", u"/v1/checkout/sessions"_s, params).body[u"data"].toArray();
    }

private slots:
    void initTestCase()
    {
        const Status seeded = m_client.sandbox().seedDemo();
        QVERIFY2(seeded, seeded ? "" : qPrintable(seeded.error().describe()));
        QVERIFY(m_client.start());
    }

    void theWorkedExample()
    {
        const QJsonObject expected = exampleSession();
        QVERIFY(!expected.isEmpty());
        const Answer a = m_client.call("GET", u"/v1/checkout/sessions/cs_test_a1Qx7demo0001"_s,
                                       {{u"expand"_s, QJsonArray{u"line_items"_s}}});
        QCOMPARE(a.status, 200);
        QJsonObject comparable = expected;
        // Timestamps follow the clock; everything else is as in the example file.
        comparable.remove(u"created"_s);
        comparable.remove(u"expires_at"_s);
        const QString difference = firstDifference(comparable, a.body, u"$"_s);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QCOMPARE(a.body[u"expires_at"].toInteger() - a.body[u"created"].toInteger(),
                 expected[u"expires_at"].toInteger() - expected[u"created"].toInteger());
        QCOMPARE(a.body[u"permissions"][u"update_discounts"].toString(), u"server_only"_s);

        // The newest open session, so that it tops the list.
        QCOMPARE(allSessions(m_client, {{u"status"_s, u"open"_s}}).at(0)[u"id"].toString(),
                 u"cs_test_a1Qx7demo0001"_s);
        const Answer claire = m_client.call("GET", u"/v1/customers/cus_demo_claire"_s);
        QCOMPARE(claire.body[u"email"].toString(), u"claire.martin@example.org"_s);
        QCOMPARE(claire.body[u"metadata"].toObject(),
                 (QJsonObject{{u"loyalty_tier"_s, u"gold"_s}}));
        QCOMPARE(m_client.call("GET", u"/v1/products/prod_demo_skillet"_s).body[u"name"].toString(),
                 u"Cast-iron skillet"_s);
        QCOMPARE(
            m_client.call("GET", u"/v1/prices/price_demo_apron"_s).body[u"unit_amount"].toInteger(),
            4500);
    }

    void aVariedShop()
    {
        const QJsonArray sessions = allSessions(m_client);
        QVERIFY(sessions.size() >= 30);
        QSet<QString> currencies, countries, statuses, ids;
        int serverOnlyOpen = 0, withoutPermission = 0, guests = 0, customUi = 0;
        for (const QJsonValue &v : sessions) {
            const QJsonObject s = v.toObject();
            ids.insert(s[u"id"].toString());
            currencies.insert(s[u"currency"].toString());
            statuses.insert(s[u"status"].toString());
            countries.insert(s[u"customer_details"][u"address"][u"country"].toString());
            countries.insert(
                s[u"collected_information"][u"shipping_details"][u"address"][u"country"]
                    .toString());
            const bool serverOnly = s[u"permissions"][u"update_discounts"] == u"server_only"_s;
            serverOnlyOpen += serverOnly && s[u"status"] == u"open"_s;
            withoutPermission += !serverOnly;
            guests += s[u"customer"].isNull() && !s[u"customer_email"].toString().isEmpty();
            customUi += s[u"ui_mode"] == u"custom"_s;
            QCOMPARE(s[u"amount_total"].toInteger(), s[u"amount_subtotal"].toInteger());
            QVERIFY(s[u"amount_subtotal"].toInteger() > 0);
        }
        QCOMPARE(ids.size(), sessions.size());
        QCOMPARE(currencies, (QSet<QString>{u"eur"_s, u"usd"_s, u"gbp"_s, u"jpy"_s}));
        for (const QString &country :
             {u"FR"_s, u"BE"_s, u"NL"_s, u"DE"_s, u"US"_s, u"GB"_s, u"JP"_s})
            QVERIFY2(countries.contains(country), qPrintable(country));
        QCOMPARE(statuses, (QSet<QString>{u"open"_s, u"complete"_s, u"expired"_s}));
        QVERIFY(serverOnlyOpen > sessions.size() / 2); // most
        QVERIFY(withoutPermission >= 2);
        QVERIFY(guests >= 2);
        QVERIFY(customUi > sessions.size() / 2);

        QSet<QString> tiers;
        const QJsonArray customers =
            m_client.call("GET", u"/v1/customers"_s, {{u"limit"_s, 100}}).body[u"data"].toArray();
        for (const QJsonValue &c : customers) {
            tiers.insert(c[u"metadata"][u"loyalty_tier"].toString());
            QVERIFY(c[u"email"].toString().contains(u'@'));
        }
        for (const QString &tier : {u"bronze"_s, u"silver"_s, u"gold"_s, u"platinum"_s})
            QVERIFY2(tiers.contains(tier), qPrintable(tier));

        // Completed sessions are paid.
        for (const QJsonValue &s : allSessions(m_client, {{u"status"_s, u"complete"_s}})) {
            QCOMPARE(s[u"payment_status"].toString(), u"paid"_s);
            QVERIFY(!s[u"payment_intent"].toString().isEmpty());
        }
    }

    void deterministic()
    {
        // Another sandbox seeded at the same time shows exactly the same data.
        SandboxClient other(m_clock);
        QVERIFY(other.sandbox().seedDemo());
        QVERIFY(other.start());
        const QJsonObject expand{{u"expand"_s, QJsonArray{u"data.line_items"_s}}};
        QCOMPARE(allSessions(other, expand), allSessions(m_client, expand));
    }

    void badSeedsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("seed");
        QTest::addColumn<QString>("path");
        const QByteArray product = R"({"key": "mug", "name": "Mug", "prices": {"eur": 900}})";
        const QByteArray customer =
            R"({"id": "cus_a", "email": "a@example.org", "name": "A", "address": {"country": "BE"}})";
        const auto seed = [&](const QByteArray &sessions) -> QByteArray {
            return "{\"products\": [" + product + "], \"customers\": [" + customer +
                   "], \"sessions\": [" + sessions + "]}";
        };
        QTest::newRow("unknown key")
            << QByteArray(R"({"products": [], "customers": [], "sessions": [], "extra": 1})")
            << u"$.extra"_s;
        QTest::newRow("missing sessions")
            << QByteArray(R"({"products": [], "customers": []})") << u"$.sessions"_s;
        QTest::newRow("unsold product")
            << seed(
                   R"({"id": "cs_test_1", "minutes_ago": 1, "customer": "cus_a", "currency": "usd", "items": [["mug", 1]], "status": "open"})")
            << u"$.sessions[0].items[0]"_s;
        QTest::newRow("unknown customer")
            << seed(
                   R"({"id": "cs_test_1", "minutes_ago": 1, "customer": "cus_b", "currency": "eur", "items": [["mug", 1]], "status": "open"})")
            << u"$.sessions[0].customer"_s;
        QTest::newRow("bad status")
            << seed(
                   R"({"id": "cs_test_1", "minutes_ago": 1, "customer": "cus_a", "currency": "eur", "items": [["mug", 1]], "status": "paid"})")
            << u"$.sessions[0].status"_s;
        QTest::newRow("bad country")
            << seed(
                   R"({"id": "cs_test_1", "minutes_ago": 1, "customer": "cus_a", "currency": "eur", "items": [["mug", 1]], "status": "open", "ship_to": {"country": "Belgium"}})")
            << u"$.sessions[0].ship_to.country"_s;
    }

    void badSeedsAreRefused()
    {
        QFETCH(QByteArray, seed);
        QFETCH(QString, path);
        sandbox::Sandbox fresh(m_clock);
        const QJsonObject data = QJsonDocument::fromJson(seed).object();
        QVERIFY(!data.isEmpty());
        const Status seeded = fresh.seed(data);
        QVERIFY(!seeded);
        QVERIFY2(seeded.error().describe().contains(path), qPrintable(seeded.error().describe()));
        QVERIFY(fresh.state().sessions.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSandboxSeed)
#include "tst_sandboxseed.moc"
