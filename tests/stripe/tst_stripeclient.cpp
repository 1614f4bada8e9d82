// The Stripe client against a scripted fake Stripe on loopback: encoding, headers, the retry
// policy of the official SDKs, timeouts, errors, pagination, redaction, live-key refusal.

#include "client.h"
#include "formcodec.h"
#include "server.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

#include <deque>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace std::chrono_literals;

namespace {

const char *const key = "sk_test_clientTest1234567890abcd";

// Fires scheduled functions on the next event-loop turn and advances the test clock by the
// delay, so backoff is checked without waiting for it.
class RecordingScheduler final : public Scheduler
{
public:
    explicit RecordingScheduler(ManualClock *clock = nullptr)
        : m_clock(clock)
    {}
    void after(std::chrono::milliseconds delay, QObject *context, std::function<void()> fn) override
    {
        delays.append(delay);
        if (m_clock)
            m_clock->advance(delay);
        QTimer::singleShot(0, context, std::move(fn));
    }
    QList<std::chrono::milliseconds> delays;

private:
    ManualClock *m_clock;
};

// What the fake does with one request.
struct Step
{
    enum Kind { Answer, Hang, Drop } kind = Answer;
    http::Response response;
};

Step answer(int status, const QJsonObject &body, QList<QPair<QByteArray, QByteArray>> headers = {})
{
    Step s;
    s.response = http::Response::json(status, body);
    s.response.headers = headers;
    s.response.headers.append({"Request-Id", "req_" + QByteArray::number(status) + "abc"});
    return s;
}

Step stripeError(int status, const QString &type, const QString &code, const QString &param = {},
                 QList<QPair<QByteArray, QByteArray>> headers = {})
{
    QJsonObject error{{u"type"_s, type}, {u"message"_s, u"Something about %1"_s.arg(code)}};
    if (!code.isEmpty())
        error.insert(u"code"_s, code);
    if (!param.isEmpty())
        error.insert(u"param"_s, param);
    return answer(status, {{u"error"_s, error}}, headers);
}

struct Received
{
    QByteArray method;
    QString path;
    QString query;
    QByteArray body;
    QByteArray idempotencyKey;
    QByteArray authorization;
    QByteArray version;
};

class FakeStripe
{
public:
    FakeStripe()
    {
        server.route("GET", u"/v1/*"_s, handler());
        server.route("POST", u"/v1/*"_s, handler());
        port = server.listenOn(QHostAddress::LocalHost, 0);
    }
    QUrl base() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(port)); }

    http::Server server;
    quint16 port = 0;
    std::deque<Step> script;
    QList<Received> received;
    QList<std::shared_ptr<http::Responder>> hanging;
    std::function<Step(const http::Request &)> dynamic;

private:
    http::Handler handler()
    {
        return [this](const http::Request &request, std::shared_ptr<http::Responder> responder) {
            received.append({request.methodName, request.path,
                             request.query.toString(QUrl::FullyDecoded), request.body,
                             request.header("Idempotency-Key"), request.header("Authorization"),
                             request.header("Stripe-Version")});
            Step step;
            if (dynamic) {
                step = dynamic(request);
            } else if (!script.empty()) {
                step = script.front();
                script.pop_front();
            } else {
                step = answer(200, {{u"id"_s, u"obj_default"_s}});
            }
            switch (step.kind) {
            case Step::Answer:
                responder->send(step.response);
                break;
            case Step::Hang:
                hanging.append(responder);
                break;
            case Step::Drop:
                responder->drop();
                break;
            }
        };
    }
};

struct Outcome
{
    bool done = false;
    stripe::StripeResult<stripe::Response> result = std::unexpected(stripe::ApiError{});
};

} // namespace

class TestStripeClient : public QObject
{
    Q_OBJECT

private:
    stripe::Transport m_network;

    std::unique_ptr<stripe::Client> makeClient(FakeStripe &fake, Scheduler &scheduler,
                                               const Clock &clock = SystemClock::instance(),
                                               stripe::Config config = {},
                                               stripe::Transport *transport = nullptr)
    {
        config.apiBase = fake.base();
        auto client = stripe::Client::create(*ApiKey::parse(QString::fromLatin1(key)), config,
                                             transport ? transport : &m_network, clock, scheduler,
                                             [] { return 0.5; });
        return client ? std::move(*client) : nullptr;
    }

