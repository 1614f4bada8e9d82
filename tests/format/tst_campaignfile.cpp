// The remise/1 campaign file (docs/campaign-format.md): every kind of invalid file is refused with
// the JSON path and message its fixture in tests/data/invalid expects (see the README there), a
// file is read all or nothing, and export followed by import gives back the same rules, byte for
// byte.

#include "campaignfile.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include <set>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

const QString dataDir = QStringLiteral(REMISE_TEST_DATA);
const QString invalidDir = dataDir + u"/invalid/"_s;
const QString workedExample = dataDir + u"/examples/campaigns.json"_s;
const QString everything = dataDir + u"/campaignfile/everything.json"_s;
const QString exported = dataDir + u"/campaignfile/everything.exported.json"_s;

// Enough that a glob gone wrong cannot make the data-driven test pass on nothing.
constexpr qsizetype minimumInvalidFixtures = 40;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qWarning() << "cannot read" << path;
    return file.readAll();
}

QStringList invalidFixtures()
{
    return QDir(invalidDir).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
}

/// Every problem an error reports, one "path: message" line each (the path left out when
/// there is none), in the order they were found.
QStringList problems(const Error &error)
{
    const auto line = [](const Error &e) {
        return e.path.isEmpty() ? e.message : e.path + u": "_s + e.message;
    };
    QStringList out;
    if (error.details.empty())
        out.append(line(error));
    for (const Error &detail : error.details)
        out.append(line(detail));
    return out;
}

/// An expected line matches an actual one when the paths are equal and the message contains
/// the expected text, "..." standing for any text.
bool matches(const QString &actual, const QString &expected)
{
    const auto split = [](const QString &line) -> std::pair<QString, QString> {
        if (!line.startsWith(u'$'))
            return {QString(), line};
        const qsizetype colon = line.indexOf(u": "_s);
        return colon < 0 ? std::pair(line, QString())
                         : std::pair(line.left(colon), line.mid(colon + 2));
    };
    const auto [actualPath, actualMessage] = split(actual);
    const auto [expectedPath, expectedMessage] = split(expected);
    if (actualPath != expectedPath)
        return false;
    QStringList pieces = expectedMessage.split(u"..."_s);
    for (QString &piece : pieces)
        piece = QRegularExpression::escape(piece);
    return QRegularExpression(pieces.join(u".*"_s)).match(actualMessage).hasMatch();
}

bool allMatch(const QStringList &actual, const QStringList &expected)
{
    if (actual.size() != expected.size())
        return false;
    for (qsizetype i = 0; i < actual.size(); ++i)
        if (!matches(actual.at(i), expected.at(i)))
            return false;
    return true;
}

QByteArray describeMismatch(const QStringList &actual, const QStringList &expected)
{
    const QString text = u"\n  expected:\n    "_s + expected.join(u"\n    "_s) +
                         u"\n  actual:\n    "_s + actual.join(u"\n    "_s);
    return text.toUtf8();
}

QByteArray document(const QByteArray &segments, const QByteArray &campaigns)
{
    return R"({"format": "remise/1", "segments": [)" + segments + R"(], "campaigns": [)" +
           campaigns + "]}";
}

} // namespace

class TestCampaignFile : public QObject
{
    Q_OBJECT

private slots:
    void everyInvalidFixtureHasItsExpectation()
    {
        const QStringList fixtures = invalidFixtures();
        QVERIFY2(fixtures.size() >= minimumInvalidFixtures,
                 qPrintable(u"only %1 fixtures in %2"_s.arg(fixtures.size()).arg(invalidDir)));
        std::set<QString> names;
        for (const QString &fixture : fixtures) {
            const QString name = fixture.chopped(5);
            names.insert(name);
            QVERIFY2(QFile::exists(invalidDir + name + u".expected"_s), qPrintable(fixture));
        }
        // …and no expectation is left without its fixture.
        for (const QString &expected :
             QDir(invalidDir).entryList({u"*.expected"_s}, QDir::Files, QDir::Name))
            QVERIFY2(names.count(expected.chopped(9)) == 1, qPrintable(expected));
    }

