// JSON helpers: located parse errors (line and column as an editor shows them), tolerant
// accessors for Stripe objects, the deterministic writer, and the strict Checker for user files.

#include "checker.h"
#include "json.h"
#include "testjson.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace remise;
using json::Checker;
using test::object;
using Need = json::Checker::Need;

namespace {

qsizetype longestLine(const QByteArray &text)
{
    qsizetype longest = 0;
    for (const QByteArray &line : text.split('\n'))
        longest = std::max(longest, QString::fromUtf8(line).size());
    return longest;
}

} // namespace

class TestJson : public QObject
{
    Q_OBJECT

private slots:
    void parseAcceptsObjectsAndArrays()
    {
        const auto obj = json::parse(R"({"a": [1, "x", null, true]})", u"test"_s);
        QVERIFY(obj);
        QVERIFY(obj->isObject());
        QCOMPARE(obj->toObject().value(u"a").toArray().size(), 4);
        const auto arr = json::parse("  [ ]\n", u"test"_s);
        QVERIFY(arr);
        QVERIFY(arr->isArray());
        QVERIFY(arr->toArray().isEmpty());
    }

    void parseErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column"); // 1-based, in characters, at the offending character
        QTest::addColumn<QString>("problem");
        QTest::newRow("trailing comma in object")
            << QByteArray(R"({"a": 1,})") << 1 << 9 << u"object is missing after a comma"_s;
        QTest::newRow("trailing comma in array") << QByteArray("[1,]") << 1 << 4 << QString();
        QTest::newRow("missing colon")
            << QByteArray(R"({"a" 1})") << 1 << 6 << u"missing name separator"_s;
        QTest::newRow("missing comma between members")
            << QByteArray(R"({"a": 1 "b": 2})") << 1 << 9 << QString();
        QTest::newRow("missing comma in array")
            << QByteArray("[1 2]") << 1 << 4 << u"missing value separator"_s;
        QTest::newRow("unquoted key") << QByteArray("{a: 1}") << 1 << 2 << QString();
        QTest::newRow("single quotes") << QByteArray("{'a': 1}") << 1 << 2 << QString();
        QTest::newRow("misspelt literal")
            << QByteArray(R"({"a": tru})") << 1 << 7 << u"illegal value"_s;
        QTest::newRow("bad number") << QByteArray(R"({"a": x})") << 1 << 7 << QString();
        QTest::newRow("plus sign") << QByteArray(R"({"a": +1})") << 1 << 7 << QString();
        QTest::newRow("garbage after the document")
            << QByteArray(R"({"a": 1} x)") << 1 << 10 << u"garbage at the end"_s;
        QTest::newRow("second closing brace") << QByteArray(R"({"a":1}})") << 1 << 8 << QString();
        QTest::newRow("unterminated array")
            << QByteArray(R"({"a": [1, 2})") << 1 << 12 << u"unterminated array"_s;
        QTest::newRow("unterminated string at end")
            << QByteArray("{\"a\": \"b}") << 1 << 10 << u"unterminated string"_s;
        QTest::newRow("empty input") << QByteArray() << 1 << 1 << QString();
        QTest::newRow("second line") << QByteArray("{\n  \"a\": x\n}") << 2 << 8 << QString();
        QTest::newRow("trailing comma on its own line")
            << QByteArray("[\n  1,\n]") << 3 << 1 << QString();
        QTest::newRow("crlf line ends") << QByteArray("{\r\n\"a\" 1}") << 2 << 5 << QString();
        // Columns count characters, not UTF-8 bytes.
        QTest::newRow("after accented key")
            << QByteArray("{\"\xc3\xa9t\xc3\xa9\": 1,}") << 1 << 11 << QString();
        QTest::newRow("after euro sign")
            << QByteArray("{\"a\": \"\xe2\x82\xac\" \"b\"}") << 1 << 11 << QString();
        QTest::newRow("after emoji")
            << QByteArray("[\"\xf0\x9f\x98\x80\", x]") << 1 << 7 << QString();
        QTest::newRow("invalid UTF-8")
            << QByteArray("{\"a\": \"x\xff\"}") << 1 << 9 << u"invalid UTF8"_s;
    }

    void parseErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, problem);
        const auto parsed = json::parse(text, u"campaigns.json"_s);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, errc::invalidJson);
        const QString message = parsed.error().message;
        QVERIFY2(message.startsWith(u"campaigns.json is not valid JSON: "_s), qPrintable(message));
        const QString where = u"at line %1, column %2"_s.arg(line).arg(column);
        QVERIFY2(message.endsWith(where), qPrintable(message + u" (expected "_s + where + u')'));
        if (!problem.isEmpty())
            QVERIFY2(message.contains(problem), qPrintable(message));
    }

    void parseRefusesTopLevelScalars()
    {
        // QJsonDocument reads arrays and objects only; every Remise input is one of them.
        for (const char *text : {"42", "\"s\"", "true", "null"}) {
            const auto parsed = json::parse(QByteArray(text), u"body"_s);
            QVERIFY2(!parsed, text);
            QCOMPARE(parsed.error().code, errc::invalidJson);
            QVERIFY(parsed.error().message.contains(u"line 1, column 1"_s));
        }
    }

    void parseObjectWantsAnObject()
    {
        const auto ok = json::parseObject(R"({"id": "x"})", u"body"_s);
        QVERIFY(ok);
        QCOMPARE(ok->value(u"id").toString(), u"x"_s);

        const auto array = json::parseObject("[1]", u"request body"_s);
        QVERIFY(!array);
        QCOMPARE(array.error().code, errc::invalidJson);
        QCOMPARE(array.error().path, u"$"_s);
        QCOMPARE(array.error().message, u"request body must be a JSON object, not an array"_s);

        const auto broken = json::parseObject("{", u"request body"_s);
        QVERIFY(!broken);
        QVERIFY(broken.error().message.startsWith(u"request body is not valid JSON"_s));
    }

    void typeNames_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("name");
        QTest::newRow("null") << QJsonValue() << u"null"_s;
        QTest::newRow("bool") << QJsonValue(false) << u"a boolean"_s;
        QTest::newRow("number") << QJsonValue(1.5) << u"a number"_s;
        QTest::newRow("string") << QJsonValue(u"x"_s) << u"a string"_s;
        QTest::newRow("array") << QJsonValue(QJsonArray()) << u"an array"_s;
        QTest::newRow("object") << QJsonValue(QJsonObject()) << u"an object"_s;
        QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << u"nothing"_s;
    }

    void typeNames()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QString, name);
        QCOMPARE(json::typeName(value), name);
    }

    void paths()
    {
        QCOMPARE(json::at(u"$"_s, u"campaigns"), u"$.campaigns"_s);
        QCOMPARE(json::at(json::at(u"$.campaigns"_s, 3), u"reward"), u"$.campaigns[3].reward"_s);
        QCOMPARE(json::at(u"$.a"_s, qsizetype(0)), u"$.a[0]"_s);
    }

    void tolerantAccessors()
    {
        const QJsonObject o = object(R"({"s": "text", "n": 12, "f": 1.5, "big": 1e19, "neg": -3,
            "null": null, "o": {"k": 1}, "a": [1], "b": true, "numtext": "12"})");
        QCOMPARE(json::string(o, u"s"), u"text"_s);
        QCOMPARE(json::string(o, u"n"), QString());
        QCOMPARE(json::string(o, u"null"), QString());
        QCOMPARE(json::string(o, u"missing"), QString());
        QCOMPARE(json::integer(o, u"n"), 12);
        QCOMPARE(json::integer(o, u"neg"), -3);
        QVERIFY(!json::integer(o, u"f"));
        QVERIFY(!json::integer(o, u"big"));
        QVERIFY(!json::integer(o, u"numtext"));
        QVERIFY(!json::integer(o, u"null"));
        QVERIFY(!json::integer(o, u"b"));
        QCOMPARE(json::object(o, u"o").value(u"k").toInt(), 1);
        QVERIFY(json::object(o, u"a").isEmpty());
        QVERIFY(json::object(o, u"null").isEmpty());
        QCOMPARE(json::array(o, u"a").size(), 1);
        QVERIFY(json::array(o, u"o").isEmpty());
    }

    void isInteger_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<bool>("integer");
        QTest::newRow("zero") << QJsonValue(0) << true;
        QTest::newRow("integral double") << QJsonValue(18000.0) << true;
        QTest::newRow("negative") << QJsonValue(-42) << true;
        QTest::newRow("fraction") << QJsonValue(0.5) << false;
        QTest::newRow("2^53") << QJsonValue(9007199254740992.0) << true;
        QTest::newRow("-2^63") << QJsonValue(-9223372036854775808.0) << true;
        QTest::newRow("2^63 does not fit") << QJsonValue(9223372036854775808.0) << false;
        QTest::newRow("1e300") << QJsonValue(1e300) << false;
        QTest::newRow("infinity") << QJsonValue(std::numeric_limits<double>::infinity()) << false;
        QTest::newRow("string") << QJsonValue(u"1"_s) << false;
        QTest::newRow("bool") << QJsonValue(true) << false;
        QTest::newRow("null") << QJsonValue() << false;
    }

    void isInteger()
    {
        QFETCH(QJsonValue, value);
        QFETCH(bool, integer);
        QCOMPARE(json::isInteger(value), integer);
    }

    void stringMaps()
    {
        const QJsonObject metadata = object(R"({"tier": "gold", "visits": 12, "ratio": 0.25,
            "price": 1234567.5, "vip": true, "b2b": false, "none": null, "nested": {"a": 1}, "list": ["x"]})");
        const QMap<QString, QString> map = json::stringMap(metadata);
        const QMap<QString, QString> expected{{u"tier"_s, u"gold"_s},  {u"visits"_s, u"12"_s},
                                              {u"ratio"_s, u"0.25"_s}, {u"price"_s, u"1234567.5"_s},
                                              {u"vip"_s, u"true"_s},   {u"b2b"_s, u"false"_s}};
        QCOMPARE(map, expected);
        const QJsonObject back = json::fromStringMap(map);
        QCOMPARE(back.value(u"visits"), QJsonValue(u"12"_s));
        QCOMPARE(back.size(), 6);
    }

    void writeKeyOrder()
    {
        const QJsonObject o{{u"zeta"_s, 1}, {u"alpha"_s, 2}, {u"name"_s, 3}, {u"id"_s, 4}};
        QCOMPARE(json::write(o, json::Style::Compact),
                 QByteArray(R"({"alpha":2,"id":4,"name":3,"zeta":1})"));
        QCOMPARE(json::write(o, json::Style::Compact, {u"id"_s, u"name"_s}),
                 QByteArray(R"({"id":4,"name":3,"alpha":2,"zeta":1})"));
        // The order applies at every depth; keys not present are skipped.
        const QJsonObject nested{{u"b"_s, QJsonObject{{u"x"_s, 1}, {u"id"_s, 2}}}, {u"a"_s, 0}};
        QCOMPARE(json::write(nested, json::Style::Compact, {u"id"_s, u"missing"_s, u"b"_s}),
                 QByteArray(R"({"b":{"id":2,"x":1},"a":0})"));
    }

    void writeScalars_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("integer") << QJsonValue(18000) << QByteArray("18000");
        QTest::newRow("integral double") << QJsonValue(100.0) << QByteArray("100");
        QTest::newRow("negative") << QJsonValue(-5) << QByteArray("-5");
        QTest::newRow("fraction") << QJsonValue(12.5) << QByteArray("12.5");
        QTest::newRow("shortest 0.1") << QJsonValue(0.1) << QByteArray("0.1");
        QTest::newRow("shortest 0.29") << QJsonValue(0.29) << QByteArray("0.29");
        QTest::newRow("large integral") << QJsonValue(1e17) << QByteArray("1e+17");
        QTest::newRow("2^53 - 1") << QJsonValue(9007199254740991.0)
                                  << QByteArray("9007199254740991");
        QTest::newRow("infinity is null")
            << QJsonValue(std::numeric_limits<double>::infinity()) << QByteArray("null");
        QTest::newRow("true") << QJsonValue(true) << QByteArray("true");
        QTest::newRow("null") << QJsonValue() << QByteArray("null");
        QTest::newRow("plain string") << QJsonValue(u"abc"_s) << QByteArray(R"("abc")");
        QTest::newRow("escapes") << QJsonValue(u"a\"b\\c\nd\te\r\b\f"_s)
                                 << QByteArray("\"a\\\"b\\\\c\\nd\\te\\r\\b\\f\"");
        QTest::newRow("control characters")
            << QJsonValue(u"\x01\x1f"_s) << QByteArray("\"\\u0001\\u001f\"");
        QTest::newRow("slash kept") << QJsonValue(u"a/b"_s) << QByteArray(R"("a/b")");
        QTest::newRow("non-ASCII as UTF-8")
            << QJsonValue(u"caf\u00e9 \u20ac"_s) << QByteArray("\"caf\xc3\xa9 \xe2\x82\xac\"");
        QTest::newRow("surrogate pair")
            << QJsonValue(u"x\U0001F600y"_s) << QByteArray("\"x\xf0\x9f\x98\x80y\"");
    }

    void writeScalars()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QByteArray, text);
        QCOMPARE(json::write(QJsonArray{value}, json::Style::Compact), '[' + text + ']');
        QCOMPARE(json::write(value, json::Style::Compact), text);
        // What is written reads back as the same value (infinity excepted: JSON has none).
        if (value.isDouble() && !std::isfinite(value.toDouble()))
            return;
        const auto back = json::parse('[' + text + ']', u"written"_s);
        QVERIFY(back);
        QCOMPARE(back->toArray().first(), value);
    }

    void writePretty()
    {
        const QJsonObject o = object(R"({"id": "spring", "tiers": [1, 2, 3], "empty": {},
            "none": [], "reward": {"type": "percent_off", "percent": 12.5}})");
        const QByteArray expected =
            R"({"id": "spring", "reward": {"type": "percent_off", "percent": 12.5}, )"
            R"("empty": {}, "none": [], "tiers": [1, 2, 3]})"
            "\n";
        QCOMPARE(json::write(o, json::Style::Pretty, {u"id"_s, u"reward"_s, u"type"_s}), expected);
        // Compact output has no spaces and no final newline.
        QCOMPARE(json::write(o, json::Style::Compact, {u"id"_s}),
                 QByteArray(R"({"id":"spring","empty":{},"none":[],"reward":{"percent":12.5,)"
                            R"("type":"percent_off"},"tiers":[1,2,3]})"));
    }

    void writePrettyBreaksLongValues()
    {
        QJsonArray ids;
        for (int i = 0; i < 20; ++i)
            ids.append(u"campaign-%1"_s.arg(i));
        const QJsonObject o{{u"ids"_s, ids}, {u"short"_s, QJsonArray{1, 2}}};
        const QByteArray text = json::write(o);
        QVERIFY(text.endsWith("\n}\n"));
        QVERIFY(text.startsWith("{\n  \"ids\": [\n    \"campaign-0\",\n    \"campaign-1\",\n"));
        QVERIFY(text.contains("\n  ],\n  \"short\": [1, 2]\n}"));
        const auto back = json::parse(text, u"written"_s);
        QVERIFY(back);
        QCOMPARE(back->toObject(), o);
    }

    void writeInlineLimit_data()
    {
        QTest::addColumn<int>("keyLength");
        QTest::addColumn<int>("textLength");
        QTest::addColumn<bool>("sibling");
        QTest::addColumn<bool>("inlined");
        // {"<key>": ["<text>"]} on one line is keyLength + textLength + 10 characters. When it
        // does not fit, the member's line is `  "<key>": ["<text>"]` (as long again, plus a
        // comma when another member follows), and the array must break in turn if that is
        // still over 120 characters.
        QTest::newRow("120 characters stay on one line") << 5 << 105 << false << true;
        QTest::newRow("121 characters break") << 5 << 106 << false << false;
        QTest::newRow("the key in front counts") << 60 << 60 << false << false;
        QTest::newRow("member line of 120 with its comma") << 1 << 108 << true << true;
        QTest::newRow("member line of 121 with its comma") << 1 << 109 << true << false;
    }

    void writeInlineLimit()
    {
        QFETCH(int, keyLength);
        QFETCH(int, textLength);
        QFETCH(bool, sibling);
        QFETCH(bool, inlined);
        const QString text(textLength, u't');
        QJsonObject o{{QString(keyLength, u'k'), QJsonArray{text}}};
        if (sibling)
            o.insert(u"z"_s, 1);
        const QByteArray written = json::write(o);
        QCOMPARE(written.contains(QByteArray("[\"" + text.toUtf8() + "\"]")), inlined);
        QVERIFY2(longestLine(written) <= 120, written.constData());
        QCOMPARE(json::parse(written, u"written"_s).value_or(QJsonValue()), QJsonValue(o));
    }

    void writePrettyLinesStayWithinTheLimit()
    {
        // A realistic nested document: no line may exceed 120 characters, whatever the depth
        // or the key in front of a value.
        QJsonObject tiers;
        QJsonArray list;
        for (int i = 0; i < 6; ++i)
            list.append(QJsonObject{{u"min_subtotal"_s, QJsonObject{{u"eur"_s, 10000 * i}}},
                                    {u"amount_off"_s, QJsonObject{{u"eur"_s, 500 * i}}}});
        const QJsonObject campaign{
            {u"id"_s, u"tiered"_s},
            {u"reward"_s, QJsonObject{{u"type"_s, u"tiered"_s}, {u"tiers"_s, list}}},
            {u"conditions_with_a_rather_long_key_name"_s,
             QJsonObject{{u"countries"_s, QJsonArray{u"BE"_s, u"FR"_s, u"NL"_s, u"LU"_s, u"DE"_s,
                                                     u"AT"_s, u"IT"_s, u"ES"_s, u"PT"_s}},
                         {u"currencies"_s, QJsonArray{u"eur"_s}}}},
        };
        const QJsonObject document{{u"campaigns"_s, QJsonArray{campaign, campaign}}};
        const QByteArray text = json::write(document, json::Style::Pretty, {u"id"_s});
        QVERIFY2(longestLine(text) <= 120, text.constData());
        const auto back = json::parse(text, u"written"_s);
        QVERIFY(back);
        QCOMPARE(back->toObject(), document);
    }

    void writeNonAsciiCountsCharacters()
    {
        // 100 'é' are 200 bytes but 100 characters: the line is 104 characters and stays inline.
        const QJsonArray a{QString(100, QChar(0xe9))};
        const QByteArray text = json::write(QJsonObject{{u"a"_s, a}});
        QCOMPARE(text.count('\n'), 1);
    }

    void checkerRequiredAndOptional()
    {
        const QJsonObject o = object(R"({"name": "Spring", "nothing": null, "n": 3})");
        Checker check;
        QCOMPARE(check.string(o, u"$"_s, u"name"_s, Need::Required), u"Spring"_s);
        QVERIFY(!check.string(o, u"$"_s, u"nothing"_s, Need::Optional));
        QVERIFY(!check.object(o, u"$"_s, u"absent"_s, Need::Optional));
        QVERIFY(!check.array(o, u"$"_s, u"absent"_s, Need::Optional));
        QVERIFY(!check.boolean(o, u"$"_s, u"absent"_s, Need::Optional));
        QVERIFY(!check.integer(o, u"$"_s, u"absent"_s, Need::Optional, 0, 10));
        QCOMPARE(check.integer(o, u"$"_s, u"n"_s, Need::Required, 0, 10), 3);
        QVERIFY(check.ok());
        QCOMPARE(check.toError(u"file"_s).code, QString());

        QVERIFY(!check.string(o, u"$.c"_s, u"id"_s, Need::Required));
        QVERIFY(!check.ok());
        const Error error = check.toError(u"file"_s);
        QCOMPARE(error.code, errc::missingValue);
        QCOMPARE(error.path, u"$.c.id"_s);
        QCOMPARE(error.message, u"is required"_s);
        QCOMPARE(error.describe(), u"$.c.id: is required"_s);
    }

    void checkerErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("read");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message"); // the message, or how it begins
        QTest::newRow("required null") << QByteArray(R"({"v": null})") << u"string"_s << u"$.v"_s
                                       << errc::missingValue << u"is required"_s;
        QTest::newRow("object not string")
            << QByteArray(R"({"v": "x"})") << u"object"_s << u"$.v"_s << errc::invalidValue
            << u"must be an object, not a string"_s;
        QTest::newRow("array not object")
            << QByteArray(R"({"v": {}})") << u"array"_s << u"$.v"_s << errc::invalidValue
            << u"must be an array, not an object"_s;
        QTest::newRow("string not number")
            << QByteArray(R"({"v": 1})") << u"string"_s << u"$.v"_s << errc::invalidValue
            << u"must be a string, not a number"_s;
        QTest::newRow("boolean not string")
            << QByteArray(R"({"v": "true"})") << u"boolean"_s << u"$.v"_s << errc::invalidValue
            << u"must be true or false, not a string"_s;
        QTest::newRow("integer not string")
            << QByteArray(R"({"v": "12"})") << u"integer"_s << u"$.v"_s << errc::invalidValue
            << u"must be a whole number, not a string"_s;
        QTest::newRow("integer fraction")
            << QByteArray(R"({"v": 10.5})") << u"integer"_s << u"$.v"_s << errc::invalidValue
            << u"must be a whole number"_s; // the wording that follows may change
        QTest::newRow("integer below range")
            << QByteArray(R"({"v": -1})") << u"integer"_s << u"$.v"_s << errc::invalidValue
            << u"must be between 0 and 100, not -1"_s;
        QTest::newRow("integer above range")
            << QByteArray(R"({"v": 101})") << u"integer"_s << u"$.v"_s << errc::invalidValue
            << u"must be between 0 and 100, not 101"_s;
        QTest::newRow("integer without upper bound")
            << QByteArray(R"({"v": -1})") << u"count"_s << u"$.v"_s << errc::invalidValue
            << u"must be at least 0, not -1"_s;
        QTest::newRow("string list not array")
            << QByteArray(R"({"v": "eur"})") << u"list"_s << u"$.v"_s << errc::invalidValue
            << u"must be an array of strings, not a string"_s;
        QTest::newRow("string list empty") << QByteArray(R"({"v": []})") << u"list"_s << u"$.v"_s
                                           << errc::invalidValue << u"must not be empty"_s;
        QTest::newRow("string list element")
            << QByteArray(R"({"v": ["eur", 5]})") << u"list"_s << u"$.v[1]"_s << errc::invalidValue
            << u"must be a string, not a number"_s;
        QTest::newRow("string list blank")
            << QByteArray(R"({"v": ["eur", "  "]})") << u"list"_s << u"$.v[1]"_s
            << errc::invalidValue << u"must not be empty"_s;
    }

    void checkerErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, read);
        QFETCH(QString, path);
        QFETCH(QString, code);
        QFETCH(QString, message);
        const QJsonObject o = object(text.constData());
        Checker check;
        bool gotValue = false;
        if (read == u"string")
            gotValue = check.string(o, u"$"_s, u"v"_s, Need::Required).has_value();
        else if (read == u"object")
            gotValue = check.object(o, u"$"_s, u"v"_s, Need::Required).has_value();
        else if (read == u"array")
            gotValue = check.array(o, u"$"_s, u"v"_s, Need::Required).has_value();
        else if (read == u"boolean")
            gotValue = check.boolean(o, u"$"_s, u"v"_s, Need::Required).has_value();
        else if (read == u"integer")
            gotValue = check.integer(o, u"$"_s, u"v"_s, Need::Required, 0, 100).has_value();
        else if (read == u"count")
            gotValue = check
                           .integer(o, u"$"_s, u"v"_s, Need::Optional, 0,
                                    std::numeric_limits<qint64>::max())
                           .has_value();
        else if (read == u"list")
            gotValue = check.stringList(o.value(u"v"), u"$.v"_s).has_value();
        else
            QFAIL("unknown reader");
        QVERIFY(!gotValue);
        QVERIFY(!check.ok());
        const Error error = check.toError(u"file"_s);
        QCOMPARE(error.path, path);
        QCOMPARE(error.code, code);
        QVERIFY2(error.message.startsWith(message), qPrintable(error.message));
        QVERIFY(error.details.empty());
    }

    void checkerIntegerBounds()
    {
        Checker check;
        QCOMPARE(check.integerValue(QJsonValue(0), u"$.v"_s, 0, 100), 0);
        QCOMPARE(check.integerValue(QJsonValue(100), u"$.v"_s, 0, 100), 100);
        QCOMPARE(
            check.integerValue(QJsonValue(1e15), u"$.v"_s, 0, std::numeric_limits<qint64>::max()),
            qint64(1e15));
        QVERIFY(
            !check.integerValue(QJsonValue(1e19), u"$.v"_s, 0, std::numeric_limits<qint64>::max()));
        QCOMPARE(check.toError(u"x"_s).path, u"$.v"_s);
    }

    void checkerUnknownKeys()
    {
        const QJsonObject o = object(R"({"id": "a", "nmae": "b", "zz": 1})");
        Checker check;
        check.onlyKeys(o, u"$.campaigns[0]"_s, {u"id"_s, u"name"_s});
        QVERIFY(!check.ok());
        const Error error = check.toError(u"campaigns.json"_s);
        QCOMPARE(error.code, errc::unknownField);
        QCOMPARE(error.message, u"campaigns.json has 2 problems"_s);
        QCOMPARE(error.details.size(), size_t(2));
        QCOMPARE(error.details.at(0).path, u"$.campaigns[0].nmae"_s);
        QCOMPARE(error.details.at(0).message,
                 u"unknown key \"nmae\" (expected one of: id, name)"_s);
        QCOMPARE(error.details.at(1).path, u"$.campaigns[0].zz"_s);
    }

    void checkerCollectsEveryProblem()
    {
        const QJsonObject o = object(R"({"a": 1, "b": "x", "c": null})");
        Checker check;
        check.string(o, u"$"_s, u"a"_s, Need::Required);
        check.integer(o, u"$"_s, u"b"_s, Need::Required, 0, 10);
        check.object(o, u"$"_s, u"c"_s, Need::Required);
        check.error(u"$.d"_s, u"custom problem"_s);
        const Error error = check.toError(u"settings.json"_s);
        QCOMPARE(error.code, errc::invalidValue); // the first problem's code
        QCOMPARE(error.path, QString());
        QCOMPARE(error.details.size(), size_t(4));
        QCOMPARE(error.describe(), u"settings.json has 4 problems\n"
                                   u"  $.a: must be a string, not a number\n"
                                   u"  $.b: must be a whole number, not a string\n"
                                   u"  $.c: is required\n"
                                   u"  $.d: custom problem"_s);
    }

    void checkerHas()
    {
        const QJsonObject o = object(R"({"a": 0, "b": null, "c": false, "d": ""})");
        QVERIFY(Checker::has(o, u"a"_s));
        QVERIFY(!Checker::has(o, u"b"_s));
        QVERIFY(Checker::has(o, u"c"_s));
        QVERIFY(Checker::has(o, u"d"_s));
        QVERIFY(!Checker::has(o, u"e"_s));
    }
};

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
