// The JSON reader of Stripe's answers: it reads what QJsonDocument reads (the same values), refuses
// what is not JSON with the byte it stopped at, and its tolerant accessors behave as json.h's.

#include "json.h"
#include "jsonreader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

QJsonValue qtValue(const QByteArray &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text);
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
}

json::Reader read(const QByteArray &text)
{
    auto reader = json::Reader::parse(text);
    if (!reader)
        qFatal("%s", qPrintable(reader.error().describe()));
    return std::move(*reader);
}

} // namespace

class TestJsonReader : public QObject
{
    Q_OBJECT

private slots:
    void readsWhatQJsonDocumentReads_data()
    {
        QTest::addColumn<QByteArray>("text");
        // Every Stripe object and session kept in the tests' data, and hand-made corners.
        const QString data = QStringLiteral(REMISE_TEST_DATA);
        for (const QString &dir :
             {u"/examples"_s, u"/examples/stripe-fixtures"_s, u"/sessions"_s}) {
            const QDir d(data + dir);
            for (const QString &name : d.entryList({u"*.json"_s}, QDir::Files)) {
                QFile file(d.filePath(name));
                QVERIFY(file.open(QIODevice::ReadOnly));
                QTest::newRow(qPrintable(dir + u'/' + name)) << file.readAll();
            }
        }
        // (Plain literals where a raw string would hold an odd quote: moc misreads those.)
        QTest::newRow("escapes") << QByteArray(
            "{\"a\\\"b\": \"x\\\\y\\/z\\b\\f\\n\\r\\t\", "
            "\"\\u00e9\": \"\\u00e9t\\u00E9 \\ud83d\\ude00\", \"lone\": \"\\ud800\"}");
        QTest::newRow("numbers") << QByteArray(
            R"([0, -0, 1, -12, 1.5, -0.25, 1e3, 1E-2, 2.5e+2, 9007199254740993,)"
            R"( 9223372036854775807, 9223372036854775808, -9223372036854775808, 1e-320])");
        QTest::newRow("literals and nesting")
            << QByteArray(" \n\t[true, false, null, [], {}, [[{\"a\": [null]}]]] \r\n");
        QTest::newRow("repeated key: the last wins") << QByteArray(R"({"a": 1, "b": 2, "a": 3})");
        QTest::newRow("utf-8") << QByteArray("{\"k\xc3\xa9\": \"\xe2\x82\xac \xf0\x9f\x98\x80\"}");
    }
    void readsWhatQJsonDocumentReads()
    {
        QFETCH(QByteArray, text);
        QJsonParseError error;
        QJsonDocument::fromJson(text, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const json::Reader reader = read(text);
        QCOMPARE(reader.root().toJsonValue(), qtValue(text));
    }

    void refusesWhatIsNotJson_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QString>("why");
        QTest::newRow("empty") << QByteArray("") << 0 << u"ends where a value"_s;
        QTest::newRow("trailing comma") << QByteArray("[1,]") << 3 << u"unexpected character"_s;
        QTest::newRow("trailing comma in object")
            << QByteArray(R"({"a": 1,})") << 8 << u"expected a key"_s;
        QTest::newRow("comment") << QByteArray("[1 /* x */]") << 3 << u"expected , or ]"_s;
        QTest::newRow("single quotes") << QByteArray("['a']") << 1 << u"unexpected character"_s;
        QTest::newRow("unquoted key") << QByteArray("{a: 1}") << 1 << u"expected a key"_s;
        QTest::newRow("missing colon") << QByteArray(R"({"a" 1})") << 5 << u"expected :"_s;
        QTest::newRow("unterminated string") << QByteArray("[\"abc") << 5 << u"inside a string"_s;
        QTest::newRow("unterminated array")
            << QByteArray("[1, 2") << 5 << u"inside an object or an array"_s;
        QTest::newRow("raw control character")
            << QByteArray("[\"a\x01\"]") << 3 << u"control character"_s;
        QTest::newRow("raw newline") << QByteArray("[\"a\nb\"]") << 3 << u"control character"_s;
        QTest::newRow("bad escape") << QByteArray(R"(["\x"])") << 2 << u"unknown escape"_s;
        QTest::newRow("short \\u escape")
            << QByteArray(R"(["\u12g4"])") << 2 << u"four hexadecimal"_s;
        QTest::newRow("invalid utf-8") << QByteArray("[\"\xc3\x28\"]") << 2 << u"UTF-8"_s;
        QTest::newRow("overlong utf-8") << QByteArray("[\"\xc0\xaf\"]") << 2 << u"UTF-8"_s;
        QTest::newRow("utf-8 surrogate") << QByteArray("[\"\xed\xa0\x80\"]") << 2 << u"UTF-8"_s;
        QTest::newRow("leading zero") << QByteArray("[01]") << 2 << u"cannot start with 0"_s;
        QTest::newRow("bare point") << QByteArray("[1.]") << 3 << u"after its decimal point"_s;
        QTest::newRow("no integer part") << QByteArray("[.5]") << 1 << u"unexpected character"_s;
        QTest::newRow("empty exponent") << QByteArray("[1e]") << 3 << u"in its exponent"_s;
        QTest::newRow("out of range") << QByteArray("[1e400]") << 6 << u"out of range"_s;
        QTest::newRow("underflow") << QByteArray("[1e-400]") << 7 << u"out of range"_s;
        QTest::newRow("NaN") << QByteArray("[NaN]") << 1 << u"unexpected character"_s;
        QTest::newRow("misspelt literal") << QByteArray("[tru]") << 1 << u"unexpected character"_s;
        QTest::newRow("text after the value") << QByteArray("{} x") << 3 << u"after the value"_s;
        QTest::newRow("two values") << QByteArray("[1] [2]") << 4 << u"after the value"_s;
    }
    void refusesWhatIsNotJson()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, offset);
        QFETCH(QString, why);
        const auto reader = json::Reader::parse(text);
        QVERIFY(!reader);
        QCOMPARE(reader.error().code, u"invalid_json"_s);
        QVERIFY2(reader.error().message.contains(why), qPrintable(reader.error().message));
        QVERIFY2(reader.error().message.endsWith(u"at byte %1"_s.arg(offset)),
                 qPrintable(reader.error().message));
    }

    void nestingIsBoundedAsInQJsonDocument()
    {
        const auto nested = [](int depth) -> QByteArray {
            return QByteArray(depth, '[') + QByteArray(depth, ']');
        };
        QVERIFY(json::Reader::parse(nested(1024)));
        const auto deeper = json::Reader::parse(nested(1025));
        QVERIFY(!deeper);
        QVERIFY(deeper.error().message.contains(u"deeper than 1024"_s));
        QVERIFY(!json::Reader::parse(nested(200000))); // no recursion to overflow the stack
        QVERIFY(!json::Reader::parse("[[1]", 1));
    }

    void accessorsAreTolerant()
    {
        const json::Reader reader = read(R"({"s": "x", "i": 42, "f": 1.5, "e": 1e3, "one": 1.0,
            "big": 9223372036854775807, "huge": 9223372036854775808, "neg": -7,
            "t": true, "n": null, "o": {"k": "v"}, "a": [1, "two", null]})");
        const json::View root = reader.root();
        QVERIFY(root.isObject());
        QCOMPARE(root.string("s"), u"x"_s);
        QVERIFY(root.string("i").isNull());       // a number is not a string
        QVERIFY(root.string("missing").isNull()); // nor is nothing
        QCOMPARE(root.integer("i"), 42);
        QCOMPARE(root.integer("neg"), -7);
        QCOMPARE(root.integer("e"), 1000);
        QCOMPARE(root.integer("one"), 1);
        QCOMPARE(root.integer("big"), std::numeric_limits<qint64>::max());
        QCOMPARE(root.integer("huge"), std::nullopt); // 2^63 does not fit
        QCOMPARE(root.integer("f"), std::nullopt);
        QCOMPARE(root.integer("s"), std::nullopt);
        QCOMPARE(root.value("f").toDouble(), 1.5);
        QCOMPARE(root.value("s").toDouble(), std::nullopt);
        QVERIFY(root.value("t").toBool());
        QVERIFY(!root.value("n").toBool());
        QVERIFY(root.value("n").isNull());
        QVERIFY(root.value("missing").isMissing());
        QCOMPARE(root.object("o").string("k"), u"v"_s);
        QVERIFY(root.object("a").isMissing()); // an array is not an object
        QVERIFY(root.array("o").isMissing());
        QCOMPARE(root.array("a").elements().size(), 3);
        QCOMPARE(root.array("a").elements().at(1).toString(), u"two"_s);
        QVERIFY(root.value("a").value("k").isMissing()); // members of an array: none
        QCOMPARE(root.elements().size(), 12);
        QCOMPARE(root.members().first().first, u"s"_s);
        QVERIFY(!root.isEmpty());
        QVERIFY(!root.array("a").isEmpty());
        QVERIFY(!root.object("o").isEmpty());
        QVERIFY(root.value("s").isEmpty()); // not a container: holds nothing
        QVERIFY(read("{\"e\": {}, \"l\": []}").root().object("e").isEmpty());
        QVERIFY(read("{\"e\": {}, \"l\": []}").root().array("l").isEmpty());
        QVERIFY(json::View().value("k").isMissing()); // a default View reads as nothing
        QVERIFY(json::View().elements().isEmpty());
    }

    void keysMayBeEscaped()
    {
        const json::Reader reader = read("{\"\\u0069d\": \"cs_1\", \"a\\\"b\": 1, \"id2\": 2}");
        QCOMPARE(reader.root().string("id"), u"cs_1"_s);
        QCOMPARE(reader.root().integer("a\"b"), 1);
        QVERIFY(reader.root().value("id2").isNumber());
        QVERIFY(reader.root().value("i").isMissing()); // a prefix is not the key
    }

    void metadataReadsAsJsonStringMap()
    {
        const QByteArray text =
            R"({"tier": "gold", "n": 3, "x": 2.5, "big": 1e20, "yes": true, "no": null, "o": {}})";
        const json::Reader reader = read(text);
        QCOMPARE(reader.root().stringMap(), json::stringMap(qtValue(text).toObject()));
        QCOMPARE(reader.root().stringMap().value(u"x"_s), u"2.5"_s);
        QVERIFY(!reader.root().stringMap().contains(u"no"_s));
    }

    void viewsOutliveAMovedReader()
    {
        json::Reader first = read(R"({"a": {"b": "c"}})");
        const json::View inner = first.root().object("a");
        const json::Reader moved = std::move(first);
        QCOMPARE(inner.string("b"), u"c"_s);
        QCOMPARE(moved.root().object("a").string("b"), u"c"_s);
    }
};

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"
