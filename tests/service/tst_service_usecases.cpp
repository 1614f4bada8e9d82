// End to end: the five use cases of the product through `remise-server serve`, as the
// storefront calls it, with the real sandbox as Stripe. Each case asserts the session's final
// totals in the sandbox, not only what the service says.

#include "serviceprocess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using remise::test::CliRun;
using remise::test::SandboxProcess;
using remise::test::ServiceProcess;
using remise::test::ServiceReply;

namespace {
const QByteArray betaVersion = "2025-03-31.basil; checkout_server_update_beta=v1";
}

class TestServiceUseCases : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    ServiceProcess m_service{m_sandbox};
    QTemporaryDir m_dir;
    QDateTime m_flashEnds;

    QString rulesFile(const QString &name, const QDateTime &flashEnds, int loyaltyPercent = 10)
    {
        QFile source(QStringLiteral(REMISE_TEST_DATA "/service/usecases.json"));
        if (!source.open(QIODevice::ReadOnly))
            return {};
        QByteArray text = source.readAll();
        text.replace("@FLASH_ENDS@", flashEnds.toString(Qt::ISODate).toUtf8());
        text.replace(QByteArray("\"percent\": 10}"),
                     QByteArray("\"percent\": " + QByteArray::number(loyaltyPercent) + '}'));
        const QString path = m_dir.filePath(name);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.write(text);
        return path;
    }

    qint64 sandboxTotal(const QString &id)
    {
        return m_sandbox.session(id)[u"amount_total"].toInteger(-1);
    }

    int updatesOf(const QString &id)
    {
        return int(m_sandbox.requests(u"POST"_s, u"/v1/checkout/sessions/"_s + id).size());
    }

    // Sets each line item's quantity, in order, as the storefront's server would.
    void setQuantities(const QString &id, const QList<int> &quantities)
    {
        const QJsonArray items = m_sandbox.session(id)[u"line_items"][u"data"].toArray();
        QJsonArray lineItems;
        for (qsizetype i = 0; i < items.size(); ++i)
            lineItems.append(QJsonObject{{u"id"_s, items.at(i)[u"id"].toString()},
                                         {u"quantity"_s, quantities.value(i, 1)}});
        const auto reply = m_sandbox.call("POST", u"/v1/checkout/sessions/"_s + id,
                                          {{u"line_items"_s, lineItems}}, betaVersion);
        QVERIFY2(reply.status == 200, reply.raw.constData());
    }

    void expect(const ServiceReply &reply, qint64 amountOff, qint64 total)
    {
        QVERIFY2(reply.status == 200, reply.raw.constData());
        QCOMPARE(reply.body[u"type"].toString(), u"object"_s);
        QCOMPARE(reply.body[u"value"][u"succeeded"].toBool(), true);
        QCOMPARE(reply.amountOff(), amountOff);
        QCOMPARE(reply.amountTotal(), total);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_sandbox.start());
        // The flash sale ends a few seconds from now (whole seconds: the file format's times).
        m_flashEnds = QDateTime::currentDateTimeUtc().addSecs(6);
        m_flashEnds.setTime(QTime(m_flashEnds.time().hour(), m_flashEnds.time().minute(),
                                  m_flashEnds.time().second()));
        const CliRun imported = m_sandbox.remiseServer(
            {u"campaigns"_s, u"import"_s, rulesFile(u"rules.json"_s, m_flashEnds)});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        const CliRun customers =
            m_sandbox.remiseServer({u"customers"_s, u"import"_s,
                                    QStringLiteral(REMISE_TEST_DATA "/service/customers.json")});
        QVERIFY2(customers.exitCode == 0, customers.err.constData());
        QVERIFY(m_service.start({}, {{u"REMISE_ALLOWED_ORIGINS"_s, u"https://shop.example"_s},
                                     {u"REMISE_RATE_LIMIT"_s, u"1000"_s}}));
    }

    void timeLimitedOffer()
    {
        const QString id =
            m_sandbox.createSession(u"shopper@flash.example"_s, u"bronze"_s, u"FR"_s);
        QVERIFY(!id.isEmpty());
        expect(m_service.refresh(id), 1000, 17000);
        QCOMPARE(sandboxTotal(id), 17000);
        // After its end the offer is gone: the next refresh removes it.
        while (QDateTime::currentDateTimeUtc() < m_flashEnds.addMSecs(200))
            QTest::qWait(100);
        expect(m_service.refresh(id), -1, 18000);
        QCOMPARE(sandboxTotal(id), 18000);
        QCOMPARE(m_sandbox.session(id)[u"discounts"].toArray().size(), 0);
    }

    void loyaltyTier()
    {
        const QString id = m_sandbox.createSession(u"member@example.org"_s, u"gold"_s, u"FR"_s);
        expect(m_service.refresh(id), 1800, 16200);
        QCOMPARE(sandboxTotal(id), 16200);
        QCOMPARE(m_sandbox.session(id)[u"discounts"][0][u"coupon"][u"name"].toString(),
                 u"Member 10%"_s);
        // Nothing changed: the service reads the session and leaves it alone.
        expect(m_service.refresh(id), 1800, 16200);
        QCOMPARE(updatesOf(id), 1);

        const QString bronze =
            m_sandbox.createSession(u"plain@example.org"_s, u"bronze"_s, u"FR"_s);
        expect(m_service.refresh(bronze), -1, 18000);
        QCOMPARE(sandboxTotal(bronze), 18000);
        QCOMPARE(updatesOf(bronze), 0);
    }

    void cartValueThreshold()
    {
        const QString id = m_sandbox.createSession(u"cart@example.org"_s, u"bronze"_s, u"FR"_s);
        expect(m_service.refresh(id), -1, 18000);
        // Two more aprons: 270.00 crosses the 200.00 threshold.
        setQuantities(id, {4, 1});
        expect(m_service.refresh(id), 1500, 25500);
        QCOMPARE(sandboxTotal(id), 25500);
        // Back under it: the discount goes.
        setQuantities(id, {1, 1});
        expect(m_service.refresh(id), -1, 13500);
        QCOMPARE(sandboxTotal(id), 13500);
        QCOMPARE(m_sandbox.session(id)[u"discounts"].toArray().size(), 0);
    }

    void location()
    {
        const QString id = m_sandbox.createSession(u"where@example.org"_s, u"bronze"_s, u"BE"_s);
        expect(m_service.refresh(id), 500, 17500);
        QCOMPARE(sandboxTotal(id), 17500);
        m_sandbox.call("POST", u"/_sandbox/checkout/sessions/%1/shipping"_s.arg(id),
                       {{u"country"_s, u"FR"_s}});
        expect(m_service.refresh(id), -1, 18000);
        QCOMPARE(sandboxTotal(id), 18000);
        m_sandbox.call("POST", u"/_sandbox/checkout/sessions/%1/shipping"_s.arg(id),
                       {{u"country"_s, u"NL"_s}});
        expect(m_service.refresh(id), 500, 17500);
        QCOMPARE(sandboxTotal(id), 17500);
    }

    void customerSegment()
    {
        // The VIP tag is in the local profile (imported), not in Stripe.
        const QString id =
            m_sandbox.createSession(u"vip.customer@example.org"_s, u"bronze"_s, u"FR"_s);
        expect(m_service.refresh(id), 2160, 15840);
        QCOMPARE(sandboxTotal(id), 15840);
        const QString other =
            m_sandbox.createSession(u"not.vip@example.org"_s, u"bronze"_s, u"FR"_s);
        expect(m_service.refresh(other), -1, 18000);
    }

    void codeApplyAndRemove()
    {
        const QString id = m_sandbox.createSession(u"coder@example.org"_s, u"bronze"_s, u"FR"_s);
        expect(m_service.applyCode(id, u" spring20 "_s), 3600, 14400);
        QCOMPARE(sandboxTotal(id), 14400);
        QCOMPARE(m_sandbox.session(id)[u"discounts"][0][u"coupon"][u"name"].toString(),
                 u"Spring code 20%"_s);
        // A refresh keeps the accepted code.
        expect(m_service.refresh(id), 3600, 14400);
        // A wrong code is refused with a message for the customer; the session keeps its code.
        const ServiceReply bad = m_service.applyCode(id, u"NOPE"_s);
        QCOMPARE(bad.status, 422);
        QCOMPARE(bad.body[u"type"].toString(), u"error"_s);
        QCOMPARE(bad.code(), u"code_not_accepted"_s);
        QCOMPARE(bad.body[u"message"].toString(), u"This code is not valid."_s);
        QCOMPARE(sandboxTotal(id), 14400);
        expect(m_service.refresh(id), 3600, 14400);
        // Removed: back to what the automatic campaigns give (none for this customer).
        expect(m_service.removeCode(id), -1, 18000);
        QCOMPARE(sandboxTotal(id), 18000);
        expect(m_service.refresh(id), -1, 18000);
        QCOMPARE(sandboxTotal(id), 18000);
    }

    void codeBeatsStackedAutomaticDiscounts()
    {
        // Member 10% (18.00) + Benelux 5.00 stack to 23.00; the 20% code (36.00) wins.
        const QString id = m_sandbox.createSession(u"both@example.org"_s, u"gold"_s, u"BE"_s);
        expect(m_service.refresh(id), 2300, 15700);
        expect(m_service.applyCode(id, u"SPRING20"_s), 3600, 14400);
        QCOMPARE(sandboxTotal(id), 14400);
        expect(m_service.removeCode(id), 2300, 15700);
        QCOMPARE(sandboxTotal(id), 15700);
    }

    void corsForConfiguredOriginsOnly()
    {
        const QString id = m_sandbox.createSession(u"cors@example.org"_s, u"gold"_s, u"FR"_s);
        const QJsonObject body{{u"checkout_session_id"_s, id}};
        const ServiceReply allowed =
            m_service.post(u"/v1/discounts/refresh"_s, body, {{"Origin", "https://shop.example"}});
        QCOMPARE(allowed.status, 200);
        QCOMPARE(allowed.header("Access-Control-Allow-Origin"), QByteArray("https://shop.example"));
        const ServiceReply preflight =
            m_service.request("OPTIONS", u"/v1/discounts/code"_s, {},
                              {{"Origin", "https://shop.example"},
                               {"Access-Control-Request-Method", "POST"},
                               {"Access-Control-Request-Headers", "content-type"}});
        QCOMPARE(preflight.status, 204);
        QCOMPARE(preflight.header("Access-Control-Allow-Origin"),
                 QByteArray("https://shop.example"));
        QVERIFY(preflight.header("Access-Control-Allow-Methods").contains("POST"));
        QVERIFY(
            preflight.header("Access-Control-Allow-Headers").toLower().contains("content-type"));
    }

    void publishedRulesReachTheServiceWithinASecond()
    {
        const QString id = m_sandbox.createSession(u"live@example.org"_s, u"gold"_s, u"FR"_s);
        expect(m_service.refresh(id), 1800, 16200);
        // Another process (the command line here, the desktop app alike) publishes new rules
        // into the same database while the service runs.
        const CliRun imported = m_sandbox.remiseServer(
            {u"campaigns"_s, u"import"_s, rulesFile(u"rules-15.json"_s, m_flashEnds, 15)});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        // The service checks the rules' revision on every request: the very next refresh
        // decides with the new rules (well within the second the service promises, however
        // loaded the machine running this test is).
        expect(m_service.refresh(id), 2700, 15300);
        QCOMPARE(sandboxTotal(id), 15300);
    }

    void refusesALiveKeyUnlessAllowed()
    {
        const QMap<QString, QString> live{
            {u"REMISE_STRIPE_SECRET_KEY"_s, u"sk_live_51HserveLiveKey0000"_s}};
        ServiceProcess refused(m_sandbox);
        QVERIFY(!refused.start({}, live));
        QVERIFY2(refused.log().contains("--allow-live"), refused.log().constData());
        QVERIFY2(!refused.log().contains("51HserveLiveKey0000"), "the key must never be printed");
        ServiceProcess allowed(m_sandbox);
        QVERIFY(allowed.start({u"--allow-live"_s}, live));
        // A test session id is refused before any call with a live key.
        QCOMPARE(allowed.refresh(u"cs_test_a1b2c3"_s).code(), u"invalid_session_id"_s);
        QCOMPARE(allowed.terminate(), 0);
    }

    void healthReadinessAndMetrics()
    {
        const ServiceReply health = m_service.request("GET", u"/healthz"_s);
        QCOMPARE(health.status, 200);
        const ServiceReply ready = m_service.request("GET", u"/readyz"_s);
        QCOMPARE(ready.status, 200);
        QCOMPARE(ready.body[u"status"].toString(), u"ready"_s);
        QCOMPARE(m_service.request("POST", u"/healthz"_s).status, 405);
        const ServiceReply metrics = m_service.request("GET", u"/metrics"_s);
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        const QList<QByteArray> lines{
            "remise_http_requests_total{endpoint=\"refresh\",status=\"200\"} ",
            "remise_http_requests_total{endpoint=\"code\",status=\"422\"} 1\n",
            "remise_http_request_duration_seconds_bucket{endpoint=\"refresh\",le=\"+Inf\"} ",
            "remise_decisions_total{outcome=\"applied\"} ",
            "remise_decisions_total{outcome=\"unchanged\"} ",
            "remise_decisions_total{outcome=\"code_not_accepted\"} 1\n",
            "remise_stripe_requests_total{method=\"GET\",status=\"200\"} ",
            "remise_stripe_requests_total{method=\"POST\",status=\"200\"} ",
            "remise_stripe_retries_total 0\n"};
        for (const QByteArray &line : lines)
            QVERIFY2(metrics.raw.contains(line), line.constData());
    }

    void stopsCleanlyAndLogsNoSecret()
    {
        // SIGTERM while an update waits on a slow Stripe: the request still gets its answer,
        // then the process exits cleanly.
        const QString id = m_sandbox.createSession(u"last@example.org"_s, u"gold"_s, u"FR"_s);
        m_sandbox.injectFault({{u"fault"_s, u"latency"_s},
                               {u"latency_ms"_s, 1500},
                               {u"path"_s, u"/v1/checkout/sessions/*"_s},
                               {u"count"_s, 1}});
        QNetworkAccessManager network;
        QUrl url = m_service.baseUrl();
        url.setPath(u"/v1/discounts/refresh"_s);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        const auto stripeCalls = [this] {
            return m_sandbox.call("GET", u"/_sandbox/requests"_s).body[u"data"].toArray().size();
        };
        const qsizetype before = stripeCalls();
        QNetworkReply *reply = network.post(
            request, QJsonDocument(QJsonObject{{u"checkout_session_id"_s, id}}).toJson());
        // SIGTERM once the service is waiting on Stripe (however busy this machine is).
        QTRY_VERIFY_WITH_TIMEOUT(stripeCalls() > before, 10000);
        QCOMPARE(m_service.terminate(), 0);
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(QJsonDocument::fromJson(reply->readAll())[u"value"][u"amount_total"].toInteger(),
                 15300); // member 15% since the rules were republished
        QCOMPARE(sandboxTotal(id), 15300);
        delete reply;
        QVERIFY(m_service.log().contains("\"level\":\"info\""));
        QVERIFY2(!m_service.log().contains(SandboxProcess::testKey),
                 "the key must never be logged");
        QVERIFY2(!m_service.log().contains(ServiceProcess::webhookSecret),
                 "the webhook secret must never be logged");
    }
};

QTEST_GUILESS_MAIN(TestServiceUseCases)
#include "tst_service_usecases.moc"
