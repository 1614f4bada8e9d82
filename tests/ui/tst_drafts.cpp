// The rules draft without widgets: its storage in the database (migration, items, publish in one
// transaction), composition and conflicts, the diff, and the impact computed with the engine.

#include "campaignfile.h"
#include "clock.h"
#include "draftbook.h"
#include "draftsession.h"
#include "impact.h"
#include "json.h"
#include "migrations.h"
#include "sqlitestore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

CampaignSet exampleRules()
{
    auto rules = campaignfile::load(QStringLiteral(REMISE_TEST_DATA "/examples/campaigns.json"));
    if (!rules)
        qFatal("%s", qPrintable(rules.error().describe()));
    return *rules;
}

QJsonObject campaignJson(const CampaignSet &rules, const QString &id)
{
    return campaignfile::campaignToJson(*rules.campaign(id));
}

SessionSnapshot exampleSession()
{
    QFile file(QStringLiteral(REMISE_TEST_DATA "/examples/session-open.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no session example");
    auto s = SessionSnapshot::fromStripe(json::parseObject(file.readAll(), u"session"_s).value());
    return s.value();
}

} // namespace

class TestDrafts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    std::unique_ptr<SqliteStore> m_store;
    QString m_path;
    ManualClock m_clock{1'764'320'400'000}; // 2025-11-28T09:00:00Z

    std::unique_ptr<SqliteStore> open()
    {
        auto store = SqliteStore::open(m_path);
        if (!store)
            qFatal("%s", qPrintable(store.error().describe()));
        return std::move(*store);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"d%1.db"_s.arg(++m_files));
        m_store = open();
        QVERIFY(m_store->migrate());
        QVERIFY(m_store->replaceRules(exampleRules()));
    }

    void draftItemsRoundTripAndNeedTheMigration()
    {
        // An older schema refuses drafts with the usual "migrate" message.
        const QString older = m_dir.filePath(u"older.db"_s);
        {
            auto store = SqliteStore::open(older).value();
            QVERIFY(store->migrateTo(sqlite::schema::drafts - 1));
            const auto items = store->draftItems();
            QVERIFY(!items);
            QCOMPARE(items.error().code, errc::schemaOutdated);
        }
        DraftItem item;
        item.kind = DraftItem::Kind::Campaign;
        item.key = u"bf-2026"_s;
        item.position = 3;
        item.base = campaignJson(exampleRules(), u"bf-2026"_s);
        item.saved = QJsonObject{{u"id"_s, u"bf-2026"_s}};
        item.working = QJsonObject{{u"id"_s, u"not valid at all"_s}, {u"extra"_s, 1}};
        item.baseRevision = m_store->rulesRevision().value();
        item.updatedMs = 42;
        item.updatedBy = u"desktop:test"_s;
        QVERIFY(m_store->saveDraftItem(item));
        DraftItem segment = item;
        segment.kind = DraftItem::Kind::Segment;
        segment.key = u"gold"_s;
        segment.base.reset();
        segment.saved.reset();
        segment.working.reset();
        segment.deleted = true;
        QVERIFY(m_store->saveDraftItem(segment));
        // Another connection (another window, another user of the file) sees the same draft.
        auto other = open();
        const QList<DraftItem> items = other->draftItems().value();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0), segment); // segments first
        QCOMPARE(items.at(1), item);
        QVERIFY(other->discardDraftItem(DraftItem::Kind::Segment, u"gold"_s));
        QCOMPARE(m_store->draftItems().value().size(), 1);
        // The live rules are untouched by drafts.
        QCOMPARE(m_store->loadRules().value(), exampleRules());
    }

    void composesSavedAndWorkingEdits()
    {
        drafts::DraftSession session(*m_store, m_clock, u"desktop:test"_s);
        QVERIFY(session.reload());
        QJsonObject bf = campaignJson(exampleRules(), u"bf-2026"_s);
        bf.insert(u"priority"_s, 99);
        QVERIFY(session.save(DraftItem::Kind::Campaign, u"bf-2026"_s, bf));
        QJsonObject broken = bf;
        broken.insert(u"priority"_s, u"high"_s);
        QVERIFY(session.keepWorking(DraftItem::Kind::Campaign, u"bf-2026"_s, broken));
        QVERIFY(session.remove(DraftItem::Kind::Campaign, u"trade-15"_s));

        // A new session (the app restarted) finds everything, unsaved edits included.
        const auto restarted = open();
        drafts::DraftSession again(*restarted, m_clock, u"desktop:test"_s);
        QVERIFY(again.reload());
        const drafts::DraftBook &book = again.book();
        QCOMPARE(again.current(DraftItem::Kind::Campaign, u"bf-2026"_s).value(), broken);
        const CampaignSet saved = book.rules().value();
        QCOMPARE(saved.campaign(u"bf-2026")->priority, 99);
        QVERIFY(!saved.campaign(u"trade-15"));
        QCOMPARE(saved.campaigns.size(), exampleRules().campaigns.size() - 1);
        // With the unsaved edit, the document is invalid, and says where, like an import.
        const auto withWorking = book.rules(true);
        QVERIFY(!withWorking);
        const QString path = book.pathOf(DraftItem::Kind::Campaign, u"bf-2026"_s, true);
        QCOMPARE(path, u"$.campaigns[2]"_s);
        QCOMPARE(drafts::problems(withWorking.error()).first().path, path + u".priority"_s);
        QVERIFY(book.hasChanges());
        QVERIFY(book.conflicts().isEmpty());
    }

    void problemsAgreeWithTheFileReader_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("path");
        QTest::newRow("percent") << u"reward"_s << uR"({"type": "percent_off", "percent": 150})"_s
                                 << u".reward.percent"_s;
        QTest::newRow("dangling segment")
            << u"conditions"_s << uR"({"segments": ["vip"]})"_s << u".conditions.segments[0]"_s;
        QTest::newRow("budget zero")
            << u"limits"_s << uR"({"budget": {"eur": 0}})"_s << u".limits.budget.eur"_s;
        QTest::newRow("duplicate id") << u"id"_s << uR"("spend-100")"_s << u".id"_s;
    }

    void problemsAgreeWithTheFileReader()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, path);
        drafts::DraftSession session(*m_store, m_clock, u"desktop:test"_s);
        QVERIFY(session.reload());
        QJsonObject bf = campaignJson(exampleRules(), u"bf-2026"_s);
        const QJsonObject wrapped =
            json::parseObject(u"{\"v\": %1}"_s.arg(value).toUtf8(), u"value"_s).value();
        bf.insert(key, wrapped.value(u"v"));
        const QList<Error> problems = session.problems(DraftItem::Kind::Campaign, u"bf-2026"_s, bf);
        QVERIFY(!problems.isEmpty());

        // The same document through the file reader (what `campaigns import` runs).
        QJsonObject document = campaignfile::toJson(exampleRules());
        QJsonArray campaigns = document.value(u"campaigns").toArray();
        campaigns.replace(2, bf);
        document.insert(u"campaigns"_s, campaigns);
        const auto reader =
            campaignfile::parse(QJsonDocument(document).toJson(), u"campaigns.json"_s);
        QVERIFY(!reader);
        const QList<Error> expected = drafts::problems(reader.error());
        QCOMPARE(problems.size(), expected.size());
        for (qsizetype i = 0; i < problems.size(); ++i) {
            QCOMPARE(problems[i].path, expected[i].path);
            QCOMPARE(problems[i].message, expected[i].message);
        }
        QVERIFY2(std::any_of(problems.begin(), problems.end(),
                             [&](const Error &e) {
                                 return e.path ==
                                        session.pathOf(DraftItem::Kind::Campaign, u"bf-2026"_s) +
                                            path;
                             }),
                 qPrintable(problems.first().describe()));
        // And saving it is refused, leaving the draft as it was.
        QVERIFY(!session.save(DraftItem::Kind::Campaign, u"bf-2026"_s, bf));
        QVERIFY(m_store->draftItems().value().isEmpty());
    }

    void savingBackTheLiveObjectLeavesTheDraft()
    {
        drafts::DraftSession session(*m_store, m_clock, u"desktop:test"_s);
        QVERIFY(session.reload());
        QJsonObject bf = campaignJson(exampleRules(), u"bf-2026"_s);
        bf.insert(u"name"_s, u"Black Friday!"_s);
        QVERIFY(session.save(DraftItem::Kind::Campaign, u"bf-2026"_s, bf));
        QCOMPARE(m_store->draftItems().value().size(), 1);
        QVERIFY(session.save(DraftItem::Kind::Campaign, u"bf-2026"_s,
                             campaignJson(exampleRules(), u"bf-2026"_s)));
        QVERIFY(m_store->draftItems().value().isEmpty());
        QVERIFY(!session.book().hasChanges());
    }

    void liveChangesMeanwhileAreConflictsNotOverwrites()
    {
        drafts::DraftSession session(*m_store, m_clock, u"desktop:test"_s);
        QVERIFY(session.reload());
        QJsonObject bf = campaignJson(exampleRules(), u"bf-2026"_s);
        bf.insert(u"priority"_s, 50);
        QVERIFY(session.save(DraftItem::Kind::Campaign, u"bf-2026"_s, bf));

        // Meanwhile the command line changes the same campaign in the live rules.
        {
            auto cli = open();
            Campaign changed = *exampleRules().campaign(u"bf-2026");
            changed.name = u"Black Friday (CLI)"_s;
            QVERIFY(cli->saveCampaign(changed));
        }
        QVERIFY(session.liveChanged());
        // Publishing what was reviewed fails: the rules changed since.
        const auto stale = session.publish();
        QVERIFY(!stale);
        QCOMPARE(stale.error().code, errc::conflict);
        QCOMPARE(m_store->loadRules().value().campaign(u"bf-2026")->name, u"Black Friday (CLI)"_s);

        QVERIFY(session.reload());
        const QList<drafts::Conflict> conflicts = session.book().conflicts();
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().key, u"bf-2026"_s);
        QVERIFY(conflicts.first().message.contains(u"changed in the live rules"_s));
        const auto refused = session.publish();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, errc::conflict);

        // Keeping mine resolves it; publishing then applies the draft over the CLI's change.
        QVERIFY(session.keepMine(DraftItem::Kind::Campaign, u"bf-2026"_s));
        QVERIFY(session.book().conflicts().isEmpty());
        const QString before = m_store->rulesRevision().value();
        QVERIFY(session.publish());
        QVERIFY(m_store->rulesRevision().value() != before);
        QCOMPARE(m_store->loadRules().value().campaign(u"bf-2026")->priority, 50);
        QVERIFY(m_store->draftItems().value().isEmpty());
    }

    void publishingKeepsUnsavedEditsAndIsAllOrNothing()
    {
        drafts::DraftSession session(*m_store, m_clock, u"desktop:test"_s);
        QVERIFY(session.reload());
        QJsonObject spend = campaignJson(exampleRules(), u"spend-100"_s);
        spend.insert(u"status"_s, u"paused"_s);
        QVERIFY(session.save(DraftItem::Kind::Campaign, u"spend-100"_s, spend));
        const QString key = drafts::DraftSession::newKey();
        QVERIFY(session.keepWorking(DraftItem::Kind::Campaign, key,
                                    QJsonObject{{u"id"_s, u"half-typed"_s}}));
        QVERIFY(session.publish());
        QCOMPARE(m_store->loadRules().value().campaign(u"spend-100")->status,
                 CampaignStatus::Paused);
        QVERIFY(!m_store->loadRules().value().campaign(u"half-typed"));
        const QList<DraftItem> left = m_store->draftItems().value();
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().key, key);
        QVERIFY(left.first().working);

        // A store-level publish with a stale revision changes nothing.
        CampaignSet other = exampleRules();
        other.campaigns.removeLast();
        QVERIFY(!m_store->publishRules(other, u"0-stale"_s));
        QCOMPARE(m_store->loadRules().value().campaigns.size(), exampleRules().campaigns.size());
        QCOMPARE(m_store->draftItems().value().size(), 1);
    }

    void importReplacesTheDraftNotTheLiveRules()
    {
        drafts::DraftSession session(*m_store, m_clock, u"desktop:test"_s);
        QVERIFY(session.reload());
        CampaignSet file = exampleRules();
        file.campaigns.removeIf([](const Campaign &c) { return c.id == u"trade-15"; });
        file.campaigns[0].name = u"Renamed"_s;
        Campaign added = file.campaigns[1];
        added.id = u"added"_s;
        file.campaigns.append(added);
        QVERIFY(session.replaceWith(file));
        QCOMPARE(m_store->loadRules().value(), exampleRules());
        const CampaignSet draft = session.book().rules().value();
        QCOMPARE(drafts::diff(exampleRules(), draft).size(), 3);
        QVERIFY(draft.campaign(u"added"));
        QVERIFY(!draft.campaign(u"trade-15"));
    }

    void diffListsAddedRemovedAndChangedFields()
    {
        const CampaignSet live = exampleRules();
        CampaignSet draft = live;
        draft.campaigns[0].priority = 7;
        draft.campaigns[0].reward.percent = Percent::fromHundredths(1200);
        draft.campaigns.removeLast();
        Segment vip;
        vip.id = u"vip"_s;
        vip.name = u"VIP"_s;
        draft.segments.append(vip);
        const QList<drafts::Change> changes = drafts::diff(live, draft);
        QCOMPARE(changes.size(), 3);
        QCOMPARE(changes[0].kind, DraftItem::Kind::Segment);
        QCOMPARE(changes[0].type, drafts::Change::Type::Added);
        QCOMPARE(changes[0].id, u"vip"_s);
        QCOMPARE(changes[1].id, live.campaigns[0].id);
        QCOMPARE(changes[1].type, drafts::Change::Type::Changed);
        QCOMPARE(changes[1].fields, (QStringList{u"priority"_s, u"reward"_s}));
        QCOMPARE(changes[2].type, drafts::Change::Type::Removed);
        QCOMPARE(changes[2].id, u"trade-15"_s);
        QVERIFY(drafts::diff(live, live).isEmpty());
    }

    void impactDecidesEachSessionWithBothRuleBooks()
    {
        // The worked example: on 2026-11-28 Claire's cart gets Black Friday's 20 % (36.00 EUR).
        const SessionSnapshot open = exampleSession();
        const qint64 now =
            campaignfile::parseTimestamp(u"2026-11-28T12:00:00+01:00"_s)->toMSecsSinceEpoch();
        const CampaignSet live = exampleRules();
        CampaignSet draft = live;
        for (Campaign &c : draft.campaigns)
            if (c.id == u"bf-2026")
                c.reward.percent = Percent::fromHundredths(1000);
        SessionSnapshot completed = open;
        completed.id = u"cs_test_completed"_s;
        completed.status = u"complete"_s;
        completed.created = now / 1000;
        SessionSnapshot old = completed;
        old.id = u"cs_test_before_bf"_s;
        old.created =
            campaignfile::parseTimestamp(u"2026-10-01T12:00:00+01:00"_s)->toMSecsSinceEpoch() /
            1000;

        const drafts::ImpactReport report =
            drafts::computeImpact(*m_store, live, draft, {open}, {completed, old}, now);
        QCOMPARE(report.open.size(), 1);
        const drafts::SessionImpact &s = report.open.first();
        QCOMPARE(s.sessionId, open.id);
        QCOMPARE(s.currency, u"eur"_s);
        // The engine itself, with each rule book, is the reference.
        const CustomerContext customer = CustomerContext::build(open, std::nullopt);
        const DecisionInput input{{}, now, {}};
        const qint64 expectLive =
            Engine(live).decide(open, customer, input).discount.value().amountOff;
        const qint64 expectDraft =
            Engine(draft).decide(open, customer, input).discount.value().amountOff;
        QCOMPARE(s.live, expectLive);
        QCOMPARE(s.draft, expectDraft);
        QVERIFY(s.live != s.draft);
        QCOMPARE(s.delta(), expectDraft - expectLive);
        QCOMPARE(report.changed, 1);
        // Backtest: both completed sessions decided as of their creation.
        QCOMPARE(report.backtestSessions, 2);
        QVERIFY(report.backtestLive.discounted >= 1);
        QVERIFY(report.backtestLive.cost.value(u"eur").value_or(0) >
                report.backtestDraft.cost.value(u"eur").value_or(0));

        // Identical books change nothing; a set cancel flag stops at once.
        QCOMPARE(drafts::computeImpact(*m_store, live, live, {open}, {}, now).changed, 0);
        std::atomic<bool> cancel = true;
        const auto stopped = drafts::computeImpact(*m_store, live, draft, {open}, {}, now, &cancel);
        QVERIFY(stopped.cancelled);
        QVERIFY(stopped.open.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDrafts)
#include "tst_drafts.moc"
