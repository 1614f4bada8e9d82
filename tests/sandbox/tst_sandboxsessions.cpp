// Checkout Sessions in the sandbox on a pinned clock: creation variants, list order, filters and
// expansions, totals with proportional item discounts, updates, the test helpers and the events
// they send.

#include "clock.h"
#include "sandboxclient.h"
#include "server.h"
#include "webhooksignature.h"

#include <QJsonArray>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using remise::test::Answer;
using remise::test::Options;
using remise::test::SandboxClient;

namespace {

// 2026-11-28 12:00:00 UTC
constexpr qint64 startMs = 1'795'953'600'000;

QJsonObject withCustomer(QJsonObject params, const QString &customer)
{
    params.insert(u"customer"_s, customer);
    return params;
}

QList<qint64> integers(const QJsonArray &items, const char16_t *key)
{
    QList<qint64> out;
    for (const QJsonValue &item : items)
        out.append(item[key].toInteger());
    return out;
}

} // namespace

class TestSandboxSessions : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{startMs};
    SandboxClient m_client{m_clock};

    Answer call(const QByteArray &method, const QString &path, const QJsonObject &params = {},
                const Options &options = {})
    {
        return m_client.call(method, path, params, options);
    }
    QString create(const QJsonObject &params) { return m_client.createSession(params); }
    QString customer(const QString &email)
    {
        return call("POST", u"/v1/customers"_s, {{u"email"_s, email}, {u"name"_s, u"Ann Lee"_s}})
            .body[u"id"]
            .toString();
    }
    QStringList ids(const QJsonObject &listParams)
    {
        QStringList out;
        for (const QJsonValue &s :
             call("GET", u"/v1/checkout/sessions"_s, listParams).body[u"data"].toArray())
            out.append(s[u"id"].toString());
        return out;
    }

