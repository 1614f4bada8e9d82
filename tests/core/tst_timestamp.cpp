// timestamp.h: the one ISO 8601 reader of campaign files and `--now`. Any number of fractional
// digits (truncated to the millisecond), '.' or ',' as decimal sign; an offset is required.

#include "timestamp.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;

class TestTimestamp : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("epochMs");
        QTest::addColumn<int>("offsetSeconds");
        // 2026-11-26T20:41:07Z is 1795725667 s.
        const qint64 t = 1'795'725'667'000;
        QTest::newRow("seconds") << u"2026-11-26T20:41:07Z"_s << true << t << 0;
        QTest::newRow("1 digit") << u"2026-11-26T20:41:07.5Z"_s << true << t + 500 << 0;
        QTest::newRow("2 digits") << u"2026-11-26T20:41:07.25Z"_s << true << t + 250 << 0;
        QTest::newRow("3 digits") << u"2026-11-26T20:41:07.125Z"_s << true << t + 125 << 0;
        QTest::newRow("6 digits, as Python writes them")
            << u"2026-11-26T20:41:07.000000+00:00"_s << true << t << 0;
        QTest::newRow("6 digits, truncated")
            << u"2026-11-26T20:41:07.123999+00:00"_s << true << t + 123 << 0;
        QTest::newRow("9 digits, not rounded up to the next second")
            << u"2026-11-26T21:41:07.999999999+01:00"_s << true << t + 999 << 3600;
        QTest::newRow("20 digits")
            << u"2026-11-26T20:41:07.00000000000000000001Z"_s << true << t << 0;
        QTest::newRow("comma") << u"2026-11-26T20:41:07,5Z"_s << true << t + 500 << 0;
        QTest::newRow("no seconds") << u"2026-11-26T20:41Z"_s << true << t - 7000 << 0;
        QTest::newRow("negative offset")
            << u"2026-11-26T15:41:07.5-05:00"_s << true << t + 500 << -18000;
        QTest::newRow("fraction of minutes") << u"2026-11-26T20:41.5Z"_s << false << 0ll << 0;
        QTest::newRow("empty fraction") << u"2026-11-26T20:41:07.Z"_s << false << 0ll << 0;
        QTest::newRow("letters in fraction") << u"2026-11-26T20:41:07.12a4Z"_s << false << 0ll << 0;
        QTest::newRow("no offset") << u"2026-11-26T20:41:07.000000"_s << false << 0ll << 0;
        QTest::newRow("date only") << u"2026-11-26"_s << false << 0ll << 0;
        QTest::newRow("no such day") << u"2026-02-30T00:00:00.0000Z"_s << false << 0ll << 0;
        QTest::newRow("trailing space") << u"2026-11-26T20:41:07Z "_s << false << 0ll << 0;
        QTest::newRow("empty") << QString() << false << 0ll << 0;
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, epochMs);
        QFETCH(int, offsetSeconds);
        const auto time = parseIsoTime(text);
        QCOMPARE(time.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(time->toMSecsSinceEpoch(), epochMs);
        QCOMPARE(time->offsetFromUtc(), offsetSeconds);
    }
};

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
