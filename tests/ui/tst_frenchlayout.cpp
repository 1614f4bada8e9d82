// French is longer than English: with the app's French catalogue installed, the tables of the
// Simulator and Segments pages size their columns from the text, so no header ("Règles en
// vigueur", "Correspondance") and no cell is clipped at an ordinary window size; the Campaigns
// list shares its width between its long columns (their cells cut, whole in the tooltip), but
// no header is cut.

#include "appcontext.h"
#include "application.h"
#include "campaignfile.h"
#include "clock.h"
#include "pages/campaignspage.h"
#include "pages/segmentspage.h"
#include "pages/simulatorpage.h"
#include "sqlitestore.h"

#include <QApplication>
#include <QHeaderView>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::ui;

class TestFrenchLayout : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
    ManualClock m_clock{1'764'320'400'000};
    std::unique_ptr<AppContext> m_context;

    /// Every visible column of `view` at least as wide as its header wants, and, with `cells`,
    /// as its cells want too.
    static void checkNothingClipped(QAbstractItemView *view, QHeaderView *header, bool cells = true)
    {
        QVERIFY(header->count() > 0);
        for (int i = 0; i < header->count(); ++i) {
            if (header->isSectionHidden(i))
                continue;
            const QString title =
                view->model()->headerData(i, Qt::Horizontal, Qt::DisplayRole).toString();
            QVERIFY2(header->sectionSize(i) >= header->sectionSizeHint(i),
                     qPrintable(u"header \"%1\": %2 px wide, needs %3"_s.arg(title)
                                    .arg(header->sectionSize(i))
                                    .arg(header->sectionSizeHint(i))));
            if (!cells)
                continue;
            const int cellsWant = view->sizeHintForColumn(i);
            QVERIFY2(header->sectionSize(i) >= cellsWant,
                     qPrintable(u"cells of \"%1\": %2 px wide, need %3"_s.arg(title)
                                    .arg(header->sectionSize(i))
                                    .arg(cellsWant)));
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_dir.filePath(u"settings"_s));
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
        installTranslations(*qobject_cast<QApplication *>(QCoreApplication::instance()));
        // The catalogue is the one built into the app.
        QCOMPARE(QCoreApplication::translate("remise::ui::SimulatorPage", "Live rules"),
                 u"Règles en vigueur"_s);
        const QString path = m_dir.filePath(u"remise.db"_s);
        m_store = SqliteStore::open(path).value();
        QVERIFY(m_store->migrate());
        QVERIFY(m_store->replaceRules(
            campaignfile::load(QStringLiteral(REMISE_TEST_DATA "/examples/campaigns.json"))
                .value()));
        m_context.reset(new AppContext{*m_store, path, m_clock});
    }

    void tablesFitTheirFrenchText_data()
    {
        QTest::addColumn<QString>("table");
        QTest::newRow("Simulator: open sessions") << u"simOpenSessions"_s;
        QTest::newRow("Simulator: every campaign's result") << u"simDecision"_s;
        QTest::newRow("Segments: the list") << u"segmentsView"_s;
    }

    void tablesFitTheirFrenchText()
    {
        QFETCH(QString, table);
        std::unique_ptr<QWidget> page;
        if (table.startsWith(u"sim")) {
            auto *simulator = new SimulatorPage(*m_context);
            page.reset(simulator);
            QVERIFY(simulator->loadSessionFile(
                QStringLiteral(REMISE_TEST_DATA "/examples/session-open.json")));
            QVERIFY(simulator->loadCustomerFile(
                QStringLiteral(REMISE_TEST_DATA "/examples/customer-claire.json")));
        } else {
            page.reset(new SegmentsPage(*m_context));
        }
        page->resize(1280, 800);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        if (auto *simulator = qobject_cast<SimulatorPage *>(page.get()))
            QTest::mouseClick(simulator->simulateButton(), Qt::LeftButton);
        QApplication::processEvents();

        auto *view = page->findChild<QTableView *>(table);
        QVERIFY(view);
        QVERIFY(view->isVisible());
        checkNothingClipped(view, view->horizontalHeader());
    }

    void campaignHeadersAreWhole()
    {
        CampaignsPage page(*m_context);
        page.resize(1280, 800); // the page in a 1440 × 900 window
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QApplication::processEvents();
        auto *view = page.findChild<QTableView *>(u"campaignsView"_s);
        QVERIFY(view);
        // Its long columns share the width, their cells cut (whole in the tooltip).
        checkNothingClipped(view, view->horizontalHeader(), false);
    }
};

QTEST_MAIN(TestFrenchLayout)
#include "tst_frenchlayout.moc"
