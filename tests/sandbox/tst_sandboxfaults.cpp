// Fault injection, idempotency and the request log: what a client sees when the sandbox fails
// on purpose, and what the sandbox did meanwhile. Dropped connections are observed on a raw
// socket, because QNetworkAccessManager quietly resends a request whose connection dropped.

#include "clock.h"
#include "sandboxclient.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QTcpSocket>
#include <QTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using remise::test::Answer;
using remise::test::Options;
using remise::test::SandboxClient;

class TestSandboxFaults : public QObject
{
    Q_OBJECT

private:
    SandboxClient m_client{SystemClock::instance()};

    Answer call(const QByteArray &method, const QString &path, const QJsonObject &params = {},
                const Options &options = {})
    {
        return m_client.call(method, path, params, options);
    }

    void inject(const QJsonObject &fault)
    {
        const Answer a = call("POST", u"/_sandbox/faults"_s, fault);
        QVERIFY2(a.status == 200, a.raw.constData());
    }

    // One request on its own connection; everything the server wrote back before closing
    // (empty when it dropped the connection). The server runs on this thread: wait on the
    // event loop, never block.
    QByteArray raw(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                   const QByteArray &idempotencyKey = {})
    {
        QTcpSocket socket;
        QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                             "Authorization: Bearer " + test::testKey + "\r\n" +
                             "Content-Type: application/x-www-form-urlencoded\r\n" +
                             "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        if (!idempotencyKey.isEmpty())
            request += "Idempotency-Key: " + idempotencyKey + "\r\n";
        QByteArray answer;
        // A whole answer is in when its head and Content-Length bytes of body have arrived.
        const auto complete = [&answer] {
            const qsizetype head = answer.indexOf("\r\n\r\n");
            const qsizetype field = answer.indexOf("Content-Length: ");
            if (head < 0 || field < 0)
                return false;
            const qsizetype end = answer.indexOf('\r', field);
            return answer.size() - head - 4 >=
                   answer.mid(field + 16, end - field - 16).toLongLong();
        };
        QEventLoop loop;
        connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
            answer += socket.readAll();
            if (complete())
                loop.quit();
        });
        connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
        QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
        socket.connectToHost(QHostAddress::LocalHost, m_client.port());
        socket.write(request + "\r\n" + body);
        loop.exec();
        return answer + socket.readAll();
    }

    qsizetype customersNamed(const QString &email)
    {
        return call("GET", u"/v1/customers"_s, {{u"email"_s, email}, {u"limit"_s, 100}})
            .body[u"data"]
            .toArray()
            .size();
    }

    QJsonObject lastLogEntry(const QString &path)
    {
        const QJsonArray log = call("GET", u"/_sandbox/requests"_s).body[u"data"].toArray();
        for (qsizetype i = log.size() - 1; i >= 0; --i)
            if (log.at(i)[u"path"].toString() == path)
                return log.at(i).toObject();
        return {};
    }