    Outcome run(stripe::Client &client, const QByteArray &method, const QString &path,
                const QJsonObject &params = {}, const QString &idempotencyKey = {},
                stripe::Client::Body body = stripe::Client::Body::Object)
    {
        Outcome outcome;
        auto done = [&outcome](stripe::StripeResult<stripe::Response> r) {
            outcome.done = true;
            outcome.result = std::move(r);
        };
        if (method == "GET")
            client.get(path, params, this, done, body);
        else
            client.post(path, params, idempotencyKey, this, done);
        QDeadlineTimer deadline(20000);
        while (!outcome.done && !deadline.hasExpired())
            QTest::qWait(5);
        if (!outcome.done)
            qWarning("the client never answered");
        return outcome;
    }

private slots:
    void retryPolicy_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("connectionFailed");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("retry");
        QTest::newRow("connection failed") << 0 << true << QByteArray() << QString() << true;
        QTest::newRow("409") << 409 << false << QByteArray() << QString() << true;
        QTest::newRow("500") << 500 << false << QByteArray() << QString() << true;
        QTest::newRow("503") << 503 << false << QByteArray() << QString() << true;
        QTest::newRow("500 told not to")
            << 500 << false << QByteArray("false") << QString() << false;
        QTest::newRow("429 rate limit") << 429 << false << QByteArray() << u"rate_limit"_s << false;
        QTest::newRow("429 lock timeout, told to")
            << 429 << false << QByteArray("true") << u"lock_timeout"_s << true;
        QTest::newRow("429 lock timeout, not told")
            << 429 << false << QByteArray() << u"lock_timeout"_s << false;
        QTest::newRow("400") << 400 << false << QByteArray() << QString() << false;
        QTest::newRow("400 told to") << 400 << false << QByteArray(" True ") << QString() << true;
        QTest::newRow("401") << 401 << false << QByteArray() << QString() << false;
        QTest::newRow("404") << 404 << false << QByteArray() << QString() << false;
    }

    void retryPolicy()
    {
        QFETCH(int, status);
        QFETCH(bool, connectionFailed);
        QFETCH(QByteArray, header);
        QFETCH(QString, code);
        QFETCH(bool, retry);
        QCOMPARE(stripe::retry::isRetryable(status, connectionFailed, header, code), retry);
    }

    void backoff_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<double>("random");
        QTest::addColumn<int>("ms");
        QTest::newRow("1, low") << 1 << 0.0 << 500; // 250 raised to the 0.5 s floor
        QTest::newRow("1, high") << 1 << 1.0 << 500;
        QTest::newRow("2, low") << 2 << 0.0 << 500;
        QTest::newRow("2, mid") << 2 << 0.5 << 750;
        QTest::newRow("2, high") << 2 << 1.0 << 1000;
        QTest::newRow("3, high") << 3 << 1.0 << 2000;
        QTest::newRow("4, mid") << 4 << 0.5 << 3000;
        QTest::newRow("5, high: capped") << 5 << 1.0 << 5000;
        QTest::newRow("9, low: capped") << 9 << 0.0 << 2500;
    }

    void backoff()
    {
        QFETCH(int, retry);
        QFETCH(double, random);
        QFETCH(int, ms);
        QCOMPARE(stripe::retry::backoff(retry, random).count(), ms);
    }

    void sendsHeadersAndEncodesParameters()
    {
        FakeStripe fake;
        RecordingScheduler scheduler;
        auto client = makeClient(fake, scheduler);
        QVERIFY(client);
        const Outcome got =
            run(*client, "GET", u"/v1/checkout/sessions/cs_test_1"_s,
                {{u"expand"_s, QJsonArray{u"line_items"_s, u"discounts.coupon"_s}}});
        QVERIFY(got.result);
        QCOMPARE(got.result->requestId, u"req_200abc"_s);
        const Received &r = fake.received.first();
        QCOMPARE(r.authorization, QByteArray("Bearer ") + key);
        QCOMPARE(r.version, QByteArray("2025-03-31.basil; checkout_server_update_beta=v1"));
        QCOMPARE(r.query, u"expand[0]=line_items&expand[1]=discounts.coupon"_s);
        QVERIFY(r.idempotencyKey.isEmpty());

        const QJsonObject params{
            {u"discounts"_s,
             QJsonArray{
                 QJsonObject{{u"coupon_data"_s,
                              QJsonObject{{u"amount_off"_s, 3600},
                                          {u"name"_s, u"Black Friday + 5 €"_s},
                                          {u"metadata"_s, QJsonObject{{u"k"_s, u"a&b=c"_s}}}}}}}},
            {u"expand"_s, QJsonArray{u"discounts"_s}}};
        QVERIFY(
            run(*client, "POST", u"/v1/checkout/sessions/cs_test_1"_s, params, u"key-1"_s).result);
        const Received &p = fake.received.last();
        QCOMPARE(p.idempotencyKey, QByteArray("key-1"));
        const auto decoded = form::decode(p.body);
        QVERIFY(decoded);
        QCOMPARE((*decoded)[u"discounts"][0][u"coupon_data"][u"amount_off"].toString(), u"3600"_s);
        QCOMPARE((*decoded)[u"discounts"][0][u"coupon_data"][u"name"].toString(),
                 u"Black Friday + 5 €"_s);
        QCOMPARE((*decoded)[u"discounts"][0][u"coupon_data"][u"metadata"][u"k"].toString(),
                 u"a&b=c"_s);

        // An emptyable parameter: discounts= clears the discount.
        QVERIFY(run(*client, "POST", u"/v1/checkout/sessions/cs_test_1"_s,
                    {{u"discounts"_s, QString()}})
                    .result);
        QCOMPARE(fake.received.last().body, QByteArray("discounts="));
        // Without a key of the caller's, every POST still gets one.
        QVERIFY(fake.received.last().idempotencyKey.startsWith("remise-"));
    }

    void retriesWithTheSameIdempotencyKey()
    {
        FakeStripe fake;
        fake.script = {stripeError(500, u"api_error"_s, {}),
                       answer(200, {{u"id"_s, u"cs_test_1"_s}})};
        RecordingScheduler scheduler;
        auto client = makeClient(fake, scheduler);
        const Outcome got = run(*client, "POST", u"/v1/checkout/sessions/cs_test_1"_s,
                                {{u"metadata"_s, QJsonObject{{u"a"_s, u"b"_s}}}});
        QVERIFY(got.result);
        QCOMPARE(got.result->attempts, 2);
        QCOMPARE(fake.received.size(), 2);
        QCOMPARE(fake.received.at(0).idempotencyKey, fake.received.at(1).idempotencyKey);
        QCOMPARE(fake.received.at(0).body, fake.received.at(1).body);
        QCOMPARE(scheduler.delays, (QList<std::chrono::milliseconds>{500ms}));
    }

    void faultsAndOutcomes_data()
    {
        QTest::addColumn<QList<int>>("statuses"); // scripted: status (0 = drop), 200 ends
        QTest::addColumn<QByteArray>("shouldRetry");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<int>("kind");
        using K = stripe::ApiError::Kind;
        QTest::newRow("503 then ok")
            << QList<int>{503, 200} << QByteArray() << QString() << 2 << true << 0;
        QTest::newRow("409 then ok")
            << QList<int>{409, 200} << QByteArray() << QString() << 2 << true << 0;
        QTest::newRow("dropped then ok")
            << QList<int>{0, 200} << QByteArray() << QString() << 2 << true << 0;
        QTest::newRow("lock timeout, retry told")
            << QList<int>{429, 200} << QByteArray("true") << u"lock_timeout"_s << 2 << true << 0;
        QTest::newRow("lock timeout, no retry")
            << QList<int>{429, 200} << QByteArray("false") << u"lock_timeout"_s << 1 << false
            << int(K::LockTimeout);
        QTest::newRow("rate limited") << QList<int>{429, 200} << QByteArray() << u"rate_limit"_s
                                      << 1 << false << int(K::RateLimit);
        QTest::newRow("500, told not to") << QList<int>{500, 200} << QByteArray("false")
                                          << QString() << 1 << false << int(K::Server);
        QTest::newRow("retries exhausted") << QList<int>{503, 503, 503, 200} << QByteArray()
                                           << QString() << 3 << false << int(K::Server);
        QTest::newRow("401") << QList<int>{401} << QByteArray() << QString() << 1 << false
                             << int(K::Authentication);
        QTest::newRow("402") << QList<int>{402} << QByteArray() << u"card_declined"_s << 1 << false
                             << int(K::Card);
        QTest::newRow("403") << QList<int>{403} << QByteArray() << QString() << 1 << false
                             << int(K::Permission);
        QTest::newRow("404") << QList<int>{404} << QByteArray() << u"resource_missing"_s << 1
                             << false << int(K::NotFound);
    }

    void faultsAndOutcomes()
    {
        QFETCH(QList<int>, statuses);
        QFETCH(QByteArray, shouldRetry);
        QFETCH(QString, code);
        QFETCH(int, attempts);
        QFETCH(bool, succeeds);
        QFETCH(int, kind);
        FakeStripe fake;
        for (int status : statuses) {
            if (status == 0) {
                Step drop;
                drop.kind = Step::Drop;
                fake.script.push_back(drop);
            } else if (status == 200) {
                fake.script.push_back(answer(200, {{u"id"_s, u"x"_s}}));
            } else {
                QList<QPair<QByteArray, QByteArray>> headers;
                if (!shouldRetry.isEmpty())
                    headers.append({"Stripe-Should-Retry", shouldRetry});
                const QString type = status == 402   ? u"card_error"_s
                                     : status >= 500 ? u"api_error"_s
                                                     : u"invalid_request_error"_s;
                fake.script.push_back(stripeError(status, type, code, {}, headers));
            }
        }
        RecordingScheduler scheduler;
        auto client = makeClient(fake, scheduler);
        const Outcome got = run(*client, "POST", u"/v1/things"_s);
        QCOMPARE(fake.received.size(), attempts);
        QCOMPARE(bool(got.result), succeeds);
        if (!succeeds) {
            QCOMPARE(int(got.result.error().kind), kind);
            QCOMPARE(got.result.error().attempts, attempts);
            if (!code.isEmpty())
                QCOMPARE(got.result.error().code, code);
            QVERIFY(got.result.error().requestId.startsWith(u"req_"_s));
        }
        for (const Received &r : std::as_const(fake.received))
            QCOMPARE(r.idempotencyKey, fake.received.first().idempotencyKey);
    }

    void errorsCarryStripesFields()
    {
        FakeStripe fake;
        fake.script = {
            stripeError(400, u"invalid_request_error"_s, u"parameter_unknown"_s, u"discounts[1]"_s),
            stripeError(400, u"idempotency_error"_s, {}), answer(400, {{u"unexpected"_s, true}})};
        RecordingScheduler scheduler;
        auto client = makeClient(fake, scheduler);
        const auto first = run(*client, "POST", u"/v1/x"_s).result;
        QVERIFY(!first);
        QCOMPARE(first.error().kind, stripe::ApiError::Kind::InvalidRequest);
        QCOMPARE(first.error().param, u"discounts[1]"_s);
        QCOMPARE(first.error().httpStatus, 400);
        QVERIFY(first.error().describe().contains(u"param discounts[1]"_s));
        QVERIFY(first.error().describe().contains(u"[req_400abc]"_s));
        QCOMPARE(first.error().toError().code, u"stripe_error"_s);
        QCOMPARE(run(*client, "POST", u"/v1/x"_s).result.error().kind,
                 stripe::ApiError::Kind::Idempotency);
        const auto odd = run(*client, "POST", u"/v1/x"_s).result;
        QCOMPARE(odd.error().kind, stripe::ApiError::Kind::InvalidRequest);
        QVERIFY(odd.error().message.contains(u"not a Stripe error"_s));
    }

    void aMalformedAnswerIsReportedNotRetried()
    {
        FakeStripe fake;
        Step bad;
        bad.response = http::Response::text(200, "<html>oops</html>");
        fake.script = {bad};
        RecordingScheduler scheduler;
        auto client = makeClient(fake, scheduler);
        const auto got = run(*client, "POST", u"/v1/x"_s).result;
        QVERIFY(!got);
        QCOMPARE(got.error().kind, stripe::ApiError::Kind::Malformed);
        QCOMPARE(fake.received.size(), 1);
    }

    void aBodyCanBeHandedOverAsAReader()
    {
        FakeStripe fake;
        Step notObject;
        notObject.response = http::Response::text(200, "[1, 2]");
        Step truncated;
        truncated.response = http::Response::text(200, "{\"id\": \"cs_1\"");
        fake.script = {answer(200, QJsonObject{{u"id"_s, u"cs_1"_s}, {u"amount_total"_s, 900}}),
                       notObject, truncated};
        RecordingScheduler scheduler;
        auto client = makeClient(fake, scheduler);
        const auto reader = stripe::Client::Body::Reader;
        const auto read = run(*client, "GET", u"/v1/checkout/sessions/cs_1"_s, {}, {}, reader);
        QVERIFY(read.result);
        QVERIFY(read.result->body.isEmpty());
        QVERIFY(read.result->reader);
        QCOMPARE(read.result->reader->root().string("id"), u"cs_1"_s);
        QCOMPARE(read.result->reader->root().integer("amount_total"), 900);
        // What is not a JSON object is malformed, as with Body::Object, and not retried.
        for (int i = 0; i < 2; ++i) {
            const auto bad = run(*client, "GET", u"/v1/checkout/sessions/cs_1"_s, {}, {}, reader);
            QVERIFY(!bad.result);
            QCOMPARE(bad.result.error().kind, stripe::ApiError::Kind::Malformed);
        }
        QCOMPARE(fake.received.size(), 3);
    }

    void aHangingStripeTimesOut()
    {
        FakeStripe fake;
        Step hang;
        hang.kind = Step::Hang;
        fake.script = {hang, hang, hang, hang};
        RecordingScheduler scheduler;
        stripe::Config config;
        config.attemptTimeout = 200ms;
        config.totalTimeout = 3000ms;
        auto client = makeClient(fake, scheduler, SystemClock::instance(), config);
        QElapsedTimer timer;
        timer.start();
        const auto got = run(*client, "GET", u"/v1/x"_s).result;
        QVERIFY(!got);
        QCOMPARE(got.error().kind, stripe::ApiError::Kind::Timeout);
        QCOMPARE(got.error().attempts, 3); // the first try and two retries, each cut at 200 ms
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    }

    void callsBeyondTheConnectionLimitWaitForAConnection()
    {
        // Six connections at most: twelve calls at once, six reach Stripe, the others go out on
        // the same connections as the first answers come back.
        FakeStripe fake;
        Step hang;
        hang.kind = Step::Hang;
        fake.dynamic = [hang](const http::Request &) {
            return hang;
        };
        RecordingScheduler scheduler;
        stripe::Transport::Options options;
        options.maxConnectionsPerHost = 6;
        stripe::Transport transport(options);
        auto client = makeClient(fake, scheduler, SystemClock::instance(), {}, &transport);
        int answered = 0;
        for (int i = 0; i < 12; ++i)
            client->get(u"/v1/x%1"_s.arg(i), {}, this,
                        [&answered](stripe::StripeResult<stripe::Response> r) {
                            QVERIFY(r);
                            ++answered;
                        });
        QTRY_COMPARE_WITH_TIMEOUT(fake.hanging.size(), 6, 10000);
        QTest::qWait(200);
        QCOMPARE(fake.hanging.size(), 6);
        QCOMPARE(transport.openConnections(), 6);
        for (qsizetype i = 0; i < 6; ++i)
            fake.hanging.at(i)->send(answer(200, {{u"id"_s, u"x"_s}}).response);
        QTRY_COMPARE_WITH_TIMEOUT(fake.hanging.size(), 12, 10000);
        QCOMPARE(transport.openConnections(), 6); // the same six, kept alive
        for (qsizetype i = 6; i < 12; ++i)
            fake.hanging.at(i)->send(answer(200, {{u"id"_s, u"x"_s}}).response);
        QTRY_COMPARE_WITH_TIMEOUT(answered, 12, 10000);
        QCOMPARE(transport.openConnections(), 6);
    }

    void noRetryPastTheTotalTimeout()
    {
        // The clock moves with the backoff: after a 500 ms wait, another 1,000 ms one would end
        // past the 1.2 s budget, so the client gives up with the last error.
        FakeStripe fake;
        fake.script = {stripeError(503, u"api_error"_s, {}), stripeError(503, u"api_error"_s, {}),
                       answer(200, {})};
        ManualClock clock(1'000'000);
        RecordingScheduler scheduler(&clock);
        stripe::Config config;
        config.totalTimeout = 1200ms;
        auto client = makeClient(fake, scheduler, clock, config);
        const auto got = run(*client, "GET", u"/v1/x"_s).result;
        QVERIFY(!got);
        QCOMPARE(got.error().kind, stripe::ApiError::Kind::Server);
        QCOMPARE(fake.received.size(), 2);
        QCOMPARE(scheduler.delays.size(), 1);
    }

    void listAllWalksEveryPage()
    {
        FakeStripe fake;
        fake.dynamic = [](const http::Request &request) {
            const QString after = request.query.queryItemValue(u"starting_after"_s);
            const int start = after.isEmpty() ? 0 : after.mid(3).toInt() + 1;
            QJsonArray data;
            for (int i = start; i < std::min(start + 3, 8); ++i)
                data.append(QJsonObject{{u"id"_s, u"cs_%1"_s.arg(i)}});
            return answer(
                200, {{u"object"_s, u"list"_s}, {u"data"_s, data}, {u"has_more"_s, start + 3 < 8}});
        };
        RecordingScheduler scheduler;
        auto client = makeClient(fake, scheduler);
        bool done = false;
        QJsonArray items;
        client->listAll(u"/v1/checkout/sessions"_s, {{u"limit"_s, 3}}, 100, this,
                        [&](stripe::StripeResult<QJsonArray> r) {
                            done = true;
                            if (r)
                                items = *r;
                        });
        QTRY_VERIFY(done);
        QCOMPARE(items.size(), 8);
        QCOMPARE(items.last()[u"id"].toString(), u"cs_7"_s);
        QCOMPARE(fake.received.size(), 3);
        QVERIFY(fake.received.at(1).query.contains(u"starting_after=cs_2"_s));

        // maxItems stops early.
        done = false;
        client->listAll(u"/v1/checkout/sessions"_s, {{u"limit"_s, 3}}, 4, this,
                        [&](stripe::StripeResult<QJsonArray> r) {
                            done = true;
                            items = r.value_or(QJsonArray{});
                        });
        QTRY_VERIFY(done);
        QCOMPARE(items.size(), 4);
    }

    void liveKeysAreRefusedUnlessAllowed()
    {
        RecordingScheduler scheduler;
        const auto live = ApiKey::parse(u"sk_live_abcdefghijklmnop1234"_s);
        QVERIFY(live && live->isLive());
        const auto refused =
            stripe::Client::create(*live, {}, &m_network, SystemClock::instance(), scheduler);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(u"--allow-live"_s));
        QVERIFY(!refused.error().message.contains(u"sk_live_abcdefghijklmnop1234"_s));
        stripe::Config allow;
        allow.allowLive = true;
        QVERIFY(
            stripe::Client::create(*live, allow, &m_network, SystemClock::instance(), scheduler));
    }

    void theKeyNeverReachesLogsOrErrors()
    {
        static QStringList logged;
        logged.clear();
        const auto previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &m) { logged.append(m); });
        FakeStripe fake;
        // Stripe's own message for a bad key quotes it; the client must not pass it on.
        fake.script = {stripeError(401, u"invalid_request_error"_s, {}, {})};
        fake.script.front().response.body =
            QByteArray(
                R"({"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: )") +
            key + "\"}}";
        RecordingScheduler scheduler;
        auto client = makeClient(fake, scheduler);
        const auto got = run(*client, "GET", u"/v1/x"_s).result;
        qInstallMessageHandler(previous);
        QVERIFY(!got);
        QCOMPARE(got.error().kind, stripe::ApiError::Kind::Authentication);
        const QString secret = QString::fromLatin1(key);
        QVERIFY(!got.error().describe().contains(secret));
        QVERIFY(!got.error().message.contains(secret));
        QVERIFY(got.error().describe().contains(u"sk_test_…abcd"_s));
        QVERIFY(!logged.isEmpty());
        for (const QString &line : std::as_const(logged))
            QVERIFY2(!line.contains(secret), qPrintable(line));
        QVERIFY(!client->redactedKey().contains(secret));
    }

    void aGoneContextGetsNoCallback()
    {
        FakeStripe fake;
        RecordingScheduler scheduler;
        auto client = makeClient(fake, scheduler);
        bool called = false;
        auto *context = new QObject;
        client->get(u"/v1/x"_s, {}, context,
                    [&](stripe::StripeResult<stripe::Response>) { called = true; });
        delete context;
        QTRY_COMPARE(fake.received.size(), 1);
        QTest::qWait(100);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestStripeClient)
#include "tst_stripeclient.moc"
