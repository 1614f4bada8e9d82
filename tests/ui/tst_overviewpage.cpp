// The Overview page's budget and cap bars: a capped campaign with a budget, its redemptions and
// reservations recorded through the real store, and the figures the bars are drawn from read
// back from the widget; `remise-server campaigns usage --json` on the same database agrees.

#include "appcontext.h"
#include "campaignfile.h"
#include "clock.h"
#include "json.h"
#include "pages/overviewpage.h"
#include "sqlitestore.h"

#include <QJsonArray>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::ui;

namespace {

/// A campaign capped at 10 redemptions with a €500.00 budget, and one without limits.
QByteArray rulesJson()
{
    return R"({"format": "remise/1", "segments": [], "campaigns": [
      {"id": "capped", "name": "Capped launch", "status": "active", "priority": 1,
       "stacking": "stackable", "starts_at": null, "ends_at": null, "conditions": {},
       "reward": {"type": "amount_off", "amount_off": {"eur": 1000}},
       "limits": {"max_redemptions": 10, "budget": {"eur": 50000}}},
      {"id": "open-ended", "name": "No limits", "status": "active", "priority": 1,
       "stacking": "stackable", "starts_at": null, "ends_at": null, "conditions": {},
       "reward": {"type": "amount_off", "amount_off": {"eur": 500}}, "limits": {}}]})";
}

const qint64 hourMs = 3'600'000;

} // namespace

class TestOverviewPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    }

    void barsShowRedeemedAndHeldAgainstTheLimits_data()
    {
        // Each operation: "<state>:<amount in cents>" for one session of the campaign.
        // redeemed: a completed session; held: its discount reached Stripe; pending: the
        // update is in flight; expired: a reservation past its expiry (counts for nothing).
        QTest::addColumn<QStringList>("operations");
        QTest::addColumn<int>("used");
        QTest::addColumn<int>("held");
        QTest::addColumn<int>("budgetUsed");
        QTest::addColumn<int>("budgetHeld");
        QTest::addColumn<QString>("capText");
        QTest::newRow("held and redeemed")
            << QStringList{u"redeemed:2000"_s, u"held:1500"_s} << 1 << 1 << 2000 << 1500
            << u"1 used, 1 held, 8 left of 10"_s;
        QTest::newRow("two redeemed, one held, one pending")
            << QStringList{u"redeemed:1000"_s, u"redeemed:1000"_s, u"held:700"_s, u"pending:300"_s}
            << 2 << 2 << 2000 << 1000 << u"2 used, 1 held, 1 pending, 6 left of 10"_s;
        QTest::newRow("an expired reservation counts for nothing")
            << QStringList{u"redeemed:2500"_s, u"expired:4000"_s} << 1 << 0 << 2500 << 0
            << u"1 used, 0 held, 9 left of 10"_s;
        QTest::newRow("nothing yet")
            << QStringList{} << 0 << 0 << 0 << 0 << u"0 used, 0 held, 10 left of 10"_s;
    }

    void barsShowRedeemedAndHeldAgainstTheLimits()
    {
        QFETCH(QStringList, operations);
        QFETCH(int, used);
        QFETCH(int, held);
        QFETCH(int, budgetUsed);
        QFETCH(int, budgetHeld);
        QFETCH(QString, capText);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"remise.db"_s);
        auto store = SqliteStore::open(path).value();
        QVERIFY(store->migrate());
        QVERIFY(store->replaceRules(campaignfile::parse(rulesJson(), u"rules"_s).value()));
        // The command line reads the real clock: so does the page here.
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        const qint64 now = clock.nowMs();
        for (qsizetype i = 0; i < operations.size(); ++i) {
            const QString state = operations.at(i).section(u':', 0, 0);
            const qint64 amount = operations.at(i).section(u':', 1).toLongLong();
            const QString session = u"cs_test_overview%1"_s.arg(i);
            const QString decision = u"dec_%1"_s.arg(i);
            const QString customer = u"email:buyer%1@example.org"_s.arg(i);
            const QList<ReservationLine> lines{{u"capped"_s, amount}};
            if (state == u"redeemed") {
                QVERIFY(store->commitRedemptions(session, decision, customer, u"eur"_s, lines,
                                                 now - hourMs));
            } else if (state == u"expired") {
                QVERIFY(store->reserve(session, decision, customer, u"eur"_s, lines,
                                       now - 2 * hourMs, now - hourMs));
            } else {
                QVERIFY(store->reserve(session, decision, customer, u"eur"_s, lines, now,
                                       now + hourMs));
                if (state == u"held")
                    QVERIFY(store->confirmReservation(session, decision));
            }
        }

        AppContext context{*store, path, clock};
        OverviewPage page(context);
        page.resize(900, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        // One bar per limit of the capped campaign; none for the campaign without limits.
        const QList<UsageBars::Bar> bars = page.usageBars()->bars();
        QCOMPARE(bars.size(), 2);
        QVERIFY(page.usageBars()->isVisible());
        const UsageBars::Bar &cap = bars.at(0);
        QCOMPARE(cap.campaignId, u"capped"_s);
        QCOMPARE(cap.limitKind, u"max_redemptions"_s);
        QCOMPARE(cap.used, double(used));
        QCOMPARE(cap.held, double(held));
        QCOMPARE(cap.limit, 10.0);
        QCOMPARE(cap.value, capText);
        QCOMPARE(cap.label, u"Capped launch · redemptions"_s);
        const UsageBars::Bar &budget = bars.at(1);
        QCOMPARE(budget.limitKind, u"budget"_s);
        QCOMPARE(budget.currency, u"eur"_s);
        QCOMPARE(budget.used, double(budgetUsed));
        QCOMPARE(budget.held, double(budgetHeld));
        QCOMPARE(budget.limit, 50000.0);
        QVERIFY2(budget.value.endsWith(u"left of €500.00"_s), qPrintable(budget.value));
        // Screen readers get the same figures.
        QVERIFY(page.usageBars()->accessibleDescription().contains(capText));

        // `remise-server campaigns usage --json` on the same file says the same.
        QProcess cli;
        cli.start(QStringLiteral(REMISE_BIN_DIR "/remise-server"),
                  {u"campaigns"_s, u"usage"_s, u"--json"_s, u"--db"_s, path});
        QVERIFY(cli.waitForFinished(20'000));
        QCOMPARE(cli.exitCode(), 0);
        const auto report = json::parseObject(cli.readAllStandardOutput(), u"usage"_s);
        QVERIFY(report);
        const QJsonArray limits = report->value(u"limits").toArray();
        QCOMPARE(limits.size(), bars.size());
        for (const QJsonValue &value : limits) {
            const QJsonObject limit = value.toObject();
            const auto bar = std::ranges::find_if(bars, [&limit](const UsageBars::Bar &b) {
                return b.campaignId == limit.value(u"campaign").toString() &&
                       b.limitKind == limit.value(u"limit").toString();
            });
            QVERIFY(bar != bars.end());
            QCOMPARE(bar->used, limit.value(u"used").toDouble());
            QCOMPARE(bar->held,
                     limit.value(u"held").toDouble() + limit.value(u"pending").toDouble());
            QCOMPARE(bar->limit, limit.value(u"limit_value").toDouble());
        }
    }

    void noLimitsSaysSo()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"remise.db"_s);
        auto store = SqliteStore::open(path).value();
        QVERIFY(store->migrate());
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        AppContext context{*store, path, clock};
        OverviewPage page(context);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.usageBars()->bars().isEmpty());
        QVERIFY(!page.usageBars()->isVisible());
        auto *label = page.findChild<QLabel *>(u"overviewNoLimits"_s);
        QVERIFY(label && label->isVisible());
        QCOMPARE(label->text(), OverviewPage::tr("No campaign has a budget or a redemption cap."));
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"