    void invalidFiles_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const QString &fixture : invalidFixtures())
            QTest::newRow(qPrintable(fixture.chopped(5))) << invalidDir + fixture;
    }

    void invalidFiles()
    {
        QFETCH(QString, fixture);
        const QStringList expected = QString::fromUtf8(readAll(fixture.chopped(5) + u".expected"_s))
                                         .split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(!expected.isEmpty());

        const auto set = campaignfile::load(fixture);
        QVERIFY2(!set, "the file was accepted");
        const QStringList actual = problems(set.error());
        QVERIFY2(allMatch(actual, expected), describeMismatch(actual, expected).constData());
        // Problems in the rules are reported as "<file> has N problems" when there are several;
        // the file is named in any case.
        if (expected.size() > 1)
            QCOMPARE(set.error().message,
                     u"%1 has %2 problems"_s.arg(fixture).arg(expected.size()));
        QVERIFY(!set.error().code.isEmpty());
    }

    void theWorkedExampleParses()
    {
        const auto set = campaignfile::load(workedExample);
        QVERIFY2(set, set ? "" : qPrintable(set.error().describe()));
        QCOMPARE(set->segments.size(), 2);
        QCOMPARE(set->campaigns.size(), 6);
        const Campaign *bf = set->campaign(u"bf-2026");
        QVERIFY(bf);
        QCOMPARE(bf->status, CampaignStatus::Active);
        QCOMPARE(bf->priority, 10);
        QCOMPARE(bf->stacking, Stacking::Exclusive);
        QVERIFY(bf->startsAt && bf->endsAt);
        QCOMPARE(bf->startsAt->offsetFromUtc(), 3600);
        QCOMPARE(bf->reward.type, Reward::Type::PercentOff);
        QCOMPARE(bf->reward.percent, Percent::fromHundredths(2000));
        QCOMPARE(bf->reward.maxAmountOff, CurrencyAmounts({{u"eur"_s, 8000}}));
        QCOMPARE(bf->limits.maxRedemptions, 500);
        QCOMPARE(bf->limits.maxPerCustomer, 1);
        const Campaign *tiers = set->campaign(u"spend-100");
        QVERIFY(tiers);
        QCOMPARE(tiers->reward.type, Reward::Type::Tiered);
        QCOMPARE(tiers->reward.tiers.size(), 2);
        QCOMPARE(tiers->reward.tiers.at(1).amountOff,
                 CurrencyAmounts({{u"eur"_s, 3000}, {u"usd"_s, 3000}}));
        QCOMPARE(set->segment(u"gold")->match, Segment::Match::Any);
        QCOMPARE(set->segment(u"gold")->rules.size(), 2);
    }

    void everythingUsesEveryFeature()
    {
        // The round trip below is only as good as this fixture: it must hold every field, op,
        // status, stacking, condition, reward and limit the format has.
        const auto set = campaignfile::load(everything);
        QVERIFY2(set, set ? "" : qPrintable(set.error().describe()));

        std::set<QString> fields;
        std::set<QString> ops;
        std::set<Segment::Match> matches;
        bool emptySegment = false;
        for (const Segment &segment : set->segments) {
            matches.insert(segment.match);
            emptySegment = emptySegment || segment.rules.isEmpty();
            for (const SegmentRule &rule : segment.rules) {
                fields.insert(segmentfield::name(rule.field, {}));
                ops.insert(ruleop::name(rule.op));
            }
        }
        QCOMPARE(fields.size(), size_t(SegmentField::Metadata) + 1);
        QCOMPARE(ops.size(), size_t(RuleOp::NotExists) + 1);
        QCOMPARE(matches.size(), 2u);
        QVERIFY(emptySegment);

        std::set<CampaignStatus> statuses;
        std::set<Stacking> stackings;
        std::set<Reward::Type> rewards;
        std::set<QString> conditions;
        bool cap = false, amountTier = false, percentTier = false, fractionalPercent = false;
        bool codeString = false, codeList = false, codeListOfOne = false, milliseconds = false;
        bool openEnded = false, maxRedemptions = false, maxPerCustomer = false, budget = false;
        bool negativeOffset = false, bare = false;
        for (const Campaign &c : set->campaigns) {
            statuses.insert(c.status);
            stackings.insert(c.stacking);
            rewards.insert(c.reward.type);
            const QJsonObject written = campaignfile::campaignToJson(c);
            for (const QString &key : written.value(u"conditions").toObject().keys())
                conditions.insert(key);
            cap = cap || c.reward.maxAmountOff;
            fractionalPercent = fractionalPercent || c.reward.percent.hundredths() % 100 != 0;
            for (const RewardTier &tier : c.reward.tiers) {
                amountTier = amountTier || tier.amountOff;
                percentTier = percentTier || tier.percent;
                fractionalPercent =
                    fractionalPercent || (tier.percent && tier.percent->hundredths() % 100 != 0);
            }
            if (c.conditions.codes) {
                codeString = codeString || !c.conditions.codeWrittenAsList;
                codeList = codeList || c.conditions.codes->size() > 1;
                codeListOfOne = codeListOfOne ||
                                (c.conditions.codeWrittenAsList && c.conditions.codes->size() == 1);
            }
            milliseconds = milliseconds || (c.startsAt && c.startsAt->time().msec() != 0);
            negativeOffset = negativeOffset || (c.startsAt && c.startsAt->offsetFromUtc() < 0);
            openEnded = openEnded || (c.startsAt && !c.endsAt);
            maxRedemptions = maxRedemptions || c.limits.maxRedemptions;
            maxPerCustomer = maxPerCustomer || c.limits.maxPerCustomer;
            budget = budget || c.limits.budget;
            bare = bare || (!c.startsAt && c.conditions == Conditions{} && c.limits.isEmpty());
        }
        QCOMPARE(statuses.size(), size_t(CampaignStatus::Archived) + 1);
        QCOMPARE(stackings.size(), 2u);
        QCOMPARE(rewards.size(), 3u);
        QCOMPARE(conditions.size(), 7u);
        QVERIFY(cap && amountTier && percentTier && fractionalPercent);
        QVERIFY(codeString && codeList && codeListOfOne);
        QVERIFY(milliseconds && negativeOffset && openEnded);
        QVERIFY(maxRedemptions && maxPerCustomer && budget);
        QVERIFY(bare);
    }

    void exportRoundTrips_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("worked example") << workedExample;
        QTest::newRow("everything") << everything;
        QTest::newRow("everything, exported") << exported;
    }

    void exportRoundTrips()
    {
        QFETCH(QString, file);
        const auto original = campaignfile::load(file);
        QVERIFY2(original, original ? "" : qPrintable(original.error().describe()));

        const QByteArray written = campaignfile::write(*original);
        const auto reread = campaignfile::parse(written, u"export"_s);
        QVERIFY2(reread, reread ? "" : qPrintable(reread.error().describe()));
        QVERIFY(*reread == *original);
        QCOMPARE(campaignfile::write(*reread), written);
        // The in-memory document reads back the same too.
        const auto fromJson = campaignfile::parse(campaignfile::toJson(*original));
        QVERIFY(fromJson);
        QVERIFY(*fromJson == *original);
    }

    void exportWritesTheCanonicalLayout()
    {
        // What export writes is kept in version control and reviewed, so its layout is pinned:
        // everything.exported.json is the export of everything.json (defaults written out, keys
        // in the documented order, short values on one line).
        const auto set = campaignfile::load(everything);
        QVERIFY(set);
        const QByteArray written = campaignfile::write(*set);
        if (written != readAll(exported)) {
            const QString actual = QDir::temp().filePath(u"everything.exported.json"_s);
            QFile out(actual);
            if (out.open(QIODevice::WriteOnly))
                out.write(written);
            QFAIL(qPrintable(u"the export differs from %1; it wrote %2"_s.arg(exported, actual)));
        }
    }

    void severalProblemsAreAllReported()
    {
        const QByteArray bytes = document(
            R"({"id": "gold", "name": "Gold", "match": "any", "rules": [{"field": "tier", "op": "is"}]})",
            R"({"id": "a", "name": "A", "status": "on", "reward": {"type": "percent_off", "percent": 0}},
               {"id": "b", "name": "", "status": "active", "conditions": {"segments": ["vip"]},
                "reward": {"type": "amount_off", "amount_off": {"eur": -1}}, "limits": {"budget": {}}})");
        const auto set = campaignfile::parse(bytes, u"rules.json"_s);
        QVERIFY(!set);
        const Error &error = set.error();
        const QStringList expected = {
            u"$.segments[0].rules[0].field: unknown field \"tier\""_s,
            u"$.segments[0].rules[0].op: unknown op \"is\""_s,
            u"$.campaigns[0].status: must be \"draft\", \"active\", \"paused\" or \"archived\", not \"on\""_s,
            u"$.campaigns[0].reward.percent: must be more than 0 and at most 100, not 0"_s,
            u"$.campaigns[1].name: must not be empty"_s,
            u"$.campaigns[1].conditions.segments[0]: refers to segment \"vip\""_s,
            u"$.campaigns[1].reward.amount_off.eur: must be between 1 and"_s,
            u"$.campaigns[1].limits.budget: must give an amount for at least one currency"_s,
        };
        QVERIFY2(allMatch(problems(error), expected),
                 describeMismatch(problems(error), expected).constData());
        QCOMPARE(error.details.size(), size_t(expected.size()));
        QCOMPARE(error.message, u"rules.json has 8 problems"_s);
        QVERIFY(error.path.isEmpty());
        for (const Error &detail : error.details) {
            QVERIFY(detail.path.startsWith(u"$."_s));
            QVERIFY(detail.details.empty());
        }
        // describe() gives the summary, then every problem on its own line.
        const QStringList lines = error.describe().split(u'\n');
        QCOMPARE(lines.size(), expected.size() + 1);
        QCOMPARE(lines.first(), error.message);
    }

    void oneProblemIsReportedAlone()
    {
        const auto set = campaignfile::parse(
            document(
                {},
                R"({"id": "a", "name": "A", "status": "active", "reward": {"type": "percent_off", "percent": 101}})"),
            u"rules.json"_s);
        QVERIFY(!set);
        QVERIFY(set.error().details.empty());
        QCOMPARE(set.error().path, u"$.campaigns[0].reward.percent"_s);
        QCOMPARE(set.error().code, errc::invalidValue);
    }

    void errorCodes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::newRow("not JSON") << QByteArray("{") << errc::invalidJson;
        QTest::newRow("unknown key")
            << document(
                   {},
                   R"({"id": "a", "name": "A", "status": "active", "colour": "red", "reward": {"type": "amount_off", "amount_off": {"eur": 1}}})")
            << errc::unknownField;
        QTest::newRow("missing value")
            << document({}, R"({"id": "a", "name": "A", "status": "active"})")
            << errc::missingValue;
        QTest::newRow("duplicate id")
            << document(
                   R"({"id": "s", "name": "S", "match": "all", "rules": []}, {"id": "s", "name": "T", "match": "all", "rules": []})",
                   {})
            << errc::conflict;
    }

    void errorCodes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        const auto set = campaignfile::parse(bytes, u"rules.json"_s);
        QVERIFY(!set);
        QCOMPARE(set.error().code, code);
    }

    void aFileIsReadAllOrNothing()
    {
        // Three good campaigns and one bad one: nothing is returned, and only the bad one is
        // blamed. (tst_cli checks that a failed import leaves the database as it was.)
        const auto set = campaignfile::load(invalidDir + u"one-bad-campaign-among-good.json"_s);
        QVERIFY(!set);
        QCOMPARE(set.error().path, u"$.campaigns[2].ends_at"_s);

        // The pieces the store and the editors use are as strict as the whole file.
        const auto campaign = campaignfile::parseCampaign(
            QJsonDocument::fromJson(
                R"({"id": "c", "name": "C", "status": "active", "conditions": {"segments": ["gold", "vip"]}, "reward": {"type": "percent_off", "percent": 10}})")
                .object(),
            {u"gold"_s});
        QVERIFY(!campaign);
        QCOMPARE(campaign.error().path, u"$.conditions.segments[1]"_s);
        const auto segment = campaignfile::parseSegment(
            QJsonDocument::fromJson(
                R"({"id": "s", "name": "S", "match": "all", "rules": [{"field": "country", "op": "eq", "value": "France"}]})")
                .object(),
            u"$.segments[3]"_s);
        QVERIFY(!segment);
        QCOMPARE(segment.error().path, u"$.segments[3].rules[0].value"_s);
        QVERIFY(campaignfile::parseSegment(
            campaignfile::segmentToJson(campaignfile::load(workedExample)->segments.first())));
    }

    void tiersMayBeListedInAnyOrder()
    {
        // "The highest tier reached applies": the order of the list does not matter, so it is
        // not an error (only two tiers starting at the same amount are).
        const auto set = campaignfile::parse(
            document(
                {},
                R"({"id": "a", "name": "A", "status": "active", "reward": {"type": "tiered", "tiers": [
                {"min_subtotal": {"eur": 20000}, "percent": 20}, {"min_subtotal": {"eur": 10000}, "percent": 10}]}})"),
            u"rules.json"_s);
        QVERIFY2(set, set ? "" : qPrintable(set.error().describe()));
        QCOMPARE(set->campaigns.first().reward.tiers.size(), 2);
    }

    void parseTimestamp_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("epochSeconds");
        QTest::addColumn<int>("offsetSeconds");
        // 2026-11-27T00:00:00Z is 1795737600.
        QTest::newRow("offset") << u"2026-11-27T01:00:00+01:00"_s << true << 1795737600ll << 3600;
        QTest::newRow("Z") << u"2026-11-27T00:00:00Z"_s << true << 1795737600ll << 0;
        QTest::newRow("+00:00") << u"2026-11-27T00:00:00+00:00"_s << true << 1795737600ll << 0;
        QTest::newRow("negative offset")
            << u"2026-11-26T19:00:00-05:00"_s << true << 1795737600ll << -18000;
        QTest::newRow("half-hour offset")
            << u"2026-11-27T05:30:00+05:30"_s << true << 1795737600ll << 19800;
        QTest::newRow("milliseconds") << u"2026-11-27T00:00:00.500Z"_s << true << 1795737600ll << 0;
        QTest::newRow("no seconds") << u"2026-11-27T01:00+01:00"_s << true << 1795737600ll << 3600;
        QTest::newRow("no offset") << u"2026-11-27T00:00:00"_s << false << 0ll << 0;
        QTest::newRow("no offset, milliseconds")
            << u"2026-11-27T00:00:00.500"_s << false << 0ll << 0;
        QTest::newRow("date only") << u"2026-11-27"_s << false << 0ll << 0;
        QTest::newRow("offset without colon") << u"2026-11-27T00:00:00+0100"_s << false << 0ll << 0;
        QTest::newRow("hour-only offset") << u"2026-11-27T00:00:00+01"_s << false << 0ll << 0;
        QTest::newRow("lowercase z") << u"2026-11-27T00:00:00z"_s << false << 0ll << 0;
        QTest::newRow("space for T") << u"2026-11-27 00:00:00Z"_s << false << 0ll << 0;
        QTest::newRow("no such day") << u"2026-02-30T00:00:00Z"_s << false << 0ll << 0;
        QTest::newRow("no such hour") << u"2026-11-27T25:00:00Z"_s << false << 0ll << 0;
        // ISO 8601 sets no limit on the fraction's digits: Python writes microseconds.
        QTest::newRow("four decimals")
            << u"2026-11-27T00:00:00.1234Z"_s << true << 1795737600ll << 0;
        QTest::newRow("microseconds, as Python writes them")
            << u"2026-11-27T00:00:00.000000+00:00"_s << true << 1795737600ll << 0;
        QTest::newRow("nanoseconds")
            << u"2026-11-27T01:00:00.999999999+01:00"_s << true << 1795737600ll << 3600;
        QTest::newRow("comma as decimal sign")
            << u"2026-11-27T00:00:00,5Z"_s << true << 1795737600ll << 0;
        QTest::newRow("fraction without seconds") << u"2026-11-27T00:00.5Z"_s << false << 0ll << 0;
        QTest::newRow("empty fraction") << u"2026-11-27T00:00:00.Z"_s << false << 0ll << 0;
        QTest::newRow("surrounding space") << u" 2026-11-27T00:00:00Z"_s << false << 0ll << 0;
        QTest::newRow("empty") << QString() << false << 0ll << 0;
    }

    void parseTimestamp()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, epochSeconds);
        QFETCH(int, offsetSeconds);
        const auto time = campaignfile::parseTimestamp(text);
        QCOMPARE(time.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(time->toMSecsSinceEpoch() / 1000, epochSeconds);
        QCOMPARE(time->offsetFromUtc(), offsetSeconds);
        // What formatTimestamp writes reads back as the same instant and offset.
        const auto again = campaignfile::parseTimestamp(campaignfile::formatTimestamp(*time));
        QVERIFY(again);
        QCOMPARE(again->toMSecsSinceEpoch(), time->toMSecsSinceEpoch());
        QCOMPARE(again->offsetFromUtc(), time->offsetFromUtc());
    }
};

QTEST_GUILESS_MAIN(TestCampaignFile)
#include "tst_campaignfile.moc"
