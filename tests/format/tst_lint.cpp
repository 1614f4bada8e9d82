// Lint: the mistakes a valid remise/1 file can still hold. (The command line test checks the
// whole catalogue on one file; these rows pin each rule and its absence.)

#include "campaignfile.h"
#include "lint.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

CampaignSet rules(const QByteArray &segments, const QByteArray &campaigns)
{
    const QByteArray doc = R"({"format": "remise/1", "segments": [)" + segments +
                           R"(], "campaigns": [)" + campaigns + "]}";
    auto set = campaignfile::parse(doc, u"test"_s);
    if (!set)
        qWarning() << set.error().describe();
    return set.value_or(CampaignSet{});
}

QByteArray campaign(const QByteArray &id, const QByteArray &extra)
{
    return R"({"id": ")" + id +
           R"(", "name": "Campaign", "status": "active", "priority": 1, "stacking": "exclusive", )" +
           extra + "}";
}

QStringList codes(const QList<lint::Finding> &findings)
{
    QStringList out;
    for (const lint::Finding &f : findings)
        out.append(f.code + u'@' + f.path);
    return out;
}

const qint64 now =
    QDateTime::fromString(u"2026-11-28T12:00:00+01:00"_s, Qt::ISODate).toMSecsSinceEpoch();

} // namespace

