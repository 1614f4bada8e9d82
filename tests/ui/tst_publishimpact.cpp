// Draft, impact, publish against a real `remise-sandbox --seed demo`: an edit made in the
// Campaigns page is shown with its impact on the sandbox's open test sessions (decided with the
// engine, nothing written anywhere), published in one transaction, and the next update of a
// session (the workflow behind *Apply now*) uses it.

#include "campaignfile.h"
#include "client.h"
#include "clock.h"
#include "drafts/publishdialog.h"
#include "draftsession.h"
#include "engine.h"
#include "pages/campaignseditor.h"
#include "pages/campaignspage.h"
#include "pages/sessiondetail.h"
#include "pages/sessionspage.h"
#include "pages/simulatorpage.h"
#include "sandboxprocess.h"
#include "secrets.h"
#include "sessionsmodel.h"
#include "sqlitestore.h"
#include "transport.h"
#include "updateworkflow.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::ui;

class TestPublishImpact : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::SandboxProcess m_sandbox;
    stripe::Transport m_network;
    std::unique_ptr<SqliteStore> m_store;
    std::unique_ptr<stripe::Client> m_client;
    std::unique_ptr<UpdateWorkflow> m_workflow;
    std::unique_ptr<AppContext> m_context;

    void click(QWidget *page, QAction *action)
    {
        for (QToolBar *bar : page->findChildren<QToolBar *>())
            if (QWidget *button = bar->widgetForAction(action))
                return QTest::mouseClick(button, Qt::LeftButton);
        QFAIL("no button");
    }

