// Stripe's form encoding (Stripe's API conventions): nested objects as a[b]=v, indexed arrays,
// `discounts=` to clear, percent-encoding, numbers in shortest form, and the decoder the sandbox
// uses to read what the client sends.

#include "formcodec.h"
#include "json.h"
#include "testjson.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <limits>
#include <numeric>

using namespace Qt::StringLiterals;
using namespace remise;
using test::object;

using Pairs = QList<form::Pair>;

namespace {

QString show(const Pairs &pairs)
{
    QStringList out;
    for (const auto &[key, value] : pairs)
        out.append(key + u'=' + value);
    return out.join(u'&');
}

} // namespace

class TestFormCodec : public QObject
{
    Q_OBJECT

private slots:
    void flattenDiscountUpdate()
    {
        // Stripe's update call: an inline coupon, expanding discounts.
        const QJsonObject params = object(R"({
            "discounts": [{"coupon_data": {"amount_off": 1000, "currency": "eur",
                           "name": "Spring sale", "metadata": {"remise_campaigns": "spring,vip"}}}],
            "expand": ["discounts"]})");
        const Pairs expected{
            {u"discounts[0][coupon_data][amount_off]"_s, u"1000"_s},
            {u"discounts[0][coupon_data][currency]"_s, u"eur"_s},
            {u"discounts[0][coupon_data][metadata][remise_campaigns]"_s, u"spring,vip"_s},
            {u"discounts[0][coupon_data][name]"_s, u"Spring sale"_s},
            {u"expand[0]"_s, u"discounts"_s}, // indexed, as the official SDKs send arrays
        };
        QCOMPARE(show(form::flatten(params)), show(expected));
        QCOMPARE(form::encode(params),
                 QByteArray("discounts[0][coupon_data][amount_off]=1000"
                            "&discounts[0][coupon_data][currency]=eur"
                            "&discounts[0][coupon_data][metadata][remise_campaigns]=spring%2Cvip"
                            "&discounts[0][coupon_data][name]=Spring%20sale"
                            "&expand[0]=discounts"));
    }

    void flattenValues_data()
    {
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("clear with empty array")
            << QJsonObject{{u"discounts"_s, QJsonArray()}} << QByteArray("discounts=");
        QTest::newRow("clear with null")
            << QJsonObject{{u"discounts"_s, QJsonValue()}} << QByteArray("discounts=");
        QTest::newRow("clear with empty object")
            << QJsonObject{{u"metadata"_s, QJsonObject()}} << QByteArray("metadata=");
        QTest::newRow("empty string") << QJsonObject{{u"name"_s, u""_s}} << QByteArray("name=");
        QTest::newRow("true") << QJsonObject{{u"livemode"_s, true}} << QByteArray("livemode=true");
        QTest::newRow("false") << QJsonObject{{u"livemode"_s, false}}
                               << QByteArray("livemode=false");
        QTest::newRow("integer") << QJsonObject{{u"amount_off"_s, 1000}}
                                 << QByteArray("amount_off=1000");
        QTest::newRow("integral double")
            << QJsonObject{{u"amount_off"_s, 1000.0}} << QByteArray("amount_off=1000");
        QTest::newRow("negative integer") << QJsonObject{{u"n"_s, -3}} << QByteArray("n=-3");
        QTest::newRow("large integer") << QJsonObject{{u"n"_s, 9007199254740993LL}}
                                       << QByteArray("n=9007199254740993"); // exact
        QTest::newRow("percent 12.5")
            << QJsonObject{{u"percent_off"_s, 12.5}} << QByteArray("percent_off=12.5");
        QTest::newRow("percent 33.33")
            << QJsonObject{{u"percent_off"_s, 33.33}} << QByteArray("percent_off=33.33");
        QTest::newRow("shortest 0.1") << QJsonObject{{u"x"_s, 0.1}} << QByteArray("x=0.1");
        QTest::newRow("shortest 0.29") << QJsonObject{{u"x"_s, 0.29}} << QByteArray("x=0.29");
        QTest::newRow("negative fraction") << QJsonObject{{u"x"_s, -0.5}} << QByteArray("x=-0.5");
        QTest::newRow("no exponent for small values")
            << QJsonObject{{u"x"_s, 1e-7}} << QByteArray("x=0.0000001");
        QTest::newRow("no exponent beyond qint64")
            << QJsonObject{{u"x"_s, 1e21}} << QByteArray("x=1000000000000000000000");
        QTest::newRow("every digit kept")
            << QJsonObject{{u"x"_s, 0.30000000000000004}} << QByteArray("x=0.30000000000000004");
        QTest::newRow("array of scalars")
            << QJsonObject{{u"payment_method_types"_s, QJsonArray{u"card"_s, u"link"_s}}}
            << QByteArray("payment_method_types[0]=card&payment_method_types[1]=link");
        QTest::newRow("array of objects")
            << object(R"({"line_items": [{"price": "price_1", "quantity": 2},
                                         {"price": "price_2", "quantity": 1}]})")
            << QByteArray("line_items[0][price]=price_1&line_items[0][quantity]=2"
                          "&line_items[1][price]=price_2&line_items[1][quantity]=1");
        QTest::newRow("nested arrays")
            << object(R"({"a": [[1, 2], []]})") << QByteArray("a[0][0]=1&a[0][1]=2&a[1]=");
        QTest::newRow("deep object")
            << object(R"({"a": {"b": {"c": {"d": "e"}}}})") << QByteArray("a[b][c][d]=e");
        QTest::newRow("keys in sorted order")
            << object(R"({"mode": "payment", "currency": "eur", "amount": 5})")
            << QByteArray("amount=5&currency=eur&mode=payment");
    }

    void flattenValues()
    {
        QFETCH(QJsonObject, params);
        QFETCH(QByteArray, body);
        QCOMPARE(form::encode(params), body);
    }

    void percentEncoding_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("space") << u"name"_s << u"Spring sale"_s << QByteArray("name=Spring%20sale");
        QTest::newRow("ampersand and equals")
            << u"name"_s << u"a&b=c"_s << QByteArray("name=a%26b%3Dc");
        QTest::newRow("plus is not a space") << u"q"_s << u"1+1"_s << QByteArray("q=1%2B1");
        QTest::newRow("percent") << u"q"_s << u"50%"_s << QByteArray("q=50%25");
        QTest::newRow("reserved characters")
            << u"q"_s << u"/?#[]@!$'()*,;:"_s
            << QByteArray("q=%2F%3F%23%5B%5D%40%21%24%27%28%29%2A%2C%3B%3A");
        QTest::newRow("unreserved kept") << u"q"_s << u"a-b.c_d~e"_s << QByteArray("q=a-b.c_d~e");
        QTest::newRow("accent as UTF-8")
            << u"name"_s << u"Caf\u00e9"_s << QByteArray("name=Caf%C3%A9");
        QTest::newRow("euro sign")
            << u"name"_s << u"10 \u20ac off"_s << QByteArray("name=10%20%E2%82%AC%20off");
        QTest::newRow("emoji") << u"name"_s << u"\U0001F381"_s << QByteArray("name=%F0%9F%8E%81");
        QTest::newRow("newline") << u"name"_s << u"a\nb"_s << QByteArray("name=a%0Ab");
        QTest::newRow("brackets in keys stay readable")
            << u"metadata[remise_campaigns]"_s << u"x"_s
            << QByteArray("metadata[remise_campaigns]=x");
        QTest::newRow("key with reserved characters")
            << u"metadata[a b&c=d]"_s << u"x"_s << QByteArray("metadata[a%20b%26c%3Dd]=x");
        QTest::newRow("key with accent")
            << u"metadata[r\u00e9gion]"_s << u"x"_s << QByteArray("metadata[r%C3%A9gion]=x");
    }

    void percentEncoding()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QByteArray, body);
        QCOMPARE(form::encode(Pairs{{key, value}}), body);
        // And back.
        const Pairs back = form::parsePairs(body);
        QCOMPARE(back.size(), 1);
        QCOMPARE(back.first().first, key);
        QCOMPARE(back.first().second, value);
    }

    void encodeKeepsPairOrder()
    {
        const Pairs pairs{{u"b"_s, u"1"_s}, {u"a"_s, u"2"_s}, {u"b"_s, u"3"_s}};
        QCOMPARE(form::encode(pairs), QByteArray("b=1&a=2&b=3"));
        QCOMPARE(form::encode(Pairs{}), QByteArray());
    }

    void parsePairs_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("pairs"); // as show() prints them
        QTest::newRow("simple") << QByteArray("a=1&b=2") << u"a=1&b=2"_s;
        QTest::newRow("plus is a space") << QByteArray("name=Spring+sale") << u"name=Spring sale"_s;
        QTest::newRow("encoded plus") << QByteArray("q=1%2B1") << u"q=1+1"_s;
        QTest::newRow("encoded brackets")
            << QByteArray("expand%5B%5D=discounts") << u"expand[]=discounts"_s;
        QTest::newRow("no value") << QByteArray("flag") << u"flag="_s;
        QTest::newRow("empty value") << QByteArray("discounts=") << u"discounts="_s;
        QTest::newRow("equals in value") << QByteArray("a=1=2") << u"a=1=2"_s;
        QTest::newRow("empty pieces skipped") << QByteArray("&a=1&&b=2&") << u"a=1&b=2"_s;
        QTest::newRow("empty body") << QByteArray() << QString();
        QTest::newRow("UTF-8") << QByteArray("name=Caf%C3%A9") << u"name=Caf\u00e9"_s;
        QTest::newRow("lowercase hex") << QByteArray("name=Caf%c3%a9") << u"name=Caf\u00e9"_s;
    }

    void parsePairs()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, pairs);
        QCOMPARE(show(form::parsePairs(body)), pairs);
    }

    void decode_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonObject>("expected");
        QTest::newRow("flat") << QByteArray("a=1&b=x") << object(R"({"a": "1", "b": "x"})");
        QTest::newRow("nested object")
            << QByteArray("customer_details[address][country]=BE&customer_details[email]=c%40x.org")
            << object(R"({"customer_details": {"address": {"country": "BE"},
                                                "email": "c@x.org"}})");
        QTest::newRow("indexed array")
            << QByteArray("line_items[0][price]=p1&line_items[0][quantity]=2"
                          "&line_items[1][price]=p2")
            << object(R"({"line_items": [{"price": "p1", "quantity": "2"}, {"price": "p2"}]})");
        QTest::newRow("indices out of order")
            << QByteArray("a[1]=y&a[0]=x") << object(R"({"a": ["x", "y"]})");
        QTest::newRow("more than ten")
            << QByteArray("a[0]=0&a[1]=1&a[2]=2&a[3]=3&a[4]=4&a[5]=5&a[6]=6&a[7]=7&a[8]=8"
                          "&a[9]=9&a[10]=10")
            << object(R"({"a": ["0","1","2","3","4","5","6","7","8","9","10"]})");
        QTest::newRow("expand[] appends") << QByteArray("expand[]=line_items&expand[]=customer")
                                          << object(R"({"expand": ["line_items", "customer"]})");
        QTest::newRow("expand indexed")
            << QByteArray("expand[0]=discounts") << object(R"({"expand": ["discounts"]})");
        QTest::newRow("encoded expand[]")
            << QByteArray("expand%5B%5D=discounts") << object(R"({"expand": ["discounts"]})");
        QTest::newRow("clearing discounts")
            << QByteArray("discounts=") << object(R"({"discounts": ""})");
        QTest::newRow("metadata keys are names")
            << QByteArray("metadata[campaign_ids]=a%2Cb&metadata[decision]=d1")
            << object(R"({"metadata": {"campaign_ids": "a,b", "decision": "d1"}})");
        QTest::newRow("empty body") << QByteArray() << QJsonObject();
    }

    void decode()
    {
        QFETCH(QByteArray, body);
        QFETCH(QJsonObject, expected);
        const auto decoded = form::decode(body);
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().describe()));
        QCOMPARE(*decoded, expected);
    }

    void decodeErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("path");
        QTest::newRow("index gap") << QByteArray("a[0]=x&a[2]=y") << u"a[2]"_s;
        QTest::newRow("not starting at 0") << QByteArray("items[1][price]=p") << u"items[1]"_s;
        QTest::newRow("nested gap") << QByteArray("a[b][0]=x&a[b][5]=y") << u"a[b][5]"_s;
        QTest::newRow("value then object") << QByteArray("a=1&a[b]=2") << u"a"_s;
        QTest::newRow("object then value") << QByteArray("a[b]=2&a=1") << u"a"_s;
        QTest::newRow("nested value then object") << QByteArray("a[b]=1&a[b][c]=2") << u"a[b]"_s;
        QTest::newRow("given twice") << QByteArray("a=1&a=2") << u"a"_s;
        QTest::newRow("nested given twice") << QByteArray("a[b]=1&a[b]=2") << u"a[b]"_s;
        QTest::newRow("[] after index") << QByteArray("e[0]=a&e[]=b") << u"e"_s;
        QTest::newRow("index after []") << QByteArray("e[]=a&e[0]=b") << u"e"_s;
        QTest::newRow("unclosed bracket") << QByteArray("a[b=1") << u"a[b"_s;
        QTest::newRow("no name") << QByteArray("[a]=1") << u"[a]"_s;
        QTest::newRow("text after bracket") << QByteArray("a[b]c=1") << u"a[b]c"_s;
        QTest::newRow("empty name") << QByteArray("=1") << QString();
    }

    void decodeErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, path);
        const auto decoded = form::decode(body);
        QVERIFY2(!decoded, decoded ? json::write(*decoded).constData() : "");
        QCOMPARE(decoded.error().code, u"parameter_invalid"_s);
        QCOMPARE(decoded.error().path, path);
        QVERIFY(!decoded.error().message.isEmpty());
    }

    // Found by fuzzing: each bracket level used to cost a recursion (and a stack frame in the
    // node tree's destructor), so a key with 100,000 levels overflowed the stack. Nesting is
    // now bounded, with an error naming the parameter up to the limit.
    void deepNesting_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("path");
        const auto nested = [](const QByteArray &part, int levels) {
            QByteArray key = "a";
            for (int i = 0; i < levels; ++i)
                key += part;
            return key;
        };
        QString limitPath = u"a"_s;
        for (int i = 0; i < form::maxDepth; ++i)
            limitPath += u"[b]"_s;
        QTest::newRow("at the limit") << nested("[b]", form::maxDepth) + "=1" << true << QString();
        QTest::newRow("one level over")
            << nested("[b]", form::maxDepth + 1) + "=1" << false << limitPath;
        QTest::newRow("100,000 levels") << nested("[b]", 100'000) + "=1" << false << limitPath;
        QTest::newRow("100,000 indices") << nested("[0]", 100'000) + "=1" << false
                                         << u"a"_s + QString(u"[0]"_s).repeated(form::maxDepth);
        QTest::newRow("100,000 appends") << nested("[]", 100'000) + "=1" << false
                                         << u"a"_s + QString(u"[]"_s).repeated(form::maxDepth);
        QTest::newRow("deep key among good ones")
            << "x=1&" + nested("[b]", 50'000) + "=2&y=3" << false << limitPath;
    }

    void deepNesting()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, valid);
        QFETCH(QString, path);
        const auto decoded = form::decode(body);
        QCOMPARE(bool(decoded), valid);
        if (valid)
            return;
        QCOMPARE(decoded.error().code, u"parameter_invalid"_s);
        QCOMPARE(decoded.error().path, path);
        QVERIFY(decoded.error().message.contains(QString::number(form::maxDepth)));
    }

    // Found by fuzzing: every key was looked up by a linear scan of its siblings, so n keys
    // cost n²/2 comparisons (50,000 keys: over a billion). Counted, not timed: the work per
    // key must stay bounded whatever the number of keys.
    void manyKeysCostLinearWork_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::newRow("top level") << u"k%1"_s;
        QTest::newRow("in one object") << u"metadata[k%1]"_s;
        QTest::newRow("indexed, reversed") << u"items[%1]"_s;
    }

    void manyKeysCostLinearWork()
    {
        QFETCH(QString, shape);
        constexpr int n = 50'000;
        // Keys in a scrambled order (a fixed permutation), so no order happens to be cheap.
        QList<int> order(n);
        std::iota(order.begin(), order.end(), 0);
        QRandomGenerator random(7);
        std::shuffle(order.begin(), order.end(), random);
        if (shape.startsWith(u"items"))
            std::reverse(order.begin(), order.end());
        Pairs pairs;
        pairs.reserve(n);
        for (const int i : std::as_const(order))
            pairs.append({shape.arg(i), QString::number(i)});
        const quint64 before = form::detail::keyComparisons();
        QElapsedTimer timer;
        timer.start();
        const auto decoded = form::unflatten(pairs);
        const qint64 elapsed = timer.elapsed();
        const quint64 work = form::detail::keyComparisons() - before;
        QVERIFY(decoded);
        const QJsonValue container = shape.startsWith(u"k")
                                         ? QJsonValue(*decoded)
                                         : decoded->value(shape.section(u'[', 0, 0));
        QCOMPARE(container.isArray() ? container.toArray().size() : container.toObject().size(),
                 qsizetype(n));
        QVERIFY2(
            work <= quint64(8) * n,
            qPrintable(u"%1 key comparisons for %2 keys (%3 ms)"_s.arg(work).arg(n).arg(elapsed)));
        qInfo("%d keys: %llu key comparisons, %lld ms", n, static_cast<unsigned long long>(work),
              static_cast<long long>(elapsed));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QJsonObject>("params");
        QTest::newRow("session update")
            << object(R"({"discounts": [{"coupon_data": {"amount_off": 1500, "currency": "jpy",
                          "name": "Fidélité — 10 %", "duration": "once",
                          "metadata": {"remise_campaigns": "loyalty", "remise_decision": "dec_1"}}}],
                          "expand": ["discounts"]})");
        QTest::newRow("session create")
            << object(R"({"mode": "payment", "ui_mode": "custom", "currency": "eur",
                          "permissions": {"update_discounts": "server_only"},
                          "line_items": [{"price_data": {"currency": "eur", "unit_amount": 4500,
                                          "product_data": {"name": "Linen apron"}}, "quantity": 2}],
                          "customer_email": "claire+test@example.org"})");
        QTest::newRow("list query")
            << object(R"({"limit": 100, "status": "open", "created": {"gte": 1795945200},
                          "expand": ["data.line_items", "data.customer"]})");
    }

    void roundTrip()
    {
        // What the client encodes, the sandbox decodes to the same structure (values as text).
        QFETCH(QJsonObject, params);
        const auto decoded = form::decode(form::encode(params));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().describe()));
        const Pairs original = form::flatten(params);
        QCOMPARE(show(form::flatten(*decoded)), show(original));
    }

    void unflattenKeepsValuesAsText()
    {
        const auto decoded = form::unflatten(Pairs{
            {u"amount_off"_s, u"1000"_s}, {u"livemode"_s, u"true"_s}, {u"a[0]"_s, u"12.5"_s}});
        QVERIFY(decoded);
        QCOMPARE(decoded->value(u"amount_off"), QJsonValue(u"1000"_s));
        QCOMPARE(decoded->value(u"livemode"), QJsonValue(u"true"_s));
        QCOMPARE(decoded->value(u"a").toArray().first(), QJsonValue(u"12.5"_s));
    }
};

QTEST_GUILESS_MAIN(TestFormCodec)
#include "tst_formcodec.moc"
