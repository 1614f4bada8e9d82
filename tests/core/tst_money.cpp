// Money (docs/decisions.md): integer minor units and a lowercase currency code, zero- and
// three-decimal currencies, locale-neutral formatting, and percentages applied by truncation toward
// zero.

#include "money.h"

#include <QtTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

__extension__ using Int128 = __int128; // GCC and Clang; __extension__ keeps -Wpedantic quiet

// floor(base * hundredths / 10000), computed in 128 bits as the reference for Percent::of().
qint64 exactPercent(qint64 base, qint32 hundredths)
{
    return qint64(Int128(base) * hundredths / 10000);
}

} // namespace

class TestMoney : public QObject
{
    Q_OBJECT

private slots:
    void currencyCodes_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("valid");
        QTest::newRow("eur") << u"eur"_s << true;
        QTest::newRow("jpy") << u"jpy"_s << true;
        QTest::newRow("unknown but well formed") << u"xyz"_s << true;
        QTest::newRow("uppercase") << u"EUR"_s << false;
        QTest::newRow("mixed case") << u"Eur"_s << false;
        QTest::newRow("two letters") << u"eu"_s << false;
        QTest::newRow("four letters") << u"euro"_s << false;
        QTest::newRow("digit") << u"e1r"_s << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("accented") << u"\u00e9ur"_s << false;
        QTest::newRow("surrounding space") << u" eur"_s << false;
    }

    void currencyCodes()
    {
        QFETCH(QString, code);
        QFETCH(bool, valid);
        QCOMPARE(currency::isValidCode(code), valid);
    }

    void decimals_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("decimals");
        // Stripe's zero-decimal list, every entry.
        for (const char *code : {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg",
                                 "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"})
            QTest::newRow(code) << QString::fromLatin1(code) << 0;
        for (const char *code : {"bhd", "jod", "kwd", "omr", "tnd"})
            QTest::newRow(code) << QString::fromLatin1(code) << 3;
        for (const char *code : {"eur", "usd", "gbp", "chf", "cad", "sek", "xyz"})
            QTest::newRow(code) << QString::fromLatin1(code) << 2;
        // Codes are lowercase, as in Stripe's API: an uppercase code is not looked up.
        QTest::newRow("JPY uppercase") << u"JPY"_s << 2;
    }

    void decimals()
    {
        QFETCH(QString, code);
        QFETCH(int, decimals);
        QCOMPARE(currency::decimals(code), decimals);
    }

    void format_data()
    {
        QTest::addColumn<qint64>("minorUnits");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("text");
        QTest::newRow("eur") << qint64(18000) << u"eur"_s << u"180.00 EUR"_s;
        QTest::newRow("cents only") << qint64(5) << u"eur"_s << u"0.05 EUR"_s;
        QTest::newRow("zero") << qint64(0) << u"usd"_s << u"0.00 USD"_s;
        QTest::newRow("grouping") << qint64(123456789) << u"usd"_s << u"1,234,567.89 USD"_s;
        QTest::newRow("exactly three digits") << qint64(99900) << u"usd"_s << u"999.00 USD"_s;
        QTest::newRow("four digits") << qint64(100000) << u"usd"_s << u"1,000.00 USD"_s;
        QTest::newRow("negative") << qint64(-150) << u"eur"_s << u"-1.50 EUR"_s;
        QTest::newRow("negative below one") << qint64(-5) << u"eur"_s << u"-0.05 EUR"_s;
        QTest::newRow("negative grouped") << qint64(-123456) << u"eur"_s << u"-1,234.56 EUR"_s;
        QTest::newRow("jpy") << qint64(1234) << u"jpy"_s << u"1,234 JPY"_s;
        QTest::newRow("jpy small") << qint64(7) << u"jpy"_s << u"7 JPY"_s;
        QTest::newRow("krw") << qint64(1500000) << u"krw"_s << u"1,500,000 KRW"_s;
        QTest::newRow("kwd three decimals") << qint64(1234567) << u"kwd"_s << u"1,234.567 KWD"_s;
        QTest::newRow("bhd fils") << qint64(5) << u"bhd"_s << u"0.005 BHD"_s;
        QTest::newRow("most negative") << std::numeric_limits<qint64>::min() << u"eur"_s
                                       << u"-92,233,720,368,547,758.08 EUR"_s;
        QTest::newRow("largest") << std::numeric_limits<qint64>::max() << u"jpy"_s
                                 << u"9,223,372,036,854,775,807 JPY"_s;
        QTest::newRow("largest kwd")
            << std::numeric_limits<qint64>::max() << u"kwd"_s << u"9,223,372,036,854,775.807 KWD"_s;
    }

    void format()
    {
        QFETCH(qint64, minorUnits);
        QFETCH(QString, code);
        QFETCH(QString, text);
        QCOMPARE(currency::format(minorUnits, code), text);
    }

    void formatIgnoresTheLocale()
    {
        const QLocale saved;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QString text = currency::format(123456789, u"eur");
        QLocale::setDefault(saved);
        QCOMPARE(text, u"1,234,567.89 EUR"_s);
    }

    void percentFromDouble_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("hundredths"); // -1: refused
        QTest::newRow("whole") << 10.0 << 1000;
        QTest::newRow("one decimal") << 12.5 << 1250;
        QTest::newRow("two decimals") << 33.33 << 3333;
        QTest::newRow("binary noise 0.29") << 0.29 << 29;
        QTest::newRow("binary noise 1.15") << 1.15 << 115;
        QTest::newRow("binary noise 4.35") << 4.35 << 435;
        QTest::newRow("smallest") << 0.01 << 1;
        QTest::newRow("zero") << 0.0 << 0;
        QTest::newRow("hundred") << 100.0 << 10000;
        QTest::newRow("three decimals") << 12.345 << -1;
        QTest::newRow("half a hundredth") << 0.005 << -1;
        QTest::newRow("tiny") << 1e-7 << -1;
        QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << -1;
        QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << -1;
        QTest::newRow("huge") << 1e7 << -1;
        QTest::newRow("huge would overflow qint32") << 1e300 << -1;
    }

    void percentFromDouble()
    {
        QFETCH(double, value);
        QFETCH(int, hundredths);
        const auto percent = Percent::fromDouble(value);
        if (hundredths < 0) {
            QVERIFY2(!percent, qPrintable(u"accepted as %1"_s.arg(percent->hundredths())));
            return;
        }
        QVERIFY(percent);
        QCOMPARE(percent->hundredths(), hundredths);
        QCOMPARE(percent->toDouble(), hundredths / 100.0);
        QCOMPARE(Percent::fromDouble(percent->toDouble()), percent);
    }

    void percentOf_data()
    {
        QTest::addColumn<int>("hundredths");
        QTest::addColumn<qint64>("base");
        QTest::addColumn<qint64>("amount");
        // docs/decisions.md: the discount is truncated toward zero to a whole minor unit; no
        // half-up or half-even rounding anywhere.
        QTest::newRow("exact") << 1000 << qint64(18000) << qint64(1800);
        QTest::newRow("12.5% of 999 = 124.875") << 1250 << qint64(999) << qint64(124);
        QTest::newRow("50% of 1 = 0.5") << 5000 << qint64(1) << qint64(0);
        QTest::newRow("50% of 3 = 1.5") << 5000 << qint64(3) << qint64(1);
        QTest::newRow("50% of 5 = 2.5") << 5000 << qint64(5) << qint64(2);
        QTest::newRow("33.33% of 100 = 33.33") << 3333 << qint64(100) << qint64(33);
        QTest::newRow("99.99% of 1 = 0.9999") << 9999 << qint64(1) << qint64(0);
        QTest::newRow("0.01% of 9999 = 0.9999") << 1 << qint64(9999) << qint64(0);
        QTest::newRow("0.01% of 10000") << 1 << qint64(10000) << qint64(1);
        QTest::newRow("15% of 999 jpy = 149.85") << 1500 << qint64(999) << qint64(149);
        QTest::newRow("100%") << 10000 << qint64(123457) << qint64(123457);
        QTest::newRow("0%") << 0 << qint64(123457) << qint64(0);
        QTest::newRow("of zero") << 2500 << qint64(0) << qint64(0);
        QTest::newRow("100% of the largest amount")
            << 10000 << std::numeric_limits<qint64>::max() << std::numeric_limits<qint64>::max();
        QTest::newRow("12.5% of the largest amount")
            << 1250 << std::numeric_limits<qint64>::max()
            << exactPercent(std::numeric_limits<qint64>::max(), 1250);
        QTest::newRow("99.99% of the largest amount")
            << 9999 << std::numeric_limits<qint64>::max()
            << exactPercent(std::numeric_limits<qint64>::max(), 9999);
    }

    void percentOf()
    {
        QFETCH(int, hundredths);
        QFETCH(qint64, base);
        QFETCH(qint64, amount);
        const Percent percent = Percent::fromHundredths(hundredths);
        QCOMPARE(percent.of(base), amount);
        QCOMPARE(amount, exactPercent(base, hundredths));
    }

    void percentOfNeverExceedsTheBase()
    {
        // Every base around the 10000 boundary where the split computation changes.
        for (qint64 base = 9990; base <= 20010; ++base) {
            for (qint32 h : {1, 999, 1250, 3333, 5000, 9999, 10000}) {
                const qint64 got = Percent::fromHundredths(h).of(base);
                if (got != exactPercent(base, h))
                    QFAIL(qPrintable(u"%1 hundredths of %2 gave %3"_s.arg(h).arg(base).arg(got)));
            }
        }
        QVERIFY(Percent::fromHundredths(10000).of(20010) <= 20010);
    }

    void percentIsUsableAtCompileTime()
    {
        static_assert(Percent::fromHundredths(1250).of(1000) == 125);
        static_assert(Percent::fromHundredths(1250) == Percent::fromHundredths(1250));
        QCOMPARE(Percent().hundredths(), 0);
    }

    void currencyAmountsKeepsCurrenciesSorted()
    {
        CurrencyAmounts amounts{{u"usd"_s, 12000}, {u"eur"_s, 10000}, {u"jpy"_s, 1500}};
        QCOMPARE(amounts.currencies(), (QStringList{u"eur"_s, u"jpy"_s, u"usd"_s}));
        QCOMPARE(amounts.size(), 3);
        QCOMPARE(amounts.value(u"usd"), 12000);
        QCOMPARE(amounts.value(u"jpy"), 1500);
        QVERIFY(!amounts.value(u"gbp"));
        QVERIFY(!amounts.contains(u"EUR")); // codes are compared exactly
        QVERIFY(amounts.contains(u"eur"));
    }

    void currencyAmountsSetReplaces()
    {
        CurrencyAmounts amounts;
        QVERIFY(amounts.isEmpty());
        amounts.set(u"eur"_s, 100);
        amounts.set(u"aud"_s, 5);
        amounts.set(u"eur"_s, 250);
        QCOMPARE(amounts.size(), 2);
        QCOMPARE(amounts.value(u"eur"), 250);
        QCOMPARE(amounts.entries().first().first, u"aud"_s);
        // A zero amount is a value, not an absence.
        amounts.set(u"chf"_s, 0);
        QVERIFY(amounts.contains(u"chf"));
        QCOMPARE(amounts.value(u"chf"), 0);
    }

    void currencyAmountsEqualityIgnoresInsertionOrder()
    {
        const CurrencyAmounts a{{u"eur"_s, 1}, {u"usd"_s, 2}};
        const CurrencyAmounts b{{u"usd"_s, 2}, {u"eur"_s, 1}};
        const CurrencyAmounts c{{u"usd"_s, 3}, {u"eur"_s, 1}};
        QCOMPARE(a, b);
        QVERIFY(!(a == c));
        QVERIFY(!(a == CurrencyAmounts{}));
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
