// Importing campaigns and customers through the remise-server command line: round trips,
// merges by id, replacement, standard input, and nothing changed by a failed import.
#include "cliharness.h"

using namespace clitest;

class TestCliImports : public QObject
{
    Q_OBJECT

private slots:
    void campaignsRoundTripThroughTheDatabase()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"remise.db"_s);
        const Run imported = cli({u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s}, db);
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(imported.out.startsWith("Imported 2 segments and 6 campaigns"),
                 imported.out.constData());
        QVERIFY(imported.out.contains("campaigns: 6 created, 0 changed, 0 unchanged, 0 removed"));

        const Run exported = cli({u"campaigns"_s, u"export"_s}, db);
        QCOMPARE(exported.exitCode, 0);
        const auto original = remise::campaignfile::load(examples + u"campaigns.json"_s);
        const auto roundTripped = remise::campaignfile::parse(exported.out, u"export"_s);
        QVERIFY(original && roundTripped);
        QVERIFY(*original == *roundTripped);

        // "-" is standard output, never a file named "-".
        QCOMPARE(cli({u"campaigns"_s, u"export"_s, u"-"_s}, db).out, exported.out);
        QVERIFY(!QFileInfo::exists(u"-"_s));
        // Exporting to a file writes the same bytes.
        const QString file = dir.filePath(u"out.json"_s);
        QCOMPARE(cli({u"campaigns"_s, u"export"_s, file}, db).exitCode, 0);
        QCOMPARE(readAll(file), exported.out);
        // Importing the same again changes nothing; from stdin as well.
        const Run again = cli({u"campaigns"_s, u"import"_s, u"-"_s}, db, {{}, exported.out, false});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("campaigns: 0 created, 0 changed, 6 unchanged, 0 removed"),
                 again.out.constData());
    }

    void campaignsImportMergesById()
    {
        QTemporaryDir dir;
        const QString db = exampleDatabase(dir);
        QVERIFY(!db.isEmpty());
        auto rules = remise::campaignfile::load(examples + u"campaigns.json"_s);
        QVERIFY(rules);
        // A file with one campaign changed and one new, nothing else.
        remise::CampaignSet partial;
        partial.segments = rules->segments;
        remise::Campaign changed = *rules->campaign(u"welcome10");
        changed.name = u"Welcome, again"_s;
        changed.priority += 1;
        remise::Campaign added = changed;
        added.id = u"welcome20"_s;
        added.conditions.codes = QStringList{u"WELCOME20"_s};
        partial.campaigns = {changed, added};
        const QString file = dir.filePath(u"partial.json"_s);
        QVERIFY(writeText(file, remise::campaignfile::write(partial)));
        const QByteArray before = cli({u"campaigns"_s, u"export"_s}, db).out;

        // The dry run shows the diff and writes nothing.
        const Run dry = cli({u"campaigns"_s, u"import"_s, file, u"--dry-run"_s}, db);
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.out.startsWith("Would import 2 segments and 2 campaigns"),
                 dry.out.constData());
        QVERIFY2(dry.out.contains("campaigns: 1 created, 1 changed, 0 unchanged, 0 removed"),
                 dry.out.constData());
        QVERIFY2(dry.out.contains("changed  campaign welcome10: name, priority"),
                 dry.out.constData());
        QVERIFY2(dry.out.contains("created  campaign welcome20"), dry.out.constData());
        QCOMPARE(cli({u"campaigns"_s, u"export"_s}, db).out, before);

        const Run json = cli({u"campaigns"_s, u"import"_s, file, u"--dry-run"_s, u"--json"_s}, db);
        QCOMPARE(json.exitCode, 0);
        const QJsonObject report = parseJson(json.out).toObject();
        QCOMPARE(report[u"dry_run"].toBool(), true);
        QCOMPARE(report[u"campaigns"][u"changed"].toInt(), 1);
        QCOMPARE(report[u"segments"][u"unchanged"].toInt(), 2);

        // The real run keeps the four campaigns the file does not name.
        QCOMPARE(cli({u"campaigns"_s, u"import"_s, file}, db).exitCode, 0);
        auto store = remise::SqliteStore::open(db);
        QVERIFY(store);
        const auto merged = (*store)->loadRules();
        QVERIFY(merged);
        QCOMPARE(merged->campaigns.size(), 7);
        QCOMPARE(merged->campaign(u"welcome10")->name, u"Welcome, again"_s);
        QVERIFY(merged->campaign(u"bf-2026"));

        // --replace replaces the whole rule book, and says what it removed.
        const Run replaced = cli({u"campaigns"_s, u"import"_s, file, u"--replace"_s}, db);
        QCOMPARE(replaced.exitCode, 0);
        QVERIFY2(replaced.out.contains("campaigns: 0 created, 0 changed, 2 unchanged, 5 removed"),
                 replaced.out.constData());
        QVERIFY(replaced.out.contains("removed  campaign bf-2026"));
        QCOMPARE((*store)->loadRules()->campaigns.size(), 2);
    }

    void aFailedImportChangesNothing()
    {
        QTemporaryDir dir;
        const QString db = exampleDatabase(dir);
        const QByteArray before = cli({u"campaigns"_s, u"export"_s}, db).out;
        const Run bad = cli({u"campaigns"_s, u"import"_s, cliData + u"customers.json"_s}, db);
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("$.format"), bad.err.constData());
        QCOMPARE(cli({u"campaigns"_s, u"export"_s}, db).out, before);
    }

    void customersImport_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("csv") << u"customers.csv"_s << 0 << u"Imported 3 customer profiles from "_s;
        QTest::newRow("json") << u"customers.json"_s << 0
                              << u"Imported 2 customer profiles from "_s;
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
        const Run run = cli({u"customers"_s, u"import"_s, cliData + file}, dir.filePath(u"r.db"_s));
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(exitCode == 0 ? run.out : run.err).contains(expected),
                 QByteArray(run.out + run.err).constData());
    }

    void theDocumentedSampleImports()
    {
        QTemporaryDir dir;
        const Run run = cli({u"customers"_s, u"import"_s,
                             QStringLiteral(REMISE_SOURCE_DIR "/docs/examples/customers.csv")},
                            dir.filePath(u"r.db"_s));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("3 created"), run.out.constData());
    }

    void customersImportMerges_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("format");
        QTest::newRow("csv, three columns")
            << QByteArray("id,email,loyalty_tier\ncus_demo_tom,tom.baker@example.com,gold\n")
            << u"csv"_s;
        QTest::newRow("csv, empty cells keep")
            << QByteArray("id,email,loyalty_tier,order_count,lifetime_spend.eur,tags\n"
                          "cus_demo_tom,,gold,,,\n")
            << u"csv"_s;
        QTest::newRow("json, fields left out")
            << QByteArray(R"([{"id": "cus_demo_tom", "loyalty_tier": "gold"}])") << u"json"_s;
        QTest::newRow("json, nulls keep")
            << QByteArray(R"({"customers": [{"id": "cus_demo_tom", "loyalty_tier": "gold",)"
                          R"( "order_count": null}]})")
            << u"json"_s;
    }

    void customersImportMerges()
    {
        // Tom: silver, 2 orders, 120.00 EUR + 30.00 USD, tags newsletter and trade.
        QFETCH(QByteArray, content);
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString db = dir.filePath(u"r.db"_s);
        QCOMPARE(cli({u"customers"_s, u"import"_s, cliData + u"customers.csv"_s}, db).exitCode, 0);
        const auto before = profileOf(db, u"cus_demo_tom"_s);
        QVERIFY(before);
        QCOMPARE(before->orderCount, 2);

        const Run run = cli({u"customers"_s, u"import"_s, u"-"_s, u"--format"_s, format}, db,
                            {{}, content, false});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("Imported 1 customer profile from <stdin>: 0 created, "
                                    "1 changed, 0 unchanged, 0 removed."),
                 run.out.constData());
        const auto after = profileOf(db, u"cus_demo_tom"_s);
        QVERIFY(after);
        QCOMPARE(after->loyaltyTier, u"gold"_s);
        // What the file leaves out keeps its stored value.
        QCOMPARE(after->orderCount, before->orderCount);
        QCOMPARE(after->lifetimeSpend, before->lifetimeSpend);
        QCOMPARE(after->tags, before->tags);
        QCOMPARE(after->email, before->email);
        QCOMPARE(after->metadata, before->metadata);

        // The same again: unchanged.
        const Run again = cli({u"customers"_s, u"import"_s, u"-"_s, u"--format"_s, format}, db,
                              {{}, content, false});
        QVERIFY2(again.out.contains("0 created, 0 changed, 1 unchanged"), again.out.constData());
    }

    void customersImportMergesSpendPerCurrency()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"r.db"_s);
        QCOMPARE(cli({u"customers"_s, u"import"_s, cliData + u"customers.csv"_s}, db).exitCode, 0);
        const QString file = dir.filePath(u"eur.csv"_s);
        QVERIFY(writeText(file, "id,lifetime_spend.eur,metadata.source\ncus_demo_tom,15000,web\n"));
        const Run run = cli({u"customers"_s, u"import"_s, file, u"--dry-run"_s}, db);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("changed cus_demo_tom: lifetime_spend.eur, metadata.source"),
                 run.out.constData());
        QCOMPARE(profileOf(db, u"cus_demo_tom"_s)->lifetimeSpend.value(u"eur"), 12000); // dry run
        QCOMPARE(cli({u"customers"_s, u"import"_s, file}, db).exitCode, 0);
        const auto tom = profileOf(db, u"cus_demo_tom"_s);
        QCOMPARE(tom->lifetimeSpend.value(u"eur"), 15000);
        QCOMPARE(tom->lifetimeSpend.value(u"usd"), 3000); // a column the file leaves out
        QCOMPARE(tom->metadata.value(u"source"_s), u"web"_s);
    }

    void customersImportReplace()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"r.db"_s);
        QCOMPARE(cli({u"customers"_s, u"import"_s, cliData + u"customers.csv"_s}, db).exitCode, 0);
        const Run run = cli(
            {u"customers"_s, u"import"_s, u"-"_s, u"--format"_s, u"csv"_s, u"--replace"_s,
             u"--json"_s},
            db, {{}, "id,email,loyalty_tier\ncus_demo_tom,tom.baker@example.com,gold\n", false});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject report = parseJson(run.out).toObject();
        QCOMPARE(report[u"customers"][u"changed"].toInt(), 1);
        const QJsonArray fields = report[u"changes"][0][u"fields"].toArray();
        QVERIFY2(fields.contains(u"order_count"_s) && fields.contains(u"lifetime_spend.usd"_s),
                 run.out.constData());
        const auto tom = profileOf(db, u"cus_demo_tom"_s);
        QCOMPARE(tom->orderCount, 0);
        QVERIFY(tom->lifetimeSpend.isEmpty());
    }

    void customersFromStandardInputGuessTheFormat()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"r.db"_s);
        QCOMPARE(cli({u"customers"_s, u"import"_s, u"-"_s}, db,
                     {{}, readAll(cliData + u"customers.json"_s), false})
                     .exitCode,
                 0);
        QCOMPARE(cli({u"customers"_s, u"import"_s, u"-"_s}, db,
                     {{}, readAll(cliData + u"customers.csv"_s), false})
                     .exitCode,
                 0);
        QCOMPARE(cli({u"customers"_s, u"import"_s, u"-"_s, u"--format"_s, u"xml"_s}, db).exitCode,
                 2);
    }
};

QTEST_GUILESS_MAIN(TestCliImports)
#include "tst_cli_imports.moc"
