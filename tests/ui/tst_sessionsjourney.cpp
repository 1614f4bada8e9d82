// The support journey through real widgets: `remise --demo` (its own sandbox process over
// loopback, a demo database), open a session, read why each campaign did or did not apply,
// press Apply now and see the sandbox's session and the Activity page change, then remove the
// discount.

#include "activitymodel.h"
#include "activitypage.h"
#include "application.h"
#include "campaign.h"
#include "mainwindow.h"
#include "sessiondetail.h"
#include "sessionsmodel.h"
#include "sessionspage.h"
#include "sqlitestore.h"
#include "text.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::ui;

class SessionsJourney : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void listShowsTheSandboxSessions();
    void filterAndSearch_data();
    void filterAndSearch();
    void filterKeepsOrDropsTheSelectedSession();
    void detailExplainsEveryCampaign();
    void applyNowUpdatesSandboxAndActivity();
    void removeDiscount();
    void rateLimitBacksOffAndSaysSo();

private:
    QToolButton *buttonFor(QAction *action) const;
    std::optional<QJsonObject> sandboxSession(const QString &id) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Application> m_app;
    MainWindow *m_window = nullptr;
    SessionsPage *m_sessions = nullptr;
    const QString m_claire = u"cs_test_a1Qx7demo0001"_s;
    qint64 m_decidedAmount = 0;
};

void SessionsJourney::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear(); // the test's own settings: a first start, whatever an earlier run saved
    QVERIFY(m_dir.isValid());
    Application::Options options;
    options.demo = true;
    options.database = m_dir.filePath(u"demo.db"_s);
    m_app = std::make_unique<Application>(options);
    QSignalSpy ready(m_app.get(), &Application::ready);
    QSignalSpy failed(m_app.get(), &Application::failed);
    m_app->start();
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 20'000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    m_window = m_app->window();
    QVERIFY(m_window);
    QCOMPARE(m_window->modeText(), u"DEMO"_s);
    QVERIFY(m_window->modeBadge()->isVisible());
    m_sessions = m_window->page<SessionsPage>();
    QVERIFY(m_sessions);
}

void SessionsJourney::cleanupTestCase()
{
    m_app.reset();
}

QToolButton *SessionsJourney::buttonFor(QAction *action) const
{
    // The page's toolbar holds the session's actions.
    return qobject_cast<QToolButton *>(m_sessions->toolBar()->widgetForAction(action));
}

std::optional<QJsonObject> SessionsJourney::sandboxSession(const QString &id) const
{
    const QJsonObject s = test::sandboxGet(
        m_app->sandbox()->url(), u"/v1/checkout/sessions/"_s + id, u"expand[0]=discounts.coupon"_s);
    if (s.value(u"id"_s).toString() != id)
        return std::nullopt;
    return s;
}

