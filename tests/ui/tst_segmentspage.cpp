// The Segments page driven like a user: a new segment's rules typed in, the live count of the
// local customers who match (checked against the engine), one customer tested, the segment saved
// to the draft and then offered (and used) by the campaign editor.

#include "campaignfile.h"
#include "clock.h"
#include "drafts/publishdialog.h"
#include "draftsession.h"
#include "engine.h"
#include "pages/campaignseditor.h"
#include "pages/campaignspage.h"
#include "pages/segmentspage.h"
#include "sqlitestore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::ui;

namespace {

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

CustomerProfile profile(const QString &id, const QString &email, const QString &tier, qint64 spend)
{
    CustomerProfile p;
    p.id = id;
    p.email = email;
    p.loyaltyTier = tier;
    if (spend)
        p.lifetimeSpend.set(u"eur"_s, spend);
    return p;
}

} // namespace

class TestSegmentsPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{1'764'320'400'000};

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_dir.filePath(u"settings"_s));
    }

    void createsASegmentCountsAndTestsCustomersThenACampaignUsesIt()
    {
        const QString path = m_dir.filePath(u"remise.db"_s);
        auto store = SqliteStore::open(path).value();
        QVERIFY(store->migrate());
        const QList<CustomerProfile> customers = {
            profile(u"cus_a"_s, u"ann@example.org"_s, u"gold"_s, 120000),
            profile(u"cus_b"_s, u"bob@example.org"_s, u"silver"_s, 5000),
            profile(u"cus_c"_s, u"cid@example.org"_s, u"platinum"_s, 0),
            profile({}, u"guest@example.net"_s, {}, 0),
        };
        QVERIFY(store->importCustomers(customers));
        AppContext context{*store, path, m_clock};

        SegmentsPage page(context);
        new QAbstractItemModelTester(page.model(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, &page);
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.findChild<QLabel *>(u"segmentsEmpty"_s)->isVisible());

        click(&page, page.newAction());
        QTest::keyClicks(page.idEdit(), u"vip"_s);
        QTest::keyClicks(page.nameEdit(), u"Gold and platinum"_s);
        QTest::mouseClick(page.rulesEdit()->findChild<QPushButton *>(u"addRule"_s), Qt::LeftButton);
        QCOMPARE(page.rulesEdit()->count(), 1);
        auto *op = page.rulesEdit()->findChild<QComboBox *>(u"op"_s);
        op->setCurrentIndex(op->findData(u"in"_s));
        auto *value = page.rulesEdit()->findChild<QLineEdit *>(u"value"_s);
        QTest::keyClicks(value, u"gold, platinum"_s);
        QVERIFY2(page.problems()->isHidden(), qPrintable(page.problems()->text()));

        // The live count, as the engine's segment matcher says.
        const Segment segment = campaignfile::parseSegment(page.segment()).value();
        const Engine engine(CampaignSet{{segment}, {}});
        int expected = 0;
        for (const CustomerProfile &p : customers) {
            SessionSnapshot s;
            s.customerId = p.id;
            s.customerEmail = p.email;
            expected += engine.segmentMatches(u"vip", CustomerContext::build(s, p), u"eur") ? 1 : 0;
        }
        QCOMPARE(expected, 2);
        QCOMPARE(page.matchingCount(), expected);
        QVERIFY(page.countLabel()->text().contains(u"2"_s));

        // Test one customer.
        page.testCustomerBox()->setCurrentIndex(
            page.testCustomerBox()->findText(u"bob@example.org"_s));
        QVERIFY(page.testResult()->text().contains(u"does not match"_s));
        page.testCustomerBox()->setCurrentIndex(
            page.testCustomerBox()->findText(u"ann@example.org"_s));
        QVERIFY(page.testResult()->text().contains(u"matches"_s));
        QVERIFY(!page.testResult()->text().contains(u"not"_s));

        // One more rule makes it `all`-impossible to satisfy for everyone but Ann; undo it.
        QTest::mouseClick(page.rulesEdit()->findChild<QPushButton *>(u"addRule"_s), Qt::LeftButton);
        QCOMPARE(page.rulesEdit()->count(), 2);
        QTest::keyClick(page.idEdit(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(page.rulesEdit()->count(), 1);

        // An impossible value is shown with its path.
        value = page.rulesEdit()->findChild<QLineEdit *>(u"value"_s);
        value->selectAll();
        QTest::keyClick(value, Qt::Key_Backspace);
        QVERIFY(page.problems()->isVisible());
        QVERIFY2(page.problems()->text().contains(u"$.segments[0].rules[0].value"_s),
                 qPrintable(page.problems()->text()));
        QVERIFY(!page.saveAction()->isEnabled());
        QTest::keyClicks(value, u"gold, platinum"_s);
        QVERIFY(page.saveAction()->isEnabled());
        click(&page, page.saveAction());
        QCOMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->index(0, SegmentListModel::Customers).data().toString(), u"2"_s);
        QVERIFY(store->loadRules().value().segments.isEmpty()); // a draft until published

        // The campaign editor offers the draft's new segment; a campaign using it saves.
        CampaignsPage campaigns(context);
        campaigns.show();
        click(&campaigns, campaigns.newAction());
        QTest::keyClicks(campaigns.editor()->findChild<QLineEdit *>(u"campaignId"_s), u"vip-5"_s);
        QTest::keyClicks(campaigns.editor()->findChild<QLineEdit *>(u"campaignName"_s),
                         u"VIP 5%"_s);
        auto *list = campaigns.editor()->findChild<QListWidget *>(u"campaignSegments"_s);
        QCOMPARE(list->count(), 1);
        list->setFocus();
        list->setCurrentRow(0);
        QTest::keyClick(list->viewport(), Qt::Key_Space);
        click(&campaigns, campaigns.saveAction());
        const CampaignSet draft = campaigns.draft().book().rules().value();
        QCOMPARE(draft.campaign(u"vip-5")->conditions.segments.value(), QStringList{u"vip"_s});
        QCOMPARE(draft.segment(u"vip")->rules.size(), 1);

        // Published together, in one transaction.
        click(&campaigns, campaigns.publishAction());
        auto *dialog = campaigns.findChild<PublishDialog *>();
        QTRY_VERIFY(!dialog->isComputing());
        QTest::mouseClick(dialog->publishButton(), Qt::LeftButton);
        const CampaignSet live = store->loadRules().value();
        QVERIFY(live.segment(u"vip"));
        QCOMPARE(live.campaign(u"vip-5")->conditions.segments.value(), QStringList{u"vip"_s});
    }

    void segmentsPublishedElsewhereShowUp()
    {
        // `campaigns import` (or another desktop) publishes a segment while the page is open.
        const QString path = m_dir.filePath(u"elsewhere.db"_s);
        auto store = SqliteStore::open(path).value();
        QVERIFY(store->migrate());
        AppContext context{*store, path, m_clock};
        SegmentsPage page(context);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(page.model()->rowCount(), 0);

        auto other = SqliteStore::open(path).value();
        const auto rules = campaignfile::parse(
            R"({"format": "remise/1", "campaigns": [], "segments": [
                 {"id": "members", "name": "Members", "match": "all",
                  "rules": [{"field": "loyalty_tier", "op": "eq", "value": "gold"}]}]})",
            u"elsewhere"_s);
        QVERIFY2(rules, rules ? "" : qPrintable(rules.error().describe()));
        QVERIFY(other->replaceRules(*rules));
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOf(u"members"_s) >= 0, 10'000);
        auto *message = page.findChild<QLabel *>(u"segmentsMessage"_s);
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(u"changed outside this window"_s),
                 qPrintable(message->text()));
    }
};

QTEST_MAIN(TestSegmentsPage)
#include "tst_segmentspage.moc"
