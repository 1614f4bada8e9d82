// The service's parts in process: configuration (the example config file, the environment,
// live keys), token buckets, the error table and the metrics text.

#include "apierrors.h"
#include "metrics.h"
#include "ratelimiter.h"
#include "serviceconfig.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using remise::api::RateLimiter;
using remise::api::ServiceConfig;

namespace {

QProcessEnvironment environment(const QMap<QString, QString> &values)
{
    QProcessEnvironment env;
    env.insert(u"REMISE_STRIPE_SECRET_KEY"_s, u"sk_test_partsTest4242"_s);
    for (auto it = values.begin(); it != values.end(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

} // namespace

class TestServiceParts : public QObject
{
    Q_OBJECT

private slots:
    void exampleConfigLoads()
    {
        ServiceConfig::Overrides overrides;
        overrides.configFile =
            QStringLiteral(REMISE_SOURCE_DIR "/resources/remise-server.conf.example");
        const auto config = ServiceConfig::load(environment({}), overrides);
        QVERIFY2(config, config ? "" : qPrintable(config.error().describe()));
        QCOMPARE(config->port, 4242);
        QCOMPARE(config->address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config->allowedOrigins,
                 (QStringList{u"https://shop.example.com"_s, u"https://www.shop.example.com"_s}));
        QCOMPARE(config->rateLimit, 10.0);
        QCOMPARE(config->databasePath, u"/var/lib/remise/remise.db"_s);
        QVERIFY(!config->describe().contains(u"partsTest4242"_s));
    }

    void environmentAndCommandLine()
    {
        ServiceConfig::Overrides overrides;
        overrides.listen = u"[::1]:0"_s;
        overrides.rateLimit = 0;
        const auto config = ServiceConfig::load(
            environment({{u"REMISE_SESSION_RATE_LIMIT"_s, u"2.5"_s},
                         {u"REMISE_REQUEST_TIMEOUT_MS"_s, u"1500"_s},
                         {u"REMISE_THREADS"_s, u"3"_s},
                         {u"REMISE_LISTEN"_s, u"127.0.0.1:9999"_s},
                         {u"REMISE_STRIPE_WEBHOOK_SECRET"_s, u"whsec_currentSecret01"_s},
                         {u"REMISE_STRIPE_WEBHOOK_SECRET_PREVIOUS"_s, u"whsec_previousSecret1"_s}}),
            overrides);
        QVERIFY2(config, config ? "" : qPrintable(config.error().describe()));
        QCOMPARE(config->address, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(config->port, 0);
        QCOMPARE(config->rateLimit, 0.0);
        QCOMPARE(config->sessionRateLimit, 2.5);
        QCOMPARE(config->requestTimeout.count(), 1500);
        QCOMPARE(config->threads, 3);
        QVERIFY(config->describe().contains(u"threads = 3"_s));
        QCOMPARE(config->webhookSecrets,
                 (QList<QByteArray>{"whsec_currentSecret01", "whsec_previousSecret1"}));
        QVERIFY(!config->describe().contains(u"currentSecret"_s));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("session rate not a number")
            << u"REMISE_SESSION_RATE_LIMIT"_s << u"fast"_s << u"REMISE_SESSION_RATE_LIMIT"_s;
        QTest::newRow("request timeout too short")
            << u"REMISE_REQUEST_TIMEOUT_MS"_s << u"5"_s << u"REMISE_REQUEST_TIMEOUT_MS"_s;
        QTest::newRow("no lane") << u"REMISE_THREADS"_s << u"0"_s << u"REMISE_THREADS"_s;
        QTest::newRow("lanes not a number")
            << u"REMISE_THREADS"_s << u"two"_s << u"REMISE_THREADS"_s;
        QTest::newRow("listen on a host name")
            << u"REMISE_LISTEN"_s << u"example.com:80"_s << u"IP address"_s;
        QTest::newRow("listen without a port")
            << u"REMISE_LISTEN"_s << u"127.0.0.1"_s << u"ADDRESS:PORT"_s;
        QTest::newRow("port out of range")
            << u"REMISE_LISTEN"_s << u"127.0.0.1:70000"_s << u"ADDRESS:PORT"_s;
        QTest::newRow("previous webhook secret")
            << u"REMISE_STRIPE_WEBHOOK_SECRET_PREVIOUS"_s << u"secret"_s << u"whsec_"_s;
        QTest::newRow("live key") << u"REMISE_STRIPE_SECRET_KEY"_s << u"sk_live_partsTest4242"_s
                                  << u"--allow-live"_s;
        QTest::newRow("publishable key")
            << u"REMISE_STRIPE_SECRET_KEY"_s << u"pk_test_abc"_s << u"publishable"_s;
    }

    void refusals()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const auto config = ServiceConfig::load(environment({{variable, value}}), {});
        QVERIFY(!config);
        QVERIFY2(config.error().describe().contains(expected),
                 qPrintable(config.error().describe()));
        QVERIFY(!config.error().describe().contains(u"partsTest4242"_s));
    }

    void liveKeyWithAllowLive()
    {
        ServiceConfig::Overrides overrides;
        overrides.allowLive = true;
        const auto config = ServiceConfig::load(
            environment({{u"REMISE_STRIPE_SECRET_KEY"_s, u"rk_live_partsTest4242"_s}}), overrides);
        QVERIFY(config);
        QVERIFY(config->key && config->key->isLive());
    }

    void tokenBuckets()
    {
        RateLimiter limiter(2, 3); // 2 per second, bursts of 3
        QCOMPARE(limiter.take(u"a"_s, 0), 0);
        QCOMPARE(limiter.take(u"a"_s, 0), 0);
        QCOMPARE(limiter.take(u"a"_s, 0), 0);
        QCOMPARE(limiter.take(u"a"_s, 0), 500); // the next token in half a second
        QCOMPARE(limiter.take(u"b"_s, 0), 0);   // another key has its own bucket
        QCOMPARE(limiter.take(u"a"_s, 499), 1);
        QCOMPARE(limiter.take(u"a"_s, 500), 0);
        QCOMPARE(limiter.size(), 2);
        limiter.prune(10'000); // full again: forgotten
        QCOMPARE(limiter.size(), 0);
        RateLimiter off(0, 1);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(off.take(u"a"_s, 0), 0);
        RateLimiter small(1, 1, 10); // at most 10 keys remembered
        for (int i = 0; i < 50; ++i)
            small.take(QString::number(i), 0);
        QVERIFY(small.size() <= 10);
    }

    void errorTable_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");
        QTest::newRow("invalid_json") << u"invalid_json"_s << 400;
        QTest::newRow("invalid_session_id") << u"invalid_session_id"_s << 400;
        QTest::newRow("session_not_found") << u"session_not_found"_s << 404;
        QTest::newRow("session_not_open") << u"session_not_open"_s << 409;
        QTest::newRow("payload_too_large") << u"payload_too_large"_s << 413;
        QTest::newRow("unsupported_media_type") << u"unsupported_media_type"_s << 415;
        QTest::newRow("code_not_accepted") << u"code_not_accepted"_s << 422;
        QTest::newRow("rate_limited") << u"rate_limited"_s << 429;
        QTest::newRow("stripe_error") << u"stripe_error"_s << 502;
        QTest::newRow("stripe_unavailable") << u"stripe_unavailable"_s << 503;
        QTest::newRow("database_error") << u"database_error"_s << 503;
        QTest::newRow("anything else") << u"sqlite_busy_whatever"_s << 500;
    }

    void errorTable()
    {
        QFETCH(QString, code);
        QFETCH(int, status);
        QCOMPARE(remise::api::httpStatusFor(code), status);
        // Internal detail never reaches the customer.
        const remise::Error internal{code,
                                     u"Stripe invalid_request (400): sk_test_abc4242 at "
                                     u"/var/lib/remise/remise.db cs_test_123"_s,
                                     u"discounts"_s,
                                     {}};
        const QJsonObject body = remise::api::errorBody(internal);
        const QString text = QString::fromUtf8(QJsonDocument(body).toJson());
        QVERIFY(!text.contains(u"sk_test"_s));
        QVERIFY(!text.contains(u"/var/lib"_s));
        QVERIFY(!text.contains(u"cs_test"_s));
        QCOMPARE(body[u"type"].toString(), u"error"_s);
        QCOMPARE(body[u"code"].toString(), status == 500 ? u"internal_error"_s : code);
    }

    void metricsText()
    {
        remise::api::Metrics metrics;
        metrics.request(u"refresh"_s, 200, 0.012);
        metrics.request(u"refresh"_s, 200, 3);
        metrics.request(u"code"_s, 422, 0.02);
        metrics.stripeAttempt(u"GET"_s, 200);
        metrics.stripeRetry();
        metrics.decision(u"applied"_s);
        const QByteArray text = metrics.render();
        QVERIFY(
            text.contains("remise_http_requests_total{endpoint=\"refresh\",status=\"200\"} 2\n"));
        QVERIFY(text.contains(
            "remise_http_request_duration_seconds_bucket{endpoint=\"refresh\",le=\"0.025\"} 1\n"));
        QVERIFY(text.contains(
            "remise_http_request_duration_seconds_bucket{endpoint=\"refresh\",le=\"5\"} 2\n"));
        QVERIFY(
            text.contains("remise_http_request_duration_seconds_count{endpoint=\"refresh\"} 2\n"));
        QVERIFY(text.contains("remise_stripe_requests_total{method=\"GET\",status=\"200\"} 1\n"));
        QVERIFY(text.contains("remise_stripe_retries_total 1\n"));
        QVERIFY(text.contains("remise_decisions_total{outcome=\"applied\"} 1\n"));
        QVERIFY(text.contains("# TYPE remise_http_request_duration_seconds histogram\n"));
    }
};

QTEST_GUILESS_MAIN(TestServiceParts)
#include "tst_serviceparts.moc"