private slots:
    void initTestCase() { QVERIFY(m_client.start()); }
    void cleanup() { call("DELETE", u"/_sandbox/faults"_s); }

    void errorFaults_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QByteArray>("shouldRetry");
        QTest::newRow("500") << QJsonObject{{u"fault"_s, u"status"_s}} << 500 << u"api_error"_s
                             << u""_s << QByteArray();
        QTest::newRow("502") << QJsonObject{{u"fault"_s, u"status"_s}, {u"status"_s, 502}} << 502
                             << u"api_error"_s << u""_s << QByteArray();
        QTest::newRow("504, retry")
            << QJsonObject{{u"fault"_s, u"status"_s}, {u"status"_s, 504}, {u"should_retry"_s, true}}
            << 504 << u"api_error"_s << u""_s << QByteArray("true");
        QTest::newRow("lock timeout")
            << QJsonObject{{u"fault"_s, u"lock_timeout"_s}} << 429 << u"invalid_request_error"_s
            << u"lock_timeout"_s << QByteArray("true");
        QTest::newRow("lock timeout, no retry")
            << QJsonObject{{u"fault"_s, u"lock_timeout"_s}, {u"should_retry"_s, false}} << 429
            << u"invalid_request_error"_s << u"lock_timeout"_s << QByteArray("false");
        QTest::newRow("rate limit")
            << QJsonObject{{u"fault"_s, u"rate_limit"_s}} << 429 << u"invalid_request_error"_s
            << u"rate_limit"_s << QByteArray();
    }

    void errorFaults()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(QString, code);
        QFETCH(QByteArray, shouldRetry);
        const QString email =
            u"%1@faults.example"_s.arg(QString::fromLatin1(QTest::currentDataTag()))
                .remove(u' ')
                .remove(u',');
        fault.insert(u"path"_s, u"/v1/customers"_s);
        fault.insert(u"method"_s, u"POST"_s);
        inject(fault);
        const Answer hit = call("POST", u"/v1/customers"_s, {{u"email"_s, email}});
        QCOMPARE(hit.status, status);
        QCOMPARE(hit.errorType(), type);
        QCOMPARE(hit.errorObject()[u"code"].toString(), code);
        QCOMPARE(hit.header("Stripe-Should-Retry"), shouldRetry);
        QVERIFY(hit.header("Request-Id").startsWith("req_"));
        QCOMPARE(customersNamed(email), 0); // not carried out
        const QJsonObject logged = lastLogEntry(u"/v1/customers"_s);
        QCOMPARE(logged[u"method"].toString(), u"GET"_s); // the check above
        // The one before it is the faulted POST.
        const QJsonArray log = call("GET", u"/_sandbox/requests"_s).body[u"data"].toArray();
        const QJsonObject post = log.at(log.size() - 2).toObject();
        QCOMPARE(post[u"method"].toString(), u"POST"_s);
        QCOMPARE(post[u"status"].toInt(), status);
        QVERIFY(!post[u"fault"].toString().isEmpty());
        QCOMPARE(post[u"request_id"].toString(), QString::fromLatin1(hit.header("Request-Id")));
        // Used up: the next one goes through.
        QCOMPARE(call("POST", u"/v1/customers"_s, {{u"email"_s, email}}).status, 200);
    }

    void dropAndMalformed_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("when");
        QTest::addColumn<bool>("carriedOut");
        QTest::newRow("drop before") << u"drop"_s << u"before"_s << false;
        QTest::newRow("drop after") << u"drop"_s << u"after"_s << true;
        QTest::newRow("malformed before") << u"malformed"_s << u"before"_s << false;
        QTest::newRow("malformed after") << u"malformed"_s << u"after"_s << true;
    }

    void dropAndMalformed()
    {
        QFETCH(QString, fault);
        QFETCH(QString, when);
        QFETCH(bool, carriedOut);
        const QString email = u"%1-%2@faults.example"_s.arg(fault, when);
        const QByteArray key = (fault + u'-' + when).toLatin1();
        inject({{u"path"_s, u"/v1/cust*"_s}, {u"fault"_s, fault}, {u"when"_s, when}});
        const QByteArray body = "email=" + email.toLatin1();
        const QByteArray answer = raw("POST", "/v1/customers", body, key);
        if (fault == u"drop") {
            QCOMPARE(answer, QByteArray());
        } else {
            QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
            const QByteArray payload = answer.mid(answer.indexOf("\r\n\r\n") + 4);
            QJsonParseError error;
            QJsonDocument::fromJson(payload, &error);
            QVERIFY(error.error != QJsonParseError::NoError); // not JSON
        }
        QCOMPARE(customersNamed(email), carriedOut ? 1 : 0);
        // The client retries with the same key: a request that ran is replayed, not run again.
        const Answer retry =
            call("POST", u"/v1/customers"_s, {{u"email"_s, email}}, {.idempotencyKey = key});
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.header("Idempotent-Replayed"),
                 carriedOut ? QByteArray("true") : QByteArray());
        QCOMPARE(customersNamed(email), 1);
    }

    void latency()
    {
        inject({{u"path"_s, u"/v1/customers"_s},
                {u"method"_s, u"POST"_s},
                {u"fault"_s, u"latency"_s},
                {u"latency_ms"_s, 1500}});
        QNetworkReply *slow =
            m_client.send("POST", u"/v1/customers"_s, {{u"email"_s, u"slow@faults.example"_s}},
                          {.idempotencyKey = "slow-1"});
        // Others are served meanwhile; the slow one's key is in flight.
        QTRY_COMPARE(lastLogEntry(u"/v1/customers"_s)[u"idempotency_key"].toString(), u"slow-1"_s);
        const Answer fast = call("GET", u"/v1/coupons"_s);
        QCOMPARE(fast.status, 200);
        QVERIFY(!slow->isFinished());
        const Answer again =
            call("POST", u"/v1/customers"_s, {{u"email"_s, u"slow@faults.example"_s}},
                 {.idempotencyKey = "slow-1"});
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorType(), u"idempotency_error"_s);
        const Answer done = SandboxClient::wait(slow);
        QCOMPARE(done.status, 200);
        QCOMPARE(customersNamed(u"slow@faults.example"_s), 1);
        // Done: the key replays now.
        QCOMPARE(call("POST", u"/v1/customers"_s, {{u"email"_s, u"slow@faults.example"_s}},
                      {.idempotencyKey = "slow-1"})
                     .header("Idempotent-Replayed"),
                 QByteArray("true"));
    }

    void latencyCarriesOnWhenTheClientHangsUp()
    {
        inject(
            {{u"path"_s, u"/v1/customers"_s}, {u"fault"_s, u"latency"_s}, {u"latency_ms"_s, 200}});
        QNetworkReply *reply =
            m_client.send("POST", u"/v1/customers"_s, {{u"email"_s, u"gone@faults.example"_s}});
        QTRY_COMPARE(lastLogEntry(u"/v1/customers"_s)[u"params"][u"email"].toString(),
                     u"gone@faults.example"_s);
        reply->abort();
        reply->deleteLater();
        QTRY_COMPARE(lastLogEntry(u"/v1/customers"_s)[u"status"].toInt(), 200);
        QCOMPARE(lastLogEntry(u"/v1/customers"_s)[u"fault"].toString(), u"latency"_s);
        QCOMPARE(customersNamed(u"gone@faults.example"_s), 1);
    }

    void matchingAndCounts()
    {
        // Several at once; method, glob and count decide which requests they hit.
        inject(
            {{u"faults"_s, QJsonArray{QJsonObject{{u"method"_s, u"POST"_s},
                                                  {u"path"_s, u"/v1/checkout/sessions/*/expire"_s},
                                                  {u"fault"_s, u"status"_s},
                                                  {u"status"_s, 503},
                                                  {u"count"_s, 2}},
                                      QJsonObject{{u"method"_s, u"get"_s},
                                                  {u"path"_s, u"/v1/coupons"_s},
                                                  {u"fault"_s, u"rate_limit"_s},
                                                  {u"count"_s, -1}}}}});
        QJsonArray listed = call("GET", u"/_sandbox/faults"_s).body[u"data"].toArray();
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed.at(0)[u"remaining"].toInt(), 2);
        QCOMPARE(listed.at(1)[u"remaining"].toInt(), -1);
        QCOMPARE(listed.at(1)[u"method"].toString(), u"GET"_s);

        const QString id = m_client.createSession(SandboxClient::sessionParams({{100, 1}}));
        QVERIFY(!id.isEmpty()); // POST /v1/checkout/sessions: not hit
        QCOMPARE(call("GET", u"/v1/checkout/sessions/"_s + id).status, 200);
        const QString expire = u"/v1/checkout/sessions/%1/expire"_s.arg(id);
        QCOMPARE(call("POST", expire).status, 503);
        QCOMPARE(call("GET", u"/_sandbox/faults"_s).body[u"data"][0][u"remaining"].toInt(), 1);
        QCOMPARE(call("POST", expire).status, 503);
        QCOMPARE(call("POST", expire).status, 200);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(call("GET", u"/v1/coupons"_s).status, 429);
        QCOMPARE(call("POST", u"/v1/coupons"_s, {{u"percent_off"_s, 5}}).status, 200);
        listed = call("GET", u"/_sandbox/faults"_s).body[u"data"].toArray();
        QCOMPARE(listed.size(), 1); // the used-up one is gone
        call("DELETE", u"/_sandbox/faults"_s);
        QCOMPARE(call("GET", u"/v1/coupons"_s).status, 200);
        // Helpers are never faulted.
        inject({{u"path"_s, u"*"_s}, {u"fault"_s, u"status"_s}, {u"count"_s, -1}});
        QCOMPARE(call("GET", u"/_sandbox/health"_s).status, 200);
        QCOMPARE(call("GET", u"/_sandbox/health"_s).body[u"ok"].toBool(), true);
    }

    void faultValidation_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::newRow("unknown kind") << QJsonObject{{u"fault"_s, u"explode"_s}};
        QTest::newRow("unknown key") << QJsonObject{{u"fault"_s, u"drop"_s}, {u"colour"_s, 1}};
        QTest::newRow("bad status") << QJsonObject{{u"fault"_s, u"status"_s}, {u"status"_s, 200}};
        QTest::newRow("zero count") << QJsonObject{{u"fault"_s, u"drop"_s}, {u"count"_s, 0}};
        QTest::newRow("bad when") << QJsonObject{{u"fault"_s, u"drop"_s}, {u"when"_s, u"during"_s}};
        QTest::newRow("negative latency")
            << QJsonObject{{u"fault"_s, u"latency"_s}, {u"latency_ms"_s, -5}};
        QTest::newRow("one bad among several")
            << QJsonObject{{u"faults"_s, QJsonArray{QJsonObject{{u"fault"_s, u"drop"_s}},
                                                    QJsonObject{{u"fault"_s, u"nope"_s}}}}};
    }

    void faultValidation()
    {
        QFETCH(QJsonObject, fault);
        const Answer a = call("POST", u"/_sandbox/faults"_s, fault);
        QCOMPARE(a.status, 400);
        QVERIFY(!a.errorMessage().isEmpty());
        QCOMPARE(call("GET", u"/_sandbox/faults"_s).body[u"data"].toArray().size(), 0);
    }

    void idempotency()
    {
        const QByteArray key = "idem-objects-1";
        const Answer first =
            call("POST", u"/v1/coupons"_s, {{u"percent_off"_s, 15}, {u"name"_s, u"Fifteen"_s}},
                 {.idempotencyKey = key});
        QCOMPARE(first.status, 200);
        QCOMPARE(first.header("Idempotency-Key"), key);
        // The same parameters in another order are the same request.
        const Answer replay =
            call("POST", u"/v1/coupons"_s, {},
                 {.idempotencyKey = key, .rawBody = "percent_off=15&name=Fifteen"});
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(replay.body, first.body);
        QVERIFY(replay.header("Request-Id") != first.header("Request-Id"));
        QCOMPARE(lastLogEntry(u"/v1/coupons"_s)[u"replayed"].toBool(), true);
        // Other parameters, another path: refused.
        const Answer mismatch =
            call("POST", u"/v1/coupons"_s, {{u"percent_off"_s, 16}}, {.idempotencyKey = key});
        QCOMPARE(mismatch.status, 400);
        QCOMPARE(mismatch.errorType(), u"idempotency_error"_s);
        QCOMPARE(call("POST", u"/v1/customers"_s, {}, {.idempotencyKey = key}).status, 400);

        // A refused request is not stored: the key can be used again, corrected.
        const QByteArray second = "idem-objects-2";
        QCOMPARE(call("POST", u"/v1/coupons"_s, {{u"percent_off"_s, u"lots"_s}},
                      {.idempotencyKey = second})
                     .status,
                 400);
        const Answer fixed =
            call("POST", u"/v1/coupons"_s, {{u"percent_off"_s, 20}}, {.idempotencyKey = second});
        QCOMPARE(fixed.status, 200);
        QVERIFY(fixed.header("Idempotent-Replayed").isEmpty());
        // Nor is an injected failure: the retry is carried out.
        inject({{u"path"_s, u"/v1/coupons"_s}, {u"fault"_s, u"status"_s}, {u"status"_s, 503}});
        QCOMPARE(call("POST", u"/v1/coupons"_s, {{u"percent_off"_s, 25}},
                      {.idempotencyKey = "idem-objects-3"})
                     .status,
                 503);
        const Answer retried = call("POST", u"/v1/coupons"_s, {{u"percent_off"_s, 25}},
                                    {.idempotencyKey = "idem-objects-3"});
        QCOMPARE(retried.status, 200);
        QVERIFY(retried.header("Idempotent-Replayed").isEmpty());
        // Keys are at most 255 characters.
        const Answer tooLong = call("POST", u"/v1/coupons"_s, {{u"percent_off"_s, 5}},
                                    {.idempotencyKey = QByteArray(256, 'k')});
        QCOMPARE(tooLong.status, 400);
        QCOMPARE(call("POST", u"/v1/coupons"_s, {{u"percent_off"_s, 5}},
                      {.idempotencyKey = QByteArray(255, 'k')})
                     .status,
                 200);
    }

    void theRequestLog()
    {
        QCOMPARE(call("DELETE", u"/_sandbox/requests"_s).status, 200);
        call("GET", u"/v1/checkout/sessions"_s, {{u"limit"_s, 3}});
        call("POST", u"/v1/customers"_s, {}, {.rawBody = "a[0]=1&a[2]=2"}); // undecodable
        const QJsonArray log = call("GET", u"/_sandbox/requests"_s).body[u"data"].toArray();
        QCOMPARE(log.size(), 2);
        const QJsonObject get = log.at(0).toObject();
        QCOMPARE(get[u"seq"].toInteger() + 1, log.at(1)[u"seq"].toInteger());
        QCOMPARE(get[u"method"].toString(), u"GET"_s);
        QCOMPARE(get[u"query"].toString(), u"limit=3"_s);
        QCOMPARE(get[u"params"][u"limit"].toString(), u"3"_s);
        QVERIFY(get[u"time_ms"].toInteger() > 0);
        QVERIFY(get[u"fault"].isNull());
        QCOMPARE(get[u"replayed"].toBool(true), false);
        QVERIFY(get[u"idempotency_key"].isNull());
        const QJsonObject bad = log.at(1).toObject();
        QCOMPARE(bad[u"status"].toInt(), 400);
        QCOMPARE(bad[u"body"].toString(), u"a[0]=1&a[2]=2"_s);
        QVERIFY(bad[u"params"].isNull());
        QVERIFY(bad[u"authorization"].toString().startsWith(u"Bearer sk_test_"_s));
        QVERIFY(!bad[u"authorization"].toString().contains(QString::fromLatin1(test::testKey)));
    }
};

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandboxfaults.moc"
