// Runs the built remise-server binary as a user would and checks its output, exit status and
// effects on the database.

#include "campaignfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

const QString examples = QStringLiteral(REMISE_TEST_DATA "/examples/");
const QString cliData = QStringLiteral(REMISE_TEST_DATA "/cli/");

Run remiseServer(const QStringList &arguments, const QString &db = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"REMISE_DB"_s);
    if (!db.isEmpty())
        env.insert(u"REMISE_DB"_s, db);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(REMISE_BIN_DIR "/remise-server"), arguments);
    if (!process.waitForFinished(60'000)) {
        process.kill();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

QJsonValue parseJson(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << error.errorString() << bytes.left(500);
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

QJsonValue readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return parseJson(file.readAll());
}

const QStringList workedExample = {u"simulate"_s,
                                   u"--campaigns"_s,
                                   examples + u"campaigns.json"_s,
                                   u"--session"_s,
                                   examples + u"session-open.json"_s,
                                   u"--customer"_s,
                                   examples + u"customer-claire.json"_s,
                                   u"--now"_s,
                                   u"2026-11-28T12:00:00+01:00"_s};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void simulatePrintsTheWorkedExample()
    {
        const Run run = remiseServer(workedExample);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        QCOMPARE(parseJson(run.out), readJson(examples + u"decision-expected.json"_s));
    }

    void simulateWithACode()
    {
        // Claire has ordered before, so the welcome code is refused for that reason.
        const Run run = remiseServer(workedExample + QStringList{u"--code"_s, u" welcome10 "_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray campaigns = parseJson(run.out)[u"campaigns"].toArray();
        QJsonObject welcome;
        for (const QJsonValue &c : campaigns)
            if (c[u"id"].toString() == u"welcome10")
                welcome = c.toObject();
        QCOMPARE(welcome[u"reason"].toString(), u"not_first_order"_s);
    }

    void simulateRefusesBadInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");

        const QString campaigns = examples + u"campaigns.json"_s;
        const QString session = examples + u"session-open.json"_s;
        QTest::newRow("no rules") << QStringList{u"simulate"_s, u"--session"_s, session} << 2
                                  << u"exactly one of --campaigns"_s;
        QTest::newRow("two sources of rules")
            << QStringList{u"simulate"_s, u"--campaigns"_s, campaigns, u"--db"_s,
                           u"x.db"_s,     u"--session"_s,   session}
            << 2 << u"exactly one of --campaigns"_s;
        QTest::newRow("no session")
            << QStringList{u"simulate"_s, u"--campaigns"_s, campaigns} << 2 << u"--session"_s;
        QTest::newRow("unknown option")
            << QStringList{u"simulate"_s, u"--campaign"_s, campaigns} << 2 << u"campaign"_s;
        QTest::newRow("missing session file")
            << QStringList{u"simulate"_s, u"--campaigns"_s, campaigns, u"--session"_s,
                           u"/nonexistent/s.json"_s}
            << 1 << u"cannot read /nonexistent/s.json"_s;
        QTest::newRow("session without currency")
            << QStringList{u"simulate"_s, u"--campaigns"_s, campaigns, u"--session"_s,
                           examples + u"stripe-fixtures/checkout.session.json"_s}
            << 1 << u"session.currency"_s;
        QTest::newRow("not a session")
            << QStringList{u"simulate"_s, u"--campaigns"_s, campaigns, u"--session"_s,
                           examples + u"stripe-fixtures/coupon.json"_s}
            << 1 << u"expected a Checkout Session"_s;
        QTest::newRow("time without offset")
            << QStringList{u"simulate"_s,           u"--campaigns"_s, campaigns,
                           u"--session"_s,          session,          u"--now"_s,
                           u"2026-11-28T12:00:00"_s}
            << 2 << u"with an offset"_s;
        QTest::newRow("invalid rules")
            << QStringList{u"simulate"_s, u"--campaigns"_s, cliData + u"customers.json"_s,
                           u"--session"_s, session}
            << 1 << u"$.customers"_s;
        QTest::newRow("invalid customer") << QStringList{u"simulate"_s,
                                                         u"--campaigns"_s,
                                                         campaigns,
                                                         u"--session"_s,
                                                         session,
                                                         u"--customer"_s,
                                                         examples + u"session-open.json"_s}
                                          << 1 << u"unknown key"_s;
    }

    void simulateRefusesBadInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run run = remiseServer(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    }

    void simulateFromTheDatabaseFindsTheProfile()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"remise.db"_s);
        QCOMPARE(remiseServer({u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s}, db)
                     .exitCode,
                 0);
        QCOMPARE(
            remiseServer({u"customers"_s, u"import"_s, cliData + u"customers.csv"_s}, db).exitCode,
            0);
        // No --customer: Claire's profile comes from the database, matched by customer id.
        const Run run = remiseServer({u"simulate"_s, u"--db"_s, db, u"--session"_s,
                                      examples + u"session-open.json"_s, u"--now"_s,
                                      u"2026-11-28T12:00:00+01:00"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(parseJson(run.out), readJson(examples + u"decision-expected.json"_s));
    }

    void campaignsRoundTripThroughTheDatabase()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"remise.db"_s);
        const Run imported =
            remiseServer({u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s}, db);
        QCOMPARE(imported.exitCode, 0);
        QVERIFY(imported.out.contains("Imported 2 segments and 6 campaigns"));

        const Run exported = remiseServer({u"campaigns"_s, u"export"_s}, db);
        QCOMPARE(exported.exitCode, 0);
        const auto original = remise::campaignfile::load(examples + u"campaigns.json"_s);
        const auto roundTripped = remise::campaignfile::parse(exported.out, u"export"_s);
        QVERIFY(original && roundTripped);
        QVERIFY(*original == *roundTripped);

        // Exporting to a file writes the same bytes.
        const QString file = dir.filePath(u"out.json"_s);
        QCOMPARE(remiseServer({u"campaigns"_s, u"export"_s, file}, db).exitCode, 0);
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), exported.out);
    }

    void aFailedImportChangesNothing()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"remise.db"_s);
        QCOMPARE(remiseServer({u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s}, db)
                     .exitCode,
                 0);
        const QByteArray before = remiseServer({u"campaigns"_s, u"export"_s}, db).out;

        const Run bad =
            remiseServer({u"campaigns"_s, u"import"_s, cliData + u"customers.json"_s}, db);
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("$.format"), bad.err.constData());
        QCOMPARE(remiseServer({u"campaigns"_s, u"export"_s}, db).out, before);
    }

    void lintTheExampleIsClean()
    {
        const Run run = remiseServer({u"campaigns"_s, u"lint"_s, examples + u"campaigns.json"_s,
                                      u"--now"_s, u"2026-11-28T12:00:00+01:00"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("No problems found in 6 campaigns"), run.out.constData());
    }

    void lintSeesAnEndedCampaign()
    {
        const Run run = remiseServer({u"campaigns"_s, u"lint"_s, examples + u"campaigns.json"_s,
                                      u"--now"_s, u"2026-12-01T00:00:00+01:00"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("warning: $.campaigns[2].ends_at (bf-2026) unreachable"),
                 run.out.constData());
    }

    void lintReportsEveryKindOfProblem()
    {
        const Run run = remiseServer({u"campaigns"_s, u"lint"_s, cliData + u"lint-problems.json"_s,
                                      u"--now"_s, u"2026-11-28T12:00:00+01:00"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 1);
        QStringList found;
        for (const QJsonValue &f : parseJson(run.out)[u"findings"].toArray()) {
            const QString prefix = f[u"severity"].toString() == u"info" ? u"info:"_s : QString();
            found.append(prefix + f[u"code"].toString() + u' ' + f[u"path"].toString() + u' ' +
                         f[u"subject"].toString());
        }
        QFile expectedFile(cliData + u"lint-problems.expected"_s);
        QVERIFY(expectedFile.open(QIODevice::ReadOnly));
        const QStringList expected =
            QString::fromUtf8(expectedFile.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(found, expected);
    }

    void lintRefusesAnInvalidFile()
    {
        const Run run = remiseServer({u"campaigns"_s, u"lint"_s, cliData + u"customers.csv"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("not valid JSON"), run.err.constData());
    }

    void customersImport_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("csv") << u"customers.csv"_s << 0 << u"Imported 3 customer profiles"_s;
        QTest::newRow("json") << u"customers.json"_s << 0 << u"Imported 2 customer profiles"_s;
        QTest::newRow("bad csv") << u"customers-bad.csv"_s << 1
                                 << u"customers-bad.csv:3, column order_count"_s;
        QTest::newRow("rules are not customers")
            << u"lint-problems.json"_s << 1 << u"unknown key"_s;
    }

    void customersImport()
    {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const Run run =
            remiseServer({u"customers"_s, u"import"_s, cliData + file}, dir.filePath(u"r.db"_s));
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(exitCode == 0 ? run.out : run.err).contains(expected),
                 QByteArray(run.out + run.err).constData());
    }

    void databaseMaintenance()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"remise.db"_s);
        const Run migrated = remiseServer({u"db"_s, u"migrate"_s, u"--db"_s, db});
        QCOMPARE(migrated.exitCode, 0);
        QVERIFY2(migrated.out.contains("from schema version 0"), migrated.out.constData());
        const Run again = remiseServer({u"db"_s, u"migrate"_s, u"--db"_s, db});
        QVERIFY2(again.out.contains("up to date"), again.out.constData());

        QCOMPARE(remiseServer(
                     {u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s, u"--db"_s, db})
                     .exitCode,
                 0);
        const Run checked = remiseServer({u"db"_s, u"check"_s, u"--db"_s, db});
        QCOMPARE(checked.exitCode, 0);
        QVERIFY(checked.out.trimmed().endsWith(": ok"));

        const QString copy = dir.filePath(u"copy.db"_s);
        QCOMPARE(remiseServer({u"db"_s, u"backup"_s, copy, u"--db"_s, db}).exitCode, 0);
        // The copy is a database holding the same rules.
        QCOMPARE(remiseServer({u"campaigns"_s, u"export"_s, u"--db"_s, copy}).out,
                 remiseServer({u"campaigns"_s, u"export"_s, u"--db"_s, db}).out);
        // Never overwrites.
        const Run overwrite = remiseServer({u"db"_s, u"backup"_s, copy, u"--db"_s, db});
        QCOMPARE(overwrite.exitCode, 1);
        QVERIFY(!overwrite.err.isEmpty());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("nothing") << QStringList{} << 2;
        QTest::newRow("help") << QStringList{u"--help"_s} << 0;
        QTest::newRow("command help") << QStringList{u"simulate"_s, u"--help"_s} << 0;
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << 2;
        QTest::newRow("campaigns without subcommand") << QStringList{u"campaigns"_s} << 2;
        QTest::newRow("db unknown subcommand") << QStringList{u"db"_s, u"vacuum"_s} << 2;
        QTest::newRow("import without file") << QStringList{u"campaigns"_s, u"import"_s} << 2;
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QTemporaryDir dir;
        const Run run = remiseServer(arguments, dir.filePath(u"r.db"_s));
        QCOMPARE(run.exitCode, exitCode);
        if (exitCode == 0)
            QVERIFY(run.out.contains("Usage: remise-server"));
        else
            QVERIFY2(run.err.contains("--help"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
