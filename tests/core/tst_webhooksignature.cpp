// Stripe webhook signatures (Stripe's webhook docs): `Stripe-Signature: t=…,v1=…[,v1=…]`, the
// HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint secret, any v1 may match, and the
// timestamp must be within the tolerance of an injected "now".

#include "webhooksignature.h"

#include <QtTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

const QByteArray secret = "whsec_test_secret_remise";
const QByteArray body = R"({"id":"evt_1","type":"checkout.session.completed"})";
constexpr qint64 signedAt = 1795945200;
// Computed independently (Python's hmac module) for secret, body and signedAt above.
const QByteArray knownSignature =
    "cc2bd4c691e0b941b9e6babea33f8d38bb1d547044713e3b109063207390df8f";
const QByteArray validHeader = "t=1795945200,v1=" + knownSignature;
// A well-formed signature that is not the right one.
const QByteArray otherSignature = QByteArray(64, 'a');

} // namespace

class TestWebhookSignature : public QObject
{
    Q_OBJECT

private slots:
    void signMatchesStripesScheme()
    {
        QCOMPARE(webhook::sign(body, secret, signedAt), validHeader);
        // An empty body is signed as "<t>." alone.
        QCOMPARE(webhook::sign(QByteArray(), secret, signedAt),
                 QByteArray("t=1795945200,v1="
                            "2ac70bccc2bc76b325ac2eab33215089c35a492dde0b9fe2fab305eac5c69e04"));
    }

