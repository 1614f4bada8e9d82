// The sandbox counts length-limited fields as Stripe does (Unicode code points), and accepts
// every update Remise builds (UpdateWorkflow::updateParameters) for random campaign names,
// codes and campaign lists over emoji, ZWJ sequences, flags, combining marks, CJK and
// right-to-left text (fixed seed).

#include "clock.h"
#include "engine.h"
#include "sandboxclient.h"
#include "text.h"
#include "textsamples.h"
#include "updateworkflow.h"

#include <QJsonArray>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using remise::test::Answer;
using remise::test::SandboxClient;

namespace {

constexpr qint64 startMs = 1'795'953'600'000;
const QString family = u"\U0001F468\u200D\U0001F469\u200D\U0001F467"_s; // 5 code points

QJsonObject couponUpdate(const QString &name, const QJsonObject &metadata)
{
    QJsonObject data{{u"amount_off"_s, 100}, {u"currency"_s, u"eur"_s}, {u"name"_s, name}};
    if (!metadata.isEmpty())
        data.insert(u"metadata"_s, metadata);
    return {{u"discounts"_s, QJsonArray{QJsonObject{{u"coupon_data"_s, data}}}}};
}

} // namespace

class TestSandboxText : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{startMs};
    SandboxClient m_client{m_clock};
    QString m_session;

    Answer update(const QJsonObject &params)
    {
        return m_client.call("POST", u"/v1/checkout/sessions/"_s + m_session, params);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_client.start());
        m_session = m_client.createSession(SandboxClient::sessionParams({{4500, 2}}));
        QVERIFY(!m_session.isEmpty());
    }

    // Limits are in code points: an emoji of two UTF-16 units counts one.
    void lengthsInCodePoints_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("refusedParam"); // empty: accepted
        const QString smile = u"\U0001F600"_s;
        const QString meta = u"discounts[0][coupon_data][metadata]"_s;
        QTest::newRow("name: 40 emoji (80 UTF-16 units)")
            << smile.repeated(40) << QString() << QString() << QString();
        QTest::newRow("name: 8 families (40 code points)")
            << family.repeated(8) << QString() << QString() << QString();
        QTest::newRow("name: 41 code points") << smile.repeated(40) + u'x' << QString() << QString()
                                              << u"discounts[0][coupon_data][name]"_s;
        QTest::newRow("metadata key: 40 emoji")
            << u"A"_s << smile.repeated(40) << u"v"_s << QString();
        QTest::newRow("metadata key: 41 code points")
            << u"A"_s << smile.repeated(41) << u"v"_s << meta + u'[' + smile.repeated(41) + u']';
        QTest::newRow("metadata value: 500 emoji")
            << u"A"_s << u"k"_s << smile.repeated(500) << QString();
        QTest::newRow("metadata value: 100 families (500 code points)")
            << u"A"_s << u"k"_s << family.repeated(100) << QString();
        QTest::newRow("metadata value: 501 code points")
            << u"A"_s << u"k"_s << smile.repeated(501) << meta + u"[k]"_s;
    }

    void lengthsInCodePoints()
    {
        QFETCH(QString, name);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, refusedParam);
        const QJsonObject metadata = key.isEmpty() ? QJsonObject{} : QJsonObject{{key, value}};
        const Answer a = update(couponUpdate(name, metadata));
        if (refusedParam.isEmpty()) {
            QVERIFY2(a.status == 200, a.raw.constData());
        } else {
            QCOMPARE(a.status, 400);
            QCOMPARE(a.errorParam(), refusedParam);
        }
    }

    // Property: whatever the names, codes and campaign lists, what Remise sends is accepted,
    // and the label arrives unchanged.
    void acceptsWhatRemiseSends()
    {
        QRandomGenerator random(20261130);
        for (int row = 0; row < 300; ++row) {
            QStringList names;
            QStringList campaigns;
            const int count = random.bounded(1, 12);
            for (int n = 0; n < count; ++n) {
                names.append(test::randomText(random, random.bounded(1, 30)).text);
                // Ids are ASCII ([a-z0-9_-], at most 64): many of them overflow 500.
                campaigns.append(
                    u"campaign-%1-"_s.arg(row).repeated(random.bounded(1, 5)).left(64));
            }
            for (int n = 0; n < random.bounded(0, 40); ++n)
                campaigns.append(u"c%1-%2"_s.arg(n).arg(QString(60, u'x')));
            DiscountPlan plan;
            plan.amountOff = 100;
            plan.currency = u"eur"_s;
            plan.name = Engine::label(names);
            plan.campaigns = campaigns;
            const QString code = test::randomText(random, random.bounded(0, 400)).text;
            QJsonObject params =
                UpdateWorkflow::updateParameters(plan, u"dec_0123456789abcdef01234567"_s, code);
            params.insert(u"expand"_s, QJsonArray{u"discounts.coupon"_s});
            const Answer a = update(params);
            QVERIFY2(a.status == 200,
                     qPrintable(u"row %1: %2"_s.arg(row).arg(QString::fromUtf8(a.raw))));
            const QJsonObject coupon = a.body[u"discounts"][0][u"coupon"].toObject();
            QCOMPARE(coupon[u"name"].toString(), plan.name);
            const QJsonObject metadata = coupon[u"metadata"].toObject();
            for (auto it = metadata.begin(); it != metadata.end(); ++it) {
                QVERIFY(text::codePoints(it.key()) <= text::maxMetadataKeyLength);
                QVERIFY(text::codePoints(it.value().toString()) <= text::maxMetadataValueLength);
            }
            // A cut code is a prefix of the submitted one, cut between clusters.
            const QString sentCode = metadata[metadatakeys::code].toString();
            QVERIFY(code.startsWith(sentCode));
            QVERIFY(text::isGraphemeBoundary(code, sentCode.size()));
        }
    }
};

QTEST_GUILESS_MAIN(TestSandboxText)
#include "tst_sandboxtext.moc"