private slots:
    void simulatorRunsOnEveryOpenSessionWritingNothing()
    {
        SimulatorPage page(*m_context);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.openSessionsButton()->isEnabled());
        m_sandbox.clearRequests();
        QTest::mouseClick(page.openSessionsButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 60'000);
        const auto open = m_sandbox.call("GET", u"/v1/checkout/sessions"_s,
                                         {{u"status"_s, u"open"_s}, {u"limit"_s, 100}});
        QCOMPARE(page.openSessionsView()->rowCount(),
                 int(open.body.value(u"data"_s).toArray().size()));
        // Only reads reached the sandbox.
        const QJsonArray seen =
            m_sandbox.call("GET", u"/_sandbox/requests"_s).body.value(u"data"_s).toArray();
        QVERIFY(!seen.isEmpty());
        for (const QJsonValue &r : seen)
            QCOMPARE(r.toObject().value(u"method"_s).toString(), u"GET"_s);
        QVERIFY(m_store->draftItems().value().isEmpty());
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_sandbox.start({u"--seed"_s, u"demo"_s}));
        const QString path = m_dir.filePath(u"remise.db"_s);
        m_store = SqliteStore::open(path).value();
        QVERIFY(m_store->migrate());
        QVERIFY(m_store->replaceRules(
            campaignfile::load(QStringLiteral(REMISE_TEST_DATA "/e2e/campaigns.json")).value()));
        stripe::Config config;
        config.apiBase = m_sandbox.baseUrl();
        m_client = std::move(*stripe::Client::create(
            ApiKey::parse(QString::fromLatin1(test::SandboxProcess::testKey)).value(), config,
            &m_network, SystemClock::instance(), EventLoopScheduler::instance()));
        m_workflow = std::make_unique<UpdateWorkflow>(*m_client, *m_store, SystemClock::instance());
        m_context.reset(new AppContext{*m_store, path, SystemClock::instance(), m_client.get(),
                                       m_workflow.get(), true});
    }

    void draftImpactPublishAndTheNextApplyUsesIt()
    {
        CampaignsPage page(*m_context);
        page.resize(1400, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        // The edit: the gold members' discount goes from 10 % to 20 %.
        QVERIFY(page.select(u"loyalty-gold"_s));
        auto *percent = page.editor()->findChild<QDoubleSpinBox *>(u"rewardPercent"_s);
        percent->setFocus();
        QTest::keyClick(percent, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(percent, u"20"_s);
        QCOMPARE(percent->value(), 20.0);
        click(&page, page.saveAction());
        const CampaignSet live = m_store->loadRules().value();
        QCOMPARE(live.campaign(u"loyalty-gold")->reward.percent, Percent::fromHundredths(1000));

        click(&page, page.publishAction());
        auto *dialog = page.findChild<PublishDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->diffView()->topLevelItemCount(), 1);
        QCOMPARE(dialog->diffView()->topLevelItem(0)->child(0)->text(0), u"reward"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isComputing(), 60'000);
        const drafts::ImpactReport &report = dialog->report();
        QVERIFY2(report.skipped.isEmpty(), qPrintable(report.skipped.join(u'\n')));
        // Every open test session of the demo is listed, in the table too.
        const auto open = m_sandbox.call("GET", u"/v1/checkout/sessions"_s,
                                         {{u"status"_s, u"open"_s}, {u"limit"_s, 100}});
        const qsizetype openCount = open.body.value(u"data"_s).toArray().size();
        QVERIFY(openCount > 0);
        QCOMPARE(report.open.size(), openCount);
        QCOMPARE(dialog->impactView()->rowCount(), int(openCount));
        QVERIFY(report.changed > 0);
        QVERIFY(dialog->impactSummary()->text().contains(QString::number(report.changed)));
        // Each changed session, decided again here with the engine, gives the same figures.
        const CampaignSet draft = page.draft().book().rules().value();
        const drafts::SessionImpact *changed = nullptr;
        for (const drafts::SessionImpact &s : report.open) {
            if (!s.changed())
                continue;
            changed = &s;
            const QJsonObject raw =
                m_sandbox
                    .call("GET", u"/v1/checkout/sessions/"_s + s.sessionId,
                          {{u"expand"_s, QJsonArray{u"line_items"_s, u"customer"_s}}})
                    .body;
            const SessionSnapshot snapshot = SessionSnapshot::fromStripe(raw).value();
            const CustomerContext customer = CustomerContext::build(snapshot, std::nullopt);
            const DecisionInput input{{}, SystemClock::instance().nowMs(), {}};
            const auto amount = [&](const CampaignSet &rules) {
                const Decision d = Engine(rules).decide(snapshot, customer, input);
                return d.discount ? d.discount->amountOff : 0;
            };
            QCOMPARE(s.live, amount(live));
            QCOMPARE(s.draft, amount(draft));
            QVERIFY(s.draft > s.live);
        }
        QVERIFY(changed);
        // The backtest read the demo's completed sessions.
        QVERIFY(report.backtestSessions > 0);
        QVERIFY(!dialog->backtestView()->item(0, 0)->text().isEmpty());
        // Nothing was written: no discount update reached the sandbox.
        QVERIFY(m_sandbox.requests(u"POST"_s, u"/v1/checkout/sessions/"_s + changed->sessionId)
                    .isEmpty());

        const QString sessionId = changed->sessionId;
        const qint64 expected = changed->draft;
        QTest::mouseClick(dialog->publishButton(), Qt::LeftButton);
        QCOMPARE(m_store->loadRules().value().campaign(u"loyalty-gold")->reward.percent,
                 Percent::fromHundredths(2000));

        // The next *Apply now* of the Sessions page uses the published rules: select the
        // session in the list and press the page's Apply now button, as a user does.
        SessionsPage sessions(*m_context);
        sessions.resize(1400, 900);
        sessions.show();
        QVERIFY(QTest::qWaitForWindowExposed(&sessions));
        QTRY_VERIFY_WITH_TIMEOUT(!sessions.isLoading() && sessions.model()->session(sessionId),
                                 30'000);
        QTableView *view = sessions.view();
        QModelIndex row;
        for (int r = 0; r < view->model()->rowCount() && !row.isValid(); ++r)
            if (view->model()->index(r, 0).data(SessionsModel::IdRole).toString() == sessionId)
                row = view->model()->index(r, 0);
        QVERIFY(row.isValid());
        view->scrollTo(row);
        SessionDetail *detail = sessions.detail();
        QSignalSpy loaded(detail, &SessionDetail::loaded);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(row).center());
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 30'000);
        QCOMPARE(loaded.first().at(0).toString(), sessionId);
        auto *apply = sessions.findChild<QToolButton *>(u"applyNowButton"_s);
        QVERIFY(apply);
        QCOMPARE(apply->accessibleName(), QString(detail->applyAction()->text()).remove(u'&'));
        QVERIFY(apply->isVisible());
        QTRY_VERIFY(apply->isEnabled());
        QSignalSpy finished(detail, &SessionDetail::actionFinished);
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30'000);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
        QCOMPARE(m_sandbox.session(sessionId)
                     .value(u"total_details"_s)
                     .toObject()
                     .value(u"amount_discount"_s)
                     .toInteger(),
                 expected);
    }
};

QTEST_MAIN(TestPublishImpact)
#include "tst_publishimpact.moc"
