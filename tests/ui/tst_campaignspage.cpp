// The Campaigns page driven like a user: typing in the editor, live validation that agrees with
// `campaigns import`, undo and redo, saving to the draft, publishing, import and export.

#include "campaignfile.h"
#include "clock.h"
#include "drafts/publishdialog.h"
#include "draftsession.h"
#include "pages/campaignseditor.h"
#include "pages/campaignsformat.h"
#include "pages/campaignsmodel.h"
#include "pages/campaignspage.h"
#include "pages/campaignstimeline.h"
#include "sqlitestore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTreeWidget>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::ui;

namespace {

CampaignSet exampleRules()
{
    return campaignfile::load(QStringLiteral(REMISE_TEST_DATA "/examples/campaigns.json")).value();
}

void click(QWidget *page, QAction *action)
{
    for (QToolBar *bar : page->findChildren<QToolBar *>()) {
        if (QWidget *button = bar->widgetForAction(action)) {
            QVERIFY2(button->isEnabled(), qPrintable(action->text()));
            QTest::mouseClick(button, Qt::LeftButton);
            return;
        }
    }
    QFAIL("the action has no toolbar button");
}

void type(QWidget *widget, const QString &text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(widget, Qt::Key_Backspace);
    QTest::keyClicks(widget, text);
}

} // namespace

class TestCampaignsPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString m_path;
    std::unique_ptr<SqliteStore> m_store;
    ManualClock m_clock{1'764'320'400'000};
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<CampaignsPage> m_page;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(u"RemiseTests"_s);
        QCoreApplication::setApplicationName(u"tst_campaignspage"_s);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_dir.filePath(u"settings"_s));
    }

    void init()
    {
        m_path = m_dir.filePath(u"db%1/remise.db"_s.arg(++m_files));
        m_store = SqliteStore::open(m_path).value();
        QVERIFY(m_store->migrate());
        QVERIFY(m_store->replaceRules(exampleRules()));
        m_context.reset(new AppContext{*m_store, m_path, m_clock});
        m_page = std::make_unique<CampaignsPage>(*m_context);
        new QAbstractItemModelTester(
            m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_page.get());
        new QAbstractItemModelTester(m_page->view()->model(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_page.get());
        m_page->resize(1400, 900);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void cleanup()
    {
        m_page.reset();
        m_context.reset();
        m_store.reset();
    }

    void listsTheLiveCampaignsAndFilters()
    {
        QCOMPARE(m_page->model()->rowCount(), int(exampleRules().campaigns.size()));
        auto *filter = m_page->findChild<QLineEdit *>(u"campaignsFilter"_s);
        QTest::keyClick(m_page.get(), Qt::Key_F, Qt::ControlModifier);
        QTest::keyClicks(filter, u"black"_s);
        QCOMPARE(m_page->view()->model()->rowCount(), 1);
        QCOMPARE(m_page->view()->model()->index(0, CampaignListModel::Id).data().toString(),
                 u"bf-2026"_s);
        filter->clear();
        // Sorting by name through the header.
        m_page->view()->sortByColumn(CampaignListModel::Name, Qt::AscendingOrder);
        QCOMPARE(m_page->view()->model()->index(0, CampaignListModel::Name).data().toString(),
                 u"10 off over 100"_s);
        // The timeline shows every campaign that is not archived.
        QCOMPARE(m_page->timeline()->bars().size(), exampleRules().campaigns.size());
    }

    void theListFitsBesideTheEditor()
    {
        // At the window size the screenshots use, the list needs no sideways scrolling: the id
        // column starts hidden (the name's tooltip has it), long schedules, rewards and usage
        // figures are cut with their whole text in the tooltip, and the header's menu shows a
        // column again.
        QTableView *view = m_page->view();
        QVERIFY(view->isColumnHidden(CampaignListModel::Id));
        QVERIFY(!view->horizontalScrollBar()->isVisible());
        int width = 0;
        for (int column = 0; column < view->model()->columnCount(); ++column)
            width += view->isColumnHidden(column) ? 0 : view->columnWidth(column);
        QVERIFY(width <= view->viewport()->width());
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex reward = view->model()->index(row, CampaignListModel::Reward);
            QCOMPARE(reward.data(Qt::ToolTipRole), reward.data(Qt::DisplayRole));
            const QModelIndex name = view->model()->index(row, CampaignListModel::Name);
            const QString id = view->model()->index(row, CampaignListModel::Id).data().toString();
            QVERIFY(name.data(Qt::ToolTipRole).toString().contains(id));
        }
        view->setColumnHidden(CampaignListModel::Id, false);
        QVERIFY(!view->isColumnHidden(CampaignListModel::Id));
    }

    void createsACampaignWithASegmentAndPublishesIt()
    {
        click(m_page.get(), m_page->newAction());
        CampaignEditor *editor = m_page->editor();
        type(editor->findChild<QLineEdit *>(u"campaignId"_s), u"gold-15"_s);
        type(editor->findChild<QLineEdit *>(u"campaignName"_s), u"Gold 15%"_s);
        auto *status = editor->findChild<QComboBox *>(u"campaignStatus"_s);
        status->setFocus();
        QTest::keyClick(status, Qt::Key_Down); // draft → active
        QCOMPARE(status->currentData().toString(), u"active"_s);
        auto *percent = editor->findChild<QDoubleSpinBox *>(u"rewardPercent"_s);
        type(percent, u"15"_s);
        QCOMPARE(percent->value(), 15.0);
        auto *segments = editor->findChild<QListWidget *>(u"campaignSegments"_s);
        QListWidgetItem *gold = nullptr;
        for (int i = 0; i < segments->count(); ++i)
            if (segments->item(i)->data(Qt::UserRole).toString() == u"gold")
                gold = segments->item(i);
        QVERIFY(gold);
        segments->setFocus();
        segments->setCurrentItem(gold);
        QTest::keyClick(segments->viewport(), Qt::Key_Space);
        QCOMPARE(gold->checkState(), Qt::Checked);
        QVERIFY2(editor->problemAt(u"id"_s).isEmpty(), qPrintable(editor->problemAt(u"id"_s)));

        // Unsaved, it is already in the list (and in the database, so nothing is lost).
        QTRY_VERIFY(!m_store->draftItems().value().isEmpty());
        QVERIFY(m_store->draftItems().value().first().working);
        click(m_page.get(), m_page->saveAction());

        // In the list…
        auto *filter = m_page->findChild<QLineEdit *>(u"campaignsFilter"_s);
        QTest::keyClicks(filter, u"gold-15"_s);
        QCOMPARE(m_page->view()->model()->rowCount(), 1);
        QCOMPARE(m_page->view()->model()->index(0, CampaignListModel::Name).data().toString(),
                 u"Gold 15%"_s);
        QCOMPARE(m_page->view()->model()->index(0, CampaignListModel::Draft).data().toString(),
                 CampaignListModel::tr("New in the draft"));
        // …and in the store: as a saved draft, the live rules untouched until published.
        const QList<DraftItem> items = m_store->draftItems().value();
        QCOMPARE(items.size(), 1);
        QVERIFY(!items.first().working);
        QCOMPARE(items.first().saved->value(u"conditions").toObject().value(u"segments"),
                 QJsonValue(QJsonArray{u"gold"_s}));
        QVERIFY(!m_store->loadRules().value().campaign(u"gold-15"));

        click(m_page.get(), m_page->publishAction());
        auto *dialog = m_page->findChild<PublishDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(!dialog->isComputing());
        QCOMPARE(dialog->diffView()->topLevelItemCount(), 1);
        QVERIFY(dialog->diffView()->topLevelItem(0)->text(0).contains(u"gold-15"_s));
        QTest::mouseClick(dialog->publishButton(), Qt::LeftButton);
        const auto live = m_store->loadRules().value();
        const Campaign *published = live.campaign(u"gold-15");
        QVERIFY(published);
        QCOMPARE(published->conditions.segments.value(), QStringList{u"gold"_s});
        QCOMPARE(published->reward.percent, Percent::fromHundredths(1500));
        QCOMPARE(published->status, CampaignStatus::Active);
        QVERIFY(m_store->draftItems().value().isEmpty());
        QCOMPARE(m_page->view()->model()->index(0, CampaignListModel::Draft).data().toString(),
                 CampaignListModel::tr("Published"));
    }

    void validatesLiveUnderTheFieldAndUndoes()
    {
        QVERIFY(m_page->select(u"bf-2026"_s));
        CampaignEditor *editor = m_page->editor();
        auto *percent = editor->findChild<QDoubleSpinBox *>(u"rewardPercent"_s);
        type(percent, u"0"_s);
        QVERIFY2(editor->problemAt(u"reward.percent"_s).contains(u"more than 0"_s),
                 qPrintable(editor->problemAt(u"reward.percent"_s)));
        QVERIFY(!m_page->saveAction()->isEnabled());
        auto *id = editor->findChild<QLineEdit *>(u"campaignId"_s);
        type(id, u"spend-100"_s);
        QVERIFY2(editor->problemAt(u"id"_s).contains(u"duplicates the id"_s),
                 qPrintable(editor->problemAt(u"id"_s)));
        // Undo (Ctrl+Z) takes back the id, then the percentage; redo (Ctrl+Shift+Z) again.
        QTest::keyClick(id, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(id->text(), u"bf-2026"_s);
        QVERIFY(editor->problemAt(u"id"_s).isEmpty());
        QTest::keyClick(id, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(percent->value(), 20.0);
        QVERIFY(editor->problemAt(u"reward.percent"_s).isEmpty());
        QVERIFY(m_page->saveAction()->isEnabled());
        QTest::keyClick(id, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(percent->value(), 0.0);
        // Revert drops the edits.
        click(m_page.get(), m_page->revertAction());
        QCOMPARE(editor->findChild<QDoubleSpinBox *>(u"rewardPercent"_s)->value(), 20.0);
        QVERIFY(m_store->draftItems().value().isEmpty());
    }

    void pausesDuplicatesAndArchivesIntoTheDraft()
    {
        QVERIFY(m_page->select(u"spend-100"_s));
        click(m_page.get(), m_page->pauseAction());
        click(m_page.get(), m_page->duplicateAction());
        QCOMPARE(m_page->editor()->campaign().value(u"id").toString(), u"spend-100-copy"_s);
        click(m_page.get(), m_page->saveAction());
        QVERIFY(m_page->select(u"trade-15"_s));
        click(m_page.get(), m_page->archiveAction());
        // Nothing is live yet; the draft has all three.
        QCOMPARE(m_store->loadRules().value(), exampleRules());
        const CampaignSet draft = m_page->draft().book().rules().value();
        QCOMPARE(draft.campaign(u"spend-100")->status, CampaignStatus::Paused);
        QCOMPARE(draft.campaign(u"trade-15")->status, CampaignStatus::Archived);
        QCOMPARE(draft.campaign(u"spend-100-copy")->status, CampaignStatus::Draft);
        // Export writes the draft; its file reads back to the same rules.
        const QString file = m_dir.filePath(u"export%1.json"_s.arg(m_files));
        QVERIFY(m_page->exportFile(file));
        QCOMPARE(campaignfile::load(file).value(), draft);
    }

    void importWithAnErrorNamesItsPathLikeTheCommandLine()
    {
        const QString file = QStringLiteral(REMISE_TEST_DATA "/invalid/budget-zero.json");
        const auto imported = m_page->importFile(file);
        QVERIFY(!imported);
        const QString banner = m_page->banner()->text();
        QVERIFY(m_page->banner()->isVisible());
        QVERIFY2(banner.contains(u"$.campaigns[0].limits.budget.eur: must be between 1"_s),
                 qPrintable(banner));
        // `remise-server campaigns import` says the same.
        QProcess cli;
        cli.start(QStringLiteral(REMISE_BIN_DIR "/remise-server"),
                  {u"campaigns"_s, u"import"_s, file, u"--db"_s, m_dir.filePath(u"cli.db"_s)});
        QVERIFY(cli.waitForFinished(20'000));
        QVERIFY(cli.exitCode() != 0);
        const QString err = QString::fromUtf8(cli.readAllStandardError()).trimmed();
        QVERIFY(!err.isEmpty());
        // Its lines read "remise-server: CODE: $.path: message": the path and message agree.
        for (const QString &line : err.split(u'\n')) {
            const QString problem = line.mid(line.indexOf(u'$')).trimmed();
            QVERIFY2(line.contains(u'$') && banner.contains(problem),
                     qPrintable(line + u" / "_s + banner));
        }
        QVERIFY(m_store->draftItems().value().isEmpty());
        QCOMPARE(m_store->loadRules().value(), exampleRules());

        // A valid file lands in the draft, not in the live rules.
        const QString good = m_dir.filePath(u"good%1.json"_s.arg(m_files));
        CampaignSet rules = exampleRules();
        rules.campaigns.removeLast();
        QFile out(good);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(campaignfile::write(rules));
        out.close();
        QVERIFY(m_page->importFile(good));
        QCOMPARE(m_page->model()->rowCount(), int(rules.campaigns.size()));
        QCOMPARE(m_store->loadRules().value(), exampleRules());
        QCOMPARE(m_page->draft().book().rules().value(), rules);
    }

    void usageColumnsAgreeWithCampaignsUsage_data()
    {
        // Sessions of Black Friday (500 redemptions at most) and of "10 off over 100" (a
        // budget of 2,000.00 in eur and usd): "<campaign>:<state>:<cents>", where redeemed is
        // a completed session, held a discount on an open session, pending an update in flight.
        QTest::addColumn<QStringList>("operations");
        QTest::addColumn<int>("used");
        QTest::addColumn<int>("held");
        QTest::addColumn<int>("budgetUsed");
        QTest::addColumn<int>("budgetHeld");
        QTest::newRow("nothing yet") << QStringList{} << 0 << 0 << 0 << 0;
        QTest::newRow("redeemed only")
            << QStringList{u"bf-2026:redeemed:3600"_s, u"spend-100:redeemed:1000"_s} << 1 << 0
            << 1000 << 0;
        QTest::newRow("redeemed, held and pending")
            << QStringList{u"bf-2026:redeemed:3600"_s, u"bf-2026:held:2000"_s,
                           u"bf-2026:pending:1800"_s, u"spend-100:held:3000"_s,
                           u"spend-100:redeemed:1000"_s}
            << 1 << 2 << 1000 << 3000;
    }

    void usageColumnsAgreeWithCampaignsUsage()
    {
        QFETCH(QStringList, operations);
        QFETCH(int, used);
        QFETCH(int, held);
        QFETCH(int, budgetUsed);
        QFETCH(int, budgetHeld);
        const qint64 now = m_clock.nowMs();
        for (qsizetype i = 0; i < operations.size(); ++i) {
            const QStringList op = operations.at(i).split(u':');
            const QString session = u"cs_test_usage%1"_s.arg(i);
            const QString decision = u"dec_usage%1"_s.arg(i);
            const QString customer = u"email:buyer%1@example.org"_s.arg(i);
            const QList<ReservationLine> lines{{op.at(0), op.at(2).toLongLong()}};
            if (op.at(1) == u"redeemed") {
                QVERIFY(
                    m_store->commitRedemptions(session, decision, customer, u"eur"_s, lines, now));
            } else {
                QVERIFY(m_store->reserve(session, decision, customer, u"eur"_s, lines, now,
                                         now + 3'600'000));
                if (op.at(1) == u"held")
                    QVERIFY(m_store->confirmReservation(session, decision));
            }
        }
        m_page->reload();
        const auto cell = [this](const QString &id, int column) {
            const int row = m_page->model()->rowOf(id);
            return m_page->model()->index(row, column).data().toString();
        };
        const auto figures = [](const QString &u, const QString &h, bool anyHeld,
                                const QString &limit) {
            return anyHeld ? CampaignListModel::tr("%1 used, %2 held of %3").arg(u, h, limit)
                           : CampaignListModel::tr("%1 of %2").arg(u, limit);
        };
        // Completed redemptions are used; what open sessions hold is said apart, never counted
        // as used (`campaigns usage`: USED, HELD + PENDING).
        QCOMPARE(cell(u"bf-2026"_s, CampaignListModel::Redemptions),
                 figures(QLocale().toString(used), QLocale().toString(held), held > 0,
                         QLocale().toString(500)));
        QCOMPARE(
            cell(u"spend-100"_s, CampaignListModel::Budget),
            figures(formatMoney(budgetUsed, u"eur"_s), formatMoney(budgetHeld, u"eur"_s),
                    budgetHeld > 0, formatMoney(200000, u"eur"_s)) +
                u", "_s +
                figures(formatMoney(0, u"usd"_s), QString(), false, formatMoney(200000, u"usd"_s)));
        QCOMPARE(cell(u"spend-100"_s, CampaignListModel::Redemptions),
                 CampaignListModel::tr("No cap"));
        // Sorting by redemptions counts what is taken: used and held.
        const QModelIndex bf = m_page->model()->index(m_page->model()->rowOf(u"bf-2026"_s),
                                                      CampaignListModel::Redemptions);
        QCOMPARE(bf.data(Qt::EditRole).toLongLong(), qint64(used + held));
    }

    void emptyStateSaysWhatToDo()
    {
        QVERIFY(m_store->replaceRules(CampaignSet{}));
        m_page->reload();
        auto *empty = m_page->findChild<QLabel *>(u"campaignsEmpty"_s);
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(u"Import"_s));
        QVERIFY(!m_page->view()->isVisible());
    }
};

QTEST_MAIN(TestCampaignsPage)
#include "tst_campaignspage.moc"
