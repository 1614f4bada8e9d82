// The desktop app's models: QAbstractItemModelTester over every change they make, the sessions
// filter (status and search), and the activity CSV lines.

#include "activitymodel.h"
#include "sessionsmodel.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QJsonObject>
#include <QTableView>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::ui;

namespace {
SessionRow row(int i, const QString &status)
{
    SessionRow r;
    r.id = u"cs_test_row%1"_s.arg(i, 5, 10, QChar(u'0'));
    r.status = status;
    r.customer = i % 3 ? u"buyer%1@example.org"_s.arg(i) : QString();
    r.currency = u"eur"_s;
    r.created = 1'790'000'000 + i;
    r.subtotal = 1000 + i * 7 % 5000;
    r.discount = i % 4 ? 0 : 500;
    r.total = r.subtotal - r.discount;
    return r;
}
QList<SessionRow> rows(int n)
{
    static const QStringList statuses{u"open"_s, u"complete"_s, u"expired"_s};
    QList<SessionRow> list;
    for (int i = 0; i < n; ++i)
        list.append(row(i, statuses.at(i % 3)));
    return list;
}
} // namespace

class UiModels : public QObject
{
    Q_OBJECT
private slots:
    void sessionsModelChanges();
    void sessionRowFromStripe();
    void sessionsFilter_data();
    void sessionsFilter();
    void sessionsSortByAmount();
    void sessionsFilterChangeIsOneLayoutChange_data();
    void sessionsFilterChangeIsOneLayoutChange();
    void activityModel();
    void activityCsv_data();
    void activityCsv();
};

void UiModels::sessionsModelChanges()
{
    SessionsModel model;
    SessionsFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(SessionsModel::Total, Qt::DescendingOrder);
    model.setSessions(rows(50));
    QCOMPARE(model.rowCount(), 50);
    // Same ids, one changed: a refresh signals only that row.
    QList<SessionRow> changed = rows(50);
    changed[7].discount = 900;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
    model.setSessions(changed);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(dataChanged.size(), 1);
    QCOMPARE(dataChanged.first().at(0).toModelIndex().row(), 7);
    // A new session goes on top; an update changes its row in place.
    SessionRow fresh = row(999, u"open"_s);
    model.upsert(fresh);
    QCOMPARE(model.rowCount(), 51);
    QCOMPARE(model.index(0, 0).data().toString(), fresh.id);
    fresh.status = u"complete"_s;
    model.upsert(fresh);
    QCOMPARE(model.rowCount(), 51);
    QCOMPARE(model.session(fresh.id)->status, u"complete"_s);
    proxy.setStatus(u"open"_s);
    proxy.setSearch(u"buyer1"_s);
    model.setSessions(rows(10));
    QCOMPARE(model.rowCount(), 10);
    model.setSessions({});
    QCOMPARE(model.rowCount(), 0);
}

void UiModels::sessionRowFromStripe()
{
    const QJsonObject s{{u"id"_s, u"cs_test_x"_s},
                        {u"status"_s, u"open"_s},
                        {u"currency"_s, u"eur"_s},
                        {u"created"_s, 1'790'000'000},
                        {u"amount_subtotal"_s, 18000},
                        {u"amount_total"_s, 14400},
                        {u"total_details"_s, QJsonObject{{u"amount_discount"_s, 3600}}},
                        {u"customer"_s, u"cus_1"_s},
                        {u"customer_details"_s, QJsonObject{{u"email"_s, u"c@example.org"_s}}}};
    const SessionRow r = SessionRow::fromStripe(s);
    QCOMPARE(r.id, u"cs_test_x"_s);
    QCOMPARE(r.customer, u"c@example.org"_s);
    QCOMPARE(r.subtotal, 18000);
    QCOMPARE(r.discount, 3600);
    QCOMPARE(r.total, 14400);
    QJsonObject guest = s;
    guest.remove(u"customer_details"_s);
    guest.remove(u"customer"_s);
    QCOMPARE(SessionRow::fromStripe(guest).customer, QString());
}

void UiModels::sessionsFilter_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("search");
    QTest::newRow("all") << QString() << QString();
    QTest::newRow("open") << u"open"_s << QString();
    QTest::newRow("expired") << u"expired"_s << QString();
    QTest::newRow("id, any case") << QString() << u"ROW0004"_s;
    QTest::newRow("email") << QString() << u"buyer2"_s;
    QTest::newRow("status and email") << u"complete"_s << u"buyer1"_s;
    QTest::newRow("nothing") << u"open"_s << u"nobody"_s;
    QTest::newRow("spaces trimmed") << QString() << u"  row00012 "_s;
}

