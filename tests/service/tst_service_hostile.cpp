// The service under hostile input: every row gets its documented status and JSON error,
// reaches neither Stripe (the sandbox's request log stays empty) nor the store (no activity,
// no reservation), and the service answers the next good request.

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

QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                   const QByteArray &extraHeaders = {},
                   const QByteArray &contentType = "application/json")
{
    QByteArray out = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    out += extraHeaders;
    if (!body.isEmpty() || method == "POST")
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return out + "\r\n" + body;
}

QByteArray refresh(const QByteArray &body, const QByteArray &headers = {})
{
    return request("POST", "/v1/discounts/refresh", body, headers);
}

QByteArray code(const QByteArray &body)
{
    return request("POST", "/v1/discounts/code", body);
}

QByteArray expiredEvent(const QString &sessionId, const QString &eventId)
{
    return QJsonDocument(QJsonObject{{u"id"_s, eventId},
                                     {u"object"_s, u"event"_s},
                                     {u"type"_s, u"checkout.session.expired"_s},
                                     {u"data"_s,
                                      QJsonObject{{u"object"_s,
                                                   QJsonObject{{u"id"_s, sessionId},
                                                               {u"object"_s, u"checkout.session"_s},
                                                               {u"status"_s, u"expired"_s}}}}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestServiceHostile : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    ServiceProcess m_service{m_sandbox};
    QString m_good; ///< an open session holding a discount

    qsizetype activityCount()
    {
        auto store = remise::SqliteStore::open(m_sandbox.databasePath());
        if (!store)
            return -1;
        remise::ActivityFilter filter;
        filter.limit = 1'000'000;
        const auto entries = (*store)->activity(filter);
        return entries ? entries->size() : -1;
    }

    qsizetype reservationCount()
    {
        auto store = remise::SqliteStore::open(m_sandbox.databasePath());
        if (!store)
            return -1;
        const auto held = (*store)->reservations(m_good);
        return held ? held->size() : -1;
    }

    int stripeRequests()
    {
        int n = 0;
        const auto log = m_sandbox.call("GET", u"/_sandbox/requests"_s).body[u"data"].toArray();
        for (const QJsonValue &r : log)
            n += r[u"path"].toString().startsWith(u"/v1/"_s) ? 1 : 0;
        return n;
    }

    void checkNothingChanged(qsizetype activityBefore, qsizetype reservationsBefore)
    {
        QCOMPARE(stripeRequests(), 0);
        QCOMPARE(activityCount(), activityBefore);
        QCOMPARE(reservationCount(), reservationsBefore);
        // Still up, still right.
        const ServiceReply good = m_service.refresh(m_good);
        QVERIFY2(good.status == 200, good.raw.constData());
        QCOMPARE(good.amountTotal(), 15700);
        m_sandbox.clearRequests();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_sandbox.start());
        const CliRun imported = m_sandbox.remiseServer(
            {u"campaigns"_s, u"import"_s, QStringLiteral(REMISE_TEST_DATA "/e2e/campaigns.json")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY(m_service.start({}, {{u"REMISE_ALLOWED_ORIGINS"_s, u"https://shop.example"_s},
                                     {u"REMISE_RATE_LIMIT"_s, u"100000"_s},
                                     {u"REMISE_SESSION_RATE_LIMIT"_s, u"100000"_s},
                                     {u"REMISE_REQUEST_TIMEOUT_MS"_s, u"1000"_s}}));
        m_good = m_sandbox.createSession(u"good@example.org"_s, u"gold"_s, u"BE"_s);
        const ServiceReply first = m_service.refresh(m_good);
        QVERIFY2(first.status == 200, first.raw.constData());
        QCOMPARE(first.amountTotal(), 15700);
        m_sandbox.clearRequests();
    }

    void hostileRequest_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const QByteArray id = "@SESSION@";
        // The body
        QTest::newRow("malformed JSON")
            << refresh("{\"checkout_session_id\": }") << 400 << u"invalid_json"_s;
        QTest::newRow("truncated JSON")
            << refresh("{\"checkout_session_id\":\"" + id) << 400 << u"invalid_json"_s;
        QTest::newRow("JSON array") << refresh("[\"" + id + "\"]") << 400 << u"invalid_json"_s;
        QTest::newRow("empty body") << refresh("") << 400 << u"invalid_json"_s;
        QTest::newRow("trailing garbage")
            << refresh("{\"checkout_session_id\":\"" + id + "\"} {}") << 400 << u"invalid_json"_s;
        QTest::newRow("invalid UTF-8")
            << refresh("{\"checkout_session_id\":\"\xff\xfe\"}") << 400 << u"invalid_json"_s;
        QTest::newRow("id is a number")
            << refresh("{\"checkout_session_id\":42}") << 400 << u"invalid_value"_s;
        QTest::newRow("id is null")
            << refresh("{\"checkout_session_id\":null}") << 400 << u"invalid_value"_s;
        QTest::newRow("id is an object")
            << refresh("{\"checkout_session_id\":{\"$ne\":\"\"}}") << 400 << u"invalid_value"_s;
        QTest::newRow("code is an array")
            << code("{\"checkout_session_id\":\"" + id + "\",\"code\":[\"SPRING20\"]}") << 400
            << u"invalid_value"_s;
        QTest::newRow("unknown field")
            << refresh("{\"checkout_session_id\":\"" + id + "\",\"amount_off\":100000}") << 400
            << u"unknown_field"_s;
        QTest::newRow("code sent to refresh")
            << refresh("{\"checkout_session_id\":\"" + id + "\",\"code\":\"WELCOME10\"}") << 400
            << u"unknown_field"_s;
        QTest::newRow("missing id") << refresh("{}") << 400 << u"missing_value"_s;
        QTest::newRow("missing code")
            << code("{\"checkout_session_id\":\"" + id + "\"}") << 400 << u"missing_value"_s;
        // Ids and codes
        QTest::newRow("path in the id")
            << refresh("{\"checkout_session_id\":\"cs_test_../../v1/customers\"}") << 400
            << u"invalid_session_id"_s;
        QTest::newRow("not a session id")
            << refresh("{\"checkout_session_id\":\"pi_3Nabc\"}") << 400 << u"invalid_session_id"_s;
        QTest::newRow("live session, test key")
            << refresh("{\"checkout_session_id\":\"cs_live_a1b2c3\"}") << 400
            << u"invalid_session_id"_s;
        QTest::newRow("overlong id")
            << refresh("{\"checkout_session_id\":\"cs_test_" + QByteArray(300, 'a') + "\"}") << 400
            << u"invalid_session_id"_s;
        QTest::newRow("header injection in the id")
            << refresh("{\"checkout_session_id\":\"" + id + "\\r\\nX-Injected: yes\"}") << 400
            << u"invalid_session_id"_s;
        QTest::newRow("control characters in the code")
            << code("{\"checkout_session_id\":\"" + id + "\",\"code\":\"A\\r\\nSet-Cookie: x\"}")
            << 400 << u"invalid_code"_s;
        QTest::newRow("overlong code") << code("{\"checkout_session_id\":\"" + id +
                                               "\",\"code\":\"" + QByteArray(200, 'A') + "\"}")
                                       << 400 << u"invalid_code"_s;
        QTest::newRow("empty code")
            << code("{\"checkout_session_id\":\"" + id + "\",\"code\":\"  \"}") << 400
            << u"invalid_code"_s;
        // Media types and sizes
        QTest::newRow("text/plain")
            << request("POST", "/v1/discounts/refresh", "{\"checkout_session_id\":\"" + id + "\"}",
                       {}, "text/plain")
            << 415 << u"unsupported_media_type"_s;
        QTest::newRow("form encoded")
            << request("POST", "/v1/discounts/refresh", "checkout_session_id=" + id, {},
                       "application/x-www-form-urlencoded")
            << 415 << u"unsupported_media_type"_s;
        QTest::newRow("no content type")
            << request("POST", "/v1/discounts/refresh", "{\"checkout_session_id\":\"" + id + "\"}",
                       {}, {})
            << 415 << u"unsupported_media_type"_s;
        QTest::newRow("huge body announced")
            << QByteArray("POST /v1/discounts/refresh HTTP/1.1\r\nHost: x\r\nContent-Type: "
                          "application/json\r\nContent-Length: 10000000\r\n\r\n{\"checkout_"
                          "session_id\":\"" +
                          QByteArray(2000, 'a'))
            << 413 << u"payload_too_large"_s;
        QTest::newRow("one byte over 64 KiB")
            << refresh("{\"checkout_session_id\":\"" + id + "\",\"pad\":\"" +
                       QByteArray(65536, 'a') + "\"}")
            << 413 << u"payload_too_large"_s;
        QTest::newRow("webhook over 512 KiB announced")
            << QByteArray("POST /v1/webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Type: "
                          "application/json\r\nStripe-Signature: t=1,v1=00\r\nContent-Length: "
                          "600000\r\n\r\n{\"id\":\"evt_")
            << 413 << u"payload_too_large"_s;
        QTest::newRow("chunked body")
            << QByteArray("POST /v1/discounts/refresh HTTP/1.1\r\nHost: x\r\nContent-Type: "
                          "application/json\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n")
            << 411 << u"length_required"_s;
        QTest::newRow("two content lengths")
            << QByteArray("POST /v1/discounts/refresh HTTP/1.1\r\nHost: x\r\nContent-Type: "
                          "application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}")
            << 400 << u"invalid_request"_s;
        // Origins and methods
        QTest::newRow("disallowed origin") << refresh("{\"checkout_session_id\":\"" + id + "\"}",
                                                      "Origin: https://evil.example\r\n")
                                           << 403 << u"origin_not_allowed"_s;
        QTest::newRow("look-alike origin")
            << refresh("{\"checkout_session_id\":\"" + id + "\"}",
                       "Origin: https://shop.example.evil.example\r\n")
            << 403 << u"origin_not_allowed"_s;
        QTest::newRow("null origin")
            << refresh("{\"checkout_session_id\":\"" + id + "\"}", "Origin: null\r\n") << 403
            << u"origin_not_allowed"_s;
        QTest::newRow("preflight from a disallowed origin")
            << request("OPTIONS", "/v1/discounts/code", {},
                       "Origin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\n",
                       {})
            << 403 << u"origin_not_allowed"_s;
        QTest::newRow("GET on an endpoint") << request("GET", "/v1/discounts/refresh", {}, {}, {})
                                            << 405 << u"method_not_allowed"_s;
        QTest::newRow("unknown path")
            << refresh("{}").replace("/v1/discounts/refresh", "/v1/discounts/admin") << 404
            << u"not_found"_s;
        // The head itself
        QTest::newRow("header injection: bare CR")
            << refresh("{\"checkout_session_id\":\"" + id + "\"}",
                       "X-Note: a\rSet-Cookie: admin=1\r\n")
            << 400 << u"invalid_request"_s;
        QTest::newRow("folded header") << refresh("{\"checkout_session_id\":\"" + id + "\"}",
                                                  "X-Note: a\r\n Origin: https://shop.example\r\n")
                                       << 400 << u"invalid_request"_s;
        QTest::newRow("space in a header name")
            << refresh("{\"checkout_session_id\":\"" + id + "\"}", "Content Length: 5\r\n") << 400
            << u"invalid_request"_s;
        QTest::newRow("oversized headers")
            << refresh("{}", "X-Pad: " + QByteArray(20'000, 'a') + "\r\n") << 431
            << u"headers_too_large"_s;
        QTest::newRow("not HTTP") << QByteArray("HELLO THERE\r\n\r\n") << 400
                                  << u"invalid_request"_s;
        QTest::newRow("HTTP/2 preface")
            << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 400 << u"invalid_request"_s;
    }

    void hostileRequest()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        QFETCH(QString, code);
        raw.replace("@SESSION@", m_good.toUtf8());
        if (raw.contains("Content-Length: ") && !raw.contains("10000000") &&
            !raw.contains("600000") && !raw.contains("Content-Length: 40")) {
            // Rows built by request() carry the right length even after the replacement.
            const qsizetype headEnd = raw.indexOf("\r\n\r\n");
            const QByteArray body = raw.mid(headEnd + 4);
            QByteArray head = raw.left(headEnd);
            static const QRegularExpression length(u"Content-Length: \\d+"_s);
            head = QString::fromLatin1(head)
                       .replace(length, u"Content-Length: %1"_s.arg(body.size()))
                       .toLatin1();
            raw = head + "\r\n\r\n" + body;
        }
        const qsizetype activityBefore = activityCount();
        const qsizetype reservationsBefore = reservationCount();
        const ServiceReply reply = remise::test::parseRawReply(m_service.raw(raw));
        QVERIFY2(reply.status == status, reply.raw.left(400).constData());
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(reply.body[u"type"].toString(), u"error"_s);
        QCOMPARE(reply.code(), code);
        QVERIFY(!reply.body[u"message"].toString().isEmpty());
        // Nothing of the request comes back, in the body or as a header.
        QVERIFY(!reply.raw.contains("X-Injected"));
        QVERIFY(!reply.raw.contains("Set-Cookie"));
        QVERIFY(!reply.raw.contains("cs_test_"));
        checkNothingChanged(activityBefore, reservationsBefore);
    }

    void slowBodiesTimeOut_data()
    {
        QTest::addColumn<QByteArray>("partial");
        QTest::newRow("body never finished")
            << QByteArray("POST /v1/discounts/refresh HTTP/1.1\r\nHost: x\r\nContent-Type: "
                          "application/json\r\nContent-Length: 100\r\n\r\n{\"checkout_se");
        QTest::newRow("head never finished")
            << QByteArray("POST /v1/discounts/refresh HTTP/1.1\r\nHost: x\r\nContent-Type: ");
    }

    void slowBodiesTimeOut()
    {
        QFETCH(QByteArray, partial);
        const qsizetype activityBefore = activityCount();
        QElapsedTimer timer;
        timer.start();
        const ServiceReply reply = remise::test::parseRawReply(m_service.raw(partial, 8000));
        QCOMPARE(reply.status, 408);
        QCOMPARE(reply.code(), u"request_timeout"_s);
        QVERIFY2(timer.elapsed() >= 900 && timer.elapsed() < 5000,
                 qPrintable(QString::number(timer.elapsed())));
        checkNothingChanged(activityBefore, reservationCount());
    }

    void badWebhookSignatures_data()
    {
        QTest::addColumn<QString>("signing");
        QTest::newRow("no signature") << u"none"_s;
        QTest::newRow("wrong signature") << u"wrong"_s;
        QTest::newRow("another endpoint's secret") << u"other"_s;
        QTest::newRow("five minutes old and more") << u"old"_s;
        QTest::newRow("from the future") << u"future"_s;
        QTest::newRow("malformed header") << u"malformed"_s;
        QTest::newRow("signature of another body") << u"body"_s;
    }

    void badWebhookSignatures()
    {
        QFETCH(QString, signing);
        // An expiry would release the good session's reservation, were it believed.
        const QByteArray body = expiredEvent(m_good, u"evt_test_forged%1"_s.arg(signing.size()));
        const QByteArray secret = ServiceProcess::webhookSecret;
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QByteArray header;
        if (signing == u"wrong")
            header = "t=" + QByteArray::number(now) + ",v1=" + QByteArray(64, 'a');
        else if (signing == u"other")
            header = remise::webhook::sign(body, "whsec_someOtherEndpointSecret42", now);
        else if (signing == u"old")
            header = remise::webhook::sign(body, secret, now - 301);
        else if (signing == u"future")
            header = remise::webhook::sign(body, secret, now + 400);
        else if (signing == u"malformed")
            header = "t=abc,v1=zz";
        else if (signing == u"body")
            header = remise::webhook::sign(body + ' ', secret, now);
        const qsizetype activityBefore = activityCount();
        const qsizetype reservationsBefore = reservationCount();
        QVERIFY(reservationsBefore > 0);
        const ServiceReply reply = m_service.request(
            "POST", u"/v1/webhooks/stripe"_s, body,
            header.isEmpty() ? remise::test::Headers{}
                             : remise::test::Headers{{"Stripe-Signature", header}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.code(), u"signature_invalid"_s);
        checkNothingChanged(activityBefore, reservationsBefore);
    }

    void replayedWebhookIsHandledOnce()
    {
        // A second session, expired in Stripe; its event delivered, then replayed verbatim.
        const QString id = m_sandbox.createSession(u"replay@example.org"_s, u"gold"_s, u"BE"_s);
        QCOMPARE(m_service.refresh(id).status, 200);
        m_sandbox.call("POST", u"/v1/checkout/sessions/%1/expire"_s.arg(id));
        const QByteArray body = expiredEvent(id, u"evt_test_replayed0001"_s);
        const QByteArray header = remise::webhook::sign(body, ServiceProcess::webhookSecret,
                                                        QDateTime::currentSecsSinceEpoch());
        const ServiceReply first = m_service.request("POST", u"/v1/webhooks/stripe"_s, body,
                                                     {{"Stripe-Signature", header}});
        QCOMPARE(first.status, 200);
        QCOMPARE(first.body[u"handled"].toBool(), true);
        m_sandbox.clearRequests();
        const qsizetype activityBefore = activityCount();
        const qsizetype reservationsBefore = reservationCount();
        const ServiceReply again = m_service.request("POST", u"/v1/webhooks/stripe"_s, body,
                                                     {{"Stripe-Signature", header}});
        QCOMPARE(again.status, 200);
        QCOMPARE(again.body[u"duplicate"].toBool(), true);
        checkNothingChanged(activityBefore, reservationsBefore);
    }

    void floodFromOneClient()
    {
        ServiceProcess tight(m_sandbox);
        QVERIFY(tight.start({u"--rate-limit"_s, u"5"_s}, {{u"REMISE_RATE_BURST"_s, u"10"_s}}));
        // Its sweep at start reads the session holding a reservation; the flood reads nothing.
        QTRY_VERIFY(
            tight.request("GET", u"/metrics"_s).raw.contains("remise_reconciled_sessions_total{"));
        m_sandbox.clearRequests();
        const qsizetype activityBefore = activityCount();
        int limited = 0;
        int refused = 0;
        qint64 retryAfter = 0;
        for (int i = 0; i < 40; ++i) {
            // A forged X-Forwarded-For does not make a new client (no proxy is trusted).
            const ServiceReply reply =
                tight.post(u"/v1/discounts/refresh"_s, {{u"checkout_session_id"_s, u"flood"_s}},
                           {{"X-Forwarded-For", "203.0.113." + QByteArray::number(i)}});
            if (reply.status == 429) {
                ++limited;
                QCOMPARE(reply.code(), u"rate_limited"_s);
                retryAfter = reply.header("Retry-After").toLongLong();
                QVERIFY(retryAfter >= 1 && retryAfter <= 2);
            } else {
                QCOMPARE(reply.status, 400);
                ++refused;
            }
        }
        QVERIFY2(limited >= 25, qPrintable(QString::number(limited)));
        QVERIFY(refused >= 10);
        QCOMPARE(stripeRequests(), 0);
        QCOMPARE(activityCount(), activityBefore);
        // Health probes are never limited; the client gets through again after Retry-After.
        QCOMPARE(tight.request("GET", u"/healthz"_s).status, 200);
        QTest::qWait(int(retryAfter * 1000));
        const ServiceReply good = tight.refresh(m_good);
        QVERIFY2(good.status == 200, good.raw.constData());
        QCOMPARE(tight.terminate(), 0);
        m_sandbox.clearRequests();
    }

    void floodOnOneSession()
    {
        ServiceProcess tight(m_sandbox);
        QVERIFY(tight.start({u"--rate-limit"_s, u"0"_s}, {}));
        int limited = 0;
        for (int i = 0; i < 20; ++i) {
            const ServiceReply reply = tight.refresh(m_good);
            if (reply.status == 429) {
                ++limited;
                QCOMPARE(reply.code(), u"rate_limited"_s);
                QVERIFY(reply.header("Retry-After").toLongLong() >= 1);
            } else {
                QVERIFY2(reply.status == 200, reply.raw.constData());
            }
        }
        QVERIFY2(limited >= 5, qPrintable(QString::number(limited)));
        // Another session is not held back by this one.
        const QString other = m_sandbox.createSession(u"other@example.org"_s, u"gold"_s, u"BE"_s);
        QCOMPARE(tight.refresh(other).status, 200);
        QCOMPARE(tight.terminate(), 0);
        m_sandbox.clearRequests();
    }
};

QTEST_GUILESS_MAIN(TestServiceHostile)
#include "tst_service_hostile.moc"
