// End to end: the real remise-server binary updating sessions in the real remise-sandbox over
// loopback, as a support engineer would with `remise-server apply`.

#include "sandboxprocess.h"
#include "sqlitestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using remise::test::CliRun;
using remise::test::SandboxProcess;

namespace {

QJsonObject parse(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

QJsonObject coupon(const QJsonObject &session)
{
    return session[u"discounts"][0][u"coupon"].toObject();
}

const QString stripeUpdatePath = u"/v1/checkout/sessions/%1"_s;

} // namespace

class TestApply : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;

private slots:
    void initTestCase()
    {
        QVERIFY(m_sandbox.start());
        const CliRun imported = m_sandbox.remiseServer(
            {u"campaigns"_s, u"import"_s, QStringLiteral(REMISE_TEST_DATA "/e2e/campaigns.json")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
    }

    void appliesTheDecidedDiscount()
    {
        // A gold member shipping to Belgium: 10% (18.00) + 5.00 Benelux, stacked.
        const QString id = m_sandbox.createSession(u"gold.be@example.org"_s, u"gold"_s, u"BE"_s);
        QVERIFY(!id.isEmpty());
        const CliRun run = m_sandbox.remiseServer({u"apply"_s, id});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject outcome = parse(run.out);
        QCOMPARE(outcome[u"outcome"].toString(), u"applied"_s);
        QCOMPARE(outcome[u"after"][u"amount_off"].toInteger(), 2300);
        QCOMPARE(outcome[u"amount_total"].toInteger(), 15700);
        QCOMPARE(outcome[u"stripe_calls"].toInt(), 2);
        QVERIFY(outcome[u"stripe_request_id"].toString().startsWith(u"req_"_s));

        // The sandbox shows it: one coupon, the right label and metadata, the new total.
        const QJsonObject session = m_sandbox.session(id);
        QCOMPARE(session[u"amount_subtotal"].toInteger(), 18000);
        QCOMPARE(session[u"amount_total"].toInteger(), 15700);
        QCOMPARE(session[u"total_details"][u"amount_discount"].toInteger(), 2300);
        QCOMPARE(session[u"discounts"].toArray().size(), 1);
        QCOMPARE(coupon(session)[u"amount_off"].toInteger(), 2300);
        QCOMPARE(coupon(session)[u"name"].toString(), u"Gold member 10% + Benelux welcome"_s);
        QCOMPARE(coupon(session)[u"metadata"][u"remise_campaigns"].toString(),
                 u"loyalty-gold,benelux"_s);
        QCOMPARE(coupon(session)[u"metadata"][u"remise_decision"].toString(),
                 outcome[u"decision_id"].toString());
    }

    void reapplyingChangesNothing()
    {
        const QString id = m_sandbox.createSession(u"again@example.org"_s, u"gold"_s, u"NL"_s);
        QCOMPARE(m_sandbox.remiseServer({u"apply"_s, id}).exitCode, 0);
        const CliRun again = m_sandbox.remiseServer({u"apply"_s, id});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        const QJsonObject outcome = parse(again.out);
        QCOMPARE(outcome[u"outcome"].toString(), u"unchanged"_s);
        QCOMPARE(outcome[u"stripe_calls"].toInt(), 1);
        // The sandbox saw exactly one update of this session, and two reads.
        QCOMPARE(m_sandbox.requests(u"POST"_s, stripeUpdatePath.arg(id)).size(), 1);
        QCOMPARE(m_sandbox.requests(u"GET"_s, stripeUpdatePath.arg(id)).size(), 2);
        QCOMPARE(m_sandbox.session(id)[u"amount_total"].toInteger(), 15700);
    }

    void removesTheDiscountWhenNothingAppliesAnyMore()
    {
        // A silver customer in Belgium gets the Benelux 5.00 only…
        const QString id = m_sandbox.createSession(u"silver@example.org"_s, u"silver"_s, u"BE"_s);
        QCOMPARE(m_sandbox.remiseServer({u"apply"_s, id}).exitCode, 0);
        QCOMPARE(m_sandbox.session(id)[u"amount_total"].toInteger(), 17500);
        // …then changes the shipping address to France, where nothing applies.
        m_sandbox.call("POST", u"/_sandbox/checkout/sessions/%1/shipping"_s.arg(id),
                       {{u"country"_s, u"FR"_s}});
        const CliRun run = m_sandbox.remiseServer({u"apply"_s, id});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(parse(run.out)[u"outcome"].toString(), u"removed"_s);
        const QJsonObject session = m_sandbox.session(id);
        QCOMPARE(session[u"discounts"].toArray().size(), 0);
        QCOMPARE(session[u"amount_total"].toInteger(), 18000);
    }

    void dryRunSendsNothing()
    {
        const QString id = m_sandbox.createSession(u"dry@example.org"_s, u"gold"_s, u"BE"_s);
        const CliRun run = m_sandbox.remiseServer({u"apply"_s, id, u"--dry-run"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject outcome = parse(run.out);
        QCOMPARE(outcome[u"outcome"].toString(), u"dry_run"_s);
        QCOMPARE(outcome[u"request"][u"method"].toString(), u"POST"_s);
        QCOMPARE(outcome[u"request"][u"params"][u"discounts"][0][u"coupon_data"][u"amount_off"]
                     .toInteger(),
                 2300);
        QVERIFY(m_sandbox.requests(u"POST"_s, stripeUpdatePath.arg(id)).isEmpty());
        QCOMPARE(m_sandbox.session(id)[u"amount_total"].toInteger(), 18000);
    }

    void codes()
    {
        // A first-time customer with the welcome code: 25% beats the stacked automatic ones.
        const QString id = m_sandbox.createSession(u"newcomer@example.org"_s, u"gold"_s, u"BE"_s);
        const CliRun run = m_sandbox.remiseServer({u"apply"_s, id, u"--code"_s, u"welcome10"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(parse(run.out)[u"after"][u"amount_off"].toInteger(), 4500);
        // The accepted code is remembered: a plain re-apply keeps it.
        const CliRun again = m_sandbox.remiseServer({u"apply"_s, id});
        QCOMPARE(parse(again.out)[u"outcome"].toString(), u"unchanged"_s);

        const CliRun bad = m_sandbox.remiseServer({u"apply"_s, id, u"--code"_s, u"NOPE"_s});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("code_not_accepted"), bad.err.constData());
        QCOMPARE(m_sandbox.session(id)[u"amount_total"].toInteger(), 13500);
    }

    void refusesSessionsItMustNotTouch_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("expected");
        QTest::newRow("completed") << u"complete"_s << u"session_not_open"_s;
        QTest::newRow("expired") << u"expire"_s << u"session_not_open"_s;
        QTest::newRow("no server-only permission") << u"client_only"_s << u"update_discounts"_s;
        QTest::newRow("unknown session") << u"unknown"_s << u"session_not_found"_s;
        QTest::newRow("not a session id") << u"garbage"_s << u"invalid_session_id"_s;
    }

    void refusesSessionsItMustNotTouch()
    {
        QFETCH(QString, state);
        QFETCH(QString, expected);
        QString id = m_sandbox.createSession(u"refused-%1@example.org"_s.arg(state), u"gold"_s,
                                             u"BE"_s, state != u"client_only");
        if (state == u"complete")
            m_sandbox.call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(id));
        else if (state == u"expire")
            m_sandbox.call("POST", u"/v1/checkout/sessions/%1/expire"_s.arg(id));
        else if (state == u"unknown")
            id = u"cs_test_doesNotExist0000"_s;
        else if (state == u"garbage")
            id = u"not-a-session"_s;
        const qint64 totalBefore = m_sandbox.session(id)[u"amount_total"].toInteger();
        const CliRun run = m_sandbox.remiseServer({u"apply"_s, id});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(expected.toUtf8()), run.err.constData());
        QCOMPARE(m_sandbox.session(id)[u"amount_total"].toInteger(), totalBefore);
    }

    void refusesALiveKey()
    {
        m_sandbox.clearRequests();
        const CliRun run = m_sandbox.remiseServer(
            {u"apply"_s, u"cs_live_a1b2c3"_s},
            {{u"REMISE_STRIPE_SECRET_KEY"_s, u"sk_live_51Hxyzabcdefghijkl"_s}});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("--allow-live"), run.err.constData());
        QVERIFY2(!run.err.contains("sk_live_51Hxyzabcdefghijkl"), "the key must never be printed");
        QVERIFY(m_sandbox.call("GET", u"/_sandbox/requests"_s).body[u"data"].toArray().isEmpty());
    }

    void listsSessions()
    {
        const QString id = m_sandbox.createSession(u"listed@example.org"_s, u"bronze"_s, u"DE"_s);
        const CliRun run = m_sandbox.remiseServer(
            {u"sessions"_s, u"list"_s, u"--status"_s, u"open"_s, u"--limit"_s, u"50"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.startsWith("ID"));
        QVERIFY(run.out.contains(id.toUtf8()));
        QVERIFY(run.out.contains("listed@example.org"));
        QVERIFY(run.out.contains("180.00 EUR"));
        QVERIFY(!run.out.contains(" complete "));

        const CliRun json =
            m_sandbox.remiseServer({u"sessions"_s, u"list"_s, u"--limit"_s, u"3"_s, u"--json"_s});
        QCOMPARE(parse(json.out)[u"data"].toArray().size(), 3);
    }

    void theActivityLogRecordsEveryRun()
    {
        const QString id = m_sandbox.createSession(u"logged@example.org"_s, u"gold"_s, u"BE"_s);
        QCOMPARE(m_sandbox.remiseServer({u"apply"_s, id}).exitCode, 0);
        m_sandbox.call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(id));
        QCOMPARE(m_sandbox.remiseServer({u"apply"_s, id}).exitCode, 1);

        auto store = remise::SqliteStore::open(m_sandbox.databasePath());
        QVERIFY(store);
        remise::ActivityFilter filter;
        filter.sessionId = id;
        const auto entries = (*store)->activity(filter);
        QVERIFY(entries);
        QCOMPARE(entries->size(), 2);
        // Newest first: the refusal, then the update with Stripe's request id and the amounts.
        QCOMPARE(entries->at(0).outcome, u"refused"_s);
        QVERIFY(entries->at(0).message.contains(u"session_not_open"_s));
        QCOMPARE(entries->at(1).outcome, u"applied"_s);
        QCOMPARE(entries->at(1).actor, u"cli"_s);
        QVERIFY(entries->at(1).stripeRequestId.startsWith(u"req_"_s));
        QVERIFY(entries->at(1).before.isEmpty());
        QCOMPARE(entries->at(1).after[u"amount_off"].toInteger(), 2300);
        QVERIFY(entries->at(1).latencyMs >= 0);
    }
};

QTEST_GUILESS_MAIN(TestApply)
#include "tst_apply.moc"
