// The sandbox in process on port 0, driven over HTTP like a Stripe client: Stripe's rules,
// errors, totals, idempotency, faults, webhooks, the demo seed, and the binary itself.

#include "clock.h"
#include "formcodec.h"
#include "sandbox.h"
#include "server.h"
#include "webhooksignature.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

const QByteArray preview = "2025-03-31.basil; checkout_server_update_beta=v1";

struct Answer
{
    int status = 0;
    QJsonObject body;
    QByteArray raw;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QHash<QByteArray, QByteArray> headers;
};

QJsonObject itemsOf(std::initializer_list<std::pair<qint64, qint64>> amountsAndQuantities,
                    const QString &currency = u"eur"_s)
{
    QJsonArray items;
    for (const auto &[amount, quantity] : amountsAndQuantities)
        items.append(
            QJsonObject{{u"quantity"_s, quantity},
                        {u"price_data"_s,
                         QJsonObject{{u"currency"_s, currency},
                                     {u"unit_amount"_s, amount},
                                     {u"product_data"_s, QJsonObject{{u"name"_s, u"Thing"_s}}}}}});
    return {{u"mode"_s, u"payment"_s},
            {u"ui_mode"_s, u"custom"_s},
            {u"return_url"_s, u"https://shop.example/r"_s},
            {u"line_items"_s, items},
            {u"permissions"_s, QJsonObject{{u"update_discounts"_s, u"server_only"_s}}}};
}

QJsonObject couponData(qint64 amount, const QString &currency = u"eur"_s)
{
    return {{u"discounts"_s,
             QJsonArray{QJsonObject{{u"coupon_data"_s, QJsonObject{{u"amount_off"_s, amount},
                                                                   {u"currency"_s, currency},
                                                                   {u"name"_s, u"Test"_s}}}}}},
            {u"expand"_s, QJsonArray{u"discounts.coupon"_s, u"line_items"_s}}};
}

} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT

