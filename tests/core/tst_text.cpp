// text.h: counting and cutting text as Stripe counts it (code points), never inside a grapheme
// cluster. Known cases first, then properties over many random strings of emoji, ZWJ
// sequences, flags, skin tones, combining marks, CJK and right-to-left text (fixed seed).

#include "engine.h"
#include "text.h"
#include "textsamples.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

constexpr quint32 seed = 20261130;
constexpr int rows = 4000;

// The longest atom prefix of `sample` with at most `limit` code points: the oracle for cut().
qsizetype expectedCut(const test::TextSample &sample, qsizetype limit)
{
    qsizetype best = 0;
    for (const qsizetype b : sample.boundaries)
        if (text::codePoints(QStringView(sample.text).first(b)) <= limit)
            best = b;
    return best;
}

} // namespace

class TestText : public QObject
{
    Q_OBJECT

private slots:
    void codePoints_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qsizetype>("count");
        QTest::newRow("empty") << QString() << qsizetype(0);
        QTest::newRow("ascii") << u"Black Friday"_s << qsizetype(12);
        QTest::newRow("emoji is one, not two") << u"\U0001F600"_s << qsizetype(1);
        QTest::newRow("family: 7 code points")
            << u"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"_s << qsizetype(7);
        QTest::newRow("flag: 2") << u"\U0001F1EB\U0001F1F7"_s << qsizetype(2);
        QTest::newRow("combining: 3") << u"a\u0308\u0301"_s << qsizetype(3);
        QTest::newRow("lone high surrogate") << QString(QChar(0xD83D)) << qsizetype(1);
        QTest::newRow("lone low surrogate then letter")
            << QString(QChar(0xDE00)) + u'a' << qsizetype(2);
    }
    void codePoints()
    {
        QFETCH(QString, text);
        QFETCH(qsizetype, count);
        QCOMPARE(text::codePoints(text), count);
    }

    void cut_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fits") << u"abc"_s << 3 << u"abc"_s;
        QTest::newRow("ascii") << u"abcdef"_s << 4 << u"abcd"_s;
        QTest::newRow("zero") << u"abc"_s << 0 << QString();
        // 5 letters then a 2-code-point emoji (4 UTF-16 units): counted as 2, not 4.
        QTest::newRow("emoji fits by code points")
            << u"abcde\U0001F44D\U0001F3FD"_s << 7 << u"abcde\U0001F44D\U0001F3FD"_s;
        QTest::newRow("skin tone not split from its emoji")
            << u"abcde\U0001F44D\U0001F3FDxyz"_s << 6 << u"abcde"_s;
        QTest::newRow("family not split")
            << u"ab\U0001F468\u200D\U0001F469\u200D\U0001F467c"_s << 6 << u"ab"_s;
        QTest::newRow("flag after an emoji not split (Qt 6.4 splits it)")
            << u"a\U0001F600\U0001F1EB\U0001F1F7"_s << 3 << u"a\U0001F600"_s;
        QTest::newRow("third regional indicator starts a new flag")
            << u"\U0001F1EB\U0001F1F7\U0001F1E7"_s << 3 << u"\U0001F1EB\U0001F1F7\U0001F1E7"_s;
        QTest::newRow("odd regional indicator run")
            << u"\U0001F1EB\U0001F1F7\U0001F1E7\U0001F1EA"_s << 3 << u"\U0001F1EB\U0001F1F7"_s;
        QTest::newRow("CR LF kept together") << u"ab\r\ncd"_s << 3 << u"ab"_s;
        QTest::newRow("hangul jamo syllable") << u"\u1100\u1161\u11A8x"_s << 2 << QString();
        QTest::newRow("flags not split")
            << u"\U0001F1EB\U0001F1F7\U0001F1E7\U0001F1EA"_s << 3 << u"\U0001F1EB\U0001F1F7"_s;
        QTest::newRow("combining marks stay with their letter")
            << u"cafe\u0301\u0301!"_s << 5 << u"caf"_s;
        QTest::newRow("first cluster too long") << u"e\u0301\u0301\u0301"_s << 2 << QString();
        QTest::newRow("CJK") << u"中文标签很长"_s << 4 << u"中文标签"_s;
        QTest::newRow("supplementary ideograph")
            << u"\U00020BB7\U00020BB7\U00020BB7"_s << 2 << u"\U00020BB7\U00020BB7"_s;
        QTest::newRow("arabic with harakat")
            << u"\u0628\u064E\u0628\u064E"_s << 3 << u"\u0628\u064E"_s;
    }
    void cut()
    {
        QFETCH(QString, text);
        QFETCH(int, limit);
        QFETCH(QString, expected);
        QCOMPARE(text::cut(text, limit), expected);
    }

    void ellipsize_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const QString forty(40, u'x');
        QTest::newRow("40 fits") << forty << forty;
        QTest::newRow("41 is cut to 39 and …") << forty + u'y' << QString(39, u'x') + u"…"_s;
        // 38 letters then an emoji with a skin tone: 40 code points, fits (44 UTF-16 units).
        QTest::newRow("40 code points with an emoji")
            << QString(38, u'x') + u"\U0001F44D\U0001F3FD"_s
            << QString(38, u'x') + u"\U0001F44D\U0001F3FD"_s;
        // 38 letters, then a family: the 39th code point is inside the family: it goes whole.
        QTest::newRow("family at the cut")
            << QString(38, u'x') + u"\U0001F468\u200D\U0001F469\u200D\U0001F467"_s
            << QString(38, u'x') + u"…"_s;
    }
    void ellipsize()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(text::ellipsize(text, 40), expected);
    }

    // The atoms are whole clusters that never merge with a neighbour: the oracle the
    // properties rely on. (Qt 6.4's QTextBoundaryFinder fails this in context: it breaks
    // "a😀🇫🇷" inside the flag; docs/decisions.md.)
    void atomsAreGraphemeClusters()
    {
        const QList<QString> &atoms = test::textAtoms();
        for (const QString &a : atoms) {
            for (qsizetype i = 1; i < a.size(); ++i)
                QVERIFY2(!text::isGraphemeBoundary(a, i), qPrintable(a));
            for (const QString &b : atoms)
                for (const QString &c : {u"a"_s, u"\U0001F600"_s, u"\U0001F1EB\U0001F1F7"_s}) {
                    const QString s = c + a + b;
                    QVERIFY2(text::isGraphemeBoundary(s, c.size() + a.size()), qPrintable(s));
                    for (qsizetype i = 1; i < b.size(); ++i)
                        QVERIFY2(!text::isGraphemeBoundary(s, c.size() + a.size() + i),
                                 qPrintable(s));
                }
        }
    }

    void cutProperties()
    {
        QRandomGenerator random(seed);
        for (int row = 0; row < rows; ++row) {
            const test::TextSample sample = test::randomText(random, random.bounded(1, 80));
            const int limit = random.bounded(0, 120);
            const QString result = text::cut(sample.text, limit);
            const auto where = [&] {
                return qPrintable(
                    u"row %1, limit %2: \"%3\""_s.arg(row).arg(limit).arg(sample.text));
            };
            QVERIFY2(text::codePoints(result) <= limit, where());
            QVERIFY2(sample.text.startsWith(result), where());
            QVERIFY2(text::isGraphemeBoundary(sample.text, result.size()), where());
            QVERIFY2(sample.boundaries.contains(result.size()), where());
            // The longest such prefix: nothing is dropped that would have fitted.
            QVERIFY2(result.size() == expectedCut(sample, limit), where());
        }
    }

    void ellipsizeProperties()
    {
        QRandomGenerator random(seed + 1);
        for (int row = 0; row < rows; ++row) {
            const test::TextSample sample = test::randomText(random, random.bounded(1, 80));
            const QString result = text::ellipsize(sample.text, 40);
            const auto where = [&] {
                return qPrintable(u"row %1: \"%2\""_s.arg(row).arg(sample.text));
            };
            QVERIFY2(text::codePoints(result) <= 40, where());
            if (text::codePoints(sample.text) <= 40) {
                QCOMPARE(result, sample.text);
                continue;
            }
            QVERIFY2(result.endsWith(u"…"_s), where());
            const QString kept = result.chopped(1);
            QVERIFY2(sample.text.startsWith(kept), where());
            QVERIFY2(sample.boundaries.contains(kept.size()), where());
            QCOMPARE(kept.size(), expectedCut(sample, 39));
        }
    }

    // The engine's label is the names joined with " + ", ellipsized at 40: the same properties
    // hold however many names, including when the join stops early for a large stack.
    void labelProperties()
    {
        QRandomGenerator random(seed + 2);
        for (int row = 0; row < rows / 4; ++row) {
            QStringList names;
            QString joined;
            const int count = random.bounded(1, 30);
            for (int n = 0; n < count; ++n) {
                names.append(test::randomText(random, random.bounded(1, 25)).text);
                joined += (n ? u" + "_s : QString()) + names.last();
            }
            const QString label = Engine::label(names);
            QCOMPARE(label, text::ellipsize(joined, Engine::maxLabelLength));
        }
    }
};

QTEST_GUILESS_MAIN(TestText)
#include "tst_text.moc"
