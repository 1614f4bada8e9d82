// The remise-server command line, run in-process through cli::run() with buffers, an
// environment of the test's own and real SQLite files; a few checks spawn the built binaries
// (exit status, --version, what reaches a real stderr).
#include "cliharness.h"

using namespace clitest;

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    // --- simulate ---------------------------------------------------------------------------

    void simulatePrintsTheWorkedExample()
    {
        const Run run = cli(workedExample);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        QCOMPARE(parseJson(run.out), readJson(examples + u"decision-expected.json"_s));
        // --json is accepted (the output is a JSON document either way).
        QCOMPARE(cli(workedExample + QStringList{u"--json"_s}).out, run.out);
    }

    void simulateWithACode()
    {
        // Claire has ordered before, so the welcome code is refused for that reason.
        const Run run = cli(workedExample + QStringList{u"--code"_s, u" welcome10 "_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(campaignIn(run.out, u"welcome10"_s)[u"reason"].toString(), u"not_first_order"_s);
    }

    void dashVIsAnOptionOnlyWhereItStands()
    {
        // "-v" as the value of --code is the code, not --verbose.
        const Run run = cli(workedExample + QStringList{u"--code"_s, u"-v"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(campaignIn(run.out, u"welcome10"_s)[u"reason"].toString() != u"code_missing"_s,
                 run.out.constData());
        // And it still means --verbose before or after the command.
        QCOMPARE(cli(QStringList{u"-v"_s} + workedExample).exitCode, 0);
        QCOMPARE(cli(workedExample + QStringList{u"-v"_s}).exitCode, 0);
    }

    void simulateRefusesBadInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");

        const QString campaigns = examples + u"campaigns.json"_s;
        const QString session = examples + u"session-open.json"_s;
        QTest::newRow("two sources of rules")
            << QStringList{u"simulate"_s, u"--campaigns"_s, campaigns, u"--db"_s,
                           u"x.db"_s,     u"--session"_s,   session}
            << 2 << u"not both"_s;
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
        QTest::newRow("two files from stdin")
            << QStringList{u"simulate"_s, u"--campaigns"_s, u"-"_s, u"--session"_s, u"-"_s} << 2
            << u"only one file"_s;
    }

    void simulateRefusesBadInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run run = cli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    }

    void simulateFromTheDatabaseFindsTheProfile_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("--db after") << u"after"_s;
        QTest::newRow("--db before") << u"before"_s;
        QTest::newRow("REMISE_DB") << u"env"_s;
    }

    void simulateFromTheDatabaseFindsTheProfile()
    {
        QFETCH(QString, how);
        QTemporaryDir dir;
        const QString db = exampleDatabase(dir, true);
        QVERIFY(!db.isEmpty());
        // No --customer: Claire's profile comes from the database, matched by customer id.
        const QStringList simulate{u"simulate"_s, u"--session"_s, examples + u"session-open.json"_s,
                                   u"--now"_s, u"2026-11-28T12:00:00+01:00"_s};
        const Run run = how == u"after"    ? cli(simulate + QStringList{u"--db"_s, db})
                        : how == u"before" ? cli(QStringList{u"--db"_s, db} + simulate)
                                           : cli(simulate, db);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(parseJson(run.out), readJson(examples + u"decision-expected.json"_s));
    }

    void simulateReadsStandardInput()
    {
        const QStringList arguments{u"simulate"_s,
                                    u"--campaigns"_s,
                                    examples + u"campaigns.json"_s,
                                    u"--session"_s,
                                    u"-"_s,
                                    u"--customer"_s,
                                    examples + u"customer-claire.json"_s,
                                    u"--now"_s,
                                    u"2026-11-28T12:00:00+01:00"_s};
        const Run run = cli(arguments, {}, {{}, readAll(examples + u"session-open.json"_s), false});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(parseJson(run.out), readJson(examples + u"decision-expected.json"_s));
    }

    // --now takes what ISO 8601 allows, six fractional digits as Python writes them included
    // (the same parser as campaign files: core/base/timestamp.h).
    void nowTakesAnyFractionalDigits()
    {
        // The worked example's moment, in UTC with six fractional digits.
        QStringList arguments = workedExample;
        QCOMPARE(arguments.at(arguments.size() - 2), u"--now"_s);
        arguments.last() = u"2026-11-28T11:00:00.000000+00:00"_s;
        const Run run = cli(arguments);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(parseJson(run.out), readJson(examples + u"decision-expected.json"_s));
    }

    // --- a missing or outdated database is never created or migrated by surprise -----------

    void commandsThatReadRefuseAMissingDatabase_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("how");
        const QStringList simulate{u"simulate"_s, u"--session"_s,
                                   examples + u"session-open.json"_s};
        const QList<std::pair<const char *, QStringList>> commands{
            {"apply", {u"apply"_s, u"cs_test_a1Qx7demo0001"_s}},
            {"apply dry run", {u"apply"_s, u"cs_test_a1Qx7demo0001"_s, u"--dry-run"_s}},
            {"simulate", simulate},
            {"campaigns export", {u"campaigns"_s, u"export"_s}},
            {"campaigns usage", {u"campaigns"_s, u"usage"_s}},
            {"campaigns import dry run",
             {u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s, u"--dry-run"_s}},
            {"customers import dry run",
             {u"customers"_s, u"import"_s, cliData + u"customers.csv"_s, u"--dry-run"_s}},
            {"db check", {u"db"_s, u"check"_s}},
            {"db backup", {u"db"_s, u"backup"_s, u"/tmp/remise-never-written.db"_s}},
            {"reconcile", {u"reconcile"_s}},
        };
        for (const auto &[name, arguments] : commands)
            for (const QString &how : {u"REMISE_DB"_s, u"--db"_s})
                QTest::addRow("%s, %s", name, qPrintable(how)) << arguments << how;
    }

    void commandsThatReadRefuseAMissingDatabase()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, how);
        if (arguments.first() == u"reconcile" && cli({u"reconcile"_s, u"--help"_s}).exitCode != 0)
            QSKIP("reconcile is not in this build");
        QTemporaryDir dir;
        // A typo in a directory name: neither the file nor its folders may appear.
        const QString db = dir.filePath(u"typo/remise.db"_s);
        const Options options{{{u"REMISE_STRIPE_SECRET_KEY"_s, u"sk_test_x"_s},
                               {u"REMISE_STRIPE_API_BASE"_s, u"http://127.0.0.1:9"_s}},
                              {},
                              false};
        const Run run = how == u"--db" ? cli(arguments + QStringList{u"--db"_s, db}, {}, options)
                                       : cli(arguments, db, options);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.startsWith(u"remise-server: database_missing: "_s), run.err.constData());
        QVERIFY2(err.contains(db) && err.contains(u"db migrate"_s), run.err.constData());
        QCOMPARE(err.count(u'\n'), 1); // one error, once
        QVERIFY(!QFileInfo::exists(dir.filePath(u"typo"_s)));
        QVERIFY(!QFileInfo::exists(u"/tmp/remise-never-written.db"_s));
    }

    void migrateAndImportsCreateTheDatabase_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("db migrate") << QStringList{u"db"_s, u"migrate"_s};
        QTest::newRow("campaigns import")
            << QStringList{u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s};
        QTest::newRow("customers import")
            << QStringList{u"customers"_s, u"import"_s, cliData + u"customers.json"_s};
    }

    void migrateAndImportsCreateTheDatabase()
    {
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        const QString db = dir.filePath(u"new/remise.db"_s);
        const Run run = cli(arguments, db);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(QFileInfo::exists(db));
        auto store = remise::SqliteStore::open(db);
        QVERIFY(store);
        QCOMPARE(*(*store)->schemaVersion(), remise::Store::latestSchemaVersion());
        // And now the commands that read accept it.
        QCOMPARE(cli({u"db"_s, u"check"_s}, db).exitCode, 0);
    }

    void nothingMigratesImplicitly_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("campaigns export") << QStringList{u"campaigns"_s, u"export"_s};
        QTest::newRow("campaigns import")
            << QStringList{u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s};
        QTest::newRow("customers import")
            << QStringList{u"customers"_s, u"import"_s, cliData + u"customers.csv"_s};
        QTest::newRow("simulate") << QStringList{u"simulate"_s, u"--session"_s,
                                                 examples + u"session-open.json"_s};
        QTest::newRow("apply") << QStringList{u"apply"_s, u"cs_test_a1Qx7demo0001"_s};
        QTest::newRow("db check") << QStringList{u"db"_s, u"check"_s};
    }

    void nothingMigratesImplicitly()
    {
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        const QString db = dir.filePath(u"old.db"_s);
        const int older = remise::Store::latestSchemaVersion() - 1;
        {
            auto store = remise::SqliteStore::open(db);
            QVERIFY(store);
            QVERIFY((*store)->migrateTo(older));
        }
        const Run run =
            cli(arguments, db, {{{u"REMISE_STRIPE_SECRET_KEY"_s, u"sk_test_x"_s}}, {}, false});
        QCOMPARE(run.exitCode, 1);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.contains(u"schema version %1"_s.arg(older)) &&
                     err.contains(u"version %1"_s.arg(remise::Store::latestSchemaVersion())) &&
                     err.contains(u"db migrate"_s),
                 run.err.constData());
        auto store = remise::SqliteStore::open(db);
        QVERIFY(store);
        QCOMPARE(*(*store)->schemaVersion(), older);

        // db migrate is the way.
        const Run migrated = cli({u"db"_s, u"migrate"_s}, db);
        QCOMPARE(migrated.exitCode, 0);
        QVERIFY2(migrated.out.contains("from schema version"), migrated.out.constData());
    }

    void aNewerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"new.db"_s);
        QCOMPARE(cli({u"db"_s, u"migrate"_s}, db).exitCode, 0);
        {
            const QString name = u"tst_cli_newer"_s;
            {
                QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
                raw.setDatabaseName(db);
                QVERIFY(raw.open());
                QSqlQuery query(raw);
                QVERIFY(query.exec(u"SELECT * FROM schema_migrations LIMIT 1"_s));
                QStringList columns;
                for (int i = 0; i < query.record().count(); ++i)
                    columns.append(query.record().fieldName(i));
                query.finish();
                // A row for a version this binary does not know.
                QString sql =
                    u"INSERT INTO schema_migrations (%1) SELECT "_s.arg(columns.join(u','));
                QStringList values;
                for (const QString &c : columns)
                    values.append(c == u"version" ? u"version + 100"_s : c);
                sql +=
                    values.join(u',') + u" FROM schema_migrations ORDER BY version DESC LIMIT 1"_s;
                QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
                raw.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
        for (const QStringList &arguments :
             {QStringList{u"campaigns"_s, u"export"_s}, QStringList{u"db"_s, u"migrate"_s},
              QStringList{u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s}}) {
            const Run run = cli(arguments, db);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains("newer Remise"), run.err.constData());
        }
    }

    // --- lint -------------------------------------------------------------------------------

    void lintTheExampleIsClean()
    {
        const Run run = cli({u"campaigns"_s, u"lint"_s, examples + u"campaigns.json"_s, u"--now"_s,
                             u"2026-11-28T12:00:00+01:00"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("No problems found in 6 campaigns"), run.out.constData());
    }

    void lintSeesAnEndedCampaign()
    {
        const Run run = cli({u"campaigns"_s, u"lint"_s, examples + u"campaigns.json"_s, u"--now"_s,
                             u"2026-12-01T00:00:00+01:00"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("warning: $.campaigns[2].ends_at (bf-2026) unreachable"),
                 run.out.constData());
    }

    void lintReportsEveryKindOfProblem()
    {
        const Run run = cli({u"campaigns"_s, u"lint"_s, cliData + u"lint-problems.json"_s,
                             u"--now"_s, u"2026-11-28T12:00:00+01:00"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 1);
        QStringList found;
        for (const QJsonValue &f : parseJson(run.out)[u"findings"].toArray()) {
            const QString prefix = f[u"severity"].toString() == u"info" ? u"info:"_s : QString();
            found.append(prefix + f[u"code"].toString() + u' ' + f[u"path"].toString() + u' ' +
                         f[u"subject"].toString());
        }
        const QStringList expected =
            QString::fromUtf8(readAll(cliData + u"lint-problems.expected"_s))
                .split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(found, expected);
    }

    // --- conventions ------------------------------------------------------------------------

    void theSameProblemHasTheSameExitStatus_data()
    {
        // A file that cannot be read, or is not what it should be, is a failure (1) whatever
        // the command, never a usage error (2).
        QTest::addColumn<QStringList>("arguments");
        const QString missing = u"/nonexistent/file.json"_s;
        const QString notRules = cliData + u"customers.csv"_s;
        QTest::newRow("lint, missing") << QStringList{u"campaigns"_s, u"lint"_s, missing};
        QTest::newRow("import, missing") << QStringList{u"campaigns"_s, u"import"_s, missing};
        QTest::newRow("customers, missing") << QStringList{u"customers"_s, u"import"_s, missing};
        QTest::newRow("simulate, missing")
            << QStringList{u"simulate"_s, u"--campaigns"_s, missing, u"--session"_s, missing};
        QTest::newRow("lint, invalid") << QStringList{u"campaigns"_s, u"lint"_s, notRules};
        QTest::newRow("import, invalid") << QStringList{u"campaigns"_s, u"import"_s, notRules};
        QTest::newRow("simulate, invalid")
            << QStringList{u"simulate"_s, u"--campaigns"_s, notRules, u"--session"_s,
                           examples + u"session-open.json"_s};
    }

    void theSameProblemHasTheSameExitStatus()
    {
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        const Run run = cli(arguments, dir.filePath(u"r.db"_s));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.startsWith("remise-server: "));
        QVERIFY(!run.err.contains("--help"));
    }

    void helpEverywhere_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("top") << QStringList{u"--help"_s} << u"remise-server: server-side"_s;
        QTest::newRow("help word") << QStringList{u"help"_s} << u"remise-server: server-side"_s;
        for (const QString &group : {u"campaigns"_s, u"customers"_s, u"db"_s, u"sessions"_s}) {
            QTest::addRow("%s --help", qPrintable(group))
                << QStringList{group, u"--help"_s}
                << u"Usage: remise-server %1 <command>"_s.arg(group);
            QTest::addRow("%s -h", qPrintable(group))
                << QStringList{group, u"-h"_s} << u"Usage: remise-server %1 <command>"_s.arg(group);
            QTest::addRow("help %s", qPrintable(group))
                << QStringList{u"help"_s, group}
                << u"Usage: remise-server %1 <command>"_s.arg(group);
        }
        const QList<QStringList> commands{{u"simulate"_s},
                                          {u"apply"_s},
                                          {u"reconcile"_s},
                                          {u"campaigns"_s, u"import"_s},
                                          {u"campaigns"_s, u"export"_s},
                                          {u"campaigns"_s, u"lint"_s},
                                          {u"campaigns"_s, u"usage"_s},
                                          {u"customers"_s, u"import"_s},
                                          {u"sessions"_s, u"list"_s},
                                          {u"sessions"_s, u"get"_s},
                                          {u"db"_s, u"migrate"_s},
                                          {u"db"_s, u"check"_s},
                                          {u"db"_s, u"backup"_s}};
        for (const QStringList &command : commands) {
            QTest::addRow("%s --help", qPrintable(command.join(u' ')))
                << command + QStringList{u"--help"_s}
                << u"Usage: remise-server "_s + command.join(u' ');
            QTest::addRow("help %s", qPrintable(command.join(u' ')))
                << (command.size() == 1 ? QStringList{u"help"_s} + command
                                        : command + QStringList{u"-h"_s})
                << u"Usage: remise-server "_s + command.join(u' ');
        }
    }

    void helpEverywhere()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        if (arguments.contains(u"reconcile"_s) &&
            !QString::fromUtf8(cli({u"--help"_s}).out).contains(u"reconcile"_s))
            QSKIP("reconcile is not in this build");
        const Run run = cli(arguments);
        if (arguments.contains(u"reconcile"_s) && run.exitCode == 2)
            QSKIP("reconcile is not in this build");
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QString::fromUtf8(run.out).startsWith(expected), run.out.constData());
        QVERIFY(run.err.isEmpty());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("nothing") << QStringList{};
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_s};
        QTest::newRow("unknown global option") << QStringList{u"--frob"_s, u"db"_s, u"check"_s};
        QTest::newRow("--db without path") << QStringList{u"--db"_s};
        QTest::newRow("campaigns without subcommand") << QStringList{u"campaigns"_s};
        QTest::newRow("campaigns unknown") << QStringList{u"campaigns"_s, u"frob"_s};
        QTest::newRow("db unknown subcommand") << QStringList{u"db"_s, u"vacuum"_s};
        QTest::newRow("sessions unknown") << QStringList{u"sessions"_s, u"delete"_s};
        QTest::newRow("customers unknown") << QStringList{u"customers"_s, u"export"_s};
        QTest::newRow("import without file") << QStringList{u"campaigns"_s, u"import"_s};
        QTest::newRow("backup to stdout") << QStringList{u"db"_s, u"backup"_s, u"-"_s};
        QTest::newRow("apply bad policy")
            << QStringList{u"apply"_s, u"cs_test_1"_s, u"--foreign-discounts"_s, u"drop"_s};
        QTest::newRow("sessions get bad id") << QStringList{u"sessions"_s, u"get"_s, u"cus_1"_s};
        QTest::newRow("sessions list bad limit")
            << QStringList{u"sessions"_s, u"list"_s, u"--limit"_s, u"0"_s};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        const QString db = dir.filePath(u"r.db"_s);
        QCOMPARE(cli({u"db"_s, u"migrate"_s}, db).exitCode, 0);
        const Run run = cli(arguments, db);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains("--help") || run.err.contains("Usage:"), run.err.constData());
    }

    void jsonOnEveryCommandThatPrintsResults_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("key");
        QTest::newRow("campaigns import")
            << QStringList{u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s, u"--json"_s}
            << u"campaigns"_s;
        QTest::newRow("customers import")
            << QStringList{u"customers"_s, u"import"_s, cliData + u"customers.csv"_s, u"--json"_s}
            << u"customers"_s;
        QTest::newRow("lint") << QStringList{u"campaigns"_s, u"lint"_s,
                                             examples + u"campaigns.json"_s, u"--json"_s}
                              << u"findings"_s;
        QTest::newRow("db migrate") << QStringList{u"db"_s, u"migrate"_s, u"--json"_s} << u"to"_s;
        QTest::newRow("db check") << QStringList{u"db"_s, u"check"_s, u"--json"_s} << u"ok"_s;
        QTest::newRow("db backup")
            << QStringList{u"db"_s, u"backup"_s, u"BACKUP"_s, u"--json"_s} << u"backup"_s;
        QTest::newRow("simulate") << workedExample + QStringList{u"--json"_s} << u"decision"_s;
    }

    void jsonOnEveryCommandThatPrintsResults()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, key);
        QTemporaryDir dir;
        const QString db = exampleDatabase(dir);
        arguments.replaceInStrings(u"BACKUP"_s, dir.filePath(u"copy.db"_s));
        const Run run = cli(arguments, db);
        QVERIFY2(run.exitCode == 0 || key == u"findings", run.err.constData());
        const QJsonObject object = parseJson(run.out).toObject();
        if (key == u"decision")
            QVERIFY(object.contains(u"campaigns"_s));
        else
            QVERIFY2(object.contains(key), run.out.constData());
    }

    void colourOnlyOnATerminalAndNeverWithNoColor()
    {
        QTemporaryDir dir;
        const QString db = exampleDatabase(dir);
        const QStringList lint{u"campaigns"_s, u"lint"_s, examples + u"campaigns.json"_s,
                               u"--now"_s, u"2026-12-01T00:00:00+01:00"_s};
        QVERIFY(!cli(lint, db, {{}, {}, false}).out.contains("\x1b["));
        QVERIFY(cli(lint, db, {{}, {}, true}).out.contains("\x1b[33mwarning\x1b[0m"));
        QVERIFY(!cli(lint, db, {{{u"NO_COLOR"_s, u"1"_s}}, {}, true}).out.contains("\x1b["));
        QVERIFY(!cli(lint, db, {{{u"NO_COLOR"_s, QString()}}, {}, true}).out.contains("\x1b["));
        // Errors too.
        const QStringList missing{u"campaigns"_s, u"lint"_s, u"/nonexistent.json"_s};
        QVERIFY(cli(missing, db, {{}, {}, true}).err.contains("\x1b[31m"));
        QVERIFY(!cli(missing, db, {{{u"NO_COLOR"_s, u"1"_s}}, {}, true}).err.contains("\x1b["));
    }

    void invalidSettingsAreReportedOnce()
    {
        QTemporaryDir dir;
        const Run run = cli({u"db"_s, u"migrate"_s}, dir.filePath(u"r.db"_s),
                            {{{u"REMISE_STRIPE_TIMEOUT_MS"_s, u"soon"_s}}, {}, false});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err,
                 QByteArray("remise-server: invalid_setting: REMISE_STRIPE_TIMEOUT_MS: must be a "
                            "number of milliseconds from 100 to 600000, not \"soon\"\n"));
    }

    void databaseMaintenance()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"remise.db"_s);
        const Run migrated = cli({u"db"_s, u"migrate"_s, u"--db"_s, db});
        QCOMPARE(migrated.exitCode, 0);
        QVERIFY2(migrated.out.startsWith("Created "), migrated.out.constData());
        const Run again = cli({u"--db"_s, db, u"db"_s, u"migrate"_s});
        QVERIFY2(again.out.contains("up to date"), again.out.constData());

        QCOMPARE(cli({u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s, u"--db"_s, db})
                     .exitCode,
                 0);
        const Run checked = cli({u"db"_s, u"check"_s, u"--db"_s, db});
        QCOMPARE(checked.exitCode, 0);
        QVERIFY(checked.out.trimmed().endsWith(": ok"));

        const QString copy = dir.filePath(u"copy.db"_s);
        QCOMPARE(cli({u"db"_s, u"backup"_s, copy, u"--db"_s, db}).exitCode, 0);
        // The copy is a database holding the same rules.
        QCOMPARE(cli({u"campaigns"_s, u"export"_s, u"--db"_s, copy}).out,
                 cli({u"campaigns"_s, u"export"_s, u"--db"_s, db}).out);
        // Never overwrites.
        const Run overwrite = cli({u"db"_s, u"backup"_s, copy, u"--db"_s, db});
        QCOMPARE(overwrite.exitCode, 1);
        QVERIFY(!overwrite.err.isEmpty());
    }

    // --- as a process -----------------------------------------------------------------------

    void versionOnEveryExecutable_data()
    {
        QTest::addColumn<QString>("binary");
        QTest::newRow("remise-server") << u"remise-server"_s;
        QTest::newRow("remise-sandbox") << u"remise-sandbox"_s;
    }

    void versionOnEveryExecutable()
    {
        QFETCH(QString, binary);
        const Run run = spawn(binary, {u"--version"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(QByteArray(binary.toUtf8() + ' ')), run.out.constData());
        QVERIFY(QRegularExpression(u"\\d+\\.\\d+"_s).match(QString::fromUtf8(run.out)).hasMatch());
        const Run help = spawn(binary, {u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("Usage: "));
        // A wrong option is a usage error, 2, for every executable.
        QCOMPARE(spawn(binary, {u"--frobnicate"_s}).exitCode, 2);
    }

    void aProcessPrintsEachErrorOnce_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("code");
        QTest::newRow("not a database") << QStringList{u"db"_s, u"check"_s} << u"database_error"_s;
        QTest::newRow("no database")
            << QStringList{u"campaigns"_s, u"export"_s, u"--db"_s, u"/nonexistent/dir/r.db"_s}
            << u"database_missing"_s;
        QTest::newRow("missing file")
            << QStringList{u"campaigns"_s, u"lint"_s, u"/nonexistent.json"_s} << u"io_error"_s;
    }

    void aProcessPrintsEachErrorOnce()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, code);
        QTemporaryDir dir;
        const QString garbage = dir.filePath(u"garbage.db"_s);
        QVERIFY(writeText(garbage, QByteArray(4096, 'x')));
        const Run run = spawn(u"remise-server"_s, arguments, garbage);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.startsWith(QByteArray("remise-server: " + code.toUtf8() + ": ")),
                 run.err.constData());
    }

    void globalOptionsInAProcess()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"r.db"_s);
        QCOMPARE(spawn(u"remise-server"_s, {u"--db"_s, db, u"db"_s, u"migrate"_s}).exitCode, 0);
        const Run verbose =
            spawn(u"remise-server"_s, {u"db"_s, u"check"_s, u"--verbose"_s, u"--db"_s, db});
        QCOMPARE(verbose.exitCode, 0);
        QVERIFY(verbose.out.contains(": ok"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
