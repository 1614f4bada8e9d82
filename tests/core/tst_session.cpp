// SessionSnapshot::fromStripe on Checkout Sessions as Stripe returns them (tolerant of unknown
// fields and nulls, strict about what a decision needs), and CustomerContext::build
// (docs/decisions.md, "Customer context").

#include "json.h"
#include "session.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

const QString dataDir = QStringLiteral(REMISE_TEST_DATA);

QJsonObject load(const QString &relativePath)
{
    QFile file(dataDir + u'/' + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    const auto parsed = json::parseObject(file.readAll(), relativePath);
    if (!parsed)
        qFatal("%s", qPrintable(parsed.error().describe()));
    return *parsed;
}

// Sets (or, with an undefined value, removes) the member at a dotted path of nested objects.
QJsonObject with(QJsonObject object, QStringView path, const QJsonValue &value)
{
    const qsizetype dot = path.indexOf(u'.');
    const QString key = path.left(dot).toString();
    if (dot >= 0)
        object.insert(key, with(object.value(key).toObject(), path.mid(dot + 1), value));
    else if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

SessionSnapshot parse(const QJsonObject &object)
{
    auto session = SessionSnapshot::fromStripe(object);
    if (!session)
        qWarning("%s", qPrintable(session.error().describe()));
    return session.value_or(SessionSnapshot{});
}

SessionSnapshot sessionWith(const QString &customerId, const QString &email)
{
    SessionSnapshot s;
    s.id = u"cs_test_1"_s;
    s.currency = u"eur"_s;
    s.customerId = customerId;
    s.detailsEmail = email;
    return s;
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private slots:
    void readsTheDemoSession()
    {
        const auto session = SessionSnapshot::fromStripe(load(u"examples/session-open.json"_s));
        QVERIFY2(session, session ? "" : qPrintable(session.error().describe()));
        QCOMPARE(session->id, u"cs_test_a1Qx7demo0001"_s);
        QCOMPARE(session->status, u"open"_s);
        QCOMPARE(session->mode, u"payment"_s);
        QCOMPARE(session->paymentStatus, u"unpaid"_s);
        QCOMPARE(session->livemode, false);
        QCOMPARE(session->currency, u"eur"_s);
        QCOMPARE(session->subtotal, 18000);
        QCOMPARE(session->amountTotal, 18000);
        QCOMPARE(session->amountDiscount, 0);
        QCOMPARE(session->customerId, u"cus_demo_claire"_s);
        QVERIFY(!session->customer);
        QCOMPARE(session->detailsEmail, u"claire.martin@example.org"_s);
        QCOMPARE(session->customerEmail, QString());
        QCOMPARE(session->customerName, u"Claire Martin"_s);
        QCOMPARE(session->shippingAddress.country, u"BE"_s);
        QCOMPARE(session->shippingAddress.line1, u"Rue Haute 12"_s);
        QCOMPARE(session->shippingAddress.line2, QString());
        QCOMPARE(session->billingAddress.postalCode, u"1000"_s);
        QVERIFY(session->discounts.isEmpty());
        QVERIFY(session->metadata.isEmpty());
        QCOMPARE(session->created, 1795945200);
        QCOMPARE(session->expiresAt, 1796031600);

        QVERIFY(session->hasLineItems);
        QVERIFY(session->lineItemsComplete);
        QCOMPARE(session->lineItems.size(), 2);
        const LineItem &apron = session->lineItems.at(0);
        QCOMPARE(apron.id, u"li_demo_1"_s);
        QCOMPARE(apron.description, u"Linen apron"_s);
        QCOMPARE(apron.priceId, u"price_demo_apron"_s);
        QCOMPARE(apron.productId, u"prod_demo_apron"_s);
        QCOMPARE(apron.quantity, 2);
        QCOMPARE(apron.unitAmount, 4500);
        QCOMPARE(apron.amountSubtotal, 9000);
        QCOMPARE(apron.amountDiscount, 0);
        QCOMPARE(apron.amountTotal, 9000);
        QCOMPARE(session->lineItems.at(1).productId, u"prod_demo_skillet"_s);
    }

    void zeroDecimalCurrencyWithEverythingExpanded()
    {
        const SessionSnapshot s = parse(load(u"sessions/jpy-expanded.json"_s));
        QCOMPARE(s.id, u"cs_test_b2Jp9yenZeroDecimal0002"_s);
        QCOMPARE(s.currency, u"jpy"_s);
        // Zero-decimal: yen are whole units, read as they are, never scaled.
        QCOMPARE(s.subtotal, 12800);
        QCOMPARE(s.amountTotal, 12300);
        QCOMPARE(s.amountDiscount, 500);

        QCOMPARE(s.customerId, u"cus_demo_kenji"_s);
        QVERIFY(s.customer);
        QCOMPARE(s.customer->email, u"Kenji.Sato@example.jp"_s);
        QCOMPARE(s.customer->metadata.value(u"loyalty_tier"_s), u"gold"_s);
        QCOMPARE(s.detailsEmail, QString());
        QCOMPARE(s.customerEmail, u"prefill@example.jp"_s);
        QVERIFY(s.shippingAddress.isEmpty());        // collected_information is null
        QCOMPARE(s.billingAddress.country, u"JP"_s); // uppercased
        QCOMPARE(s.billingAddress.state, u"Tokyo"_s);

        QCOMPARE(s.lineItems.size(), 2);
        QCOMPARE(s.lineItems.at(0).productId, u"prod_jp_sencha"_s); // expanded product object
        QCOMPARE(s.lineItems.at(0).quantity, 4);
        QCOMPARE(s.lineItems.at(0).amountDiscount, 234);
        QCOMPARE(s.lineItems.at(0).amountTotal, 5766);
        QCOMPARE(s.lineItems.at(1).productId, u"prod_jp_cup"_s);

        QCOMPARE(s.discounts.size(), 1);
        const SessionDiscount &d = s.discounts.first();
        QVERIFY(d.couponExpanded);
        QCOMPARE(d.couponId, u"remise_loyalty_500"_s);
        QCOMPARE(d.promotionCodeId, QString());
        QCOMPARE(d.amountOff, 500);
        QVERIFY(!d.percentOff);
        QCOMPARE(d.currency, u"jpy"_s);
        QCOMPARE(d.name, u"Loyalty thanks"_s);
        QCOMPARE(d.metadata.value(u"remise_decision"_s), u"dec_01J9ZX"_s);
        QCOMPARE(d.metadata.value(u"remise_version"_s), u"2"_s);
        QCOMPARE(s.metadata.value(u"cart_version"_s), u"3"_s);
    }

    void expandedPromotionCode()
    {
        const SessionSnapshot s = parse(load(u"sessions/promotion-code.json"_s));
        QVERIFY(s.livemode);
        QCOMPARE(s.customerId, QString());
        QVERIFY(!s.customer);
        QVERIFY(s.billingAddress.isEmpty()); // customer_details is null
        QCOMPARE(s.shippingAddress.country, u"FR"_s);
        QCOMPARE(s.shippingAddress.line2, u"3e \u00e9tage"_s);
        QCOMPARE(s.customerName, u"L\u00e9a Dubois"_s); // from shipping, details being null
        QVERIFY(!s.hasLineItems);
        QCOMPARE(s.discounts.size(), 1);
        const SessionDiscount &d = s.discounts.first();
        QCOMPARE(d.promotionCodeId, u"promo_1RemiseSpring20"_s);
        QVERIFY(d.couponExpanded); // through promotion.coupon
        QCOMPARE(d.couponId, u"SPRING20"_s);
        QCOMPARE(d.percentOff, 20.0);
        QVERIFY(!d.amountOff);
        QCOMPARE(d.name, u"Spring 20%"_s);
    }

    void olderApiVersion()
    {
        // Before 2025-03-31 shipping_details was top-level; discounts came as ids.
        const SessionSnapshot s = parse(load(u"sessions/legacy-shipping.json"_s));
        QCOMPARE(s.status, u"complete"_s);
        QCOMPARE(s.shippingAddress.country, u"DE"_s);
        QCOMPARE(s.billingAddress.country, u"US"_s);
        QCOMPARE(s.customerName, u"Max M\u00fcller"_s);
        QCOMPARE(s.discounts.size(), 2);
        QCOMPARE(s.discounts.at(0).couponId, u"remise_10_usd"_s);
        QVERIFY(!s.discounts.at(0).couponExpanded);
        QCOMPARE(s.discounts.at(1).couponId, QString());
        QCOMPARE(s.discounts.at(1).promotionCodeId, u"promo_1Legacy"_s);
        QCOMPARE(s.metadata.value(u"order"_s), u"A-1009"_s);
    }

    void anEmptyObjectSaysNothing()
    {
        // An empty collected_information.shipping_details falls back to the top-level one...
        QJsonObject legacy = load(u"sessions/legacy-shipping.json"_s);
        legacy = with(legacy, u"collected_information.shipping_details", QJsonObject{});
        QCOMPARE(parse(legacy).shippingAddress.country, u"DE"_s);
        // ... and an empty coupon next to an expanded promotion code reads the promotion's.
        const QJsonObject coupon{
            {u"id"_s, u"co_promo"_s}, {u"amount_off"_s, 500}, {u"currency"_s, u"usd"_s}};
        const QJsonObject discount{
            {u"coupon"_s, QJsonObject{}},
            {u"promotion_code"_s, QJsonObject{{u"id"_s, u"promo_1"_s}, {u"coupon"_s, coupon}}}};
        const SessionSnapshot s = parse(with(legacy, u"discounts", QJsonArray{discount}));
        QCOMPARE(s.discounts.size(), 1);
        QVERIFY(s.discounts.first().couponExpanded);
        QCOMPARE(s.discounts.first().couponId, u"co_promo"_s);
        QCOMPARE(s.discounts.first().amountOff, 500);
        QCOMPARE(s.discounts.first().promotionCodeId, u"promo_1"_s);
    }

    void subtotalFromLineItems()
    {
        const SessionSnapshot s = parse(load(u"sessions/no-subtotal.json"_s));
        QCOMPARE(s.lineItems.size(), 3);
        // 2500 + 3 × 399 (no amount_subtotal: unit_amount × quantity) + 650 (null quantity: 1)
        QCOMPARE(s.lineItems.at(1).amountSubtotal, 1197);
        QCOMPARE(s.lineItems.at(1).amountTotal, 1197);
        QCOMPARE(s.lineItems.at(2).quantity, 1);
        QCOMPARE(s.subtotal, 4347);
        QVERIFY(!s.amountTotal);
        QCOMPARE(s.amountDiscount, 0);
        QVERIFY(s.discounts.isEmpty());
    }

    void stripeFixtureSession()
    {
        // Stripe's own fixture has currency and amounts null: refused, naming the field...
        const QJsonObject fixture = load(u"examples/stripe-fixtures/checkout.session.json"_s);
        const auto raw = SessionSnapshot::fromStripe(fixture);
        QVERIFY(!raw);
        QCOMPARE(raw.error().path, u"session.currency"_s);
        QCOMPARE(raw.error().code, errc::missingValue);
        QVERIFY(raw.error().message.contains(u"currency"_s));

        // ... and with them filled in, every other field of the current shape is accepted.
        QJsonObject filled = with(fixture, u"currency", u"usd"_s);
        filled = with(filled, u"amount_subtotal", 2000);
        const auto session = SessionSnapshot::fromStripe(filled);
        QVERIFY2(session, session ? "" : qPrintable(session.error().describe()));
        QCOMPARE(session->id, fixture.value(u"id").toString());
        QCOMPARE(session->subtotal, 2000);
        QVERIFY(!session->amountTotal);
        QCOMPARE(session->amountDiscount, 406046392);
        QCOMPARE(session->detailsEmail, u"example@example.com"_s);
        QCOMPARE(session->customerId, QString());
        QVERIFY(session->discounts.isEmpty());
        QVERIFY(session->shippingAddress.isEmpty());
        QCOMPARE(session->customerName, u"name"_s);
        QVERIFY(!session->hasLineItems);
    }

    void stripeFixtureObjectsInsideASession()
    {
        QJsonObject object = load(u"examples/session-open.json"_s);
        const QJsonObject item = load(u"examples/stripe-fixtures/item.json"_s);
        const QJsonObject coupon = load(u"examples/stripe-fixtures/coupon.json"_s);
        const QJsonObject customer = load(u"examples/stripe-fixtures/customer.json"_s);
        QJsonObject promotion = load(u"examples/stripe-fixtures/promotion_code.json"_s);

        object = with(object, u"line_items.data", QJsonArray{item});
        object = with(object, u"customer", customer);
        object = with(
            object, u"discounts",
            QJsonArray{QJsonObject{{u"coupon"_s, coupon}, {u"promotion_code"_s, QJsonValue()}},
                       QJsonObject{{u"coupon"_s, QJsonValue()}, {u"promotion_code"_s, promotion}}});
        SessionSnapshot s = parse(object);
        QCOMPARE(s.lineItems.size(), 1);
        QCOMPARE(s.lineItems.first().productId, u"prod_NNNsbcqAqCJrj2"_s);
        QCOMPARE(s.lineItems.first().unitAmount, 1000);
        QCOMPARE(s.lineItems.first().amountSubtotal, 0); // Stripe's value wins, even 0
        QCOMPARE(s.customerId, u"cus_NNNslJKODLsLoG"_s);
        QVERIFY(s.customer);
        QCOMPARE(s.customer->email, QString());
        QCOMPARE(s.discounts.size(), 2);
        QCOMPARE(s.discounts.at(0).couponId, u"Z4OV52SU"_s);
        QCOMPARE(s.discounts.at(0).percentOff, 25.5);
        QVERIFY(!s.discounts.at(0).amountOff);
        QCOMPARE(s.discounts.at(0).name, u"25.5% off"_s);
        QCOMPARE(s.discounts.at(1).promotionCodeId, u"promo_1MlLiAJITzLVzkSmAKV6tZ50"_s);
        QCOMPARE(s.discounts.at(1).couponId, QString()); // promotion.coupon is null there
        QVERIFY(!s.discounts.at(1).couponExpanded);

        // The promotion's coupon as an id, then expanded.
        promotion = with(promotion, u"promotion.coupon", u"Z4OV52SU"_s);
        s = parse(
            with(object, u"discounts", QJsonArray{QJsonObject{{u"promotion_code"_s, promotion}}}));
        QCOMPARE(s.discounts.first().couponId, u"Z4OV52SU"_s);
        QVERIFY(!s.discounts.first().couponExpanded);
        promotion = with(promotion, u"promotion.coupon", coupon);
        s = parse(
            with(object, u"discounts", QJsonArray{QJsonObject{{u"promotion_code"_s, promotion}}}));
        QVERIFY(s.discounts.first().couponExpanded);
        QCOMPARE(s.discounts.first().percentOff, 25.5);
    }

    void deletedCustomerKeepsTheId()
    {
        const QJsonObject deleted{
            {u"id"_s, u"cus_gone"_s}, {u"object"_s, u"customer"_s}, {u"deleted"_s, true}};
        const SessionSnapshot s =
            parse(with(load(u"examples/session-open.json"_s), u"customer", deleted));
        QCOMPARE(s.customerId, u"cus_gone"_s);
        QVERIFY(!s.customer);
    }

    void tolerated_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value"); // undefined: removed
        const QJsonValue removed(QJsonValue::Undefined);
        QTest::newRow("unknown top-level field") << u"brand_new_field"_s << QJsonValue(u"x"_s);
        QTest::newRow("unknown nested field")
            << u"customer_details.loyalty"_s << QJsonValue(QJsonObject{{u"x"_s, 1}});
        QTest::newRow("no object field") << u"object"_s << removed;
        QTest::newRow("status missing") << u"status"_s << removed;
        QTest::newRow("customer null") << u"customer"_s << QJsonValue();
        QTest::newRow("customer_details null") << u"customer_details"_s << QJsonValue();
        QTest::newRow("address fields null")
            << u"customer_details.address"_s << QJsonValue(QJsonObject{{u"country"_s, {}}});
        QTest::newRow("collected_information null") << u"collected_information"_s << QJsonValue();
        QTest::newRow("discounts null") << u"discounts"_s << QJsonValue();
        QTest::newRow("discount entries of another type")
            << u"discounts"_s << QJsonValue(QJsonArray{u"di_1"_s, 3});
        QTest::newRow("metadata null") << u"metadata"_s << QJsonValue();
        QTest::newRow("total_details null") << u"total_details"_s << QJsonValue();
        QTest::newRow("amount_total null") << u"amount_total"_s << QJsonValue();
        QTest::newRow("expires_at missing") << u"expires_at"_s << removed;
        QTest::newRow("line_items not expanded") << u"line_items"_s << removed;
        QTest::newRow("subtotal null, line items complete") << u"amount_subtotal"_s << QJsonValue();
        QTest::newRow("subtotal a string, line items complete")
            << u"amount_subtotal"_s << QJsonValue(u"18000"_s);
    }

    void tolerated()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        const auto session =
            SessionSnapshot::fromStripe(with(load(u"examples/session-open.json"_s), path, value));
        QVERIFY2(session, session ? "" : qPrintable(session.error().describe()));
        QCOMPARE(session->subtotal, 18000);
        QCOMPARE(session->id, u"cs_test_a1Qx7demo0001"_s);
    }

    void refused_data()
    {
        QTest::addColumn<QStringList>("paths");
        QTest::addColumn<QList<QJsonValue>>("values"); // one per path; undefined: removed
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("errorPath");
        QTest::addColumn<QString>("mentions");
        const QJsonValue removed(QJsonValue::Undefined);
        QTest::newRow("not a session")
            << QStringList{u"object"_s} << QList<QJsonValue>{u"payment_intent"_s}
            << errc::invalidValue << u"session.object"_s << u"payment_intent"_s;
        QTest::newRow("no id") << QStringList{u"id"_s} << QList<QJsonValue>{removed}
                               << errc::missingValue << u"session.id"_s << u"id"_s;
        QTest::newRow("null id") << QStringList{u"id"_s} << QList<QJsonValue>{QJsonValue()}
                                 << errc::missingValue << u"session.id"_s << u"id"_s;
        QTest::newRow("not a session id")
            << QStringList{u"id"_s} << QList<QJsonValue>{u"pi_3Fake"_s} << errc::invalidValue
            << u"session.id"_s << u"pi_3Fake"_s;
        QTest::newRow("no currency")
            << QStringList{u"currency"_s} << QList<QJsonValue>{removed} << errc::missingValue
            << u"session.currency"_s << u"currency"_s;
        QTest::newRow("null currency")
            << QStringList{u"currency"_s} << QList<QJsonValue>{QJsonValue()} << errc::missingValue
            << u"session.currency"_s << u"cs_test_a1Qx7demo0001"_s;
        QTest::newRow("uppercase currency")
            << QStringList{u"currency"_s} << QList<QJsonValue>{u"EUR"_s} << errc::invalidValue
            << u"session.currency"_s << u"EUR"_s;
        QTest::newRow("no subtotal, no line items")
            << QStringList{u"amount_subtotal"_s, u"line_items"_s}
            << QList<QJsonValue>{QJsonValue(), removed} << errc::missingValue
            << u"session.amount_subtotal"_s << u"amount_subtotal"_s;
        QTest::newRow("no subtotal, line items incomplete")
            << QStringList{u"amount_subtotal"_s, u"line_items.has_more"_s}
            << QList<QJsonValue>{QJsonValue(), true} << errc::missingValue
            << u"session.amount_subtotal"_s << u"line_items"_s;
        QTest::newRow("negative subtotal")
            << QStringList{u"amount_subtotal"_s} << QList<QJsonValue>{-1} << errc::invalidValue
            << u"session.amount_subtotal"_s << u"negative"_s;
        QTest::newRow("line item without an amount")
            << QStringList{u"line_items.data"_s}
            << QList<QJsonValue>{QJsonArray{QJsonObject{{u"id"_s, u"li_1"_s}, {u"quantity"_s, 1}}}}
            << errc::missingValue << u"session.line_items.data[0].amount_subtotal"_s
            << u"unit_amount"_s;
        QTest::newRow("negative line item")
            << QStringList{u"line_items.data"_s}
            << QList<QJsonValue>{QJsonArray{QJsonObject{{u"amount_subtotal"_s, 10}},
                                            QJsonObject{{u"amount_subtotal"_s, -10}}}}
            << errc::invalidValue << u"session.line_items.data[1].amount_subtotal"_s
            << u"negative"_s;
    }

    void refused()
    {
        QFETCH(QStringList, paths);
        QFETCH(QList<QJsonValue>, values);
        QFETCH(QString, code);
        QFETCH(QString, errorPath);
        QFETCH(QString, mentions);
        QJsonObject object = load(u"examples/session-open.json"_s);
        for (qsizetype i = 0; i < paths.size(); ++i)
            object = with(object, paths.at(i), values.at(i));
        const auto session = SessionSnapshot::fromStripe(object);
        QVERIFY(!session);
        QCOMPARE(session.error().code, code);
        QCOMPARE(session.error().path, errorPath);
        QVERIFY2(session.error().message.contains(mentions), qPrintable(session.error().message));
    }

    void contextFromTheDemoSession()
    {
        const SessionSnapshot s = parse(load(u"examples/session-open.json"_s));
        const CustomerContext c = CustomerContext::build(s, std::nullopt);
        QCOMPARE(c.customerId, u"cus_demo_claire"_s);
        QCOMPARE(c.email, u"claire.martin@example.org"_s);
        QCOMPARE(c.address.country, u"BE"_s);
        QVERIFY(!c.hasProfile);
        QCOMPARE(c.loyaltyTier, QString());
        QVERIFY(c.metadata.isEmpty());
        QCOMPARE(c.key(), u"cus_demo_claire"_s);
    }

    void contextEmail_data()
    {
        QTest::addColumn<QString>("details");
        QTest::addColumn<bool>("expanded"); // the Customer object is in the session
        QTest::addColumn<QString>("customer");
        QTest::addColumn<QString>("prefill");
        QTest::addColumn<QString>("email");
        // customer_details.email, else the Customer's email, else customer_email.
        QTest::newRow("details first")
            << u"d@x.org"_s << true << u"c@x.org"_s << u"p@x.org"_s << u"d@x.org"_s;
        QTest::newRow("then the customer")
            << QString() << true << u"c@x.org"_s << u"p@x.org"_s << u"c@x.org"_s;
        QTest::newRow("customer without email")
            << QString() << true << QString() << u"p@x.org"_s << u"p@x.org"_s;
        QTest::newRow("customer not expanded")
            << QString() << false << QString() << u"p@x.org"_s << u"p@x.org"_s;
        QTest::newRow("only details")
            << u"d@x.org"_s << false << QString() << QString() << u"d@x.org"_s;
        QTest::newRow("none") << QString() << false << QString() << QString() << QString();
    }

    void contextEmail()
    {
        QFETCH(QString, details);
        QFETCH(bool, expanded);
        QFETCH(QString, customer);
        QFETCH(QString, prefill);
        QFETCH(QString, email);
        SessionSnapshot s = sessionWith(QString(), details);
        s.customerEmail = prefill;
        if (expanded)
            s.customer = StripeCustomer{u"cus_1"_s, customer, QString(), {}};
        QCOMPARE(CustomerContext::build(s, std::nullopt).email, email);
    }

    void contextEmailFromFixtures()
    {
        // jpy: details.email is null, the expanded customer has one, customer_email is a prefill.
        const CustomerContext jpy =
            CustomerContext::build(parse(load(u"sessions/jpy-expanded.json"_s)), std::nullopt);
        QCOMPARE(jpy.email, u"Kenji.Sato@example.jp"_s);
        QCOMPARE(jpy.loyaltyTier, u"gold"_s);
        QCOMPARE(jpy.metadata.value(u"segment"_s), u"tokyo"_s);
        QCOMPARE(jpy.address.country, u"JP"_s); // billing: there is no shipping address
        // promotion-code: no customer, no details: the prefilled email, as the identity.
        const CustomerContext promo =
            CustomerContext::build(parse(load(u"sessions/promotion-code.json"_s)), std::nullopt);
        QCOMPARE(promo.email, u"Lea.Dubois@Example.FR"_s);
        QCOMPARE(promo.key(), u"email:lea.dubois@example.fr"_s);
        QCOMPARE(promo.address.country, u"FR"_s);
    }

    void contextAddress_data()
    {
        QTest::addColumn<QString>("shippingCountry");
        QTest::addColumn<QString>("shippingCity");
        QTest::addColumn<QString>("billingCountry");
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("city");
        QTest::newRow("shipping first") << u"FR"_s << u"Lyon"_s << u"BE"_s << u"FR"_s << u"Lyon"_s;
        QTest::newRow("billing when no shipping")
            << QString() << QString() << u"BE"_s << u"BE"_s << u"Brussels"_s;
        // A shipping address without a country does not hide the billing country.
        QTest::newRow("shipping without country")
            << QString() << u"Lyon"_s << u"BE"_s << u"BE"_s << u"Brussels"_s;
        QTest::newRow("shipping only")
            << u"DE"_s << u"Berlin"_s << QString() << u"DE"_s << u"Berlin"_s;
        QTest::newRow("neither") << QString() << QString() << QString() << QString() << QString();
    }

    void contextAddress()
    {
        QFETCH(QString, shippingCountry);
        QFETCH(QString, shippingCity);
        QFETCH(QString, billingCountry);
        QFETCH(QString, country);
        QFETCH(QString, city);
        SessionSnapshot s = sessionWith(u"cus_1"_s, QString());
        s.shippingAddress.country = shippingCountry;
        s.shippingAddress.city = shippingCity;
        s.billingAddress.country = billingCountry;
        if (!billingCountry.isEmpty())
            s.billingAddress.city = u"Brussels"_s;
        const CustomerContext c = CustomerContext::build(s, std::nullopt);
        QCOMPARE(c.address.country, country);
        QCOMPARE(c.address.city, city);
    }

    void contextWithProfile()
    {
        SessionSnapshot s = sessionWith(u"cus_1"_s, u"a@x.org"_s);
        s.customer = StripeCustomer{u"cus_1"_s,
                                    u"a@x.org"_s,
                                    QString(),
                                    {{u"loyalty_tier"_s, u"silver"_s},
                                     {u"source"_s, u"stripe"_s},
                                     {u"region"_s, u"north"_s}}};
        CustomerProfile profile;
        profile.id = u"cus_1"_s;
        profile.loyaltyTier = u"gold"_s;
        profile.orderCount = 3;
        profile.metadata = {{u"source"_s, u"import"_s}, {u"vip"_s, u"yes"_s}};

        const CustomerContext c = CustomerContext::build(s, profile);
        QVERIFY(c.hasProfile);
        QCOMPARE(c.profile, profile);
        QCOMPARE(c.loyaltyTier, u"gold"_s); // the profile's tier wins
        // Stripe metadata overlaid by the profile's.
        QCOMPARE(c.metadata.value(u"source"_s), u"import"_s);
        QCOMPARE(c.metadata.value(u"vip"_s), u"yes"_s);
        QCOMPARE(c.metadata.value(u"region"_s), u"north"_s);

        // A profile without a tier falls back to Stripe's metadata.
        profile.loyaltyTier.clear();
        QCOMPARE(CustomerContext::build(s, profile).loyaltyTier, u"silver"_s);
        // Without an expanded customer there is no Stripe metadata to fall back on.
        s.customer.reset();
        QCOMPARE(CustomerContext::build(s, profile).loyaltyTier, QString());
    }

    void contextIdentityFromTheProfile()
    {
        // A guest session matched to a profile by email takes the profile's customer id.
        CustomerProfile profile;
        profile.id = u"cus_known"_s;
        profile.email = u"known@x.org"_s;
        CustomerContext c =
            CustomerContext::build(sessionWith(QString(), u"Known@X.org"_s), profile);
        QCOMPARE(c.customerId, u"cus_known"_s);
        QCOMPARE(c.email, u"Known@X.org"_s); // the session's email stays as given
        QCOMPARE(c.key(), u"cus_known"_s);

        // The session's own customer id is never replaced.
        c = CustomerContext::build(sessionWith(u"cus_session"_s, QString()), profile);
        QCOMPARE(c.customerId, u"cus_session"_s);
        QCOMPARE(c.email, u"known@x.org"_s); // no email on the session: the profile's

        // An email-only profile leaves the identity to the email.
        profile.id.clear();
        c = CustomerContext::build(sessionWith(QString(), u"Known@X.org"_s), profile);
        QCOMPARE(c.key(), u"email:known@x.org"_s);
    }

    void contextKey_data()
    {
        QTest::addColumn<QString>("customerId");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("key");
        QTest::newRow("customer id") << u"cus_1"_s << u"a@x.org"_s << u"cus_1"_s;
        QTest::newRow("email folded")
            << QString() << u"Claire.Martin@Example.ORG"_s << u"email:claire.martin@example.org"_s;
        QTest::newRow("anonymous") << QString() << QString() << QString();
    }

    void contextKey()
    {
        QFETCH(QString, customerId);
        QFETCH(QString, email);
        QFETCH(QString, key);
        QCOMPARE(CustomerContext::build(sessionWith(customerId, email), std::nullopt).key(), key);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