void SessionsJourney::listShowsTheSandboxSessions()
{
    // Ctrl+5 goes to Sessions, by keyboard.
    QTest::keyClick(m_window, Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), MainWindow::Sessions);
    QAbstractItemModelTester sourceTester(m_sessions->model(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(m_sessions->filterModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(!m_sessions->isLoading() && m_sessions->model()->rowCount() > 0,
                             15'000);
    const QJsonObject listed =
        test::sandboxGet(m_app->sandbox()->url(), u"/v1/checkout/sessions"_s, u"limit=100"_s);
    const QJsonArray data = listed.value(u"data"_s).toArray();
    QVERIFY(!data.isEmpty());
    QVERIFY(!listed.value(u"has_more"_s).toBool());
    QCOMPARE(m_sessions->model()->rowCount(), data.size());
    for (const QJsonValue &v : data)
        QVERIFY2(m_sessions->model()->session(v.toObject().value(u"id"_s).toString()),
                 qPrintable(v.toObject().value(u"id"_s).toString()));

    // At the window's first size the customer's email stays readable (the session id gives
    // way), and nothing scrolls sideways.
    QTableView *view = m_sessions->view();
    QVERIFY(view->columnWidth(SessionsModel::Customer) >=
            view->fontMetrics().horizontalAdvance(u"claire.martin@example.org"_s));
    QVERIFY(!view->horizontalScrollBar()->isVisible());
    QVERIFY(view->columnWidth(SessionsModel::Id) >=
            view->fontMetrics().horizontalAdvance(u"cs_test_a1Qx7…0001"_s));

    // A language without a catalogue of its own falls back to English, plurals included.
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    installTranslations(*qobject_cast<QApplication *>(QCoreApplication::instance()));
    QLocale::setDefault(before);
    QCOMPARE(QCoreApplication::translate("remise::ui::SessionsPage",
                                         "%n session(s), updated at %1.", nullptr, 2),
             u"2 sessions, updated at %1."_s);
}

void SessionsJourney::filterAndSearch_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("search");
    QTest::newRow("open") << u"open"_s << QString();
    QTest::newRow("complete") << u"complete"_s << QString();
    QTest::newRow("expired") << u"expired"_s << QString();
    QTest::newRow("by id") << QString() << u"DEMO0001"_s;
    QTest::newRow("by email") << QString() << u"example"_s;
    QTest::newRow("open and id") << u"open"_s << u"demo001"_s;
}

void SessionsJourney::filterAndSearch()
{
    QFETCH(QString, status);
    QFETCH(QString, search);
    auto *combo = m_sessions->findChild<QComboBox *>(u"statusFilter"_s);
    auto *edit = m_sessions->findChild<QLineEdit *>(u"sessionSearch"_s);
    QVERIFY(combo && edit);
    combo->setCurrentIndex(combo->findData(status));
    // Ctrl+F focuses the search box; type like a user.
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, search);
    int expected = 0;
    for (const SessionRow &row : m_sessions->model()->rows())
        expected += (status.isEmpty() || row.status == status) &&
                    (search.isEmpty() || row.id.contains(search, Qt::CaseInsensitive) ||
                     row.customer.contains(search, Qt::CaseInsensitive));
    QCOMPARE(m_sessions->view()->model()->rowCount(), expected);
    for (int r = 0; r < m_sessions->view()->model()->rowCount(); ++r) {
        const QModelIndex index = m_sessions->view()->model()->index(r, 0);
        if (!status.isEmpty())
            QCOMPARE(index.data(SessionsModel::StatusRole).toString(), status);
    }
    edit->clear();
    combo->setCurrentIndex(0);
    QCOMPARE(m_sessions->view()->model()->rowCount(), m_sessions->model()->rowCount());
}

void SessionsJourney::filterKeepsOrDropsTheSelectedSession()
{
    QTableView *view = m_sessions->view();
    const SessionRow *claire = m_sessions->model()->session(m_claire);
    QVERIFY(claire);
    const QString other = claire->status == u"expired" ? u"open"_s : u"expired"_s;
    QModelIndex target;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        if (view->model()->index(r, 0).data(SessionsModel::IdRole).toString() == m_claire)
            target = view->model()->index(r, 0);
    QVERIFY(target.isValid());
    view->scrollTo(target);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(target).center());
    SessionDetail *detail = m_sessions->detail();
    QTRY_COMPARE(detail->sessionId(), m_claire);

    // Her own status: she stays selected and in the pane.
    auto *combo = m_sessions->findChild<QComboBox *>(u"statusFilter"_s);
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findData(claire->status));
    QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(view->selectionModel()->selectedRows().first().data(SessionsModel::IdRole),
             QVariant(m_claire));
    QTest::qWait(300);
    QCOMPARE(detail->sessionId(), m_claire);
    // Another status hides her: no selection, and the pane lets her go.
    combo->setCurrentIndex(combo->findData(other));
    QVERIFY(view->selectionModel()->selectedRows().isEmpty());
    QTRY_COMPARE(detail->sessionId(), QString());
    combo->setCurrentIndex(0);
}

