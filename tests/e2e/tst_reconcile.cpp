// Reconciling against the real sandbox over loopback: sessions holding limits expire, complete
// or lose their discount, and the limits come back or become redemptions — without webhooks.

#include "client.h"
#include "reconciler.h"
#include "sandboxprocess.h"
#include "sqlitestore.h"
#include "transport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using remise::test::CliRun;
using remise::test::SandboxProcess;

namespace {
const QByteArray preview = "2025-03-31.basil; checkout_server_update_beta=v1";
}

class TestReconcile : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    stripe::Transport m_network;
    std::unique_ptr<stripe::Client> m_client;
    std::unique_ptr<SqliteStore> m_store;

    Result<ReconcileReport> reconcile(bool dryRun)
    {
        Reconciler reconciler(*m_client, *m_store, SystemClock::instance());
        std::optional<Result<ReconcileReport>> report;
        reconciler.run(dryRun, this, [&](Result<ReconcileReport> r) { report = std::move(r); });
        QDeadlineTimer deadline(30000);
        while (!report && !deadline.hasExpired())
            QTest::qWait(10);
        return report ? *report : fail(u"timeout"_s, u"no report"_s);
    }

    QString apply(const QString &email)
    {
        const QString id = m_sandbox.createSession(email, u"none"_s, u"BE"_s);
        const CliRun run = m_sandbox.remiseServer({u"apply"_s, id});
        if (run.exitCode != 0)
            qWarning() << run.err;
        return id;
    }

    LimitUsage usage(const QString &campaign, const QString &limit)
    {
        const auto all = m_store->limitUsage(QDateTime::currentMSecsSinceEpoch());
        if (all)
            for (const LimitUsage &u : *all)
                if (u.campaignId == campaign && u.limit == limit)
                    return u;
        return {};
    }

    static const ReconcileItem *item(const ReconcileReport &report, const QString &session)
    {
        for (const ReconcileItem &i : report.items)
            if (i.sessionId == session)
                return &i;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_sandbox.start());
        const CliRun imported = m_sandbox.remiseServer(
            {u"campaigns"_s, u"import"_s,
             QStringLiteral(REMISE_TEST_DATA "/e2e/reconcile-campaigns.json")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        auto store = SqliteStore::open(m_sandbox.databasePath());
        QVERIFY(store);
        m_store = std::move(*store);
        stripe::Config config;
        config.apiBase = m_sandbox.baseUrl();
        auto client = stripe::Client::create(
            *ApiKey::parse(QString::fromLatin1(SandboxProcess::testKey)), config, &m_network,
            SystemClock::instance(), EventLoopScheduler::instance());
        QVERIFY(client);
        m_client = std::move(*client);
    }

    void limitsComeBackOrBecomeRedemptions()
    {
        // The only "solo" slot goes to the first session; the others get "budgeted".
        const QString expiring = apply(u"expiring@example.org"_s);
        const QString completing = apply(u"completing@example.org"_s);
        const QString abandoned = apply(u"abandoned@example.org"_s);
        const QString open = apply(u"open@example.org"_s);
        LimitUsage solo = usage(u"solo"_s, u"max_redemptions"_s);
        QCOMPARE(solo.held, 1);
        QCOMPARE(solo.left, 0);
        LimitUsage budget = usage(u"budgeted"_s, u"budget"_s);
        QCOMPARE(budget.currency, u"eur"_s);
        QCOMPARE(budget.held, 1500);
        QCOMPARE(budget.used, 0);
        QCOMPARE(budget.left, 100000 - 1500);

        // The session holding "solo" expires; one completes; one loses its discount.
        QCOMPARE(m_sandbox.call("POST", u"/v1/checkout/sessions/%1/expire"_s.arg(expiring)).status,
                 200);
        QCOMPARE(
            m_sandbox.call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(completing))
                .status,
            200);
        QCOMPARE(m_sandbox
                     .call("POST", u"/v1/checkout/sessions/%1"_s.arg(abandoned),
                           {{u"discounts"_s, QString()}}, preview)
                     .status,
                 200);
        const qint64 total =
            m_sandbox.session(completing)[u"amount_total"].toInteger(); // what was paid

        // A dry run reports and changes nothing.
        const auto dry = reconcile(true);
        QVERIFY2(dry, dry ? "" : qPrintable(dry.error().describe()));
        QCOMPARE(dry->committed, 1);
        QCOMPARE(dry->released, 2);
        QCOMPARE(dry->kept, 1);
        QCOMPARE(usage(u"solo"_s, u"max_redemptions"_s).held, 1);

        const auto report = reconcile(false);
        QVERIFY2(report, report ? "" : qPrintable(report.error().describe()));
        QCOMPARE(report->failed, 0);
        QCOMPARE(item(*report, expiring)->action, u"released"_s);
        QCOMPARE(item(*report, expiring)->reason, u"expired"_s);
        QCOMPARE(item(*report, expiring)->campaigns, QStringList{u"solo"_s});
        QCOMPARE(item(*report, completing)->action, u"committed"_s);
        QCOMPARE(item(*report, completing)->campaigns, QStringList{u"budgeted"_s});
        QCOMPARE(item(*report, abandoned)->action, u"released"_s);
        QCOMPARE(item(*report, abandoned)->reason, u"discount_gone"_s);
        QCOMPARE(item(*report, open)->action, u"kept"_s);
        QCOMPARE(report->toJson()[u"committed"].toInt(), 1);

        // The "solo" slot is free again; the completed discount is spent for good.
        solo = usage(u"solo"_s, u"max_redemptions"_s);
        QCOMPARE(solo.held, 0);
        QCOMPARE(solo.used, 0);
        QCOMPARE(solo.left, 1);
        budget = usage(u"budgeted"_s, u"budget"_s);
        QCOMPARE(budget.used, 500);
        QCOMPARE(budget.held, 500); // the open session's
        QCOMPARE(budget.left, 100000 - 1000);
        const LimitUsage perCustomer = usage(u"budgeted"_s, u"max_per_customer"_s);
        QCOMPARE(perCustomer.used, 1);
        QCOMPARE(perCustomer.left, 2);

        // The customer's profile counts the order, like the completed webhook.
        const auto profile = m_store->findCustomer({}, u"completing@example.org"_s);
        QVERIFY(profile && *profile);
        QCOMPARE((*profile)->orderCount, 1);
        QCOMPARE((*profile)->lifetimeSpend.value(u"eur").value_or(-1), total);

        // Idempotent: a second pass only keeps the open session; nothing is counted twice.
        const auto again = reconcile(false);
        QVERIFY(again);
        QCOMPARE(again->items.size(), 1);
        QCOMPARE(again->kept, 1);
        QCOMPARE((*m_store->findCustomer({}, u"completing@example.org"_s))->orderCount, 1);
        CompletedOrder repeat;
        repeat.sessionId = completing;
        repeat.currency = u"eur"_s;
        repeat.email = u"completing@example.org"_s;
        QCOMPARE(*m_store->completeOrder(repeat), false); // e.g. the webhook, later

        // The freed slot is usable: the next session gets "solo".
        const QString next = apply(u"next@example.org"_s);
        QCOMPARE(
            m_sandbox.session(next)[u"discounts"][0][u"coupon"][u"metadata"][u"remise_campaigns"]
                .toString(),
            u"solo"_s);
    }
};

QTEST_MAIN(TestReconcile)
#include "tst_reconcile.moc"