private:
    sandbox::Sandbox m_sandbox{SystemClock::instance()};
    QNetworkAccessManager m_network;
    quint16 m_port = 0;

    Answer call(const QByteArray &method, const QString &path, const QJsonObject &params = {},
                const QByteArray &version = preview,
                const QByteArray &key = "sk_test_sandboxTests42",
                const QByteArray &idempotencyKey = {}, const QByteArray &rawBody = {})
    {
        QUrl url(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path));
        const bool helper = path.startsWith(u"/_sandbox"_s);
        QByteArray body = rawBody;
        if (body.isEmpty() && !params.isEmpty()) {
            if (helper)
                body = QJsonDocument(params).toJson();
            else if (method == "GET")
                url.setQuery(QString::fromUtf8(form::encode(params)));
            else
                body = form::encode(params);
        }
        QNetworkRequest request(url);
        if (!key.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + key);
        if (!version.isEmpty())
            request.setRawHeader("Stripe-Version", version);
        if (!idempotencyKey.isEmpty())
            request.setRawHeader("Idempotency-Key", idempotencyKey);
        request.setHeader(
            QNetworkRequest::ContentTypeHeader,
            QByteArray(helper ? "application/json" : "application/x-www-form-urlencoded"));
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(15000);
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.error = reply->error();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            a.headers.insert(name.toLower(), value);
        a.raw = reply->readAll();
        a.body = QJsonDocument::fromJson(a.raw).object();
        reply->deleteLater();
        return a;
    }

    QString createSession(const QJsonObject &params = itemsOf({{4500, 2}, {9000, 1}}))
    {
        const Answer a = call("POST", u"/v1/checkout/sessions"_s, params);
        if (a.status != 200)
            qWarning() << a.raw;
        return a.body[u"id"].toString();
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_sandbox.listen(QHostAddress(u"0.0.0.0"_s), 0), quint16(0)); // loopback only
        m_port = m_sandbox.listen(QHostAddress::LocalHost, 0);
        QVERIFY(m_port);
    }

    void authentication_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("status");
        QTest::newRow("secret test key") << QByteArray("sk_test_abcdefgh") << 200;
        QTest::newRow("restricted test key") << QByteArray("rk_test_abcdefgh") << 200;
        QTest::newRow("no key") << QByteArray() << 401;
        QTest::newRow("live key") << QByteArray("sk_live_abcdefghijkl") << 401;
        QTest::newRow("publishable key") << QByteArray("pk_test_abcdefghijkl") << 401;
    }

    void authentication()
    {
        QFETCH(QByteArray, key);
        QFETCH(int, status);
        const Answer a = call("GET", u"/v1/checkout/sessions"_s, {}, preview, key);
        QCOMPARE(a.status, status);
        QVERIFY(a.header("Request-Id").startsWith("req_"));
        if (status == 401) {
            QCOMPARE(a.body[u"error"][u"type"].toString(), u"invalid_request_error"_s);
            QVERIFY(!a.raw.contains(key) || key.isEmpty()); // never echoed in full
        }
    }

    void createAndRetrieve()
    {
        const Answer customer =
            call("POST", u"/v1/customers"_s,
                 {{u"email"_s, u"ann@example.org"_s},
                  {u"metadata"_s, QJsonObject{{u"loyalty_tier"_s, u"gold"_s}}}});
        QCOMPARE(customer.status, 200);
        QJsonObject params = itemsOf({{4500, 2}, {9000, 1}});
        params.insert(u"customer"_s, customer.body[u"id"]);
        params.insert(u"metadata"_s, QJsonObject{{u"order"_s, u"A1"_s}});
        const QString id = createSession(params);
        QVERIFY(id.startsWith(u"cs_test_"_s));

        const Answer plain = call("GET", u"/v1/checkout/sessions/"_s + id);
        QCOMPARE(plain.status, 200);
        QCOMPARE(plain.body[u"object"].toString(), u"checkout.session"_s);
        QCOMPARE(plain.body[u"amount_subtotal"].toInteger(), 18000);
        QCOMPARE(plain.body[u"status"].toString(), u"open"_s);
        QCOMPARE(plain.body[u"customer"].toString(), customer.body[u"id"].toString());
        QCOMPARE(plain.body[u"customer_details"][u"email"].toString(), u"ann@example.org"_s);
        QCOMPARE(plain.body[u"metadata"][u"order"].toString(), u"A1"_s);
        QVERIFY(!plain.body.contains(u"line_items"_s));
        QVERIFY(plain.body[u"discounts"].isArray());

        const Answer expanded =
            call("GET", u"/v1/checkout/sessions/"_s + id,
                 {{u"expand"_s, QJsonArray{u"line_items"_s, u"customer"_s,
                                           u"line_items.data.price.product"_s}}});
        QCOMPARE(expanded.body[u"line_items"][u"data"].toArray().size(), 2);
        QCOMPARE(
            expanded.body[u"line_items"][u"data"][0][u"price"][u"product"][u"object"].toString(),
            u"product"_s);
        QCOMPARE(expanded.body[u"customer"][u"metadata"][u"loyalty_tier"].toString(), u"gold"_s);
    }

    void refusesWhatStripeRefuses_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("version");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("param");
        const QByteArray item = "mode=payment&line_items[0][quantity]=1&line_items[0][price_data]["
                                "currency]=eur&line_items[0][price_data][product_data][name]=x";
        QTest::newRow("unknown parameter")
            << QByteArray("POST") << u"/v1/checkout/sessions"_s
            << item + "&line_items[0][price_data][unit_amount]=100&colour=red" << preview << 400
            << u"colour"_s;
        QTest::newRow("unknown nested parameter")
            << QByteArray("POST") << u"/v1/checkout/sessions"_s
            << item +
                   "&line_items[0][price_data][unit_amount]=100&line_items[0][price_data][size]=L"
            << preview << 400 << u"line_items[0][price_data][size]"_s;
        QTest::newRow("malformed integer")
            << QByteArray("POST") << u"/v1/checkout/sessions"_s
            << item + "&line_items[0][price_data][unit_amount]=ten" << preview << 400
            << u"line_items[0][price_data][unit_amount]"_s;
        QTest::newRow("missing mode")
            << QByteArray("POST") << u"/v1/checkout/sessions"_s
            << QByteArray("line_items[0][price]=x") << preview << 400 << u"mode"_s;
        QTest::newRow("unknown price")
            << QByteArray("POST") << u"/v1/checkout/sessions"_s
            << QByteArray("mode=payment&line_items[0][price]=price_nope&line_items[0][quantity]=1")
            << preview << 404 << u"line_items[0][price]"_s;
        QTest::newRow("permission without the preview")
            << QByteArray("POST") << u"/v1/checkout/sessions"_s
            << item + "&line_items[0][price_data][unit_amount]=100&permissions[update_discounts]="
                      "server_only"
            << QByteArray("2025-03-31.basil") << 400 << u"permissions[update_discounts]"_s;
        QTest::newRow("mixed currencies")
            << QByteArray("POST") << u"/v1/checkout/sessions"_s
            << item + "&line_items[0][price_data][unit_amount]=100&line_items[1][quantity]=1&line_"
                      "items[1][price_data][currency]=usd&line_items[1][price_data][unit_amount]=5&"
                      "line_items[1][price_data][product_data][name]=y"
            << preview << 400 << u"line_items[1][price]"_s;
        QTest::newRow("index gap") << QByteArray("POST") << u"/v1/checkout/sessions"_s
                                   << QByteArray("mode=payment&line_items[1][price]=x") << preview
                                   << 400 << u"line_items[1]"_s;
        QTest::newRow("bad expand")
            << QByteArray("GET") << u"/v1/checkout/sessions?expand[]=secrets"_s << QByteArray()
            << preview << 400 << u"expand"_s;
        QTest::newRow("list expand without data.")
            << QByteArray("GET") << u"/v1/checkout/sessions?expand[]=line_items"_s << QByteArray()
            << preview << 400 << u"expand"_s;
        QTest::newRow("unknown session")
            << QByteArray("GET") << u"/v1/checkout/sessions/cs_test_nope"_s << QByteArray()
            << preview << 404 << u"id"_s;
        QTest::newRow("limit too large")
            << QByteArray("GET") << u"/v1/checkout/sessions?limit=101"_s << QByteArray() << preview
            << 400 << u"limit"_s;
    }

    void refusesWhatStripeRefuses()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, version);
        QFETCH(int, status);
        QFETCH(QString, param);
        const qsizetype q = path.indexOf(u'?');
        QString p = path;
        QByteArray raw = body;
        Answer a;
        if (q >= 0) {
            // Send the query as given.
            QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)));
            request.setRawHeader("Authorization", "Bearer sk_test_sandboxTests42");
            QNetworkReply *reply = m_network.get(request);
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(10000);
            a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            a.body = QJsonDocument::fromJson(reply->readAll()).object();
            reply->deleteLater();
        } else {
            a = call(method, p, {}, version, "sk_test_sandboxTests42", {}, raw);
        }
        QCOMPARE(a.status, status);
        QCOMPARE(a.body[u"error"][u"param"].toString(), param);
        QVERIFY(!a.body[u"error"][u"message"].toString().isEmpty());
    }

    void discountUpdates()
    {
        const QString id = createSession(itemsOf({{4500, 2}, {9000, 1}}));
        const QString path = u"/v1/checkout/sessions/"_s + id;

        // Without the preview version, the GA API does not know the parameter.
        Answer a = call("POST", path, couponData(1000), "2025-03-31.basil");
        QCOMPARE(a.status, 400);
        QCOMPARE(a.body[u"error"][u"param"].toString(), u"discounts"_s);
        QVERIFY(a.body[u"error"][u"message"].toString().contains(u"unknown parameter"_s));

        a = call("POST", path, couponData(1000));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body[u"amount_total"].toInteger(), 17000);
        QCOMPARE(a.body[u"discounts"][0][u"coupon"][u"amount_off"].toInteger(), 1000);
        // Spread over the items in proportion, adding up exactly.
        const QJsonArray items = a.body[u"line_items"][u"data"].toArray();
        QCOMPARE(items.at(0)[u"amount_discount"].toInteger() +
                     items.at(1)[u"amount_discount"].toInteger(),
                 1000);
        QCOMPARE(items.at(0)[u"amount_discount"].toInteger(), 500);

        // Without expand, the update's answer still has discounts (Stripe's schema always
        // does), with the coupon as an id.
        a = call("POST", path, {{u"metadata"_s, QJsonObject{{u"k"_s, u"v"_s}}}});
        QCOMPARE(a.status, 200);
        QVERIFY(a.body[u"discounts"].isArray());
        QCOMPARE(a.body[u"discounts"].toArray().size(), 1);
        QVERIFY(a.body[u"discounts"][0][u"coupon"].isString());

        // One discount at most; the currency must match; larger than the subtotal is capped.
        QJsonObject two = couponData(100);
        two[u"discounts"_s] = QJsonArray{two[u"discounts"][0], two[u"discounts"][0]};
        QCOMPARE(call("POST", path, two).body[u"error"][u"param"].toString(), u"discounts"_s);
        QCOMPARE(call("POST", path, couponData(100, u"usd"_s)).status, 400);
        QCOMPARE(call("POST", path, couponData(99999)).body[u"amount_total"].toInteger(), 0);

        // Removal: discounts= (empty).
        a = call("POST", path, {}, preview, "sk_test_sandboxTests42", {},
                 "discounts=&expand[]=discounts");
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body[u"discounts"].toArray().size(), 0);
        QCOMPARE(a.body[u"amount_total"].toInteger(), 18000);
    }

    void discountUpdatesNeedServerOnlyAndOpen()
    {
        QJsonObject params = itemsOf({{1000, 1}});
        params.remove(u"permissions"_s);
        const QString clientOnly = createSession(params);
        Answer a = call("POST", u"/v1/checkout/sessions/"_s + clientOnly, couponData(100));
        QCOMPARE(a.status, 400);
        QCOMPARE(a.body[u"error"][u"param"].toString(), u"discounts"_s);
        QVERIFY(a.body[u"error"][u"message"].toString().contains(u"server_only"_s));

        const QString expired = createSession();
        QCOMPARE(call("POST", u"/v1/checkout/sessions/%1/expire"_s.arg(expired))
                     .body[u"status"]
                     .toString(),
                 u"expired"_s);
        a = call("POST", u"/v1/checkout/sessions/"_s + expired, couponData(100));
        QCOMPARE(a.status, 400);
        QCOMPARE(call("POST", u"/v1/checkout/sessions/%1/expire"_s.arg(expired)).status, 400);
    }

    void percentCouponsAndZeroDecimalCurrencies()
    {
        const QString id = createSession(itemsOf({{1234, 1}, {333, 3}}, u"jpy"_s)); // 2233 yen
        const Answer coupon = call("POST", u"/v1/coupons"_s,
                                   {{u"percent_off"_s, u"12.5"_s}, {u"duration"_s, u"once"_s}});
        QCOMPARE(coupon.status, 200);
        const Answer a =
            call("POST", u"/v1/checkout/sessions/"_s + id,
                 {{u"discounts"_s, QJsonArray{QJsonObject{{u"coupon"_s, coupon.body[u"id"]}}}},
                  {u"expand"_s, QJsonArray{u"line_items"_s}}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body[u"amount_subtotal"].toInteger(), 2233);
        QCOMPARE(a.body[u"total_details"][u"amount_discount"].toInteger(), 279); // 279.125 rounded
        qint64 sum = 0;
        for (const QJsonValue &item : a.body[u"line_items"][u"data"].toArray())
            sum += item[u"amount_discount"].toInteger();
        QCOMPARE(sum, 279);
    }

    void lineItemUpdates()
    {
        const QString id = createSession(itemsOf({{4500, 2}, {9000, 1}}));
        const QString path = u"/v1/checkout/sessions/"_s + id;
        const QJsonArray items = call("GET", path, {{u"expand"_s, QJsonArray{u"line_items"_s}}})
                                     .body[u"line_items"][u"data"]
                                     .toArray();
        // Keep the first with quantity 3, drop the second, add a new one.
        const Answer a =
            call("POST", path,
                 {{u"line_items"_s,
                   QJsonArray{QJsonObject{{u"id"_s, items.at(0)[u"id"]}, {u"quantity"_s, 3}},
                              QJsonObject{{u"quantity"_s, 1},
                                          {u"price_data"_s,
                                           QJsonObject{{u"currency"_s, u"eur"_s},
                                                       {u"unit_amount"_s, 500},
                                                       {u"product_data"_s,
                                                        QJsonObject{{u"name"_s, u"New"_s}}}}}}}},
                  {u"expand"_s, QJsonArray{u"line_items"_s}}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body[u"amount_subtotal"].toInteger(), 3 * 4500 + 500);
        QCOMPARE(a.body[u"line_items"][u"data"].toArray().size(), 2);
    }

    void listsPaginateNewestFirst()
    {
        QStringList created;
        for (int i = 0; i < 5; ++i)
            created.prepend(createSession(itemsOf({{100 + i, 1}})));
        QStringList seen;
        QString after;
        for (int page = 0; page < 50; ++page) {
            QJsonObject params{{u"limit"_s, 2}, {u"status"_s, u"open"_s}};
            if (!after.isEmpty())
                params.insert(u"starting_after"_s, after);
            const Answer a = call("GET", u"/v1/checkout/sessions"_s, params);
            QCOMPARE(a.body[u"object"].toString(), u"list"_s);
            for (const QJsonValue &s : a.body[u"data"].toArray())
                seen.append(s[u"id"].toString());
            if (!a.body[u"has_more"].toBool())
                break;
            after = seen.last();
        }
        QCOMPARE(seen.mid(0, 5), created);
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), seen.size());
        // ending_before walks back.
        const Answer before = call("GET", u"/v1/checkout/sessions"_s,
                                   {{u"limit"_s, 2}, {u"ending_before"_s, created.at(3)}});
        QCOMPARE(before.body[u"data"][0][u"id"].toString(), created.at(1));
        QCOMPARE(before.body[u"data"][1][u"id"].toString(), created.at(2));
        // Line items paginate too.
        const QString id = createSession(itemsOf({{1, 1}, {2, 1}, {3, 1}}));
        const Answer items =
            call("GET", u"/v1/checkout/sessions/%1/line_items"_s.arg(id), {{u"limit"_s, 2}});
        QCOMPARE(items.body[u"data"].toArray().size(), 2);
        QVERIFY(items.body[u"has_more"].toBool());
    }

    void idempotency()
    {
        const QJsonObject params = itemsOf({{700, 1}});
        const Answer first = call("POST", u"/v1/checkout/sessions"_s, params, preview,
                                  "sk_test_sandboxTests42", "idem-1");
        const Answer again = call("POST", u"/v1/checkout/sessions"_s, params, preview,
                                  "sk_test_sandboxTests42", "idem-1");
        QCOMPARE(again.body[u"id"], first.body[u"id"]);
        QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
        QVERIFY(first.header("Idempotent-Replayed").isEmpty());
        const Answer other = call("POST", u"/v1/checkout/sessions"_s, itemsOf({{800, 1}}), preview,
                                  "sk_test_sandboxTests42", "idem-1");
        QCOMPARE(other.status, 400);
        QCOMPARE(other.body[u"error"][u"type"].toString(), u"idempotency_error"_s);

        // In flight: a slow first request holds its key.
        call("POST", u"/_sandbox/faults"_s,
             {{u"path"_s, u"/v1/customers"_s}, {u"fault"_s, u"latency"_s}, {u"latency_ms"_s, 600}});
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/v1/customers"_s.arg(m_port)));
        request.setRawHeader("Authorization", "Bearer sk_test_sandboxTests42");
        request.setRawHeader("Idempotency-Key", "idem-slow");
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("application/x-www-form-urlencoded"));
        QNetworkReply *slow = m_network.post(request, "email=slow@example.org");
        QTest::qWait(100);
        const Answer concurrent =
            call("POST", u"/v1/customers"_s, {{u"email"_s, u"slow@example.org"_s}}, preview,
                 "sk_test_sandboxTests42", "idem-slow");
        QCOMPARE(concurrent.status, 409);
        QCOMPARE(concurrent.body[u"error"][u"type"].toString(), u"idempotency_error"_s);
        QSignalSpy done(slow, &QNetworkReply::finished);
        QVERIFY(slow->isFinished() || done.wait(5000));
        QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        slow->deleteLater();
    }

    void faults_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("shouldRetry");
        QTest::newRow("503") << QJsonObject{{u"fault"_s, u"status"_s}, {u"status"_s, 503}} << 503
                             << QByteArray();
        QTest::newRow("500 told not to retry")
            << QJsonObject{{u"fault"_s, u"status"_s}, {u"should_retry"_s, false}} << 500
            << QByteArray("false");
        QTest::newRow("lock timeout")
            << QJsonObject{{u"fault"_s, u"lock_timeout"_s}} << 429 << QByteArray("true");
        QTest::newRow("rate limit")
            << QJsonObject{{u"fault"_s, u"rate_limit"_s}} << 429 << QByteArray();
        // Qt quietly resends a request whose connection dropped, so this fault hits every one.
        QTest::newRow("drop") << QJsonObject{{u"fault"_s, u"drop"_s}, {u"count"_s, -1}} << 0
                              << QByteArray();
        QTest::newRow("malformed")
            << QJsonObject{{u"fault"_s, u"malformed"_s}} << 200 << QByteArray();
    }

    void faults()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(int, status);
        QFETCH(QByteArray, shouldRetry);
        fault.insert(u"path"_s, u"/v1/cust*"_s);
        fault.insert(u"method"_s, u"POST"_s);
        QCOMPARE(call("POST", u"/_sandbox/faults"_s, fault).status, 200);
        const Answer hit = call("POST", u"/v1/customers"_s, {{u"name"_s, u"Faulty"_s}});
        call("DELETE", u"/_sandbox/faults"_s);
        QCOMPARE(hit.status, status);
        if (status == 0)
            QCOMPARE(hit.error, QNetworkReply::RemoteHostClosedError);
        QCOMPARE(hit.header("Stripe-Should-Retry"), shouldRetry);
        if (status == 200)
            QVERIFY(hit.body.isEmpty()); // not JSON
        // Gone: the next request is served normally, and the log says what happened.
        QCOMPARE(call("POST", u"/v1/customers"_s, {{u"name"_s, u"Fine"_s}}).status, 200);
        const QJsonArray log = call("GET", u"/_sandbox/requests"_s).body[u"data"].toArray();
        QVERIFY(!log.at(log.size() - 2)[u"fault"].isNull());
        QVERIFY(log.last()[u"fault"].isNull());
    }

    void faultsAreValidated()
    {
        QCOMPARE(call("POST", u"/_sandbox/faults"_s, {{u"fault"_s, u"explode"_s}}).status, 400);
        QCOMPARE(call("POST", u"/_sandbox/faults"_s, {{u"fault"_s, u"status"_s}, {u"colour"_s, 1}})
                     .status,
                 400);
        QCOMPARE(call("GET", u"/_sandbox/faults"_s).body[u"data"].toArray().size(), 0);
    }

    void theRequestLog()
    {
        call("DELETE", u"/_sandbox/requests"_s);
        call("POST", u"/v1/customers"_s, {{u"email"_s, u"log@example.org"_s}}, preview,
             "sk_test_sandboxTests42", "log-key");
        const QJsonArray log = call("GET", u"/_sandbox/requests"_s).body[u"data"].toArray();
        QCOMPARE(log.size(), 1);
        const QJsonObject entry = log.first().toObject();
        QCOMPARE(entry[u"method"].toString(), u"POST"_s);
        QCOMPARE(entry[u"path"].toString(), u"/v1/customers"_s);
        QCOMPARE(entry[u"idempotency_key"].toString(), u"log-key"_s);
        QCOMPARE(entry[u"stripe_version"].toString(), QString::fromLatin1(preview));
        QCOMPARE(entry[u"params"][u"email"].toString(), u"log@example.org"_s);
        QCOMPARE(entry[u"status"].toInt(), 200);
        QVERIFY(entry[u"request_id"].toString().startsWith(u"req_"_s));
        QVERIFY(!entry[u"authorization"].toString().contains(u"sk_test_sandboxTests42"_s));
    }

    void signedWebhooks()
    {
        http::Server receiver;
        QList<QPair<QByteArray, QByteArray>> received; // body, signature
        receiver.route("POST", u"/hook"_s,
                       [&](const http::Request &r, std::shared_ptr<http::Responder> responder) {
                           received.append({r.body, r.header("Stripe-Signature")});
                           responder->send(http::Response::json(200, {{u"received"_s, true}}));
                       });
        const quint16 port = receiver.listenOn(QHostAddress::LocalHost, 0);
        QCOMPARE(call("POST", u"/_sandbox/webhook"_s,
                      {{u"url"_s, u"http://127.0.0.1:%1/hook"_s.arg(port)},
                       {u"secret"_s, u"whsec_testsecret"_s}})
                     .status,
                 200);
        const QString id = createSession();
        const Answer completed = call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(id));
        QCOMPARE(completed.body[u"status"].toString(), u"complete"_s);
        QCOMPARE(completed.body[u"payment_status"].toString(), u"paid"_s);
        QTRY_COMPARE(received.size(), 1);
        const QJsonObject event = QJsonDocument::fromJson(received.first().first).object();
        QCOMPARE(event[u"type"].toString(), u"checkout.session.completed"_s);
        QCOMPARE(event[u"data"][u"object"][u"id"].toString(), id);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(webhook::verify(received.first().first, received.first().second, "whsec_testsecret",
                                now));
        QVERIFY(
            !webhook::verify(received.first().first, received.first().second, "whsec_other", now));

        const QString other = createSession();
        call("POST", u"/v1/checkout/sessions/%1/expire"_s.arg(other));
        QTRY_COMPARE(received.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(received.last().first).object()[u"type"].toString(),
                 u"checkout.session.expired"_s);
        QTRY_COMPARE(call("GET", u"/_sandbox/webhooks"_s).body[u"data"].toArray().size(), 2);
        // Completing twice is refused.
        QCOMPARE(call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(id)).status, 400);
    }

    void shippingHelper()
    {
        const QString id = createSession();
        const Answer a = call("POST", u"/_sandbox/checkout/sessions/%1/shipping"_s.arg(id),
                              {{u"country"_s, u"nl"_s}, {u"city"_s, u"Utrecht"_s}});
        QCOMPARE(a.body[u"collected_information"][u"shipping_details"][u"address"][u"country"]
                     .toString(),
                 u"NL"_s);
        QCOMPARE(call("POST", u"/_sandbox/checkout/sessions/%1/shipping"_s.arg(id),
                      {{u"country"_s, u"Netherlands"_s}})
                     .status,
                 400);
    }

    void theDemoSeed()
    {
        sandbox::Sandbox seeded(SystemClock::instance());
        QVERIFY(seeded.seedDemo());
        const auto &sessions = seeded.state().sessions;
        QVERIFY(sessions.size() >= 30);
        QSet<QString> currencies, countries, statuses, tiers;
        for (const sandbox::Session &s : sessions) {
            currencies.insert(s.currency);
            countries.insert(s.customerDetails.toObject()[u"address"][u"country"].toString());
            statuses.insert(s.status);
        }
        for (const QJsonObject &c : seeded.state().customers)
            tiers.insert(c[u"metadata"][u"loyalty_tier"].toString());
        QVERIFY(currencies.size() >= 4);
        QVERIFY(countries.size() >= 6);
        QCOMPARE(statuses, (QSet<QString>{u"open"_s, u"complete"_s, u"expired"_s}));
        QVERIFY(tiers.contains(u"gold"_s) && tiers.contains(u"platinum"_s) &&
                tiers.contains(u"bronze"_s));

        // The worked example session matches the example file's amounts, customer and address.
        const quint16 port = seeded.listen(QHostAddress::LocalHost, 0);
        const quint16 mine = m_port;
        m_port = port;
        const Answer a = call("GET", u"/v1/checkout/sessions/cs_test_a1Qx7demo0001"_s,
                              {{u"expand"_s, QJsonArray{u"line_items"_s}}});
        m_port = mine;
        QFile file(QStringLiteral(REMISE_TEST_DATA "/examples/session-open.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject expected = QJsonDocument::fromJson(file.readAll()).object();
        for (const char16_t *key : {u"id", u"amount_subtotal", u"amount_total", u"currency",
                                    u"customer", u"status", u"mode"})
            QCOMPARE(a.body[key], expected[key]);
        QCOMPARE(a.body[u"collected_information"][u"shipping_details"][u"address"],
                 expected[u"collected_information"][u"shipping_details"][u"address"]);
        QCOMPARE(a.body[u"customer_details"][u"email"], expected[u"customer_details"][u"email"]);
        const QJsonArray items = a.body[u"line_items"][u"data"].toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0)[u"price"][u"product"].toString(), u"prod_demo_apron"_s);
        QCOMPARE(items.at(0)[u"quantity"].toInt(), 2);
        QCOMPARE(items.at(1)[u"price"][u"id"].toString(), u"price_demo_skillet"_s);
    }

    void theBinary()
    {
        QProcess process;
        process.start(QStringLiteral(REMISE_BIN_DIR "/remise-sandbox"),
                      {u"--listen"_s, u"127.0.0.1:0"_s, u"--seed"_s, u"demo"_s});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() == QProcess::NotRunning,
                                 10000);
        const QString line = QString::fromUtf8(process.readLine()).trimmed();
        QVERIFY2(line.startsWith(u"remise-sandbox listening on http://127.0.0.1:"_s),
                 qPrintable(line));
        const quint16 mine = m_port;
        m_port = quint16(line.section(u':', -1).toUInt());
        const Answer a = call("GET", u"/v1/checkout/sessions"_s, {{u"limit"_s, 100}});
        m_port = mine;
        QVERIFY(a.body[u"data"].toArray().size() >= 30);
        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);

        QProcess refused;
        refused.start(QStringLiteral(REMISE_BIN_DIR "/remise-sandbox"),
                      {u"--listen"_s, u"0.0.0.0:0"_s});
        QVERIFY(refused.waitForFinished(5000));
        QCOMPARE(refused.exitCode(), 2);
        QVERIFY(refused.readAllStandardError().contains("loopback"));
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