class TestLint : public QObject
{
    Q_OBJECT

private slots:
    void findings_data()
    {
        QTest::addColumn<QByteArray>("segments");
        QTest::addColumn<QByteArray>("campaigns");
        QTest::addColumn<QStringList>("expected");

        const QByteArray percent = R"("reward": {"type": "percent_off", "percent": 10})";
        QTest::newRow("clean") << QByteArray() << campaign("a", percent) << QStringList{};
        QTest::newRow("ended") << QByteArray()
                               << campaign("a", R"("ends_at": "2026-11-28T11:00:00Z", )" + percent)
                               << QStringList{u"unreachable@$.campaigns[0].ends_at"_s};
        QTest::newRow("ends exactly now is ended")
            << QByteArray()
            << campaign("a", R"("ends_at": "2026-11-28T12:00:00+01:00", )" + percent)
            << QStringList{u"unreachable@$.campaigns[0].ends_at"_s};
        QTest::newRow("ends later is fine")
            << QByteArray()
            << campaign("a", R"("ends_at": "2026-11-28T12:00:01+01:00", )" + percent)
            << QStringList{};
        QTest::newRow("archived campaigns are not linted")
            << QByteArray()
            << R"({"id": "a", "name": "A", "status": "archived", "ends_at": "2020-01-01T00:00:00Z", "conditions": {"code": "X"}, "reward": {"type": "percent_off", "percent": 10}}, )" +
                   campaign("b", R"("conditions": {"code": "x"}, )" + percent)
            << QStringList{};
        QTest::newRow("currency list excludes the amount")
            << QByteArray()
            << campaign(
                   "a",
                   R"("conditions": {"currencies": ["usd"]}, "reward": {"type": "amount_off", "amount_off": {"eur": 100}})")
            << QStringList{u"never_satisfiable@$.campaigns[0]"_s};
        QTest::newRow("min subtotal and amount in different currencies")
            << QByteArray()
            << campaign(
                   "a",
                   R"("conditions": {"min_subtotal": {"usd": 100}}, "reward": {"type": "amount_off", "amount_off": {"eur": 100}})")
            << QStringList{u"never_satisfiable@$.campaigns[0]"_s};
        QTest::newRow("amount missing a currency")
            << QByteArray()
            << campaign(
                   "a",
                   R"("conditions": {"min_subtotal": {"usd": 100, "eur": 100}}, "reward": {"type": "amount_off", "amount_off": {"eur": 100}})")
            << QStringList{u"missing_currency@$.campaigns[0].reward.amount_off"_s};
        QTest::newRow("tiers missing a currency in amount")
            << QByteArray()
            << campaign(
                   "a",
                   R"("conditions": {"currencies": ["eur", "gbp"]}, "reward": {"type": "tiered", "tiers": [{"min_subtotal": {"eur": 1, "gbp": 1}, "amount_off": {"eur": 5}}]})")
            << QStringList{u"missing_currency@$.campaigns[0].reward.tiers"_s};
        QTest::newRow("cap missing a currency")
            << QByteArray()
            << campaign(
                   "a",
                   R"("conditions": {"currencies": ["eur", "usd"]}, "reward": {"type": "percent_off", "percent": 10, "max_amount_off": {"eur": 500}})")
            << QStringList{u"missing_currency@$.campaigns[0].reward.max_amount_off"_s};
        QTest::newRow("budget missing a currency")
            << QByteArray()
            << campaign(
                   "a",
                   R"("conditions": {"currencies": ["eur", "usd"]}, "reward": {"type": "percent_off", "percent": 10}, "limits": {"budget": {"eur": 500}})")
            << QStringList{u"missing_currency@$.campaigns[0].limits.budget"_s};
        QTest::newRow("budget in no usable currency")
            << QByteArray()
            << campaign(
                   "a",
                   R"("conditions": {"currencies": ["usd"]}, "reward": {"type": "percent_off", "percent": 10}, "limits": {"budget": {"eur": 500}})")
            << QStringList{u"never_satisfiable@$.campaigns[0].limits.budget"_s};
        QTest::newRow("shared code, any case")
            << QByteArray()
            << campaign("a", R"("conditions": {"code": "SUMMER"}, )" + percent) + ", " +
                   campaign("b", R"("conditions": {"code": [" summer "]}, )" + percent)
            << QStringList{u"conflict@$.campaigns[1].conditions.code"_s};
        QTest::newRow("contradictory numbers")
            << QByteArray(
                   R"({"id": "s", "name": "S", "match": "all", "rules": [{"field": "order_count", "op": "gte", "value": 5}, {"field": "order_count", "op": "lte", "value": 4}]})")
            << campaign("a", R"("conditions": {"segments": ["s"]}, )" + percent)
            << QStringList{u"never_satisfiable@$.segments[0].rules"_s,
                           u"never_satisfiable@$.campaigns[0].conditions.segments"_s};
        QTest::newRow("touching bounds are satisfiable")
            << QByteArray(
                   R"({"id": "s", "name": "S", "match": "all", "rules": [{"field": "order_count", "op": "gte", "value": 5}, {"field": "order_count", "op": "lte", "value": 5}]})")
            << campaign("a", R"("conditions": {"segments": ["s"]}, )" + percent) << QStringList{};
        QTest::newRow("eq against not_in")
            << QByteArray(
                   R"({"id": "s", "name": "S", "match": "all", "rules": [{"field": "country", "op": "eq", "value": "FR"}, {"field": "country", "op": "not_in", "value": ["fr", "BE"]}]})")
            << campaign("a", R"("conditions": {"segments": ["s"]}, )" + percent)
            << QStringList{u"never_satisfiable@$.segments[0].rules"_s,
                           u"never_satisfiable@$.campaigns[0].conditions.segments"_s};
        QTest::newRow("exists and not_exists")
            << QByteArray(
                   R"({"id": "s", "name": "S", "match": "all", "rules": [{"field": "metadata.plan", "op": "exists"}, {"field": "metadata.plan", "op": "not_exists"}]})")
            << campaign("a", R"("conditions": {"segments": ["s"]}, )" + percent)
            << QStringList{u"never_satisfiable@$.segments[0].rules"_s,
                           u"never_satisfiable@$.campaigns[0].conditions.segments"_s};
        QTest::newRow("two tags can both hold")
            << QByteArray(
                   R"({"id": "s", "name": "S", "match": "all", "rules": [{"field": "tags", "op": "eq", "value": "a"}, {"field": "tags", "op": "eq", "value": "b"}]})")
            << campaign("a", R"("conditions": {"segments": ["s"]}, )" + percent) << QStringList{};
        QTest::newRow("any of no rules")
            << QByteArray(R"({"id": "s", "name": "S", "match": "any", "rules": []})")
            << campaign("a", R"("conditions": {"segments": ["s"]}, )" + percent)
            << QStringList{u"never_satisfiable@$.segments[0].rules"_s,
                           u"never_satisfiable@$.campaigns[0].conditions.segments"_s};
        QTest::newRow("one live segment is enough")
            << QByteArray(
                   R"({"id": "dead", "name": "S", "match": "any", "rules": []}, {"id": "live", "name": "L", "match": "all", "rules": []})")
            << campaign("a", R"("conditions": {"segments": ["dead", "live"]}, )" + percent)
            << QStringList{u"never_satisfiable@$.segments[0].rules"_s};
        QTest::newRow("first order among customers with orders")
            << QByteArray(
                   R"({"id": "s", "name": "S", "match": "all", "rules": [{"field": "order_count", "op": "gt", "value": 0}]})")
            << campaign("a",
                        R"("conditions": {"segments": ["s"], "first_order": true}, )" + percent)
            << QStringList{u"never_satisfiable@$.campaigns[0].conditions.first_order"_s};
        QTest::newRow("identical twin never wins")
            << QByteArray()
            << campaign("b", R"("conditions": {"countries": ["DE"]}, )" + percent) + ", " +
                   campaign("a", R"("conditions": {"countries": ["DE"]}, )" + percent)
            << QStringList{u"unreachable@$.campaigns[0]"_s};
        QTest::newRow("a twin with limits can still be needed")
            << QByteArray()
            << campaign("b", R"("conditions": {"countries": ["DE"]}, )" + percent) + ", " +
                   campaign(
                       "a",
                       R"("conditions": {"countries": ["DE"]}, "limits": {"max_redemptions": 5}, )" +
                           percent)
            << QStringList{};
        // Lists that are not sets are linted, not refused (docs/campaign-format.md).
        QTest::newRow("repeated segment rule")
            << QByteArray(R"({"id": "s", "name": "S", "match": "all", "rules": [
                   {"field": "country", "op": "eq", "value": "FR"},
                   {"field": "order_count", "op": "gte", "value": 1},
                   {"field": "country", "op": "eq", "value": "FR"}]})")
            << campaign("a", R"("conditions": {"segments": ["s"]}, )" + percent)
            << QStringList{u"unreachable@$.segments[0].rules[2]"_s};
        QTest::newRow("unused segment is information")
            << QByteArray(R"({"id": "s", "name": "S", "match": "all", "rules": []})")
            << campaign("a", percent) << QStringList{u"unused_segment@$.segments[0]"_s};
    }

    void findings()
    {
        QFETCH(QByteArray, segments);
        QFETCH(QByteArray, campaigns);
        QFETCH(QStringList, expected);
        const CampaignSet set = rules(segments, campaigns);
        QVERIFY(!set.campaigns.isEmpty());
        QCOMPARE(codes(lint::run(set, now)), expected);
    }

    void labelTooLongCountsCharacters()
    {
        // Code points, as Stripe counts: 40 emoji (80 UTF-16 units) fit.
        const QString emoji = u"\U0001F600"_s.repeated(40);
        const CampaignSet fits =
            rules({}, campaign("a", R"("reward": {"type": "percent_off", "percent": 10})")
                          .replace("\"Campaign\"", QByteArray("\"" + emoji.toUtf8() + "\"")));
        QVERIFY(lint::run(fits, now).isEmpty());
        const QString forty = QString(40, u'é');
        const CampaignSet ok =
            rules({}, campaign("a", R"("reward": {"type": "percent_off", "percent": 10})")
                          .replace("\"Campaign\"", QByteArray("\"" + forty.toUtf8() + "\"")));
        QVERIFY(lint::run(ok, now).isEmpty());
        const CampaignSet tooLong =
            rules({}, campaign("a", R"("reward": {"type": "percent_off", "percent": 10})")
                          .replace("\"Campaign\"", QByteArray("\"" + forty.toUtf8() + "!\"")));
        const auto findings = lint::run(tooLong, now);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().code, u"label_too_long"_s);
        QCOMPARE(findings.first().severity, lint::Finding::Severity::Info);
    }

    void theWorkedExampleIsClean()
    {
        const auto set =
            campaignfile::load(QStringLiteral(REMISE_TEST_DATA "/examples/campaigns.json"));
        QVERIFY(set);
        QVERIFY(lint::run(*set, now).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLint)
#include "tst_lint.moc"
