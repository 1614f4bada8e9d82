// The Activity page's CSV export: it runs in a worker thread, writes a header and one record per
// matching entry (fields with commas, quotes and line breaks quoted as RFC 4180 says, read back
// by a parser of its own here), and a cancelled or failed export leaves no file, or the file
// that was there, untouched.

#include "activitymodel.h"
#include "activitypage.h"
#include "appcontext.h"
#include "clock.h"
#include "sqlitestore.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::ui;

namespace {

/// RFC 4180 records: fields separated by commas, records by CRLF, a quoted field may hold
/// commas, doubled quotes and line breaks. Written independently of ActivityModel::csvLine.
QList<QStringList> parseCsv(const QByteArray &bytes, bool *wellFormed)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    bool wasQuoted = false;
    *wellFormed = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            if (!field.isEmpty() || wasQuoted)
                *wellFormed = false; // a quote inside an unquoted field
            quoted = wasQuoted = true;
        } else if (c == u',') {
            record.append(field);
            field.clear();
            wasQuoted = false;
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            record.append(field);
            records.append(record);
            record.clear();
            field.clear();
            wasQuoted = false;
            ++i;
        } else if (c == u'\r' || c == u'\n') {
            *wellFormed = false; // a bare line break outside quotes
            field += c;
        } else {
            if (wasQuoted)
                *wellFormed = false; // text after a closing quote
            field += c;
        }
    }
    if (quoted || !field.isEmpty() || !record.isEmpty())
        *wellFormed = false; // the last record must end with CRLF
    return records;
}

ActivityEntry entry(int i, const QString &message)
{
    static const QStringList outcomes{u"applied"_s, u"failed"_s, u"unchanged"_s};
    ActivityEntry e;
    e.atMs = 1'790'000'000'000 + qint64(i) * 1000;
    e.actor = i % 2 ? u"desktop:claire"_s : u"service"_s;
    e.action = u"apply"_s;
    e.sessionId = u"cs_test_export%1"_s.arg(i, 5, 10, QChar(u'0'));
    e.decisionId = u"dec_%1"_s.arg(i);
    e.stripeRequestId = u"req_%1"_s.arg(i);
    e.latencyMs = 100 + i;
    e.outcome = outcomes.at(i % outcomes.size());
    e.message = message;
    if (e.outcome == u"applied")
        e.after = QJsonObject{
            {u"amount_off"_s, 500}, {u"currency"_s, u"eur"_s}, {u"name"_s, u"Gold, \"VIP\""_s}};
    return e;
}

} // namespace

class TestActivityExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_databases = 0;
    ManualClock m_clock{1'795'000'000'000};

    /// A fresh database holding `messages.size()` entries, the i-th with messages[i].
    std::pair<QString, std::unique_ptr<SqliteStore>> database(const QStringList &messages)
    {
        const QString path = m_dir.filePath(u"remise%1.db"_s.arg(++m_databases));
        auto store = SqliteStore::open(path).value();
        if (!store->migrate())
            qFatal("cannot migrate %s", qPrintable(path));
        for (int i = 0; i < messages.size(); ++i)
            if (!store->appendActivity(entry(i, messages.at(i))))
                qFatal("cannot append activity");
        return {path, std::move(store)};
    }

    static QStringList plainMessages(int n)
    {
        QStringList messages;
        for (int i = 0; i < n; ++i)
            messages.append(u"entry %1"_s.arg(i));
        return messages;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_dir.filePath(u"settings"_s));
    }

    void writesAHeaderAndOneRecordPerEntry_data()
    {
        QTest::addColumn<QStringList>("messages");
        QTest::addColumn<QString>("outcome"); // the page's outcome filter; empty for all
        QTest::newRow("empty log") << QStringList{} << QString();
        QTest::newRow("commas, quotes, line breaks") << QStringList{u"plain"_s,
                                                                    u"a, b, c"_s,
                                                                    u"she said \"no\""_s,
                                                                    u"two\nlines"_s,
                                                                    u"crlf\r\ninside"_s,
                                                                    u"\"quoted\", and\nbroken"_s,
                                                                    u"=HYPERLINK(\"x\")"_s,
                                                                    u"ünïcödé €"_s,
                                                                    QString()}
                                                     << QString();
        QTest::newRow("failed only, over several pages") << plainMessages(3'500) << u"failed"_s;
        QTest::newRow("every entry, several pages") << plainMessages(2'001) << QString();
    }

    void writesAHeaderAndOneRecordPerEntry()
    {
        QFETCH(QStringList, messages);
        QFETCH(QString, outcome);
        auto [path, store] = database(messages);
        AppContext context{*store, path, m_clock};
        ActivityPage page(context);
        auto *filter = page.findChild<QComboBox *>(u"outcomeFilter"_s);
        QVERIFY(filter);
        filter->setCurrentIndex(filter->findData(outcome));
        QVERIFY(filter->currentIndex() >= 0);

        const QString target = m_dir.filePath(u"export%1.csv"_s.arg(m_databases));
        QSignalSpy finished(&page, &ActivityPage::exportFinished);
        QThread *worker = nullptr;
        connect(
            &page, &ActivityPage::exportProgress, this,
            [&worker](qint64) { worker = QThread::currentThread(); }, Qt::DirectConnection);
        page.exportCsvTo(target);
        // The work is not done on the calling (UI) thread: nothing is finished on return.
        QVERIFY(finished.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30'000);
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
        QVERIFY(worker && worker != QThread::currentThread());

        // The entries the export must hold: the filter's, newest first.
        QList<ActivityEntry> expected;
        for (int i = int(messages.size()) - 1; i >= 0; --i) {
            const ActivityEntry e = entry(i, messages.at(i));
            if (outcome.isEmpty() || e.outcome == outcome)
                expected.append(e);
        }
        QCOMPARE(finished.first().at(1).toLongLong(), qint64(expected.size()));

        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        bool wellFormed = false;
        const QList<QStringList> records = parseCsv(file.readAll(), &wellFormed);
        QVERIFY(wellFormed);
        QCOMPARE(records.size(), expected.size() + 1);
        QCOMPARE(records.first(),
                 (QStringList{u"time"_s, u"actor"_s, u"action"_s, u"session"_s, u"outcome"_s,
                              u"before"_s, u"after"_s, u"stripe_request_id"_s, u"latency_ms"_s,
                              u"decision_id"_s, u"message"_s}));
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const ActivityEntry &e = expected.at(i);
            const QStringList &r = records.at(i + 1);
            QCOMPARE(r.size(), 11);
            QCOMPARE(QDateTime::fromString(r.at(0), Qt::ISODateWithMs).toMSecsSinceEpoch(), e.atMs);
            QCOMPARE(r.at(1), e.actor);
            QCOMPARE(r.at(3), e.sessionId);
            QCOMPARE(r.at(4), e.outcome);
            QCOMPARE(r.at(5), QString());
            if (e.after.isEmpty())
                QCOMPARE(r.at(6), QString());
            else
                QVERIFY2(r.at(6).contains(u"\"name\":\"Gold, \\\"VIP\\\"\""_s),
                         qPrintable(r.at(6)));
            QCOMPARE(r.at(7), e.stripeRequestId);
            QCOMPARE(r.at(8), QString::number(e.latencyMs));
            QCOMPARE(r.at(9), e.decisionId);
            // A formula is kept as text behind an apostrophe; everything else as it was.
            const QString message = e.message.startsWith(u'=') ? u"'"_s + e.message : e.message;
            QCOMPARE(r.at(10), message);
        }
    }

    void cancelLeavesNoHalfFile_data()
    {
        QTest::addColumn<QByteArray>("before"); // the file's content before; null: no file
        QTest::newRow("no file before") << QByteArray();
        QTest::newRow("an older export stays as it was") << QByteArray("time,actor\r\nold\r\n");
    }

    void cancelLeavesNoHalfFile()
    {
        QFETCH(QByteArray, before);
        auto [path, store] = database(plainMessages(3'500)); // four pages of 1,000
        AppContext context{*store, path, m_clock};
        ActivityPage page(context);
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QString target = out.filePath(u"activity.csv"_s);
        if (!before.isNull()) {
            QFile file(target);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(before);
        }
        // Cancel as soon as the first page is written, from the worker itself: the export is
        // then surely half done.
        QSignalSpy finished(&page, &ActivityPage::exportFinished);
        qint64 written = 0;
        connect(
            &page, &ActivityPage::exportProgress, this,
            [&page, &written](qint64 rows) {
                if (!written)
                    page.cancelExport();
                written = rows;
            },
            Qt::DirectConnection);
        page.exportCsvTo(target);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30'000);
        QCOMPARE(written, 1000);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(finished.first().at(2).toString(), ActivityPage::tr("Export cancelled."));
        if (before.isNull()) {
            QVERIFY(!QFile::exists(target));
        } else {
            QFile file(target);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), before);
        }
        // No temporary file is left behind either.
        const QStringList left = QDir(out.path()).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(left, before.isNull() ? QStringList() : QStringList{u"activity.csv"_s});

        // The next export, not cancelled, writes the whole file.
        finished.clear();
        written = -1; // do not cancel again
        page.exportCsvTo(target);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30'000);
        QVERIFY(finished.first().at(0).toBool());
        QCOMPARE(finished.first().at(1).toLongLong(), 3'500);
    }

    void unwritablePathFailsAndSaysWhere()
    {
        auto [path, store] = database(plainMessages(3));
        AppContext context{*store, path, m_clock};
        ActivityPage page(context);
        const QString target = m_dir.filePath(u"no/such/dir/activity.csv"_s);
        QSignalSpy finished(&page, &ActivityPage::exportFinished);
        page.exportCsvTo(target);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30'000);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY2(finished.first().at(2).toString().contains(target),
                 qPrintable(finished.first().at(2).toString()));
        QVERIFY(!QFile::exists(target));
    }
};

QTEST_MAIN(TestActivityExport)
#include "tst_activityexport.moc"
