// The Customers page: imports from CSV and JSON with the command line's merge rules (checked by
// running `remise-server customers import` on the same files and comparing the stored profiles),
// a preview that writes nothing, errors that name the line, and the profiles table.

#include "clock.h"
#include "pages/customerspage.h"
#include "sqlitestore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::ui;

namespace {

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
    return path;
}

bool cliImport(const QString &db, const QString &file, const QStringList &extra = {})
{
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"REMISE_DB"_s, db);
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(REMISE_BIN_DIR "/remise-server"),
              QStringList{u"customers"_s, u"import"_s, file} + extra);
    if (!cli.waitForFinished(20'000))
        return false;
    if (cli.exitCode() != 0)
        qWarning() << cli.readAllStandardError();
    return cli.exitCode() == 0;
}

} // namespace

class TestCustomersPage : public QObject
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

    void importsLikeTheCommandLine()
    {
        // Two databases: one filled by the page, one by `remise-server customers import`.
        const QString appDb = m_dir.filePath(u"app.db"_s), cliDb = m_dir.filePath(u"cli.db"_s);
        auto store = SqliteStore::open(appDb).value();
        QVERIFY(store->migrate());
        QVERIFY(SqliteStore::open(cliDb).value()->migrate());
        AppContext context{*store, appDb, m_clock};
        CustomersPage page(context);
        new QAbstractItemModelTester(page.model(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, &page);
        page.resize(1100, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.findChild<QLabel *>(u"customersEmpty"_s)->isVisible());

        // The full CSV file, a JSON file, then a partial CSV file that sets only some fields (a
        // merge keeps the others).
        const QString full = QStringLiteral(REMISE_TEST_DATA "/cli/customers.csv");
        const QString partial =
            writeFile(m_dir.filePath(u"partial.csv"_s), "email,loyalty_tier,order_count\n"
                                                        "claire.martin@example.org,platinum,\n"
                                                        "new@example.com,,3\n");
        const QString json = QStringLiteral(REMISE_TEST_DATA "/cli/customers.json");
        QSignalSpy finished(&page, &CustomersPage::importFinished);
        int runs = 0;
        for (const QString &file : {full, json, partial}) {
            page.importFile(file, false, false);
            ++runs;
            QTRY_COMPARE(finished.size(), runs);
            QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
            QVERIFY(cliImport(cliDb, file));
        }
        const QList<CustomerProfile> mine = store->customers().value();
        QCOMPARE(mine, SqliteStore::open(cliDb).value()->customers().value());
        // Claire kept her spend and tags, took the new tier.
        const auto claire = store->findCustomer(u"cus_demo_claire"_s, {}).value().value();
        QCOMPARE(claire.loyaltyTier, u"platinum"_s);
        QCOMPARE(claire.lifetimeSpend.value(u"eur"), 84000);
        QCOMPARE(page.model()->rowCount(), int(mine.size()));
        QVERIFY(page.banner()->text().contains(u"changed"_s));

        // A preview writes nothing but says what would change.
        const QString more =
            writeFile(m_dir.filePath(u"more.json"_s), R"([{"email": "later@example.com"}])");
        page.importFile(more, false, true);
        ++runs;
        QTRY_COMPARE(finished.size(), runs);
        QVERIFY(page.banner()->text().contains(u"1 created"_s));
        QCOMPARE(store->customers().value(), mine);

        // An error names its line and column, and nothing is written.
        page.importFile(QStringLiteral(REMISE_TEST_DATA "/cli/customers-bad.csv"), false, false);
        ++runs;
        QTRY_COMPARE(finished.size(), runs);
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY2(page.banner()->text().contains(u"customers-bad.csv:3, column order_count"_s),
                 qPrintable(page.banner()->text()));
        QCOMPARE(store->customers().value(), mine);

        // The filter box.
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(page.view()->model());
        proxy->setFilterFixedString(u"guest"_s);
        QCOMPARE(proxy->rowCount(), 1);
    }
};

QTEST_MAIN(TestCustomersPage)
#include "tst_customerspage.moc"