    void accepted_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("now");
        QTest::newRow("signed now") << validHeader << signedAt;
        QTest::newRow("299 s later") << validHeader << signedAt + 299;
        QTest::newRow("exactly the tolerance") << validHeader << signedAt + 300;
        QTest::newRow("clock 300 s behind") << validHeader << signedAt - 300;
        QTest::newRow("second v1 matches")
            << "t=1795945200,v1=" + otherSignature + ",v1=" + knownSignature << signedAt;
        QTest::newRow("first of two v1 matches")
            << "t=1795945200,v1=" + knownSignature + ",v1=" + otherSignature << signedAt;
        QTest::newRow("v0 ignored")
            << "t=1795945200,v0=" + otherSignature + ",v1=" + knownSignature << signedAt;
        QTest::newRow("unknown scheme ignored")
            << "t=1795945200,v2=zz,v1=" + knownSignature << signedAt;
        QTest::newRow("timestamp after signatures")
            << "v1=" + knownSignature + ",t=1795945200" << signedAt;
        QTest::newRow("spaces after commas") << "t=1795945200, v1=" + knownSignature << signedAt;
        QTest::newRow("surrounding whitespace")
            << " t=1795945200,v1=" + knownSignature + " " << signedAt;
    }

    void accepted()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, now);
        const Status status = webhook::verify(body, header, secret, now);
        QVERIFY2(status, status ? "" : qPrintable(status.error().describe()));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<QString>("code");
        QTest::newRow("wrong secret") << body << validHeader << QByteArray("whsec_someone_else")
                                      << signedAt << u"signature_mismatch"_s;
        QTest::newRow("secret without prefix")
            << body << validHeader << QByteArray("test_secret_remise") << signedAt
            << u"signature_mismatch"_s;
        QTest::newRow("tampered body") << QByteArray(body).replace("evt_1", "evt_2") << validHeader
                                       << secret << signedAt << u"signature_mismatch"_s;
        QTest::newRow("body with a trailing newline")
            << body + '\n'
            << validHeader << secret << signedAt << u"signature_mismatch"_s;
        QTest::newRow("reformatted body")
            << QByteArray(R"({"id": "evt_1", "type": "checkout.session.completed"})") << validHeader
            << secret << signedAt << u"signature_mismatch"_s;
        QTest::newRow("timestamp changed") << body << "t=1795945201,v1=" + knownSignature << secret
                                           << signedAt << u"signature_mismatch"_s;
        QTest::newRow("only wrong signatures")
            << body << "t=1795945200,v1=" + otherSignature + ",v1=" + otherSignature.toUpper()
            << secret << signedAt << u"signature_mismatch"_s;
        QTest::newRow("truncated signature")
            << body << "t=1795945200,v1=" + knownSignature.chopped(1) << secret << signedAt
            << u"signature_mismatch"_s;
        QTest::newRow("empty v1") << body << QByteArray("t=1795945200,v1=") << secret << signedAt
                                  << u"signature_mismatch"_s;
        QTest::newRow("301 s later")
            << body << validHeader << secret << signedAt + 301 << u"timestamp_outside_tolerance"_s;
        QTest::newRow("301 s in the future")
            << body << validHeader << secret << signedAt - 301 << u"timestamp_outside_tolerance"_s;
        QTest::newRow("a day old") << body << validHeader << secret << signedAt + 86400
                                   << u"timestamp_outside_tolerance"_s;
        QTest::newRow("largest timestamp")
            << body << "t=9223372036854775807,v1=" + knownSignature << secret << signedAt
            << u"timestamp_outside_tolerance"_s;
        QTest::newRow("empty header")
            << body << QByteArray() << secret << signedAt << u"signature_missing"_s;
        QTest::newRow("blank header")
            << body << QByteArray("  ") << secret << signedAt << u"signature_missing"_s;
        QTest::newRow("no timestamp")
            << body << "v1=" + knownSignature << secret << signedAt << u"signature_malformed"_s;
        QTest::newRow("no v1") << body << QByteArray("t=1795945200") << secret << signedAt
                               << u"signature_malformed"_s;
        QTest::newRow("only v0") << body << "t=1795945200,v0=" + knownSignature << secret
                                 << signedAt << u"signature_malformed"_s;
        QTest::newRow("timestamp not a number") << body << "t=yesterday,v1=" + knownSignature
                                                << secret << signedAt << u"signature_malformed"_s;
        QTest::newRow("empty timestamp")
            << body << "t=,v1=" + knownSignature << secret << signedAt << u"signature_malformed"_s;
        QTest::newRow("timestamp too large for 64 bits")
            << body << "t=99999999999999999999,v1=" + knownSignature << secret << signedAt
            << u"signature_malformed"_s;
        QTest::newRow("negative timestamp") << body << "t=-9223372036854775808,v1=" + knownSignature
                                            << secret << signedAt << u"signature_malformed"_s;
        QTest::newRow("not key=value")
            << body << QByteArray("garbage") << secret << signedAt << u"signature_malformed"_s;
        QTest::newRow("semicolons") << body << "t=1795945200;v1=" + knownSignature << secret
                                    << signedAt << u"signature_malformed"_s;
        QTest::newRow("commas only")
            << body << QByteArray(",,,") << secret << signedAt << u"signature_malformed"_s;
    }

    void refused()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, key);
        QFETCH(qint64, now);
        QFETCH(QString, code);
        const Status status = webhook::verify(payload, header, key, now);
        QVERIFY(!status);
        QCOMPARE(status.error().code, code);
        QVERIFY(!status.error().message.isEmpty());
        // The secret never appears in what is reported.
        QVERIFY(!status.error().describe().contains(QString::fromLatin1(key)));
        QVERIFY(!status.error().describe().contains(u"secret_remise"_s));
    }

    void toleranceIsAParameter()
    {
        QVERIFY(webhook::verify(body, validHeader, secret, signedAt + 10, 10));
        const Status late = webhook::verify(body, validHeader, secret, signedAt + 11, 10);
        QVERIFY(!late);
        QCOMPARE(late.error().code, u"timestamp_outside_tolerance"_s);
        QVERIFY2(late.error().message.contains(u"11"_s), qPrintable(late.error().message));
        // The default is Stripe's 300 seconds.
        QVERIFY(webhook::verify(body, validHeader, secret, signedAt + 300));
        QVERIFY(!webhook::verify(body, validHeader, secret, signedAt + 301));
    }

    void signThenVerify_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("event") << body;
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("binary") << QByteArray("\x00\xff\x10,t=1,v1=", 12);
        QTest::newRow("UTF-8") << QByteArray("{\"name\":\"Caf\xc3\xa9\"}");
    }

    void signThenVerify()
    {
        QFETCH(QByteArray, payload);
        const QByteArray header = webhook::sign(payload, secret, signedAt);
        QVERIFY(webhook::verify(payload, header, secret, signedAt + 5));
        QVERIFY(!webhook::verify(payload + ' ', header, secret, signedAt + 5));
        QVERIFY(!webhook::verify(payload, header, secret + 'x', signedAt + 5));
    }

    void constantTimeEquals_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("same") << knownSignature << knownSignature << true;
        QTest::newRow("empty") << QByteArray() << QByteArray() << true;
        QTest::newRow("last byte differs")
            << knownSignature << knownSignature.chopped(1) + 'e' << false;
        QTest::newRow("first byte differs") << QByteArray("abc") << QByteArray("xbc") << false;
        QTest::newRow("prefix") << knownSignature << knownSignature.left(10) << false;
        QTest::newRow("case matters") << QByteArray("abc") << QByteArray("ABC") << false;
        QTest::newRow("high bit") << QByteArray("\x80") << QByteArray("\x00", 1) << false;
    }

    void constantTimeEquals()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        QCOMPARE(webhook::constantTimeEquals(a, b), equal);
        QCOMPARE(webhook::constantTimeEquals(b, a), equal);
    }
};

QTEST_GUILESS_MAIN(TestWebhookSignature)
#include "tst_webhooksignature.moc"
