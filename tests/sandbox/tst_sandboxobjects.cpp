// Customers, products, prices and coupons in the sandbox, and the shape of every answer:
// Stripe's objects, list envelopes, error bodies and headers.

#include "clock.h"
#include "sandboxclient.h"

#include <QJsonArray>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using remise::test::Answer;
using remise::test::Options;

class TestSandboxObjects : public QObject
{
    Q_OBJECT

private:
    test::SandboxClient m_client{SystemClock::instance()};

    Answer call(const QByteArray &method, const QString &path, const QJsonObject &params = {},
                const Options &options = {})
    {
        return m_client.call(method, path, params, options);
    }

private slots:
    void initTestCase() { QVERIFY(m_client.start()); }

    void everyAnswerHasStripesHeaders_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("status");
        QTest::newRow("list") << QByteArray("GET") << u"/v1/customers"_s << test::testKey << 200;
        QTest::newRow("not found")
            << QByteArray("GET") << u"/v1/customers/cus_nope"_s << test::testKey << 404;
        QTest::newRow("unknown url")
            << QByteArray("GET") << u"/v1/charges"_s << test::testKey << 404;
        QTest::newRow("unknown method")
            << QByteArray("PUT") << u"/v1/customers"_s << test::testKey << 404;
        QTest::newRow("no key") << QByteArray("GET") << u"/v1/customers"_s << QByteArray() << 401;
    }

    void everyAnswerHasStripesHeaders()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, key);
        QFETCH(int, status);
        Options options;
        options.key = key;
        const Answer a = call(method, path, {}, options);
        QCOMPARE(a.status, status);
        QVERIFY(a.header("Request-Id").startsWith("req_"));
        QVERIFY(a.header("Content-Type").startsWith("application/json"));
        if (status >= 400) {
            // {"error": {type, code?, message, param?, request_log_url}}: as in Stripe's
            // schema, code and param are left out when nothing applies, never null.
            const QJsonObject error = a.errorObject();
            QVERIFY(!error.value(u"type").toString().isEmpty());
            QVERIFY(!error.value(u"message").toString().isEmpty());
            for (const QJsonValue &value : error)
                QVERIFY2(!value.isNull(), a.raw.constData());
            QVERIFY(!error.contains(u"code"_s) || !error.value(u"code").toString().isEmpty());
            QVERIFY(!error.contains(u"param"_s) || !error.value(u"param").toString().isEmpty());
            QVERIFY(error.value(u"request_log_url")
                        .toString()
                        .contains(QString::fromLatin1(a.header("Request-Id"))));
        }
    }

    void keys_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("bearer test key") << QByteArray("Bearer sk_test_abcdefgh") << 200 << u""_s;
        QTest::newRow("restricted test key")
            << QByteArray("Bearer rk_test_abcdefgh") << 200 << u""_s;
        QTest::newRow("basic, key as user")
            << QByteArray("Basic " + QByteArray("sk_test_abcdefgh:").toBase64()) << 200 << u""_s;
        // Any test key, however short (docs/sandbox.md): sk_test_x was refused before.
        QTest::newRow("shortest test key") << QByteArray("Bearer sk_test_x") << 200 << u""_s;
        QTest::newRow("shortest restricted key") << QByteArray("Bearer rk_test_1") << 200 << u""_s;
        QTest::newRow("missing") << QByteArray() << 401 << u"did not provide an API key"_s;
        QTest::newRow("live key") << QByteArray("Bearer sk_live_abcdefghijklmnop") << 401
                                  << u"live"_s;
        QTest::newRow("publishable key")
            << QByteArray("Bearer pk_test_abcdefghijklmnop") << 401 << u"Publishable"_s;
        QTest::newRow("malformed") << QByteArray("Bearer sk_test_") << 401 << u"test keys"_s;
        QTest::newRow("not a key") << QByteArray("Bearer hello") << 401 << u"test keys"_s;
    }

    void keys()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        QFETCH(QString, mentions);
        QNetworkAccessManager network;
        QNetworkRequest request(m_client.url(u"/v1/customers"_s));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        const Answer a = test::SandboxClient::wait(network.get(request));
        QCOMPARE(a.status, status);
        if (status == 401) {
            QCOMPARE(a.errorType(), u"invalid_request_error"_s);
            QVERIFY2(a.errorMessage().contains(mentions), qPrintable(a.errorMessage()));
            // Never echoed in full.
            const QByteArray key = authorization.mid(authorization.indexOf(' ') + 1);
            QVERIFY(key.size() < 10 || !a.raw.contains(key));
        }
        // The request log never shows the key either.
        const QJsonArray log = call("GET", u"/_sandbox/requests"_s).body[u"data"].toArray();
        QVERIFY(!log.isEmpty());
        if (authorization.size() > 20)
            QVERIFY(!log.last()[u"authorization"].toString().contains(
                QString::fromLatin1(authorization.mid(7))));
    }

    void customers()
    {
        const Answer created =
            call("POST", u"/v1/customers"_s,
                 {{u"email"_s, u"nora@example.org"_s},
                  {u"name"_s, u"Nora"_s},
                  {u"phone"_s, u"+3225550100"_s},
                  {u"description"_s, u"VIP"_s},
                  {u"metadata"_s, QJsonObject{{u"loyalty_tier"_s, u"silver"_s}}}});
        QCOMPARE(created.status, 200);
        const QString id = created.body[u"id"].toString();
        QVERIFY(id.startsWith(u"cus_"_s));
        QCOMPARE(created.body[u"object"].toString(), u"customer"_s);
        QCOMPARE(created.body[u"livemode"].toBool(true), false);
        QVERIFY(created.body[u"address"].isNull()); // present, null
        QCOMPARE(created.body[u"metadata"][u"loyalty_tier"].toString(), u"silver"_s);

        // Update: a field, a metadata key added, one removed with an empty value.
        const Answer updated = call(
            "POST", u"/v1/customers/"_s + id,
            {{u"name"_s, u"Nora B."_s},
             {u"metadata"_s, QJsonObject{{u"loyalty_tier"_s, u""_s}, {u"source"_s, u"shop"_s}}}});
        QCOMPARE(updated.status, 200);
        QCOMPARE(updated.body[u"name"].toString(), u"Nora B."_s);
        QCOMPARE(updated.body[u"metadata"].toObject(), (QJsonObject{{u"source"_s, u"shop"_s}}));
        QCOMPARE(call("GET", u"/v1/customers/"_s + id).body, updated.body);

        // List by email.
        const Answer listed =
            call("GET", u"/v1/customers"_s, {{u"email"_s, u"nora@example.org"_s}});
        QCOMPARE(listed.body[u"object"].toString(), u"list"_s);
        QCOMPARE(listed.body[u"url"].toString(), u"/v1/customers"_s);
        QCOMPARE(listed.body[u"data"].toArray().size(), 1);
        QCOMPARE(listed.body[u"data"][0][u"id"].toString(), id);

        // Delete.
        const Answer deleted = call("DELETE", u"/v1/customers/"_s + id);
        QCOMPARE(deleted.body,
                 (QJsonObject{{u"id"_s, id}, {u"object"_s, u"customer"_s}, {u"deleted"_s, true}}));
        QCOMPARE(call("GET", u"/v1/customers/"_s + id).status, 404);
        QCOMPARE(call("GET", u"/v1/customers"_s, {{u"email"_s, u"nora@example.org"_s}})
                     .body[u"data"]
                     .toArray()
                     .size(),
                 0);
    }

    void customerValidation_data()
    {
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QString>("param");
        QTest::newRow("unknown") << QJsonObject{{u"colour"_s, u"red"_s}} << u"colour"_s;
        QTest::newRow("email") << QJsonObject{{u"email"_s, u"not-an-email"_s}} << u"email"_s;
        QTest::newRow("metadata not a hash")
            << QJsonObject{{u"metadata"_s, u"x"_s}} << u"metadata"_s;
        QTest::newRow("metadata key too long")
            << QJsonObject{{u"metadata"_s, QJsonObject{{QString(41, u'k'), u"v"_s}}}}
            << u"metadata[%1]"_s.arg(QString(41, u'k'));
    }

    void customerValidation()
    {
        QFETCH(QJsonObject, params);
        QFETCH(QString, param);
        const Answer a = call("POST", u"/v1/customers"_s, params);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.errorParam(), param);
    }

    void productsAndPrices()
    {
        const Answer product = call("POST", u"/v1/products"_s,
                                    {{u"name"_s, u"Bread knife"_s},
                                     {u"id"_s, u"prod_bread_knife"_s},
                                     {u"metadata"_s, QJsonObject{{u"sku"_s, u"BK-1"_s}}}});
        QCOMPARE(product.status, 200);
        QCOMPARE(product.body[u"id"].toString(), u"prod_bread_knife"_s);
        QCOMPARE(call("POST", u"/v1/products"_s,
                      {{u"name"_s, u"Again"_s}, {u"id"_s, u"prod_bread_knife"_s}})
                     .status,
                 400);
        QCOMPARE(call("GET", u"/v1/products/prod_bread_knife"_s).body[u"name"].toString(),
                 u"Bread knife"_s);

        const Answer price = call("POST", u"/v1/prices"_s,
                                  {{u"currency"_s, u"EUR"_s},
                                   {u"unit_amount"_s, 2500},
                                   {u"product"_s, u"prod_bread_knife"_s},
                                   {u"nickname"_s, u"standard"_s}});
        QCOMPARE(price.status, 200);
        QCOMPARE(price.body[u"currency"].toString(), u"eur"_s);
        QCOMPARE(price.body[u"unit_amount"].toInteger(), 2500);
        QCOMPARE(price.body[u"type"].toString(), u"one_time"_s);
        QCOMPARE(call("GET", u"/v1/prices/"_s + price.body[u"id"].toString()).body, price.body);

        const Answer inlineProduct =
            call("POST", u"/v1/prices"_s,
                 {{u"currency"_s, u"usd"_s},
                  {u"unit_amount"_s, 900},
                  {u"product_data"_s, QJsonObject{{u"name"_s, u"Mug"_s}}}});
        QCOMPARE(inlineProduct.status, 200);
        const QString productId = inlineProduct.body[u"product"].toString();
        QCOMPARE(call("GET", u"/v1/products/"_s + productId).body[u"name"].toString(), u"Mug"_s);

        // A session sold from a known price.
        const Answer session =
            call("POST", u"/v1/checkout/sessions"_s,
                 {{u"mode"_s, u"payment"_s},
                  {u"success_url"_s, u"https://shop.example/ok"_s},
                  {u"line_items"_s,
                   QJsonArray{QJsonObject{{u"price"_s, price.body[u"id"]}, {u"quantity"_s, 3}}}},
                  {u"expand"_s, QJsonArray{u"line_items"_s}}});
        QCOMPARE(session.status, 200);
        QCOMPARE(session.body[u"amount_subtotal"].toInteger(), 7500);
        QCOMPARE(session.body[u"line_items"][u"data"][0][u"description"].toString(),
                 u"Bread knife"_s);
    }

    void priceValidation_data()
    {
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("param");
        QTest::newRow("no product")
            << QJsonObject{{u"currency"_s, u"eur"_s}, {u"unit_amount"_s, 1}} << 400 << u"product"_s;
        QTest::newRow("unknown product") << QJsonObject{{u"currency"_s, u"eur"_s},
                                                        {u"unit_amount"_s, 1},
                                                        {u"product"_s, u"prod_nope"_s}}
                                         << 404 << u"product"_s;
        QTest::newRow("bad amount") << QJsonObject{{u"currency"_s, u"eur"_s},
                                                   {u"unit_amount"_s, u"1.5"_s},
                                                   {u"product"_s, u"prod_nope"_s}}
                                    << 400 << u"unit_amount"_s;
        QTest::newRow("bad currency")
            << QJsonObject{{u"currency"_s, u"euro"_s},
                           {u"unit_amount"_s, 1},
                           {u"product_data"_s, QJsonObject{{u"name"_s, u"x"_s}}}}
            << 400 << u"currency"_s;
    }

    void priceValidation()
    {
        QFETCH(QJsonObject, params);
        QFETCH(int, status);
        QFETCH(QString, param);
        const Answer a = call("POST", u"/v1/prices"_s, params);
        QCOMPARE(a.status, status);
        QCOMPARE(a.errorParam(), param);
    }

    void coupons()
    {
        const Answer created = call("POST", u"/v1/coupons"_s,
                                    {{u"id"_s, u"WELCOME10"_s},
                                     {u"percent_off"_s, u"10"_s},
                                     {u"duration"_s, u"repeating"_s},
                                     {u"duration_in_months"_s, 3},
                                     {u"name"_s, u"Welcome"_s},
                                     {u"max_redemptions"_s, 100},
                                     {u"metadata"_s, QJsonObject{{u"campaign"_s, u"w"_s}}}});
        QCOMPARE(created.status, 200);
        QCOMPARE(created.body[u"id"].toString(), u"WELCOME10"_s);
        QCOMPARE(created.body[u"object"].toString(), u"coupon"_s);
        QCOMPARE(created.body[u"percent_off"].toDouble(), 10.0);
        QVERIFY(created.body[u"amount_off"].isNull());
        QVERIFY(created.body[u"currency"].isNull());
        QCOMPARE(created.body[u"duration_in_months"].toInteger(), 3);
        QCOMPARE(created.body[u"valid"].toBool(), true);
        QCOMPARE(call("GET", u"/v1/coupons/WELCOME10"_s).body, created.body);

        const Answer amount =
            call("POST", u"/v1/coupons"_s, {{u"amount_off"_s, 500}, {u"currency"_s, u"eur"_s}});
        QCOMPARE(amount.status, 200);
        QCOMPARE(amount.body[u"duration"].toString(), u"once"_s); // the default
        const QJsonArray listed = call("GET", u"/v1/coupons"_s).body[u"data"].toArray();
        QVERIFY(listed.size() >= 2);
        QCOMPARE(listed.at(0)[u"id"], amount.body[u"id"]); // newest first

        QCOMPARE(call("DELETE", u"/v1/coupons/WELCOME10"_s).body[u"deleted"].toBool(), true);
        QCOMPARE(call("GET", u"/v1/coupons/WELCOME10"_s).status, 404);
    }

    void couponValidation_data()
    {
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QString>("param");
        QTest::newRow("neither amount nor percent")
            << QJsonObject{{u"duration"_s, u"once"_s}} << u"amount_off"_s;
        QTest::newRow("both") << QJsonObject{{u"amount_off"_s, 5},
                                             {u"currency"_s, u"eur"_s},
                                             {u"percent_off"_s, 5}}
                              << u"percent_off"_s;
        QTest::newRow("amount without currency")
            << QJsonObject{{u"amount_off"_s, 5}} << u"currency"_s;
        QTest::newRow("percent over 100")
            << QJsonObject{{u"percent_off"_s, u"100.5"_s}} << u"percent_off"_s;
        QTest::newRow("name over 40 characters")
            << QJsonObject{{u"percent_off"_s, 5}, {u"name"_s, QString(41, u'n')}} << u"name"_s;
        QTest::newRow("bad duration")
            << QJsonObject{{u"percent_off"_s, 5}, {u"duration"_s, u"always"_s}} << u"duration"_s;
        QTest::newRow("repeating without months")
            << QJsonObject{{u"percent_off"_s, 5}, {u"duration"_s, u"repeating"_s}}
            << u"duration_in_months"_s;
        QTest::newRow("bad redeem_by")
            << QJsonObject{{u"percent_off"_s, 5}, {u"redeem_by"_s, u"soon"_s}} << u"redeem_by"_s;
    }

    void couponValidation()
    {
        QFETCH(QJsonObject, params);
        QFETCH(QString, param);
        const Answer a = call("POST", u"/v1/coupons"_s, params);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.errorType(), u"invalid_request_error"_s);
        QCOMPARE(a.errorParam(), param);
    }

    void pagination()
    {
        QStringList ids; // newest first
        for (int i = 0; i < 5; ++i)
            ids.prepend(call("POST", u"/v1/customers"_s,
                             {{u"email"_s, u"page@example.org"_s}, {u"name"_s, QString::number(i)}})
                            .body[u"id"]
                            .toString());
        const QJsonObject filter{{u"email"_s, u"page@example.org"_s}, {u"limit"_s, 2}};
        QStringList seen;
        QJsonObject params = filter;
        for (int page = 0; page < 5; ++page) {
            const Answer a = call("GET", u"/v1/customers"_s, params);
            for (const QJsonValue &c : a.body[u"data"].toArray())
                seen.append(c[u"id"].toString());
            if (!a.body[u"has_more"].toBool())
                break;
            params.insert(u"starting_after"_s, seen.last());
        }
        QCOMPARE(seen, ids);
        QJsonObject back = filter;
        back.insert(u"ending_before"_s, ids.at(4));
        const Answer before = call("GET", u"/v1/customers"_s, back);
        QCOMPARE(before.body[u"data"][0][u"id"].toString(), ids.at(2));
        QCOMPARE(before.body[u"data"][1][u"id"].toString(), ids.at(3));
        QVERIFY(before.body[u"has_more"].toBool());
        QJsonObject both = filter;
        both.insert(u"starting_after"_s, ids.at(0));
        both.insert(u"ending_before"_s, ids.at(4));
        QCOMPARE(call("GET", u"/v1/customers"_s, both).status, 400);
        QJsonObject unknownCursor = filter;
        unknownCursor.insert(u"starting_after"_s, u"cus_nope"_s);
        QCOMPARE(call("GET", u"/v1/customers"_s, unknownCursor).errorParam(), u"starting_after"_s);
        QCOMPARE(call("GET", u"/v1/customers"_s, {{u"limit"_s, 0}}).errorParam(), u"limit"_s);
    }
};

QTEST_GUILESS_MAIN(TestSandboxObjects)
#include "tst_sandboxobjects.moc"