private slots:
    void initTestCase() { QVERIFY(m_client.start()); }

    void creationVariants()
    {
        // A customer with an email: customer_details.email is known at once.
        const QString ann = customer(u"ann@example.org"_s);
        Answer a =
            call("GET", u"/v1/checkout/sessions/"_s +
                            create(withCustomer(SandboxClient::sessionParams({{500, 1}}), ann)));
        QCOMPARE(a.body[u"customer"].toString(), ann);
        QCOMPARE(a.body[u"customer_details"][u"email"].toString(), u"ann@example.org"_s);
        QCOMPARE(a.body[u"customer_details"][u"tax_exempt"].toString(), u"none"_s);
        QVERIFY(a.body[u"customer_details"][u"tax_ids"].isArray());
        QVERIFY(a.body[u"customer_email"].isNull());
        QVERIFY(a.body[u"collected_information"].isNull());
        QCOMPARE(a.body[u"created"].toInteger(), startMs / 1000);
        QCOMPARE(a.body[u"expires_at"].toInteger(), startMs / 1000 + 86400); // 24 h by default
        QCOMPARE(a.body[u"ui_mode"].toString(), u"custom"_s);
        QVERIFY(a.body[u"url"].isNull()); // only hosted sessions have a URL
        QCOMPARE(a.body[u"livemode"].toBool(true), false);
        QCOMPARE(a.body[u"payment_status"].toString(), u"unpaid"_s);
        QCOMPARE(a.body[u"total_details"].toObject(),
                 (QJsonObject{
                     {u"amount_discount"_s, 0}, {u"amount_shipping"_s, 0}, {u"amount_tax"_s, 0}}));

        // A guest: customer_email is a prefill, customer_details unknown until they type it.
        QJsonObject guest = SandboxClient::sessionParams({{500, 1}});
        guest.insert(u"customer_email"_s, u"guest@example.net"_s);
        guest.insert(u"ui_mode"_s, u"hosted"_s);
        guest.insert(u"success_url"_s, u"https://shop.example/ok"_s);
        guest.remove(u"return_url"_s);
        guest.insert(u"expires_at"_s, startMs / 1000 + 3600);
        guest.insert(u"client_reference_id"_s, u"cart-77"_s);
        a = call("POST", u"/v1/checkout/sessions"_s, guest);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body[u"customer_email"].toString(), u"guest@example.net"_s);
        QVERIFY(a.body[u"customer"].isNull());
        QVERIFY(a.body[u"customer_details"].isNull());
        QVERIFY(a.body[u"url"].toString().startsWith(u"https://"_s));
        QCOMPARE(a.body[u"expires_at"].toInteger(), startMs / 1000 + 3600);
        QCOMPARE(a.body[u"client_reference_id"].toString(), u"cart-77"_s);

        // Setup mode: no items, a currency, nothing to pay.
        a = call("POST", u"/v1/checkout/sessions"_s,
                 {{u"mode"_s, u"setup"_s},
                  {u"currency"_s, u"eur"_s},
                  {u"success_url"_s, u"https://shop.example/ok"_s}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body[u"amount_total"].toInteger(), 0);
        QCOMPARE(
            call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(a.body[u"id"].toString()))
                .body[u"payment_status"]
                .toString(),
            u"no_payment_required"_s);
    }

    void creationRefusals_data()
    {
        QTest::addColumn<QJsonObject>("changes");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("param");
        QTest::newRow("subscription mode")
            << QJsonObject{{u"mode"_s, u"subscription"_s}} << 400 << u"mode"_s;
        QTest::newRow("unknown mode") << QJsonObject{{u"mode"_s, u"rent"_s}} << 400 << u"mode"_s;
        QTest::newRow("customer and customer_email")
            << QJsonObject{{u"customer"_s, u"cus_x"_s}, {u"customer_email"_s, u"a@b.c"_s}} << 400
            << u"customer_email"_s;
        QTest::newRow("unknown customer")
            << QJsonObject{{u"customer"_s, u"cus_nope"_s}} << 404 << u"customer"_s;
        QTest::newRow("expires too soon")
            << QJsonObject{{u"expires_at"_s, startMs / 1000 + 60}} << 400 << u"expires_at"_s;
        QTest::newRow("bad ui_mode")
            << QJsonObject{{u"ui_mode"_s, u"popup"_s}} << 400 << u"ui_mode"_s;
        QTest::newRow("bad permission")
            << QJsonObject{{u"permissions"_s, QJsonObject{{u"update_discounts"_s, u"anyone"_s}}}}
            << 400 << u"permissions[update_discounts]"_s;
        QTest::newRow("unknown permission")
            << QJsonObject{{u"permissions"_s, QJsonObject{{u"update_prices"_s, u"server_only"_s}}}}
            << 400 << u"permissions[update_prices]"_s;
        QTest::newRow("unknown promotion code")
            << QJsonObject{{u"discounts"_s,
                            QJsonArray{QJsonObject{{u"promotion_code"_s, u"promo_nope"_s}}}}}
            << 404 << u"discounts[0][promotion_code]"_s;
        QTest::newRow("promotion codes and discounts")
            << QJsonObject{{u"allow_promotion_codes"_s, true},
                           {u"discounts"_s, QJsonArray{QJsonObject{{u"coupon"_s, u"X"_s}}}}}
            << 400 << u"discounts"_s;
        QTest::newRow("bad boolean") << QJsonObject{{u"allow_promotion_codes"_s, u"yes"_s}} << 400
                                     << u"allow_promotion_codes"_s;
        QTest::newRow("zero quantity")
            << QJsonObject{{u"line_items"_s,
                            QJsonArray{QJsonObject{
                                {u"quantity"_s, 0},
                                {u"price_data"_s, QJsonObject{{u"currency"_s, u"eur"_s},
                                                              {u"unit_amount"_s, 5},
                                                              {u"product"_s, u"prod_x"_s}}}}}}}
            << 400 << u"line_items[0][quantity]"_s;
        QTest::newRow("price and price_data")
            << QJsonObject{{u"line_items"_s,
                            QJsonArray{QJsonObject{
                                {u"quantity"_s, 1},
                                {u"price"_s, u"price_x"_s},
                                {u"price_data"_s, QJsonObject{{u"currency"_s, u"eur"_s}}}}}}}
            << 400 << u"line_items[0][price]"_s;
        QTest::newRow("no line items")
            << QJsonObject{{u"line_items"_s, QJsonValue()}} << 400 << u"line_items"_s;
    }

    void creationRefusals()
    {
        QFETCH(QJsonObject, changes);
        QFETCH(int, status);
        QFETCH(QString, param);
        QJsonObject params = SandboxClient::sessionParams({{500, 1}});
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            if (it.value().isNull())
                params.remove(it.key());
            else
                params.insert(it.key(), it.value());
        }
        const Answer a = call("POST", u"/v1/checkout/sessions"_s, params);
        QCOMPARE(a.status, status);
        QCOMPARE(a.errorParam(), param);
    }

    void equalTimesListInCreationOrder()
    {
        m_clock.advance(std::chrono::hours(1));
        const QString ann = customer(u"tie@example.org"_s);
        QStringList made; // same second, newest first
        for (int i = 0; i < 4; ++i)
            made.prepend(create(withCustomer(SandboxClient::sessionParams({{100, 1}}), ann)));
        QCOMPARE(ids({{u"customer"_s, ann}}), made);
        // And the cursors walk them in that order, page after page.
        QCOMPARE(ids({{u"customer"_s, ann}, {u"limit"_s, 2}, {u"starting_after"_s, made.at(1)}}),
                 made.mid(2));
    }

    void listFilters()
    {
        m_clock.advance(std::chrono::hours(1));
        const qint64 t0 = m_clock.nowMs() / 1000;
        const QString bob = customer(u"Bob@Example.org"_s);
        const QString first = create(withCustomer(SandboxClient::sessionParams({{100, 1}}), bob));
        m_clock.advance(std::chrono::seconds(10));
        const QString second = create(withCustomer(SandboxClient::sessionParams({{100, 1}}), bob));
        m_clock.advance(std::chrono::seconds(10));
        const QString third = create(SandboxClient::sessionParams({{100, 1}}));
        call("POST", u"/v1/checkout/sessions/%1/expire"_s.arg(second));

        QCOMPARE(ids({{u"customer"_s, bob}}), (QStringList{second, first}));
        QCOMPARE(ids({{u"customer"_s, bob}, {u"status"_s, u"open"_s}}), QStringList{first});
        QCOMPARE(ids({{u"customer"_s, bob}, {u"status"_s, u"expired"_s}}), QStringList{second});
        // The email filter reads customer_details, case-insensitively.
        QCOMPARE(ids({{u"customer_details"_s, QJsonObject{{u"email"_s, u"bob@example.org"_s}}}}),
                 (QStringList{second, first}));
        QCOMPARE(ids({{u"created"_s, QJsonObject{{u"gte"_s, t0}}}}),
                 (QStringList{third, second, first}));
        QCOMPARE(ids({{u"created"_s, QJsonObject{{u"gt"_s, t0}}}}), (QStringList{third, second}));
        QCOMPARE(ids({{u"created"_s, QJsonObject{{u"gt"_s, t0}, {u"lt"_s, t0 + 20}}}}),
                 QStringList{second});
        QCOMPARE(ids({{u"created"_s, QJsonObject{{u"gte"_s, t0}, {u"lte"_s, t0 + 10}}}}),
                 (QStringList{second, first}));
        QCOMPARE(ids({{u"created"_s, t0 + 20}}), QStringList{third});
        QCOMPARE(call("GET", u"/v1/checkout/sessions"_s, {{u"status"_s, u"paid"_s}}).errorParam(),
                 u"status"_s);
        QCOMPARE(call("GET", u"/v1/checkout/sessions"_s, {{u"colour"_s, u"red"_s}}).errorParam(),
                 u"colour"_s);
    }

    void expansions_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expand");
        QTest::addColumn<QString>("pointer"); // where an object (not an id) must now be
        QTest::newRow("line_items") << u"one"_s << u"line_items"_s << u"line_items.object"_s;
        QTest::newRow("customer") << u"one"_s << u"customer"_s << u"customer.object"_s;
        QTest::newRow("discounts.coupon")
            << u"one"_s << u"discounts.coupon"_s << u"discounts.0.coupon.object"_s;
        QTest::newRow("product") << u"one"_s << u"line_items.data.price.product"_s
                                 << u"line_items.data.0.price.product.object"_s;
        QTest::newRow("list: line_items")
            << u"list"_s << u"data.line_items"_s << u"data.0.line_items.object"_s;
        QTest::newRow("list: customer")
            << u"list"_s << u"data.customer"_s << u"data.0.customer.object"_s;
        QTest::newRow("list: discounts.coupon")
            << u"list"_s << u"data.discounts.coupon"_s << u"data.0.discounts.0.coupon.object"_s;
        QTest::newRow("line items: product")
            << u"items"_s << u"data.price.product"_s << u"data.0.price.product.object"_s;
    }

    void expansions()
    {
        QFETCH(QString, path);
        QFETCH(QString, expand);
        QFETCH(QString, pointer);
        m_clock.advance(std::chrono::hours(1));
        const QString id = create(
            withCustomer(SandboxClient::sessionParams({{4500, 2}}), customer(u"x@example.org"_s)));
        QCOMPARE(
            call("POST", u"/v1/checkout/sessions/"_s + id,
                 {{u"discounts"_s, QJsonArray{QJsonObject{
                                       {u"coupon_data"_s, QJsonObject{{u"percent_off"_s, 10}}}}}}})
                .status,
            200);
        const QString where = path == u"one"    ? u"/v1/checkout/sessions/"_s + id
                              : path == u"list" ? u"/v1/checkout/sessions"_s
                                                : u"/v1/checkout/sessions/%1/line_items"_s.arg(id);
        const QJsonObject params{{u"expand"_s, QJsonArray{expand}}, {u"limit"_s, 1}};
        const Answer a = call(
            "GET", where, path == u"one" ? QJsonObject{{u"expand"_s, QJsonArray{expand}}} : params);
        QCOMPARE(a.status, 200);
        QJsonValue v = a.body;
        for (const QString &step : pointer.split(u'.'))
            v = v.isArray() ? v.toArray().at(step.toInt()) : v.toObject().value(step);
        QVERIFY2(v.isString() && !v.toString().isEmpty(), qPrintable(pointer));
    }

    void expansionRefusals_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expand");
        QTest::newRow("unknown") << u"/v1/checkout/sessions/%1"_s << u"secrets"_s;
        QTest::newRow("unknown nested")
            << u"/v1/checkout/sessions/%1"_s << u"line_items.data.tax"_s;
        QTest::newRow("list without data.") << u"/v1/checkout/sessions"_s << u"line_items"_s;
        QTest::newRow("line items without data.")
            << u"/v1/checkout/sessions/%1/line_items"_s << u"price.product"_s;
    }

    void expansionRefusals()
    {
        QFETCH(QString, path);
        QFETCH(QString, expand);
        const QString id = create(SandboxClient::sessionParams({{100, 1}}));
        const QString target = path.contains(u"%1"_s) ? path.arg(id) : path;
        const Answer a = call("GET", target, {{u"expand"_s, QJsonArray{expand}}});
        QCOMPARE(a.status, 400);
        QCOMPARE(a.errorParam(), u"expand"_s);
        QVERIFY2(
            a.errorMessage().startsWith(u"This property cannot be expanded (%1)"_s.arg(expand)),
            qPrintable(a.errorMessage()));
    }

    void totals_data()
    {
        QTest::addColumn<QJsonArray>("items"); // [unit amount, quantity]
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QJsonObject>("coupon");
        QTest::addColumn<qint64>("discount");
        QTest::addColumn<QList<qint64>>("itemDiscounts");
        const auto amount = [](qint64 off, const QString &currency = u"eur"_s) {
            return QJsonObject{{u"amount_off"_s, off}, {u"currency"_s, currency}};
        };
        const auto percent = [](const QString &off) {
            return QJsonObject{{u"percent_off"_s, off}};
        };
        QTest::newRow("amount, in proportion")
            << QJsonArray{QJsonArray{4500, 2}, QJsonArray{9000, 1}} << u"eur"_s << amount(3600)
            << qint64(3600) << QList<qint64>{1800, 1800};
        QTest::newRow("amount, largest remainder gets the cent")
            << QJsonArray{QJsonArray{100, 1}, QJsonArray{100, 1}, QJsonArray{100, 1}} << u"eur"_s
            << amount(100) << qint64(100) << QList<qint64>{34, 33, 33};
        QTest::newRow("amount capped at the subtotal")
            << QJsonArray{QJsonArray{700, 1}, QJsonArray{300, 1}} << u"eur"_s << amount(5000)
            << qint64(1000) << QList<qint64>{700, 300};
        QTest::newRow("percent, rounded to the minor unit")
            << QJsonArray{QJsonArray{999, 1}} << u"eur"_s << percent(u"33.33"_s) << qint64(333)
            << QList<qint64>{333};
        QTest::newRow("percent, half rounds up")
            << QJsonArray{QJsonArray{25, 1}} << u"eur"_s << percent(u"10"_s) << qint64(3)
            << QList<qint64>{3};
        QTest::newRow("zero-decimal currency")
            << QJsonArray{QJsonArray{1234, 1}, QJsonArray{333, 3}} << u"jpy"_s << percent(u"12.5"_s)
            << qint64(279) << QList<qint64>{154, 125};
        QTest::newRow("zero-decimal amount")
            << QJsonArray{QJsonArray{6500, 2}, QJsonArray{13500, 1}} << u"jpy"_s
            << amount(1000, u"jpy"_s) << qint64(1000) << QList<qint64>{491, 509};
        // Found by fuzzing: spreading the discount multiplied it by an item's subtotal in 64
        // bits, which overflows for the largest items Stripe allows (99,999,999 × 999,999).
        QTest::newRow("largest items, amount off")
            << QJsonArray{QJsonArray{99'999'999, 999'999}, QJsonArray{1, 1}} << u"eur"_s
            << amount(99'999'999) << qint64(99'999'999) << QList<qint64>{99999999, 0};
        QTest::newRow("largest items, everything off")
            << QJsonArray{QJsonArray{99'999'999, 999'999}, QJsonArray{99'999'999, 999'999}}
            << u"eur"_s << percent(u"100"_s) << qint64(2 * 99'999'999LL * 999'999)
            << QList<qint64>{99'999'999LL * 999'999, 99'999'999LL * 999'999};
        QTest::newRow("everything off") << QJsonArray{QJsonArray{1999, 3}} << u"usd"_s
                                        << percent(u"100"_s) << qint64(5997) << QList<qint64>{5997};
    }

    void totals()
    {
        QFETCH(QJsonArray, items);
        QFETCH(QString, currency);
        QFETCH(QJsonObject, coupon);
        QFETCH(qint64, discount);
        QFETCH(QList<qint64>, itemDiscounts);
        QJsonArray lines;
        qint64 subtotal = 0;
        for (const QJsonValue &item : items) {
            subtotal += item[0].toInteger() * item[1].toInteger();
            lines.append(QJsonObject{
                {u"quantity"_s, item[1]},
                {u"price_data"_s,
                 QJsonObject{{u"currency"_s, currency},
                             {u"unit_amount"_s, item[0]},
                             {u"product_data"_s, QJsonObject{{u"name"_s, u"Item"_s}}}}}});
        }
        QJsonObject params = SandboxClient::sessionParams({});
        params.insert(u"line_items"_s, lines);
        const QString id = create(params);
        const Answer a =
            call("POST", u"/v1/checkout/sessions/"_s + id,
                 {{u"discounts"_s, QJsonArray{QJsonObject{{u"coupon_data"_s, coupon}}}},
                  {u"expand"_s, QJsonArray{u"line_items"_s}}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body[u"amount_subtotal"].toInteger(), subtotal);
        QCOMPARE(a.body[u"total_details"][u"amount_discount"].toInteger(), discount);
        QCOMPARE(a.body[u"amount_total"].toInteger(), subtotal - discount);
        const QJsonArray data = a.body[u"line_items"][u"data"].toArray();
        QCOMPARE(integers(data, u"amount_discount"), itemDiscounts);
        for (const QJsonValue &item : data) {
            QCOMPARE(item[u"amount_total"].toInteger(),
                     item[u"amount_subtotal"].toInteger() - item[u"amount_discount"].toInteger());
            QCOMPARE(item[u"currency"].toString(), currency);
        }
    }

    // total_details.breakdown.discounts[].discount is a full Discount object, as in Stripe's
    // schema (it was a stub holding only the coupon).
    void breakdownHoldsDiscountObjects()
    {
        const QString owner = customer(u"ann@example.org"_s);
        const QString id = create(withCustomer(SandboxClient::sessionParams({{4500, 2}}), owner));
        const QString path = u"/v1/checkout/sessions/"_s + id;
        const QJsonObject coupon{
            {u"amount_off"_s, 1000}, {u"currency"_s, u"eur"_s}, {u"name"_s, u"Ten"_s}};
        Answer a = call("POST", path,
                        {{u"discounts"_s, QJsonArray{QJsonObject{{u"coupon_data"_s, coupon}}}}});
        QCOMPARE(a.status, 200);
        // Without expand[]=discounts the answer still lists the discount (coupon id).
        const QString couponId = a.body[u"discounts"][0][u"coupon"].toString();
        QVERIFY(!couponId.isEmpty());
        a = call("GET", path, {{u"expand"_s, QJsonArray{u"total_details.breakdown"_s}}});
        QCOMPARE(a.status, 200);
        const QJsonArray discounts = a.body[u"total_details"][u"breakdown"][u"discounts"].toArray();
        QCOMPARE(discounts.size(), 1);
        QCOMPARE(discounts.at(0)[u"amount"].toInteger(), 1000);
        const QJsonObject d = discounts.at(0)[u"discount"].toObject();
        QVERIFY(d[u"id"].toString().startsWith(u"di_"_s));
        QCOMPARE(d[u"object"].toString(), u"discount"_s);
        QCOMPARE(d[u"checkout_session"].toString(), id);
        QCOMPARE(d[u"coupon"][u"id"].toString(), couponId);
        QCOMPARE(d[u"coupon"][u"object"].toString(), u"coupon"_s);
        QCOMPARE(d[u"customer"].toString(), owner);
        QCOMPARE(d[u"start"].toInteger(), m_clock.nowMs() / 1000);
        for (const char16_t *key : {u"end", u"promotion_code", u"invoice", u"invoice_item",
                                    u"subscription", u"subscription_item"})
            QVERIFY2(d.contains(QStringView(key)) && d[key].isNull(),
                     qPrintable(QString::fromUtf16(key)));
        // Removed: no discount, an empty breakdown.
        QCOMPARE(call("POST", path, {{u"discounts"_s, u""_s}}).body[u"discounts"].toArray().size(),
                 0);
        a = call("GET", path, {{u"expand"_s, QJsonArray{u"total_details.breakdown"_s}}});
        QVERIFY(a.body[u"total_details"][u"breakdown"][u"discounts"].toArray().isEmpty());
    }

    void updates()
    {
        const QString id = create(SandboxClient::sessionParams({{4500, 2}, {9000, 1}}));
        const QString path = u"/v1/checkout/sessions/"_s + id;

        // The shipping address, as the server may set it; metadata set and unset.
        Answer a = call(
            "POST", path,
            {{u"collected_information"_s,
              QJsonObject{{u"shipping_details"_s,
                           QJsonObject{{u"name"_s, u"Claire Martin"_s},
                                       {u"address"_s, QJsonObject{{u"line1"_s, u"Rue Haute 12"_s},
                                                                  {u"city"_s, u"Bruxelles"_s},
                                                                  {u"postal_code"_s, u"1000"_s},
                                                                  {u"country"_s, u"be"_s}}}}}}},
             {u"metadata"_s, QJsonObject{{u"a"_s, u"1"_s}, {u"b"_s, u"2"_s}}}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body[u"collected_information"][u"shipping_details"][u"address"][u"country"]
                     .toString(),
                 u"BE"_s);
        a = call("POST", path, {{u"metadata"_s, QJsonObject{{u"a"_s, u""_s}}}});
        QCOMPARE(a.body[u"metadata"].toObject(), (QJsonObject{{u"b"_s, u"2"_s}}));
        QCOMPARE(call("POST", path, {}, {.rawBody = "metadata="}).body[u"metadata"].toObject(),
                 QJsonObject());

        // An existing coupon becomes the discount; an inline one is a real coupon too.
        const Answer coupon =
            call("POST", u"/v1/coupons"_s, {{u"amount_off"_s, 1000}, {u"currency"_s, u"eur"_s}});
        a = call("POST", path,
                 {{u"discounts"_s, QJsonArray{QJsonObject{{u"coupon"_s, coupon.body[u"id"]}}}},
                  {u"expand"_s, QJsonArray{u"discounts"_s}}});
        QCOMPARE(a.body[u"discounts"].toArray(),
                 (QJsonArray{QJsonObject{{u"coupon"_s, coupon.body[u"id"]},
                                         {u"promotion_code"_s, QJsonValue()}}}));
        a = call(
            "POST", path,
            {{u"discounts"_s,
              QJsonArray{QJsonObject{
                  {u"coupon_data"_s,
                   QJsonObject{{u"amount_off"_s, 2300},
                               {u"currency"_s, u"eur"_s},
                               {u"name"_s, u"Gold member 10%"_s},
                               {u"metadata"_s, QJsonObject{{u"remise"_s, u"loyalty-gold"_s}}}}}}}},
             {u"expand"_s, QJsonArray{u"discounts"_s}}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body[u"amount_total"].toInteger(), 18000 - 2300);
        const QString inlineCoupon = a.body[u"discounts"][0][u"coupon"].toString();
        QVERIFY(inlineCoupon != coupon.body[u"id"].toString());
        const Answer fetched = call("GET", u"/v1/coupons/"_s + inlineCoupon);
        QCOMPARE(fetched.body[u"duration"].toString(), u"once"_s);
        QCOMPARE(fetched.body[u"metadata"][u"remise"].toString(), u"loyalty-gold"_s);

        // Refusals leave the session as it was.
        const auto refused = [&](const QJsonObject &params, const QString &param) {
            const Answer r = call("POST", path, params);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.errorParam(), param);
            QCOMPARE(call("GET", path).body[u"amount_total"].toInteger(), 18000 - 2300);
        };
        refused(
            {{u"discounts"_s,
              QJsonArray{QJsonObject{{u"coupon_data"_s, QJsonObject{{u"amount_off"_s, 5},
                                                                    {u"currency"_s, u"usd"_s}}}}}}},
            u"discounts[0][coupon_data][currency]"_s);
        refused({{u"discounts"_s,
                  QJsonArray{QJsonObject{
                      {u"coupon_data"_s, QJsonObject{{u"amount_off"_s, 5},
                                                     {u"currency"_s, u"eur"_s},
                                                     {u"name"_s, QString(41, u'x')}}}}}}},
                u"discounts[0][coupon_data][name]"_s);
        refused(
            {{u"discounts"_s,
              QJsonArray{QJsonObject{{u"coupon_data"_s, QJsonObject{{u"amount_off"_s, u"5€"_s},
                                                                    {u"currency"_s, u"eur"_s}}}}}}},
            u"discounts[0][coupon_data][amount_off]"_s);
        refused({{u"discounts"_s, QJsonArray{QJsonObject{{u"promotion_code"_s, u"promo_1"_s}}}}},
                u"discounts[0][promotion_code]"_s);
        refused({{u"line_items"_s,
                  QJsonArray{QJsonObject{{u"id"_s, u"li_nope"_s}, {u"quantity"_s, 1}}}}},
                u"line_items[0][id]"_s);
        refused({{u"customer"_s, u"cus_1"_s}}, u"customer"_s);
        QCOMPARE(call("GET", path).body[u"metadata"].toObject(), QJsonObject());
    }

    void lineItemsUpdate()
    {
        const QString id = create(SandboxClient::sessionParams({{4500, 2}, {9000, 1}}));
        const QString path = u"/v1/checkout/sessions/"_s + id;
        const QJsonArray before =
            call("GET", u"/v1/checkout/sessions/%1/line_items"_s.arg(id)).body[u"data"].toArray();
        QCOMPARE(before.size(), 2);
        call("POST", path,
             {{u"discounts"_s,
               QJsonArray{QJsonObject{{u"coupon_data"_s, QJsonObject{{u"percent_off"_s, 10}}}}}}});
        // Keep the skillet (now 2), drop the aprons, add towels: the whole array is sent again.
        const Answer a = call(
            "POST", path,
            {{u"line_items"_s,
              QJsonArray{QJsonObject{{u"id"_s, before.at(1)[u"id"]}, {u"quantity"_s, 2}},
                         QJsonObject{{u"quantity"_s, 3},
                                     {u"price_data"_s,
                                      QJsonObject{{u"currency"_s, u"eur"_s},
                                                  {u"unit_amount"_s, 1900},
                                                  {u"product_data"_s,
                                                   QJsonObject{{u"name"_s, u"Tea towels"_s}}}}}}}},
             {u"expand"_s, QJsonArray{u"line_items"_s}}});
        QCOMPARE(a.status, 200);
        const QJsonArray after = a.body[u"line_items"][u"data"].toArray();
        QCOMPARE(after.size(), 2);
        QCOMPARE(after.at(0)[u"id"], before.at(1)[u"id"]);
        QCOMPARE(after.at(0)[u"quantity"].toInteger(), 2);
        QCOMPARE(after.at(1)[u"description"].toString(), u"Tea towels"_s);
        // Totals follow, discount included.
        QCOMPARE(a.body[u"amount_subtotal"].toInteger(), 2 * 9000 + 3 * 1900);
        QCOMPARE(a.body[u"total_details"][u"amount_discount"].toInteger(), 2370);
        QCOMPARE(a.body[u"amount_total"].toInteger(), 23700 - 2370);
        // Another currency, or no items at all, is refused.
        QCOMPARE(call("POST", path,
                      {{u"line_items"_s,
                        QJsonArray{QJsonObject{
                            {u"quantity"_s, 1},
                            {u"price_data"_s,
                             QJsonObject{{u"currency"_s, u"usd"_s},
                                         {u"unit_amount"_s, 100},
                                         {u"product"_s, after.at(0)[u"price"][u"product"]}}}}}}})
                     .status,
                 400);
        QCOMPARE(call("POST", path, {}, {.rawBody = "line_items="}).status, 400);
    }

    void helpersAndEvents()
    {
        // A receiver for the signed events.
        http::Server receiver;
        QList<http::Request> received;
        int answer = 200;
        receiver.route("POST", u"/hooks/stripe"_s,
                       [&](const http::Request &r, std::shared_ptr<http::Responder> responder) {
                           received.append(r);
                           responder->send(http::Response::json(answer, {{u"ok"_s, true}}));
                       });
        const quint16 port = receiver.listenOn(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        QCOMPARE(call("POST", u"/_sandbox/webhook"_s, {{u"url"_s, u"http://127.0.0.1"_s}}).status,
                 400); // no secret
        QCOMPARE(call("POST", u"/_sandbox/webhook"_s,
                      {{u"url"_s, u"http://127.0.0.1:%1/hooks/stripe"_s.arg(port)},
                       {u"secret"_s, u"whsec_sessionsTest1"_s}})
                     .status,
                 200);

        const QString id = create(SandboxClient::sessionParams({{4500, 2}}));
        // The customer types their details and address in.
        Answer a = call("POST", u"/_sandbox/checkout/sessions/%1/details"_s.arg(id),
                        {{u"email"_s, u"pay@example.org"_s},
                         {u"name"_s, u"Pay Er"_s},
                         {u"country"_s, u"fr"_s},
                         {u"city"_s, u"Lyon"_s}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body[u"customer_details"][u"email"].toString(), u"pay@example.org"_s);
        QCOMPARE(a.body[u"customer_details"][u"address"][u"country"].toString(), u"FR"_s);
        a = call("POST", u"/_sandbox/checkout/sessions/%1/shipping"_s.arg(id),
                 {{u"country"_s, u"BE"_s}, {u"line1"_s, u"Rue Haute 12"_s}});
        QCOMPARE(a.body[u"collected_information"][u"shipping_details"][u"name"].toString(),
                 u"Pay Er"_s);
        QCOMPARE(a.body[u"customer_details"][u"address"][u"country"].toString(), u"FR"_s);

        // Paying sends checkout.session.completed, caused by no API request.
        a = call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(id));
        QCOMPARE(a.body[u"status"].toString(), u"complete"_s);
        QCOMPARE(a.body[u"payment_status"].toString(), u"paid"_s);
        QVERIFY(a.body[u"payment_intent"].toString().startsWith(u"pi_"_s));
        QTRY_COMPARE(received.size(), 1);
        QJsonObject event = QJsonDocument::fromJson(received.at(0).body).object();
        QVERIFY(event[u"id"].toString().startsWith(u"evt_"_s));
        QCOMPARE(event[u"object"].toString(), u"event"_s);
        QCOMPARE(event[u"type"].toString(), u"checkout.session.completed"_s);
        QCOMPARE(event[u"livemode"].toBool(true), false);
        QCOMPARE(event[u"created"].toInteger(), m_clock.nowMs() / 1000);
        QCOMPARE(event[u"data"][u"object"][u"status"].toString(), u"complete"_s);
        QVERIFY(event[u"request"][u"id"].isNull());
        QVERIFY(webhook::verify(received.at(0).body, received.at(0).header("Stripe-Signature"),
                                "whsec_sessionsTest1", m_clock.nowMs() / 1000));
        // Helpers refuse what a customer could not do.
        QCOMPARE(call("POST", u"/_sandbox/checkout/sessions/%1/shipping"_s.arg(id),
                      {{u"country"_s, u"BE"_s}})
                     .status,
                 400);
        QCOMPARE(call("POST", u"/_sandbox/checkout/sessions/cs_test_nope/complete"_s).status, 404);
        QCOMPARE(call("POST", u"/_sandbox/nothing"_s).status, 404);
        QCOMPARE(m_client.call("POST", u"/_sandbox/faults"_s, {}, {.rawBody = "{oops"}).status,
                 400);

        // Expiring through the API: the event names the request and its idempotency key; the
        // endpoint's failure is recorded.
        answer = 500;
        const QString other = create(SandboxClient::sessionParams({{100, 1}}));
        const Answer expired = call("POST", u"/v1/checkout/sessions/%1/expire"_s.arg(other), {},
                                    {.idempotencyKey = "expire-1"});
        QCOMPARE(expired.body[u"status"].toString(), u"expired"_s);
        QVERIFY(expired.body[u"url"].isNull());
        QTRY_COMPARE(received.size(), 2);
        event = QJsonDocument::fromJson(received.at(1).body).object();
        QCOMPARE(event[u"type"].toString(), u"checkout.session.expired"_s);
        QCOMPARE(event[u"request"][u"id"].toString(),
                 QString::fromLatin1(expired.header("Request-Id")));
        QCOMPARE(event[u"request"][u"idempotency_key"].toString(), u"expire-1"_s);
        QTRY_COMPARE(call("GET", u"/_sandbox/webhooks"_s).body[u"data"].toArray().size(), 2);
        const QJsonArray deliveries = call("GET", u"/_sandbox/webhooks"_s).body[u"data"].toArray();
        QCOMPARE(deliveries.at(0)[u"status"].toInt(), 200);
        QCOMPARE(deliveries.at(1)[u"status"].toInt(), 500);
        QCOMPARE(deliveries.at(1)[u"event"].toString(), event[u"id"].toString());
    }
};

QTEST_GUILESS_MAIN(TestSandboxSessions)
#include "tst_sandboxsessions.moc"