void SessionsJourney::detailExplainsEveryCampaign()
{
    // Click Claire's row in the list.
    QTableView *view = m_sessions->view();
    QModelIndex target;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        if (view->model()->index(r, 0).data(SessionsModel::IdRole).toString() == m_claire)
            target = view->model()->index(r, 0);
    QVERIFY(target.isValid());
    view->scrollTo(target);
    SessionDetail *detail = m_sessions->detail();
    QSignalSpy loaded(detail, &SessionDetail::loaded);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(target).center());
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 15'000);
    QCOMPARE(loaded.first().at(0).toString(), m_claire);
    QVERIFY(loaded.first().at(1).toBool());

    auto *tree = detail->findChild<QTreeWidget *>(u"decisionTree"_s);
    QVERIFY(tree);
    auto store = SqliteStore::open(m_app->databasePath());
    QVERIFY(store);
    const auto rules = (*store)->loadRules();
    QVERIFY(rules);
    // One row per campaign of the rule book (archived ones aside), each with a sentence and
    // its stable code in the tooltip.
    QStringList shown;
    int applied = 0;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = tree->topLevelItem(i);
        const QString id = row->data(0, Qt::UserRole).toString();
        shown.append(id);
        const Campaign *campaign = rules->campaign(id);
        QVERIFY2(campaign, qPrintable(id));
        const QString code = row->data(3, Qt::UserRole).toString();
        const QString why = row->text(3);
        QVERIFY2(!why.isEmpty() && why.endsWith(u'.'), qPrintable(id + u": "_s + why));
        const auto reasonCode = reason::parse(code);
        if (code.isEmpty()) {
            QCOMPARE(row->text(1), SessionDetail::tr("Applies"));
            QCOMPARE(why, text::reason(Reason::None, campaign, u"eur"_s));
            ++applied;
        } else {
            QVERIFY2(reasonCode, qPrintable(code));
            QCOMPARE(row->toolTip(3), code);
            QCOMPARE(why, text::reason(*reasonCode, campaign, u"eur"_s));
        }
        if (id == u"trade-15")
            QCOMPARE(code, u"not_active"_s); // paused in the demo rule book
        if (id == u"welcome10")
            QVERIFY(code == u"code_missing" || code == u"not_first_order");
        if (id == u"loyalty-gold") // Claire is a gold member
            QVERIFY(code.isEmpty() || code == u"outranked");
    }
    QStringList expected;
    for (const Campaign &c : rules->campaigns)
        if (c.status != CampaignStatus::Archived)
            expected.append(c.id);
    shown.sort();
    expected.sort();
    QCOMPARE(shown, expected);
    QVERIFY(applied >= 1);
    auto *summary = detail->findChild<QLabel *>(u"decisionSummary"_s);
    QVERIFY(summary->text().contains(SessionDetail::tr("Apply now would change the session's "
                                                       "discount.")));
    // The cart as Stripe has it.
    auto *items = detail->findChild<QTreeWidget *>(u"lineItems"_s);
    QVERIFY(items->topLevelItemCount() > 0);
}

