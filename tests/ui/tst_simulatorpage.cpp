// The Simulator page: the worked example loaded from files and decided at its date and time zone
// (the expected decision of the examples), the same cart at a future date, and a typed cart.

#include "campaignfile.h"
#include "clock.h"
#include "engine.h"
#include "json.h"
#include "pages/simulatorpage.h"
#include "sqlitestore.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::ui;

namespace {

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return json::parseObject(file.readAll(), path).value();
}

} // namespace

class TestSimulatorPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
    ManualClock m_clock{1'764'320'400'000};
    std::unique_ptr<AppContext> m_context;

    void setWhen(SimulatorPage &page, const QString &local, const QByteArray &zone)
    {
        page.whenEdit()->setDateTime(QDateTime::fromString(local, Qt::ISODate));
        const int index = page.zoneBox()->findData(zone);
        QVERIFY(index >= 0);
        page.zoneBox()->setCurrentIndex(index);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_dir.filePath(u"settings"_s));
        const QString path = m_dir.filePath(u"remise.db"_s);
        m_store = SqliteStore::open(path).value();
        QVERIFY(m_store->migrate());
        QVERIFY(m_store->replaceRules(
            campaignfile::load(QStringLiteral(REMISE_TEST_DATA "/examples/campaigns.json"))
                .value()));
        m_context.reset(new AppContext{*m_store, path, m_clock});
    }

    void decidesTheWorkedExampleAtItsTimeAndAFutureDate()
    {
        SimulatorPage page(*m_context);
        new QAbstractItemModelTester(page.model(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, &page);
        page.resize(1300, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(
            page.loadSessionFile(QStringLiteral(REMISE_TEST_DATA "/examples/session-open.json")));
        QVERIFY(page.loadCustomerFile(
            QStringLiteral(REMISE_TEST_DATA "/examples/customer-claire.json")));

        // 2026-11-28 12:00 in Paris, as the worked example says.
        setWhen(page, u"2026-11-28T12:00:00"_s, "Europe/Paris");
        QCOMPARE(page.simulatedNowMs(),
                 campaignfile::parseTimestamp(u"2026-11-28T12:00:00+01:00"_s)->toMSecsSinceEpoch());
        QTest::mouseClick(page.simulateButton(), Qt::LeftButton);
        const QJsonObject expected =
            readJson(QStringLiteral(REMISE_TEST_DATA "/examples/decision-expected.json"));
        const Decision decision = page.model()->decision(); // a copy: the page decides again below
        QCOMPARE(decision.discount.value().amountOff,
                 expected.value(u"discount").toObject().value(u"amount_off").toInteger());
        const QJsonArray campaigns = expected.value(u"campaigns").toArray();
        QCOMPARE(page.model()->rowCount(), int(campaigns.size()));
        for (int row = 0; row < campaigns.size(); ++row) {
            const QJsonObject c = campaigns[row].toObject();
            QCOMPARE(page.model()->index(row, DecisionModel::Campaign).data().toString(),
                     u"%1 (%2)"_s.arg(
                         m_store->loadRules().value().campaign(c.value(u"id").toString())->name,
                         c.value(u"id").toString()));
            QCOMPARE(page.model()->index(row, 0).data(DecisionModel::ReasonCodeRole).toString(),
                     c.value(u"reason").toString());
            // The reason as a sentence, the code in the tooltip.
            QVERIFY(!page.model()->index(row, DecisionModel::Reason).data().toString().isEmpty());
        }
        QVERIFY(page.summary()->text().contains(u"Black Friday"_s));

        // A future date: Black Friday has ended; the decision is the engine's for that time.
        setWhen(page, u"2027-01-15T09:30:00"_s, "America/New_York");
        QTest::mouseClick(page.simulateButton(), Qt::LeftButton);
        const Decision &later = page.model()->decision();
        const qint64 at =
            campaignfile::parseTimestamp(u"2027-01-15T09:30:00-05:00"_s)->toMSecsSinceEpoch();
        QCOMPARE(later.decidedAtMs, at);
        for (const CampaignOutcome &c : later.campaigns)
            if (c.id == u"bf-2026")
                QCOMPARE(c.reason, Reason::Ended);
        const auto session = SessionSnapshot::fromStripe(
            readJson(QStringLiteral(REMISE_TEST_DATA "/examples/session-open.json")));
        CustomerProfile profile;
        profile.id = u"cus_demo_claire"_s;
        profile.email = u"claire.martin@example.org"_s;
        profile.loyaltyTier = u"gold"_s;
        profile.orderCount = 7;
        profile.lifetimeSpend.set(u"eur"_s, 84000);
        profile.tags = {u"newsletter"_s};
        const Engine engine(m_store->loadRules().value());
        const Decision reference =
            engine.decide(*session, CustomerContext::build(*session, profile), {{}, at, {}});
        QCOMPARE(later.discount.value().amountOff, reference.discount.value().amountOff);
        QVERIFY(later.discount->amountOff != decision.discount->amountOff);
        QVERIFY(!later.discount->campaigns.contains(u"bf-2026"_s));

        // A code changes the outcome of the code campaign.
        QTest::keyClicks(page.codeEdit(), u"WELCOME10"_s);
        QTest::mouseClick(page.simulateButton(), Qt::LeftButton);
        for (const CampaignOutcome &c : page.model()->decision().campaigns)
            if (c.id == u"welcome10")
                QCOMPARE(c.reason, Reason::NotFirstOrder);
    }

    void decidesATypedCart()
    {
        SimulatorPage page(*m_context);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.addItem(u"Dutch oven"_s, u"prod_demo_dutch_oven"_s, 21000, 2);
        setWhen(page, u"2026-06-01T10:00:00"_s, "UTC");
        QTest::mouseClick(page.simulateButton(), Qt::LeftButton);
        const Decision &d = page.model()->decision();
        QCOMPARE(d.subtotal, 5000 + 42000); // the default line and the oven
        QCOMPARE(d.currency, u"eur"_s);
        // Over 250 EUR: the second tier of spend-100 (30 EUR) is the best option.
        QVERIFY(d.discount);
        QCOMPARE(d.discount->campaigns, QStringList{u"spend-100"_s});
        QCOMPARE(d.discount->amountOff, 3000);
        // Without Stripe, running on open sessions is offered with an explanation.
        QVERIFY(!page.openSessionsButton()->isEnabled());
    }
};

QTEST_MAIN(TestSimulatorPage)
#include "tst_simulatorpage.moc"