void UiModels::sessionsFilter()
{
    QFETCH(QString, status);
    QFETCH(QString, search);
    SessionsModel model;
    const QList<SessionRow> all = rows(300);
    model.setSessions(all);
    SessionsFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStatus(status);
    proxy.setSearch(search);
    QStringList expected;
    for (const SessionRow &r : all)
        if ((status.isEmpty() || r.status == status) &&
            (search.trimmed().isEmpty() || r.id.contains(search.trimmed(), Qt::CaseInsensitive) ||
             r.customer.contains(search.trimmed(), Qt::CaseInsensitive)))
            expected.append(r.id);
    QStringList shown;
    for (int i = 0; i < proxy.rowCount(); ++i)
        shown.append(proxy.index(i, 0).data(SessionsModel::IdRole).toString());
    QCOMPARE(shown, expected);
}

void UiModels::sessionsSortByAmount()
{
    SessionsModel model;
    model.setSessions(rows(200));
    SessionsFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(SessionsModel::Total, Qt::AscendingOrder);
    // Numbers, not their text: 99.00 before 100.00.
    qint64 last = -1;
    for (int i = 0; i < proxy.rowCount(); ++i) {
        const qint64 total =
            proxy.index(i, SessionsModel::Total).data(SessionsModel::SortRole).toLongLong();
        QVERIFY(total >= last);
        last = total;
    }
}

void UiModels::sessionsFilterChangeIsOneLayoutChange_data()
{
    // The selected session (row i of rows(): status i % 3 is open, complete, expired) and the
    // filter applied while it is selected, sorted by customer so that the rows a filter drops
    // are scattered over the list.
    QTest::addColumn<int>("selected");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("search");
    QTest::addColumn<bool>("stays");
    QTest::newRow("open, selection kept") << 3000 << u"open"_s << QString() << true;
    QTest::newRow("expired, selection dropped") << 3000 << u"expired"_s << QString() << false;
    QTest::newRow("search, selection kept") << 4001 << QString() << u"buyer4001"_s << true;
    QTest::newRow("search, selection dropped") << 4001 << QString() << u"buyer4002"_s << false;
    QTest::newRow("status and search") << 6 << u"open"_s << u"buyer"_s << false;
}