void SessionsJourney::applyNowUpdatesSandboxAndActivity()
{
    SessionDetail *detail = m_sessions->detail();
    QCOMPARE(detail->sessionId(), m_claire);
    const auto before = sandboxSession(m_claire);
    QVERIFY(before);
    QVERIFY(before->value(u"discounts"_s).toArray().isEmpty());

    auto *activity = m_window->page<ActivityPage>();
    QVERIFY(activity);
    const int activityBefore = activity->model()->rowCount();

    QToolButton *apply = buttonFor(detail->applyAction());
    QVERIFY(apply && apply->isEnabled());
    QSignalSpy finished(detail, &SessionDetail::actionFinished);
    QTest::mouseClick(apply, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 15'000);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));

    // The sandbox's session now carries Remise's coupon.
    const auto after = sandboxSession(m_claire);
    QVERIFY(after);
    const QJsonArray discounts = after->value(u"discounts"_s).toArray();
    QCOMPARE(discounts.size(), 1);
    const QJsonObject coupon = discounts.first().toObject().value(u"coupon"_s).toObject();
    QVERIFY(coupon.value(u"metadata"_s).toObject().contains(u"remise_decision"_s));
    m_decidedAmount = qint64(coupon.value(u"amount_off"_s).toDouble());
    QVERIFY(m_decidedAmount > 0);
    QCOMPARE(qint64(after->value(u"amount_total"_s).toDouble()),
             qint64(before->value(u"amount_total"_s).toDouble()) - m_decidedAmount);

    // The Activity page shows the new entry, by this desktop user.
    QTest::keyClick(m_window, Qt::Key_7, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), MainWindow::Activity);
    QAbstractItemModelTester tester(activity->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(activity->model()->rowCount(), activityBefore + 1);
    const ActivityEntry entry = activity->model()->entries().first();
    QCOMPARE(entry.sessionId, m_claire);
    QCOMPARE(entry.outcome, u"applied"_s);
    QVERIFY(entry.actor.startsWith(u"desktop:"_s));
    QCOMPARE(entry.after.value(u"amount_off"_s).toInteger(), m_decidedAmount);

    // Back on the session: the row shows the discount, the detail says who set it.
    QTest::keyClick(m_window, Qt::Key_5, Qt::ControlModifier);
    QTRY_COMPARE(m_sessions->model()->session(m_claire)->discount, m_decidedAmount);
    auto *current = detail->findChild<QLabel *>(u"currentDiscount"_s);
    QTRY_VERIFY(current->text().contains(text::actor(entry.actor)));
    auto *history = detail->findChild<QTreeWidget *>(u"historyTree"_s);
    QTRY_VERIFY(history->topLevelItemCount() >= 1);
    QCOMPARE(history->topLevelItem(0)->text(2), text::outcome(u"applied"_s));
}

void SessionsJourney::removeDiscount()
{
    SessionDetail *detail = m_sessions->detail();
    QTRY_VERIFY(detail->removeAction()->isEnabled());
    QSignalSpy finished(detail, &SessionDetail::actionFinished);
    // The confirmation is a real message box: answer Yes like a user.
    QTimer::singleShot(0, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box)
            QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    });
    QTest::mouseClick(buttonFor(detail->removeAction()), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 15'000);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
    const auto after = sandboxSession(m_claire);
    QVERIFY(after);
    QVERIFY(after->value(u"discounts"_s).toArray().isEmpty());
    auto *activity = m_window->page<ActivityPage>();
    activity->reload();
    const ActivityEntry entry = activity->model()->entries().first();
    QCOMPARE(entry.outcome, u"removed"_s);
    QCOMPARE(entry.action, u"remove"_s);
    QCOMPARE(entry.before.value(u"amount_off"_s).toInteger(), m_decidedAmount);
    QVERIFY(entry.after.isEmpty());
    QTRY_COMPARE(m_sessions->model()->session(m_claire)->discount, 0);
}

void SessionsJourney::rateLimitBacksOffAndSaysSo()
{
    const QUrl base = m_app->sandbox()->url();
    // Every list request is answered 429 until the fault is cleared.
    QCOMPARE(test::sandboxHelper(base, "POST", u"/_sandbox/faults"_s,
                                 QJsonObject{{u"method"_s, u"GET"_s},
                                             {u"path"_s, u"/v1/checkout/sessions"_s},
                                             {u"fault"_s, u"rate_limit"_s},
                                             {u"count"_s, -1}}),
             200);
    const int rows = m_sessions->model()->rowCount();
    QSignalSpy finished(m_sessions, &SessionsPage::loadFinished);
    QTest::keyClick(m_window, Qt::Key_F5); // Refresh, from the keyboard
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30'000);
    QCOMPARE(finished.first().at(0).toBool(), false);
    auto *state = m_sessions->findChild<QLabel *>(u"sessionsState"_s);
    QVERIFY2(state->text().contains(u"429"_s), qPrintable(state->text()));
    QVERIFY(m_window->connectionLabel()->text().contains(SessionsPage::tr("Rate limited by "
                                                                          "Stripe")));
    const auto first = m_sessions->backoff();
    QVERIFY(first >= std::chrono::seconds(40));      // twice the refresh interval, at least
    QCOMPARE(m_sessions->model()->rowCount(), rows); // what was shown stays

    // Another 429: the wait doubles.
    finished.clear();
    m_sessions->reload();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30'000);
    QCOMPARE(m_sessions->backoff(), first * 2);

    // Stripe answers again: back to normal, and the status bar says so.
    QCOMPARE(test::sandboxHelper(base, "DELETE", u"/_sandbox/faults"_s), 200);
    finished.clear();
    m_sessions->reload();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30'000);
    QVERIFY(finished.first().at(0).toBool());
    QCOMPARE(m_sessions->backoff().count(), 0);
    QVERIFY(
        !m_window->connectionLabel()->text().contains(SessionsPage::tr("Rate limited by Stripe")));
}

QTEST_MAIN(SessionsJourney)

#include "tst_sessionsjourney.moc"
