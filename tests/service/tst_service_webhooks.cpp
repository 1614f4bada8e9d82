// Webhooks end to end: the sandbox pays or expires sessions and signs its events to the
// running service, which commits or releases reservations and keeps customer profiles current.
// Duplicates, out-of-order deliveries and secret rotation are harmless.

#include "serviceprocess.h"
#include "sqlitestore.h"
#include "webhooksignature.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using remise::test::CliRun;
using remise::test::SandboxProcess;
using remise::test::ServiceProcess;
using remise::test::ServiceReply;

namespace {
const QByteArray previousSecret = "whsec_previousRotatedSecret0000";
}

class TestServiceWebhooks : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    ServiceProcess m_service{m_sandbox};

    std::unique_ptr<remise::SqliteStore> store()
    {
        auto opened = remise::SqliteStore::open(m_sandbox.databasePath());
        return opened ? std::move(*opened) : nullptr;
    }

    qint64 redemptions(const QString &campaign)
    {
        auto s = store();
        const auto usage = s->usage(QString(), QString(), QDateTime::currentMSecsSinceEpoch());
        return usage ? usage->value(campaign).redemptions : -1;
    }

    qsizetype reservations(const QString &sessionId)
    {
        const auto held = store()->reservations(sessionId);
        return held ? held->size() : -1;
    }

    // Waits until the sandbox has delivered `count` events and returns the last statuses.
    QList<int> deliveries(qsizetype count)
    {
        QList<int> statuses;
        for (int i = 0; i < 100; ++i) {
            const QJsonArray data =
                m_sandbox.call("GET", u"/_sandbox/webhooks"_s).body[u"data"].toArray();
            if (data.size() >= count) {
                for (const QJsonValue &d : data)
                    statuses.append(d[u"status"].toInt());
                return statuses;
            }
            QTest::qWait(50);
        }
        return statuses;
    }

    QByteArray event(const QString &id, const QString &type, const QString &sessionId)
    {
        return QJsonDocument(
                   QJsonObject{{u"id"_s, id},
                               {u"object"_s, u"event"_s},
                               {u"type"_s, type},
                               {u"data"_s,
                                QJsonObject{{u"object"_s,
                                             QJsonObject{{u"id"_s, sessionId},
                                                         {u"object"_s, u"checkout.session"_s}}}}}})
            .toJson(QJsonDocument::Compact);
    }

    ServiceReply deliver(const QByteArray &body, const QByteArray &secret)
    {
        return m_service.request(
            "POST", u"/v1/webhooks/stripe"_s, body,
            {{"Stripe-Signature",
              remise::webhook::sign(body, secret, QDateTime::currentSecsSinceEpoch())}});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_sandbox.start());
        const CliRun imported = m_sandbox.remiseServer(
            {u"campaigns"_s, u"import"_s, QStringLiteral(REMISE_TEST_DATA "/service/race.json")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY(m_service.start({}, {{u"REMISE_STRIPE_WEBHOOK_SECRET_PREVIOUS"_s,
                                      QString::fromLatin1(previousSecret)}}));
        QUrl url = m_service.baseUrl();
        url.setPath(u"/v1/webhooks/stripe"_s);
        const auto configured =
            m_sandbox.call("POST", u"/_sandbox/webhook"_s,
                           {{u"url"_s, url.toString()},
                            {u"secret"_s, QString::fromLatin1(ServiceProcess::webhookSecret)}});
        QVERIFY2(configured.status == 200, configured.raw.constData());
    }

    void completedCommitsAndCountsTheOrder()
    {
        const QString id = m_sandbox.createSession(u"buyer@example.org"_s, u"bronze"_s, u"FR"_s);
        const ServiceReply applied = m_service.applyCode(id, u"LAST5"_s);
        QVERIFY2(applied.status == 200, applied.raw.constData());
        QCOMPARE(applied.amountTotal(), 17000);
        QCOMPARE(reservations(id), 1);
        QCOMPARE(redemptions(u"last-five"_s), 1); // held: counts against the cap already

        const QString customer = m_sandbox.session(id)[u"customer"].toString();
        m_sandbox.call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(id));
        QCOMPARE(deliveries(1), QList<int>{200});
        QCOMPARE(reservations(id), 0);            // settled…
        QCOMPARE(redemptions(u"last-five"_s), 1); // …as a redemption
        const auto profile = store()->findCustomer(customer, u"buyer@example.org"_s);
        QVERIFY(profile && *profile);
        QCOMPARE((*profile)->orderCount, 1);
        QCOMPARE((*profile)->lifetimeSpend.value(u"eur"), 17000);

        // The same event again (Stripe's "resend", from the sandbox), and an expiry arriving
        // late: no change.
        const QJsonArray log =
            m_sandbox.call("GET", u"/_sandbox/webhooks"_s).body[u"data"].toArray();
        const QString eventId = log.last()[u"event"].toString();
        const auto again = m_sandbox.call("POST", u"/_sandbox/events/%1/redeliver"_s.arg(eventId));
        QVERIFY2(again.status == 200, again.raw.constData());
        QCOMPARE(again.body[u"status"].toInt(), 200);
        QCOMPARE(redemptions(u"last-five"_s), 1);
        const ServiceReply late =
            deliver(event(u"evt_test_lateExpiry01"_s, u"checkout.session.expired"_s, id),
                    ServiceProcess::webhookSecret);
        QCOMPARE(late.status, 200);
        QCOMPARE(redemptions(u"last-five"_s), 1);
        const auto after = store()->findCustomer(customer, u"buyer@example.org"_s);
        QCOMPARE((*after)->orderCount, 1);
        QCOMPARE((*after)->lifetimeSpend.value(u"eur"), 17000);
    }

    void aDeliveryThatFailedIsHandledWhenRedelivered()
    {
        const QString id = m_sandbox.createSession(u"retry@example.org"_s, u"bronze"_s, u"FR"_s);
        QCOMPARE(m_service.applyCode(id, u"LAST5"_s).status, 200);
        const qint64 before = redemptions(u"last-five"_s);
        const qsizetype delivered =
            m_sandbox.call("GET", u"/_sandbox/webhooks"_s).body[u"data"].toArray().size();
        // Stripe is down while the service reads the paid session: 503, nothing recorded…
        m_sandbox.injectFault({{u"method"_s, u"GET"_s},
                               {u"path"_s, u"/v1/checkout/sessions/*"_s},
                               {u"fault"_s, u"status"_s},
                               {u"status"_s, 503},
                               {u"count"_s, 10}});
        m_sandbox.call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(id));
        QCOMPARE(deliveries(delivered + 1).last(), 503);
        m_sandbox.clearFaults();
        QCOMPARE(reservations(id), 1);
        // …so the redelivery settles it, once.
        const QString eventId = m_sandbox.call("GET", u"/_sandbox/webhooks"_s)
                                    .body[u"data"]
                                    .toArray()
                                    .last()[u"event"]
                                    .toString();
        const auto redelivered =
            m_sandbox.call("POST", u"/_sandbox/events/%1/redeliver"_s.arg(eventId));
        QCOMPARE(redelivered.body[u"status"].toInt(), 200);
        QCOMPARE(reservations(id), 0);
        QCOMPARE(redemptions(u"last-five"_s), before);
        const QString customer = m_sandbox.session(id)[u"customer"].toString();
        const auto profile = store()->findCustomer(customer, u"retry@example.org"_s);
        QVERIFY(profile && *profile);
        QCOMPARE((*profile)->orderCount, 1);
    }

    void reconcileBeforeTheWebhookCountsTheOrderOnce()
    {
        // The sweep sees the paid session first (its webhook failed), then the redelivery
        // arrives: the order, the spend and the redemption are counted once.
        const QString id = m_sandbox.createSession(u"sweep@example.org"_s, u"bronze"_s, u"FR"_s);
        QCOMPARE(m_service.applyCode(id, u"LAST5"_s).status, 200);
        const qint64 before = redemptions(u"last-five"_s);
        const qsizetype delivered =
            m_sandbox.call("GET", u"/_sandbox/webhooks"_s).body[u"data"].toArray().size();
        m_sandbox.injectFault({{u"method"_s, u"GET"_s},
                               {u"path"_s, u"/v1/checkout/sessions/*"_s},
                               {u"fault"_s, u"status"_s},
                               {u"status"_s, 503},
                               {u"count"_s, 10}});
        m_sandbox.call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(id));
        QCOMPARE(deliveries(delivered + 1).last(), 503);
        m_sandbox.clearFaults();

        const CliRun swept = m_sandbox.remiseServer({u"reconcile"_s});
        QVERIFY2(swept.exitCode == 0, swept.err.constData());
        QCOMPARE(reservations(id), 0);
        const QString customer = m_sandbox.session(id)[u"customer"].toString();
        const auto counted = [&] {
            const auto profile = store()->findCustomer(customer, u"sweep@example.org"_s);
            return profile && *profile ? (*profile)->orderCount : -1;
        };
        QCOMPARE(counted(), 1);

        const QString eventId = m_sandbox.call("GET", u"/_sandbox/webhooks"_s)
                                    .body[u"data"]
                                    .toArray()
                                    .last()[u"event"]
                                    .toString();
        const auto redelivered =
            m_sandbox.call("POST", u"/_sandbox/events/%1/redeliver"_s.arg(eventId));
        QCOMPARE(redelivered.body[u"status"].toInt(), 200);
        QCOMPARE(counted(), 1);
        QCOMPARE(redemptions(u"last-five"_s), before);
    }

    void expiredReleases()
    {
        const QString id = m_sandbox.createSession(u"leaver@example.org"_s, u"bronze"_s, u"FR"_s);
        QCOMPARE(m_service.applyCode(id, u"LAST5"_s).status, 200);
        QCOMPARE(reservations(id), 1);
        const qint64 before = redemptions(u"last-five"_s);
        const qsizetype delivered =
            m_sandbox.call("GET", u"/_sandbox/webhooks"_s).body[u"data"].toArray().size();
        m_sandbox.call("POST", u"/v1/checkout/sessions/%1/expire"_s.arg(id));
        QCOMPARE(deliveries(delivered + 1).last(), 200);
        QCOMPARE(reservations(id), 0);
        QCOMPARE(redemptions(u"last-five"_s), before - 1);
    }

    void losingTheDiscountReleases()
    {
        const QString id = m_sandbox.createSession(u"changer@example.org"_s, u"bronze"_s, u"FR"_s);
        QCOMPARE(m_service.applyCode(id, u"BUDGET"_s).status, 200);
        QCOMPARE(reservations(id), 1);
        const ServiceReply removed = m_service.removeCode(id);
        QCOMPARE(removed.status, 200);
        QCOMPARE(removed.amountOff(), -1);
        QCOMPARE(reservations(id), 0);
    }

    void theSweepTimerSettlesWhatNoWebhookSaid()
    {
        // Events that never arrive: a service sweeping every second releases an expired
        // session's hold by itself, leaves an open session's alone, and /metrics shows both.
        ServiceProcess sweeper{m_sandbox};
        QVERIFY(sweeper.start({}, {{u"REMISE_RECONCILE_INTERVAL_MS"_s, u"1000"_s}}));
        const auto gauge = [&sweeper](const QByteArray &series) {
            const QByteArray text = sweeper.request("GET", u"/metrics"_s).raw;
            for (const QByteArray &line : text.split('\n'))
                if (line.startsWith(QByteArray(series + ' ')))
                    return line.mid(series.size() + 1).toDouble();
            return -1.0;
        };
        const QByteArray held = R"(remise_reservations{state="held"})";
        const double heldBefore = gauge(held);
        QVERIFY(heldBefore >= 0);

        const QString leaving =
            m_sandbox.createSession(u"gone@example.org"_s, u"bronze"_s, u"FR"_s);
        const QString staying =
            m_sandbox.createSession(u"stay@example.org"_s, u"bronze"_s, u"FR"_s);
        QCOMPARE(sweeper.applyCode(leaving, u"LAST5"_s).status, 200);
        QCOMPARE(sweeper.applyCode(staying, u"LAST5"_s).status, 200);
        QCOMPARE(gauge(held), heldBefore + 2);
        const double leftBefore =
            gauge(R"(remise_limit_left{campaign="last-five",limit="max_redemptions",currency=""})");

        // The expiry's webhook goes nowhere.
        QUrl url = m_service.baseUrl();
        url.setPath(u"/v1/webhooks/stripe"_s);
        const auto deliverTo = [this](const QString &target) {
            return m_sandbox.call(
                "POST", u"/_sandbox/webhook"_s,
                {{u"url"_s, target},
                 {u"secret"_s, QString::fromLatin1(ServiceProcess::webhookSecret)}});
        };
        QCOMPARE(deliverTo(u"http://127.0.0.1:9/v1/webhooks/stripe"_s).status, 200);
        m_sandbox.call("POST", u"/v1/checkout/sessions/%1/expire"_s.arg(leaving));
        QTRY_COMPARE_WITH_TIMEOUT(reservations(leaving), 0, 15000);
        QCOMPARE(deliverTo(url.toString()).status, 200);

        QCOMPARE(reservations(staying), 1);
        QCOMPARE(gauge(held), heldBefore + 1);
        QVERIFY(leftBefore >= 0);
        QCOMPARE(
            gauge(R"(remise_limit_left{campaign="last-five",limit="max_redemptions",currency=""})"),
            leftBefore + 1);
        QVERIFY(gauge(R"(remise_reconciled_sessions_total{action="released"})") >= 1);
        QCOMPARE(sweeper.terminate(), 0);
    }

    void aCompletedEventForAnOpenSessionCommitsNothing()
    {
        // Signed correctly but not true (Stripe says the session is open): nothing happens.
        const QString id = m_sandbox.createSession(u"liar@example.org"_s, u"bronze"_s, u"FR"_s);
        QCOMPARE(m_service.applyCode(id, u"LAST5"_s).status, 200);
        const qint64 before = redemptions(u"last-five"_s);
        const ServiceReply reply =
            deliver(event(u"evt_test_untrue0001"_s, u"checkout.session.completed"_s, id),
                    ServiceProcess::webhookSecret);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body[u"handled"].toBool(), false);
        QCOMPARE(reservations(id), 1);
        QCOMPARE(redemptions(u"last-five"_s), before);
    }

    void secretRotation_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<int>("status");
        QTest::newRow("current secret") << QByteArray(ServiceProcess::webhookSecret) << 200;
        QTest::newRow("previous secret") << previousSecret << 200;
        QTest::newRow("unknown secret") << QByteArray("whsec_neverConfigured000000") << 400;
    }

    void secretRotation()
    {
        QFETCH(QByteArray, secret);
        QFETCH(int, status);
        static int n = 0;
        const QByteArray body =
            event(u"evt_test_rotation%1"_s.arg(++n), u"customer.created"_s, u"cs_test_unused"_s);
        QCOMPARE(deliver(body, secret).status, status);
    }

    void severalSignaturesOneValid()
    {
        const QByteArray body = event(u"evt_test_several01"_s, u"customer.created"_s, {});
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QByteArray good = remise::webhook::sign(body, ServiceProcess::webhookSecret, now);
        const QByteArray v1 = good.mid(good.indexOf("v1="));
        const QByteArray header = "t=" + QByteArray::number(now) + ",v1=" + QByteArray(64, '0') +
                                  ',' + v1 + ",v0=ignored";
        const ServiceReply reply = m_service.request("POST", u"/v1/webhooks/stripe"_s, body,
                                                     {{"Stripe-Signature", header}});
        QCOMPARE(reply.status, 200);
    }
};

QTEST_GUILESS_MAIN(TestServiceWebhooks)
#include "tst_service_webhooks.moc"