void UiModels::sessionsFilterChangeIsOneLayoutChange()
{
    QFETCH(int, selected);
    QFETCH(QString, status);
    QFETCH(QString, search);
    QFETCH(bool, stays);
    // 10,000 sessions: a filter change is one layout change of the proxy, not thousands of
    // row removals and insertions the view walks one by one.
    SessionsModel model;
    const QList<SessionRow> all = rows(10'000);
    model.setSessions(all);
    SessionsFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(SessionsModel::Customer, Qt::DescendingOrder);
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString id = all.at(selected).id;
    QModelIndex index;
    for (int i = 0; i < proxy.rowCount() && !index.isValid(); ++i)
        if (proxy.index(i, 0).data(SessionsModel::IdRole).toString() == id)
            index = proxy.index(i, 0);
    QVERIFY(index.isValid());
    view.selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                      QItemSelectionModel::Rows);

    QSignalSpy removed(&proxy, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);
    QSignalSpy layout(&proxy, &QAbstractItemModel::layoutChanged);
    proxy.setStatus(status);
    proxy.setSearch(search);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(layout.size(), (status.isEmpty() ? 0 : 1) + (search.isEmpty() ? 0 : 1));

    // The filter is right, in the view's sort order.
    qsizetype expected = 0;
    for (const SessionRow &r : all)
        expected += (status.isEmpty() || r.status == status) &&
                    (search.isEmpty() || r.id.contains(search, Qt::CaseInsensitive) ||
                     r.customer.contains(search, Qt::CaseInsensitive));
    QCOMPARE(proxy.rowCount(), int(expected));
    for (int i = 1; i < proxy.rowCount(); ++i)
        QVERIFY(
            QString::compare(
                proxy.index(i - 1, SessionsModel::Customer)
                    .data(SessionsModel::SortRole)
                    .toString(),
                proxy.index(i, SessionsModel::Customer).data(SessionsModel::SortRole).toString(),
                Qt::CaseInsensitive) >= 0);

    // The selection follows its session, or goes when the session is filtered out.
    const QModelIndexList selectedRows = view.selectionModel()->selectedRows();
    if (stays) {
        QCOMPARE(selectedRows.size(), 1);
        QCOMPARE(selectedRows.first().data(SessionsModel::IdRole).toString(), id);
        QCOMPARE(view.selectionModel()->currentIndex().data(SessionsModel::IdRole).toString(), id);
    } else {
        QVERIFY(selectedRows.isEmpty());
    }
    // Clearing the filter shows every session again.
    proxy.setStatus(QString());
    proxy.setSearch(QString());
    QCOMPARE(proxy.rowCount(), all.size());
    QCOMPARE(removed.size(), 0);
    QCOMPARE(inserted.size(), 0);
}

void UiModels::activityModel()
{
    ActivityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<ActivityEntry> entries;
    for (int i = 0; i < 20; ++i) {
        ActivityEntry e;
        e.id = 100 - i;
        e.atMs = 1'790'000'000'000 - i * 1000;
        e.actor = u"desktop:claire"_s;
        e.action = u"apply"_s;
        e.sessionId = u"cs_test_%1"_s.arg(i);
        e.outcome = i % 2 ? u"applied"_s : u"failed"_s;
        e.after =
            QJsonObject{{u"amount_off"_s, 500}, {u"currency"_s, u"eur"_s}, {u"name"_s, u"Gold"_s}};
        entries.append(e);
    }
    model.setEntries(entries.mid(0, 10));
    QCOMPARE(model.rowCount(), 10);
    model.append(entries.mid(10));
    QCOMPARE(model.rowCount(), 20);
    QCOMPARE(model.entries().constLast().id, 81);
    QVERIFY(model.index(1, ActivityModel::After).data().toString().contains(u"Gold"_s));
    QCOMPARE(model.index(0, ActivityModel::Before).data().toString(), ActivityModel::tr("None"));
    model.setEntries({});
    QCOMPARE(model.rowCount(), 0);
}

void UiModels::activityCsv_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QByteArray>("field");
    QTest::newRow("plain") << u"ok"_s << QByteArray(",ok\r\n");
    QTest::newRow("comma") << u"a, b"_s << QByteArray(",\"a, b\"\r\n");
    QTest::newRow("quote") << u"say \"hi\""_s << QByteArray(",\"say \"\"hi\"\"\"\r\n");
    QTest::newRow("newline") << u"two\nlines"_s << QByteArray(",\"two\nlines\"\r\n");
    QTest::newRow("formula") << u"=SUM(A1)"_s << QByteArray(",\"'=SUM(A1)\"\r\n");
}

void UiModels::activityCsv()
{
    QFETCH(QString, message);
    QFETCH(QByteArray, field);
    ActivityEntry e;
    e.atMs = 0;
    e.actor = u"cli"_s;
    e.outcome = u"applied"_s;
    e.message = message;
    const QByteArray line = ActivityModel::csvLine(e);
    QVERIFY2(line.endsWith(field), line.constData());
    QCOMPARE(ActivityModel::csvHeader().count(','), 10);
}

QTEST_MAIN(UiModels)
#include "tst_uimodels.moc"
