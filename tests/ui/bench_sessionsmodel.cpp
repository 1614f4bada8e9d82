// bench_sessionsmodel: the Sessions page's model and filter at 1,000 and 10,000 sessions —
// load (rows from Stripe's JSON into the model, as a refresh does), sort, filter, and the
// memory the rows take. Prints one line per figure.

#include "sessionsmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QScrollBar>
#include <QTableView>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace remise::ui;

namespace {

qint64 residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

QJsonArray stripeSessions(int n)
{
    static const QStringList statuses{u"open"_s, u"complete"_s, u"expired"_s};
    QJsonArray list;
    for (int i = 0; i < n; ++i) {
        const qint64 subtotal = 1000 + (i * 7919) % 90000;
        const qint64 discount = i % 4 ? 0 : subtotal / 10;
        list.append(
            QJsonObject{{u"id"_s, u"cs_test_b1%1bench"_s.arg(i, 6, 10, QChar(u'0'))},
                        {u"object"_s, u"checkout.session"_s},
                        {u"status"_s, statuses.at(i % 3)},
                        {u"currency"_s, i % 5 ? u"eur"_s : u"usd"_s},
                        {u"created"_s, 1'790'000'000 + i * 37},
                        {u"amount_subtotal"_s, subtotal},
                        {u"amount_total"_s, subtotal - discount},
                        {u"total_details"_s, QJsonObject{{u"amount_discount"_s, discount}}},
                        {u"customer_details"_s,
                         QJsonObject{{u"email"_s, u"customer%1@example.org"_s.arg(i % 2500)}}}});
    }
    return list;
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    for (int n : {1'000, 10'000}) {
        const QJsonArray json = stripeSessions(n);
        SessionsModel model;
        SessionsFilterModel proxy;
        proxy.setSourceModel(&model);
        QTableView view;
        view.setModel(&proxy);
        view.setSortingEnabled(true);
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.resize(1000, 700);
        view.show();
        QApplication::processEvents();
        const qint64 before = residentKiB();

        QElapsedTimer t;
        t.start();
        QList<SessionRow> rows;
        rows.reserve(json.size());
        for (const QJsonValue &v : json)
            rows.append(SessionRow::fromStripe(v.toObject()));
        model.setSessions(std::move(rows));
        QApplication::processEvents();
        const double load = ms(t);
        const qint64 after = residentKiB();

        t.restart();
        view.sortByColumn(SessionsModel::Total, Qt::AscendingOrder);
        QApplication::processEvents();
        const double sortTotal = ms(t);
        t.restart();
        view.sortByColumn(SessionsModel::Customer, Qt::DescendingOrder);
        QApplication::processEvents();
        const double sortCustomer = ms(t);

        t.restart();
        proxy.setSearch(u"customer12"_s);
        QApplication::processEvents();
        const double search = ms(t);
        const int matched = proxy.rowCount();
        t.restart();
        proxy.setSearch(QString());
        proxy.setStatus(u"open"_s);
        QApplication::processEvents();
        const double status = ms(t);
        // One status for another, with a session selected (as on the Sessions page).
        view.selectRow(proxy.rowCount() / 2);
        t.restart();
        proxy.setStatus(u"expired"_s);
        QApplication::processEvents();
        const double statusSwitch = ms(t);
        t.restart();
        proxy.setStatus(QString());
        QApplication::processEvents();
        const double clear = ms(t);

        // The same without a view: what the model and the proxy cost by themselves.
        SessionsFilterModel bare;
        bare.setSourceModel(&model);
        // rowCount() makes the proxy build its mapping, which it may leave until asked.
        t.restart();
        bare.sort(SessionsModel::Customer, Qt::DescendingOrder);
        (void)bare.rowCount();
        const double bareSort = ms(t);
        t.restart();
        bare.setStatus(u"open"_s);
        (void)bare.rowCount();
        const double bareStatus = ms(t);
        t.restart();
        bare.setStatus(QString());
        bare.setSearch(u"customer12"_s);
        (void)bare.rowCount();
        const double bareSearch = ms(t);

        t.restart();
        for (int step = 0; step < 50; ++step) {
            view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() * step / 50);
            view.viewport()->repaint();
        }
        const double scroll = ms(t) / 50;

        std::printf("sessions=%d proxy_only: sort_customer_ms=%.1f status_filter_ms=%.1f "
                    "search_ms=%.1f\n",
                    n, bareSort, bareStatus, bareSearch);
        std::printf("sessions=%d load_ms=%.1f sort_total_ms=%.1f sort_customer_ms=%.1f "
                    "search_ms=%.1f (matches %d) status_filter_ms=%.1f status_switch_ms=%.1f "
                    "clear_filter_ms=%.1f scroll_repaint_ms=%.2f rows_rss_kib=%lld\n",
                    n, load, sortTotal, sortCustomer, search, matched, status, statusSwitch, clear,
                    scroll, after - before);
    }
    return 0;
}
