// The error code table: one row per code, statuses in range, the documentation in step.

#include "result.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;

class TestErrorCodes : public QObject
{
    Q_OBJECT

private slots:
    void everyCodeOnceAndWellFormed()
    {
        QSet<QString> seen;
        static const QRegularExpression shape(u"^[a-z][a-z0-9_]*[a-z0-9]$"_s);
        for (const ErrorCodeInfo &info : errorCodes()) {
            QVERIFY2(shape.match(*info.code).hasMatch(), qPrintable(*info.code));
            QVERIFY2(!seen.contains(*info.code), qPrintable(u"twice: "_s + *info.code));
            seen.insert(*info.code);
            QVERIFY(info.exitStatus == 1 || info.exitStatus == 2);
            QVERIFY(info.httpStatus >= 400 && info.httpStatus <= 599);
        }
        QVERIFY(!seen.contains(u"store_error"_s));
    }

    void statuses_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("exit");
        QTest::addColumn<int>("http");
        QTest::newRow("usage") << errc::usage << 2 << 400;
        QTest::newRow("database") << errc::database << 1 << 503;
        QTest::newRow("not open") << errc::sessionNotOpen << 1 << 409;
        QTest::newRow("not found") << errc::sessionNotFound << 1 << 404;
        QTest::newRow("code") << errc::codeNotAccepted << 1 << 422;
        QTest::newRow("too large") << errc::payloadTooLarge << 1 << 413;
        QTest::newRow("not json") << errc::unsupportedMediaType << 1 << 415;
        QTest::newRow("rate") << errc::rateLimited << 1 << 429;
        QTest::newRow("timeout") << errc::stripeTimeout << 1 << 503;
        QTest::newRow("unavailable") << errc::stripeUnavailable << 1 << 503;
        QTest::newRow("stripe refused") << errc::stripeError << 1 << 502;
        QTest::newRow("malformed id") << errc::invalidSessionId << 1 << 400;
        QTest::newRow("unknown code") << u"no_such_code"_s << 1 << 500;
    }

    void statuses()
    {
        QFETCH(QString, code);
        QFETCH(int, exit);
        QFETCH(int, http);
        QCOMPARE(exitStatusFor(code), exit);
        QCOMPARE(httpStatusFor(code), http);
    }

    void documentedExactly()
    {
        QFile file(QStringLiteral(REMISE_SOURCE_DIR "/docs/errors.md"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        static const QRegularExpression row(u"^\\| `([a-z0-9_]+)` \\| (\\d) \\| (\\d{3}) \\|"_s,
                                            QRegularExpression::MultilineOption);
        QSet<QString> documented;
        for (auto it = row.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            const QString code = m.captured(1);
            documented.insert(code);
            QVERIFY2(isKnownErrorCode(code), qPrintable(u"documented but not declared: "_s + code));
            QCOMPARE(exitStatusFor(code), m.captured(2).toInt());
            QCOMPARE(httpStatusFor(code), m.captured(3).toInt());
        }
        for (const ErrorCodeInfo &info : errorCodes())
            QVERIFY2(documented.contains(*info.code),
                     qPrintable(u"not in docs/errors.md: "_s + *info.code));
    }

    void resultsWorkLikeExpected()
    {
        const auto half = [](int n) -> Result<int> {
            if (n % 2)
                return fail(errc::invalidValue, u"odd"_s, u"n"_s);
            return n / 2;
        };
        QCOMPARE(*half(8), 4);
        QCOMPARE(half(3).error().code, errc::invalidValue);
        const auto check = [](bool ok) -> Status {
            if (!ok)
                return fail(errc::conflict, u"no"_s);
            return {};
        };
        QVERIFY(check(true));
        QVERIFY(!check(false));
        const Result<int> copied = std::expected<int, Error>(5);
        QCOMPARE(copied.value_or(0), 5);
    }
};

QTEST_GUILESS_MAIN(TestErrorCodes)
#include "tst_errorcodes.moc"
