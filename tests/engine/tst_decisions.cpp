// The decision engine against docs/decisions.md, one rule per row.

#include "enginefixture.h"

#include <QFile>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::test;

namespace {

const char *const defaultNow = "2026-11-28T12:00:00+01:00";
const QString known = u"eur 18000 ship=BE email=ann@example.org customer=cus_1"_s;

Decision decideRow(const QByteArray &segments, const QByteArray &campaigns,
                   const QString &sessionSpec, const QString &profileSpec, const QString &code,
                   const QString &now, const QString &usageSpec)
{
    const Engine engine(rules(segments, campaigns), u"test"_s);
    const SessionSnapshot s = session(sessionSpec);
    DecisionInput input{code, at(now.isEmpty() ? defaultNow : qPrintable(now)), usage(usageSpec)};
    return engine.decide(s, CustomerContext::build(s, profile(profileSpec)), input);
}

} // namespace

class TestDecisions : public QObject
{
    Q_OBJECT

private slots:
    void rules_data()
    {
        QTest::addColumn<QByteArray>("segments");
        QTest::addColumn<QByteArray>("campaigns");
        QTest::addColumn<QString>("session");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("now");
        QTest::addColumn<QString>("usage");
        QTest::addColumn<QString>("outcomes");
        QTest::addColumn<QString>("discount");

        const QByteArray pct10 = R"("reward": {"type": "percent_off", "percent": 10})";
        const QByteArray gold =
            R"({"id": "gold", "name": "Gold", "match": "all", "rules": [{"field": "loyalty_tier", "op": "eq", "value": "gold"}]})";
        const auto row = [&](const char *name, const QByteArray &campaigns, const QString &outcome,
                             const QString &discount, const QString &sessionSpec = {},
                             const QString &profileSpec = u"none"_s, const QString &code = {},
                             const QString &usageSpec = {}, const QString &now = {},
                             const QByteArray &segments = {}) {
            QTest::newRow(name) << segments << campaigns
                                << (sessionSpec.isEmpty() ? known : sessionSpec) << profileSpec
                                << code << now << usageSpec << outcome << discount;
        };
        const auto raw = [](const char *status, const QByteArray &extra) -> QByteArray {
            // (Plain literals: moc misreads a raw string that ends in a quote.)
            return QByteArray("{\"id\": \"a\", \"name\": \"A\", \"status\": \"") + status + "\", " +
                   extra + "}";
        };

        // Each reason code, from a campaign failing only that check.
        row("applies", campaign("a", pct10), u"a=-:1800*"_s, u"1800 a"_s);
        row("paused: not_active", raw("paused", pct10), u"a=not_active:0"_s, u"none"_s);
        row("draft: not_active", raw("draft", pct10), u"a=not_active:0"_s, u"none"_s);
        row("not_started", campaign("a", R"("starts_at": "2026-11-28T12:00:01+01:00", )" + pct10),
            u"a=not_started:0"_s, u"none"_s);
        row("starts_at is inclusive",
            campaign("a", R"("starts_at": "2026-11-28T11:00:00Z", )" + pct10), u"a=-:1800*"_s,
            u"1800 a"_s);
        row("starts_at in another zone",
            campaign("a", R"("starts_at": "2026-11-28T06:00:00-05:00", )" + pct10), u"a=-:1800*"_s,
            u"1800 a"_s);
        row("one second before start, in another zone",
            campaign("a", R"("starts_at": "2026-11-28T06:00:01-05:00", )" + pct10),
            u"a=not_started:0"_s, u"none"_s);
        row("ended: ends_at is exclusive",
            campaign("a", R"("ends_at": "2026-11-28T11:00:00Z", )" + pct10), u"a=ended:0"_s,
            u"none"_s);
        row("ends a second later",
            campaign("a", R"("ends_at": "2026-11-28T12:00:01+01:00", )" + pct10), u"a=-:1800*"_s,
            u"1800 a"_s);
        row("ended in Tokyo time",
            campaign("a", R"("ends_at": "2026-11-28T20:00:00+09:00", )" + pct10), u"a=ended:0"_s,
            u"none"_s);
        row("currency list", campaign("a", R"("conditions": {"currencies": ["usd"]}, )" + pct10),
            u"a=currency_mismatch:0"_s, u"none"_s);
        row("min_subtotal without the currency",
            campaign("a", R"("conditions": {"min_subtotal": {"usd": 1}}, )" + pct10),
            u"a=currency_mismatch:0"_s, u"none"_s);
        row("amount_off without the currency",
            campaign("a", R"("reward": {"type": "amount_off", "amount_off": {"usd": 100}})"),
            u"a=currency_mismatch:0"_s, u"none"_s);
        row("tiers without the currency",
            campaign(
                "a",
                R"("reward": {"type": "tiered", "tiers": [{"min_subtotal": {"usd": 1}, "amount_off": {"usd": 5}}]})"),
            u"a=currency_mismatch:0"_s, u"none"_s);
        row("below_min_subtotal",
            campaign("a", R"("conditions": {"min_subtotal": {"eur": 18001}}, )" + pct10),
            u"a=below_min_subtotal:0"_s, u"none"_s);
        row("min_subtotal reached exactly",
            campaign("a", R"("conditions": {"min_subtotal": {"eur": 18000}}, )" + pct10),
            u"a=-:1800*"_s, u"1800 a"_s);
        row("segment_mismatch", campaign("a", R"("conditions": {"segments": ["gold"]}, )" + pct10),
            u"a=segment_mismatch:0"_s, u"none"_s, {}, u"tier=silver"_s, {}, {}, {}, gold);
        row("segment matches", campaign("a", R"("conditions": {"segments": ["gold"]}, )" + pct10),
            u"a=-:1800*"_s, u"1800 a"_s, {}, u"tier=GOLD"_s, {}, {}, {}, gold);
        row("country_mismatch", campaign("a", R"("conditions": {"countries": ["FR"]}, )" + pct10),
            u"a=country_mismatch:0"_s, u"none"_s);
        row("billing country when no shipping",
            campaign("a", R"("conditions": {"countries": ["FR"]}, )" + pct10), u"a=-:1800*"_s,
            u"1800 a"_s, u"eur 18000 bill=FR email=a@b.c"_s);
        row("shipping before billing",
            campaign("a", R"("conditions": {"countries": ["FR"]}, )" + pct10),
            u"a=country_mismatch:0"_s, u"none"_s, u"eur 18000 ship=BE bill=FR"_s);
        row("no country known", campaign("a", R"("conditions": {"countries": ["FR"]}, )" + pct10),
            u"a=country_mismatch:0"_s, u"none"_s, u"eur 18000"_s);
        row("code_missing", campaign("a", R"("conditions": {"code": "WELCOME"}, )" + pct10),
            u"a=code_missing:0"_s, u"none"_s);
        row("code_mismatch", campaign("a", R"("conditions": {"code": "WELCOME"}, )" + pct10),
            u"a=code_mismatch:0"_s, u"none"_s, {}, u"none"_s, u"NOPE"_s);
        row("code trimmed, any case",
            campaign("a", R"("conditions": {"code": "WELCOME"}, )" + pct10), u"a=-:1800*"_s,
            u"1800 a"_s, {}, u"none"_s, u"  welcome "_s);
        row("one of several codes",
            campaign("a", R"("conditions": {"code": ["ONE", "Two"]}, )" + pct10), u"a=-:1800*"_s,
            u"1800 a"_s, {}, u"none"_s, u"two"_s);
        row("not_first_order", campaign("a", R"("conditions": {"first_order": true}, )" + pct10),
            u"a=not_first_order:0"_s, u"none"_s, {}, u"orders=2"_s);
        row("first order with a profile",
            campaign("a", R"("conditions": {"first_order": true}, )" + pct10), u"a=-:1800*"_s,
            u"1800 a"_s, {}, u"orders=0"_s);
        row("first order without a profile",
            campaign("a", R"("conditions": {"first_order": true}, )" + pct10), u"a=-:1800*"_s,
            u"1800 a"_s);
        row("first_order false is no condition",
            campaign("a", R"("conditions": {"first_order": false}, )" + pct10), u"a=-:1800*"_s,
            u"1800 a"_s, {}, u"orders=9"_s);
        row("no_matching_products",
            campaign("a", R"("conditions": {"products": ["prod_x"]}, )" + pct10),
            u"a=no_matching_products:0"_s, u"none"_s, known + u" items=prod_a:9000,prod_b:9000"_s);
        row("product-scoped base",
            campaign(
                "a",
                R"("conditions": {"products": ["prod_b", "prod_c"]}, "reward": {"type": "percent_off", "percent": 50})"),
            u"a=-:4500*"_s, u"4500 a"_s, known + u" items=prod_a:9000,prod_b:9000"_s);
        row("product-scoped amount capped at its base",
            campaign(
                "a",
                R"("conditions": {"products": ["prod_b"]}, "reward": {"type": "amount_off", "amount_off": {"eur": 12000}})"),
            u"a=-:9000*"_s, u"9000 a"_s, known + u" items=prod_a:9000,prod_b:9000"_s);
        row("product quantities count",
            campaign("a", R"("conditions": {"products": ["prod_a"]}, )" + pct10), u"a=-:900*"_s,
            u"900 a"_s, known + u" items=prod_a:2x4500,prod_b:9000"_s);
        row("max_redemptions_reached",
            campaign("a", R"("limits": {"max_redemptions": 5}, )" + pct10),
            u"a=max_redemptions_reached:0"_s, u"none"_s, {}, u"none"_s, {}, u"a:5:0"_s);
        row("one redemption left", campaign("a", R"("limits": {"max_redemptions": 5}, )" + pct10),
            u"a=-:1800*"_s, u"1800 a"_s, {}, u"none"_s, {}, u"a:4:0"_s);
        row("customer_limit_reached",
            campaign("a", R"("limits": {"max_per_customer": 1}, )" + pct10),
            u"a=customer_limit_reached:0"_s, u"none"_s, {}, u"none"_s, {}, u"a:3:1"_s);
        row("unknown customer and a per-customer limit",
            campaign("a", R"("limits": {"max_per_customer": 1}, )" + pct10),
            u"a=customer_limit_reached:0"_s, u"none"_s, u"eur 18000 ship=BE"_s);
        row("budget_exhausted", campaign("a", R"("limits": {"budget": {"eur": 5000}}, )" + pct10),
            u"a=budget_exhausted:0"_s, u"none"_s, {}, u"none"_s, {}, u"a:0:0:eur:3201"_s);
        row("budget fits exactly",
            campaign("a", R"("limits": {"budget": {"eur": 5000}}, )" + pct10), u"a=-:1800*"_s,
            u"1800 a"_s, {}, u"none"_s, {}, u"a:0:0:eur:3200"_s);
        row("budget used in another currency",
            campaign("a", R"("limits": {"budget": {"eur": 5000}}, )" + pct10), u"a=-:1800*"_s,
            u"1800 a"_s, {}, u"none"_s, {}, u"a:0:0:usd:9000"_s);
        row("no budget in the currency",
            campaign("a", R"("limits": {"budget": {"usd": 5000}}, )" + pct10),
            u"a=budget_exhausted:0"_s, u"none"_s);
        row("no budget in the currency, nothing to spend",
            campaign(
                "a",
                R"("limits": {"budget": {"usd": 5000}}, "reward": {"type": "percent_off", "percent": 0.01})"),
            u"a=budget_exhausted:0"_s, u"none"_s, u"eur 50"_s);
        row("spent budget, nothing to spend",
            campaign(
                "a",
                R"("limits": {"budget": {"eur": 5000}}, "reward": {"type": "percent_off", "percent": 0.01})"),
            u"a=budget_exhausted:0"_s, u"none"_s, u"eur 50"_s, u"none"_s, {}, u"a:0:0:eur:5000"_s);

        // Check order: the earliest failing check gives the reason.
        row("paused and ended", raw("paused", R"("ends_at": "2020-01-01T00:00:00Z", )" + pct10),
            u"a=not_active:0"_s, u"none"_s);
        row("not started and wrong currency",
            campaign(
                "a",
                R"("starts_at": "2027-01-01T00:00:00Z", "conditions": {"currencies": ["usd"]}, )" +
                    pct10),
            u"a=not_started:0"_s, u"none"_s);
        row("wrong currency and below minimum",
            campaign("a",
                     R"("conditions": {"currencies": ["usd"], "min_subtotal": {"usd": 99999}}, )" +
                         pct10),
            u"a=currency_mismatch:0"_s, u"none"_s);
        row("below minimum and no segment",
            campaign("a",
                     R"("conditions": {"segments": ["gold"], "min_subtotal": {"eur": 99999}}, )" +
                         pct10),
            u"a=below_min_subtotal:0"_s, u"none"_s, {}, u"none"_s, {}, {}, {}, gold);
        row("no segment and wrong country",
            campaign("a", R"("conditions": {"segments": ["gold"], "countries": ["FR"]}, )" + pct10),
            u"a=segment_mismatch:0"_s, u"none"_s, {}, u"none"_s, {}, {}, {}, gold);
        row("wrong country and no code",
            campaign("a", R"("conditions": {"countries": ["FR"], "code": "X"}, )" + pct10),
            u"a=country_mismatch:0"_s, u"none"_s);
        row("no code and not a first order",
            campaign("a", R"("conditions": {"code": "X", "first_order": true}, )" + pct10),
            u"a=code_missing:0"_s, u"none"_s, {}, u"orders=3"_s);
        row("not first order and no product",
            campaign("a", R"("conditions": {"first_order": true, "products": ["p"]}, )" + pct10),
            u"a=not_first_order:0"_s, u"none"_s, known + u" items=q:1"_s, u"orders=3"_s);
        row("no product and limits reached",
            campaign("a",
                     R"("conditions": {"products": ["p"]}, "limits": {"max_redemptions": 1}, )" +
                         pct10),
            u"a=no_matching_products:0"_s, u"none"_s, known + u" items=q:1"_s, u"none"_s, {},
            u"a:1:0"_s);
        row("total cap before customer cap",
            campaign(
                "a",
                R"("limits": {"max_redemptions": 1, "max_per_customer": 1, "budget": {"eur": 1}}, )" +
                    pct10),
            u"a=max_redemptions_reached:0"_s, u"none"_s, {}, u"none"_s, {}, u"a:1:1:eur:1"_s);
        row("customer cap before budget",
            campaign("a", R"("limits": {"max_per_customer": 1, "budget": {"eur": 1}}, )" + pct10),
            u"a=customer_limit_reached:0"_s, u"none"_s, {}, u"none"_s, {}, u"a:0:1:eur:1"_s);

        // Rewards and rounding.
        row("percent truncates",
            campaign("a", R"("reward": {"type": "percent_off", "percent": 12.5})"), u"a=-:2250*"_s,
            u"2250 a"_s, u"eur 18001 ship=BE"_s);
        row("a hundredth of a percent",
            campaign("a", R"("reward": {"type": "percent_off", "percent": 0.01})"), u"a=-:1*"_s,
            u"1 a"_s);
        row("33.33 percent truncates",
            campaign("a", R"("reward": {"type": "percent_off", "percent": 33.33})"), u"a=-:332*"_s,
            u"332 a"_s, u"eur 999"_s);
        row("100 percent", campaign("a", R"("reward": {"type": "percent_off", "percent": 100})"),
            u"a=-:18000*"_s, u"18000 a"_s);
        row("capped by max_amount_off",
            campaign(
                "a",
                R"("reward": {"type": "percent_off", "percent": 20, "max_amount_off": {"eur": 3000}})"),
            u"a=-:3000*"_s, u"3000 a"_s);
        row("cap in another currency only",
            campaign(
                "a",
                R"("reward": {"type": "percent_off", "percent": 20, "max_amount_off": {"usd": 3000}})"),
            u"a=-:3600*"_s, u"3600 a"_s);
        row("amount_off",
            campaign(
                "a",
                R"("reward": {"type": "amount_off", "amount_off": {"eur": 1000, "usd": 1200}})"),
            u"a=-:1000*"_s, u"1000 a"_s);
        row("amount_off above the subtotal",
            campaign("a", R"("reward": {"type": "amount_off", "amount_off": {"eur": 20000}})"),
            u"a=-:18000*"_s, u"18000 a"_s);
        const QByteArray tiers =
            R"("reward": {"type": "tiered", "tiers": [{"min_subtotal": {"eur": 20000}, "amount_off": {"eur": 4000}}, {"min_subtotal": {"eur": 10000}, "amount_off": {"eur": 1000}}, {"min_subtotal": {"eur": 15000}, "amount_off": {"eur": 2500}}, {"min_subtotal": {"usd": 1}, "amount_off": {"usd": 9999}}]})";
        row("highest tier reached", campaign("a", tiers), u"a=-:2500*"_s, u"2500 a"_s);
        row("top tier", campaign("a", tiers), u"a=-:4000*"_s, u"4000 a"_s, u"eur 25000"_s);
        row("no tier reached", campaign("a", tiers), u"a=below_min_subtotal:0"_s, u"none"_s,
            u"eur 9999"_s);
        row("a tier in another currency is ignored", campaign("a", tiers), u"a=-:9999*"_s,
            u"9999 a"_s, u"usd 10000"_s);
        row("percent tier",
            campaign(
                "a",
                R"("reward": {"type": "tiered", "tiers": [{"min_subtotal": {"eur": 0}, "percent": 5}, {"min_subtotal": {"eur": 15000}, "percent": 12.5}]})"),
            u"a=-:2250*"_s, u"2250 a"_s);
        row("tier without an amount in the currency",
            campaign(
                "a",
                R"("reward": {"type": "tiered", "tiers": [{"min_subtotal": {"eur": 0, "usd": 0}, "amount_off": {"usd": 5}}]})"),
            u"a=currency_mismatch:0"_s, u"none"_s);
        row("zero-decimal percent", campaign("a", pct10), u"a=-:1234*"_s, u"1234 a"_s,
            u"jpy 12345 ship=JP"_s);
        row("zero-decimal amount",
            campaign("a",
                     R"("reward": {"type": "amount_off", "amount_off": {"jpy": 500, "eur": 5}})"),
            u"a=-:500*"_s, u"500 a"_s, u"jpy 12345"_s);

        // Choosing among options.
        const QByteArray stackA =
            campaign("sa", R"("reward": {"type": "amount_off", "amount_off": {"eur": 1000}})", 2,
                     "stackable", "Stack A");
        const QByteArray stackB =
            campaign("sb", R"("reward": {"type": "amount_off", "amount_off": {"eur": 500}})", 5,
                     "stackable", "Stack B");
        row("stack beats a smaller exclusive",
            stackA + ", " + stackB + ", " +
                campaign("x", R"("reward": {"type": "amount_off", "amount_off": {"eur": 1200}})"),
            u"sa=-:1000*;sb=-:500*;x=outranked:1200"_s, u"1500 Stack B + Stack A"_s);
        row("a larger exclusive beats the stack",
            stackA + ", " + stackB + ", " +
                campaign("x", R"("reward": {"type": "amount_off", "amount_off": {"eur": 2000}})"),
            u"sa=outranked:1000;sb=outranked:500;x=-:2000*"_s, u"2000 x"_s);
        row("tie: the option holding the highest priority",
            stackA + ", " + stackB + ", " +
                campaign("x", R"("reward": {"type": "amount_off", "amount_off": {"eur": 1500}})",
                         6),
            u"sa=outranked:1000;sb=outranked:500;x=-:1500*"_s, u"1500 x"_s);
        row("tie: the stack holds the highest priority",
            stackA + ", " + stackB + ", " +
                campaign("x", R"("reward": {"type": "amount_off", "amount_off": {"eur": 1500}})",
                         4),
            u"sa=-:1000*;sb=-:500*;x=outranked:1500"_s, u"1500 Stack B + Stack A"_s);
        row("tie on priority: the smallest id",
            campaign("b", R"("reward": {"type": "amount_off", "amount_off": {"eur": 700}})", 3) +
                ", " +
                campaign("a", R"("reward": {"type": "amount_off", "amount_off": {"eur": 700}})", 3),
            u"a=-:700*;b=outranked:700"_s, u"700 a"_s);
        row("tie: the stack's top id against an exclusive",
            campaign("z", R"("reward": {"type": "amount_off", "amount_off": {"eur": 700}})", 3) +
                ", " +
                campaign("m", R"("reward": {"type": "amount_off", "amount_off": {"eur": 300}})", 3,
                         "stackable") +
                ", " +
                campaign("n", R"("reward": {"type": "amount_off", "amount_off": {"eur": 400}})", 1,
                         "stackable"),
            u"m=-:300*;n=-:400*;z=outranked:700"_s, u"700 m + n"_s);
        row("a stack is capped at the subtotal",
            campaign("s1", R"("reward": {"type": "amount_off", "amount_off": {"eur": 10000}})", 1,
                     "stackable") +
                ", " +
                campaign("s2", R"("reward": {"type": "amount_off", "amount_off": {"eur": 10000}})",
                         1, "stackable"),
            u"s1=-:10000*;s2=-:10000*"_s, u"18000 s1 + s2"_s);
        row("archived campaigns are left out",
            QByteArray(R"({"id": "gone", "name": "Gone", "status": "archived", )") + pct10 + "}, " +
                campaign("b", pct10),
            u"b=-:1800*"_s, u"1800 b"_s);
        row("output in id order",
            campaign("c", pct10) + ", " + campaign("a", pct10) + ", " + campaign("b", pct10),
            u"a=-:1800*;b=outranked:1800;c=outranked:1800"_s, u"1800 a"_s);
        row("a winner worth nothing is no discount",
            campaign("a", R"("reward": {"type": "percent_off", "percent": 0.01})") + ", " +
                campaign("b", R"("reward": {"type": "percent_off", "percent": 0.01})"),
            u"a=-:0;b=-:0"_s, u"none"_s, u"eur 50"_s);
    }

    void rules()
    {
        QFETCH(QByteArray, segments);
        QFETCH(QByteArray, campaigns);
        QFETCH(QString, session);
        QFETCH(QString, profile);
        QFETCH(QString, code);
        QFETCH(QString, now);
        QFETCH(QString, usage);
        QFETCH(QString, outcomes);
        QFETCH(QString, discount);
        const Decision d = decideRow(segments, campaigns, session, profile, code, now, usage);
        QVERIFY2(!d.campaigns.isEmpty(), "the rules did not parse");
        QCOMPARE(test::outcomes(d), outcomes);
        QCOMPARE(test::discount(d), discount);
        if (d.discount) {
            QCOMPARE(d.discount->currency, session.section(u' ', 0, 0));
            QVERIFY(d.discount->amountOff <= d.subtotal);
        }
    }

    void label_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("label");
        QTest::newRow("one") << QStringList{u"Black Friday"_s} << u"Black Friday"_s;
        QTest::newRow("joined") << QStringList{u"Gold member 10%"_s, u"Benelux welcome"_s}
                                << u"Gold member 10% + Benelux welcome"_s;
        QTest::newRow("exactly 40") << QStringList{QString(40, u'x')} << QString(40, u'x');
        QTest::newRow("41 cut to 39 and an ellipsis")
            << QStringList{QString(41, u'x')} << QString(39, u'x') + u"…"_s;
        QTest::newRow("cut across names")
            << QStringList{u"Gold member 10%"_s, u"10 off over 100"_s, u"Benelux welcome"_s}
            << u"Gold member 10% + 10 off over 100 + Ben…"_s;
        // 40 characters of which some need two UTF-16 units: kept whole.
        const QString emoji = u"🎁"_s;
        QTest::newRow("non-BMP, 40 characters")
            << QStringList{emoji.repeated(40)} << emoji.repeated(40);
        QTest::newRow("non-BMP, 41 characters")
            << QStringList{emoji.repeated(41)} << emoji.repeated(39) + u"…"_s;
        QTest::newRow("accents") << QStringList{u"Été"_s.repeated(14)}
                                 << u"Été"_s.repeated(13) + u"…"_s;
    }

    void label()
    {
        QFETCH(QStringList, names);
        QFETCH(QString, label);
        QCOMPARE(Engine::label(names), label);
        QVERIFY(label.toUcs4().size() <= 40);
    }

    void appliedOrderIsPriorityThenId()
    {
        const QByteArray campaigns =
            campaign("z-low", R"("reward": {"type": "amount_off", "amount_off": {"eur": 100}})", 1,
                     "stackable", "Low") +
            ", " +
            campaign("b-high", R"("reward": {"type": "amount_off", "amount_off": {"eur": 100}})", 9,
                     "stackable", "High B") +
            ", " +
            campaign("a-high", R"("reward": {"type": "amount_off", "amount_off": {"eur": 100}})", 9,
                     "stackable", "High A");
        const Decision d = decideRow({}, campaigns, known, u"none"_s, {}, {}, {});
        QVERIFY(d.discount);
        QCOMPARE(d.discount->campaigns, (QStringList{u"a-high"_s, u"b-high"_s, u"z-low"_s}));
        QCOMPARE(d.discount->name, u"High A + High B + Low"_s);
    }

    void segments_data()
    {
        QTest::addColumn<QByteArray>("rule");
        QTest::addColumn<QString>("session");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<bool>("matches");
        const QString s =
            u"eur 1000 ship=FR region=IDF postal=75011 email=Claire@Atelier-Dupont.FR customer=cus_claire"_s;
        const QString p =
            u"tier=Gold orders=7 spend=eur:84000 tags=Newsletter,vip meta=plan:Pro meta=visits:12"_s;
        const auto rule = [](const char *field, const char *op, const char *value) -> QByteArray {
            QByteArray r = QByteArray(R"({"field": ")") + field + R"(", "op": ")" + op + "\"";
            if (value)
                r += QByteArray(R"(, "value": )") + value;
            return r + "}";
        };
        QTest::newRow("customer_id eq")
            << rule("customer_id", "eq", R"("CUS_CLAIRE")") << s << p << true;
        QTest::newRow("email eq folds case")
            << rule("email", "eq", R"("claire@atelier-dupont.fr")") << s << p << true;
        QTest::newRow("email_domain in")
            << rule("email_domain", "in", R"(["atelier-dupont.fr", "x.com"])") << s << p << true;
        QTest::newRow("email_domain not_in")
            << rule("email_domain", "not_in", R"(["atelier-dupont.fr"])") << s << p << false;
        QTest::newRow("email ends_with")
            << rule("email", "ends_with", R"("@ATELIER-DUPONT.fr")") << s << p << true;
        QTest::newRow("email starts_with")
            << rule("email", "starts_with", R"("claire@")") << s << p << true;
        QTest::newRow("email contains")
            << rule("email", "contains", R"("dupont")") << s << p << true;
        QTest::newRow("country eq") << rule("country", "eq", R"("FR")") << s << p << true;
        QTest::newRow("country ne") << rule("country", "ne", R"("FR")") << s << p << false;
        QTest::newRow("region") << rule("region", "eq", R"("idf")") << s << p << true;
        QTest::newRow("postal_code starts_with")
            << rule("postal_code", "starts_with", R"("750")") << s << p << true;
        QTest::newRow("loyalty_tier in")
            << rule("loyalty_tier", "in", R"(["gold", "platinum"])") << s << p << true;
        QTest::newRow("order_count gt") << rule("order_count", "gt", "6") << s << p << true;
        QTest::newRow("order_count gt equal") << rule("order_count", "gt", "7") << s << p << false;
        QTest::newRow("order_count gte") << rule("order_count", "gte", "7") << s << p << true;
        QTest::newRow("order_count lt") << rule("order_count", "lt", "7") << s << p << false;
        QTest::newRow("order_count lte") << rule("order_count", "lte", "7") << s << p << true;
        QTest::newRow("order_count eq") << rule("order_count", "eq", "7") << s << p << true;
        QTest::newRow("order_count in") << rule("order_count", "in", "[1, 7]") << s << p << true;
        QTest::newRow("order_count not_in")
            << rule("order_count", "not_in", "[1, 7]") << s << p << false;
        QTest::newRow("lifetime_spend in the session currency")
            << rule("lifetime_spend", "gte", "84000") << s << p << true;
        QTest::newRow("lifetime_spend in another currency is 0")
            << rule("lifetime_spend", "eq", "0") << u"usd 1000"_s << p << true;
        QTest::newRow("tags contains") << rule("tags", "contains", R"("vip")") << s << p << true;
        QTest::newRow("tags eq is membership")
            << rule("tags", "eq", R"("newsletter")") << s << p << true;
        QTest::newRow("tags in") << rule("tags", "in", R"(["trade", "VIP"])") << s << p << true;
        QTest::newRow("tags not_in") << rule("tags", "not_in", R"(["vip"])") << s << p << false;
        QTest::newRow("tags ne") << rule("tags", "ne", R"("trade")") << s << p << true;
        QTest::newRow("metadata eq") << rule("metadata.plan", "eq", R"("pro")") << s << p << true;
        QTest::newRow("metadata as a number")
            << rule("metadata.visits", "gt", "10") << s << p << true;
        QTest::newRow("metadata exists")
            << rule("metadata.plan", "exists", nullptr) << s << p << true;
        QTest::newRow("metadata not_exists")
            << rule("metadata.other", "not_exists", nullptr) << s << p << true;
        // A missing field fails every op but ne, not_in and not_exists.
        QTest::newRow("missing: eq")
            << rule("loyalty_tier", "eq", R"("gold")") << s << u"none"_s << false;
        QTest::newRow("missing: ne")
            << rule("loyalty_tier", "ne", R"("gold")") << s << u"none"_s << true;
        QTest::newRow("missing: in")
            << rule("loyalty_tier", "in", R"(["gold"])") << s << u"none"_s << false;
        QTest::newRow("missing: not_in")
            << rule("loyalty_tier", "not_in", R"(["gold"])") << s << u"none"_s << true;
        QTest::newRow("missing: exists")
            << rule("loyalty_tier", "exists", nullptr) << s << u"none"_s << false;
        QTest::newRow("missing: not_exists")
            << rule("loyalty_tier", "not_exists", nullptr) << s << u"none"_s << true;
        QTest::newRow("missing: gt") << rule("order_count", "gte", "0") << s << u"none"_s << false;
        QTest::newRow("missing: lt") << rule("order_count", "lt", "100") << s << u"none"_s << false;
        QTest::newRow("missing: not_in numbers")
            << rule("order_count", "not_in", "[1]") << s << u"none"_s << true;
        QTest::newRow("missing: starts_with")
            << rule("postal_code", "starts_with", R"("7")") << u"eur 1"_s << p << false;
        QTest::newRow("missing: tags contains")
            << rule("tags", "contains", R"("x")") << s << u"orders=1"_s << false;
        QTest::newRow("missing: tags ne")
            << rule("tags", "ne", R"("x")") << s << u"orders=1"_s << true;
    }

    void segments()
    {
        QFETCH(QByteArray, rule);
        QFETCH(QString, session);
        QFETCH(QString, profile);
        QFETCH(bool, matches);
        const QByteArray segment =
            R"({"id": "s", "name": "S", "match": "all", "rules": [)" + rule + "]}";
        const CampaignSet set = test::rules(
            segment, campaign("a", R"("reward": {"type": "percent_off", "percent": 1})"));
        QCOMPARE(set.segments.size(), 1);
        const Engine engine(set);
        const SessionSnapshot s = test::session(session);
        QCOMPARE(engine.segmentMatches(u"s", CustomerContext::build(s, test::profile(profile)),
                                       s.currency),
                 matches);
    }

    void matchAllOrAny()
    {
        const QByteArray rulesJson =
            R"([{"field": "country", "op": "eq", "value": "FR"}, {"field": "loyalty_tier", "op": "eq", "value": "gold"}])";
        const CampaignSet set = test::rules(
            QByteArray(R"({"id": "all", "name": "All", "match": "all", "rules": )" + rulesJson +
                       "}, " + R"({"id": "any", "name": "Any", "match": "any", "rules": )" +
                       rulesJson + "}"),
            campaign("a", R"("reward": {"type": "percent_off", "percent": 1})"));
        const Engine engine(set);
        const SessionSnapshot fr = session(u"eur 1 ship=FR"_s);
        const CustomerContext silver = CustomerContext::build(fr, profile(u"tier=silver"_s));
        const CustomerContext gold = CustomerContext::build(fr, profile(u"tier=gold"_s));
        QVERIFY(!engine.segmentMatches(u"all", silver, u"eur"));
        QVERIFY(engine.segmentMatches(u"any", silver, u"eur"));
        QVERIFY(engine.segmentMatches(u"all", gold, u"eur"));
    }

    void customerContext()
    {
        SessionSnapshot s = session(u"eur 1000 prefill=prefill@example.org"_s);
        QCOMPARE(CustomerContext::build(s, std::nullopt).email, u"prefill@example.org"_s);
        StripeCustomer stripeCustomer{
            u"cus_9"_s, u"stripe@example.org"_s, {}, {{u"loyalty_tier"_s, u"silver"_s}}};
        s.customer = stripeCustomer;
        s.customerId = u"cus_9"_s;
        QCOMPARE(CustomerContext::build(s, std::nullopt).email, u"stripe@example.org"_s);
        QCOMPARE(CustomerContext::build(s, std::nullopt).loyaltyTier, u"silver"_s);
        s.detailsEmail = u"details@example.org"_s;
        QCOMPARE(CustomerContext::build(s, std::nullopt).email, u"details@example.org"_s);
        // The profile's tier wins over the Stripe customer's metadata.
        QCOMPARE(CustomerContext::build(s, profile(u"tier=gold"_s)).loyaltyTier, u"gold"_s);
        QCOMPARE(CustomerContext::build(s, profile(u"orders=1"_s)).loyaltyTier, u"silver"_s);
        QCOMPARE(CustomerContext::build(s, std::nullopt).key(), u"cus_9"_s);
        QCOMPARE(
            CustomerContext::build(session(u"eur 1 email=Ann@Example.org"_s), std::nullopt).key(),
            u"email:ann@example.org"_s);
        QVERIFY(CustomerContext::build(session(u"eur 1"_s), std::nullopt).key().isEmpty());
    }

    void recomputingADiscountedSessionGivesTheSameDecision()
    {
        const QByteArray campaigns = campaign(
            "a",
            R"("reward": {"type": "percent_off", "percent": 20}, "conditions": {"min_subtotal": {"eur": 15000}})");
        const Decision before = decideRow({}, campaigns, known, u"none"_s, {}, {}, {});
        // The same session once it carries that discount: amount_total lowered, a coupon on it.
        QFile file(QStringLiteral(REMISE_TEST_DATA "/examples/session-open.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject raw = QJsonDocument::fromJson(file.readAll()).object();
        auto open = SessionSnapshot::fromStripe(raw);
        raw[u"amount_total"_s] = 18000 - 3600;
        raw[u"total_details"_s] = QJsonObject{{u"amount_discount"_s, 3600}};
        raw[u"discounts"_s] =
            QJsonArray{QJsonObject{{u"coupon"_s, QJsonObject{{u"id"_s, u"co_1"_s},
                                                             {u"amount_off"_s, 3600},
                                                             {u"currency"_s, u"eur"_s}}}}};
        QJsonObject items = raw[u"line_items"].toObject();
        QJsonArray data = items[u"data"].toArray();
        for (qsizetype i = 0; i < data.size(); ++i) {
            QJsonObject item = data.at(i).toObject();
            item[u"amount_discount"_s] = 1800;
            item[u"amount_total"_s] = item[u"amount_subtotal"].toInteger() - 1800;
            data[i] = item;
        }
        items[u"data"_s] = data;
        raw[u"line_items"_s] = items;
        auto discounted = SessionSnapshot::fromStripe(raw);
        QVERIFY(open && discounted);
        const Engine engine(test::rules({}, campaigns), u"r"_s);
        DecisionInput input{{}, at(defaultNow), {}};
        const Decision first =
            engine.decide(*open, CustomerContext::build(*open, std::nullopt), input);
        const Decision again =
            engine.decide(*discounted, CustomerContext::build(*discounted, std::nullopt), input);
        QCOMPARE(again.subtotal, 18000);
        QCOMPARE(again.discount, first.discount);
        QCOMPARE(again.campaigns, first.campaigns);
        QCOMPARE(again.discount->amountOff, before.discount->amountOff);
    }

    // Found by comparing with an independent implementation: a product listed twice counted
    // its items twice (a cart of 28 got 42 off). Campaign files now refuse such lists, so the
    // rules are built in code, as the store or an editor could hand them over.
    void eachItemCountsOnceAndNothingExceedsTheSubtotal_data()
    {
        QTest::addColumn<QStringList>("products");
        QTest::addColumn<QByteArray>("reward");
        QTest::addColumn<QString>("session");
        QTest::addColumn<qint64>("amount");
        const QByteArray off42 = R"({"type": "amount_off", "amount_off": {"eur": 4200}})";
        const QByteArray pct100 = R"({"type": "percent_off", "percent": 100})";
        const QByteArray pct75 = R"({"type": "percent_off", "percent": 75})";
        QTest::newRow("product listed twice, 75 %")
            << QStringList{u"p"_s, u"p"_s} << pct75 << u"eur 2800 items=p:2800"_s << qint64(2100);
        QTest::newRow("product listed twice, amount over the base")
            << QStringList{u"p"_s, u"p"_s} << off42 << u"eur 2800 items=p:2800"_s << qint64(2800);
        QTest::newRow("product listed three times among others")
            << QStringList{u"p"_s, u"q"_s, u"p"_s, u"p"_s} << pct75
            << u"eur 5000 items=p:2800,r:2200"_s << qint64(2100);
        // Line items that add up to more than the session's subtotal (the subtotal wins).
        QTest::newRow("items above the subtotal")
            << QStringList{u"p"_s} << pct100 << u"eur 1000 items=p:2800"_s << qint64(1000);
    }

    void eachItemCountsOnceAndNothingExceedsTheSubtotal()
    {
        QFETCH(QStringList, products);
        QFETCH(QByteArray, reward);
        QFETCH(QString, session);
        QFETCH(qint64, amount);
        CampaignSet set = test::rules(
            {}, campaign("a", R"("conditions": {"products": ["p"]}, "reward": )" + reward));
        QCOMPARE(set.campaigns.size(), 1);
        set.campaigns.first().conditions.products = products;
        const Engine engine(set, u"r"_s);
        const SessionSnapshot s = test::session(session);
        const Decision d = engine.decide(s, CustomerContext::build(s, std::nullopt),
                                         DecisionInput{{}, at(defaultNow), {}});
        QVERIFY(d.discount);
        QCOMPARE(d.discount->amountOff, amount);
        QCOMPARE(d.campaigns.first().amountOff, amount);
        QVERIFY(d.discount->amountOff <= s.subtotal);
    }

    void decisionIds()
    {
        const Engine engine(
            test::rules({}, campaign("a", R"("reward": {"type": "percent_off", "percent": 10})")),
            u"rev-1"_s);
        const SessionSnapshot s = session(known);
        const CustomerContext c = CustomerContext::build(s, std::nullopt);
        DecisionInput input{{}, at(defaultNow), {}};
        const Decision d = engine.decide(s, c, input);
        QVERIFY(QRegularExpression(u"^dec_[0-9a-f]{24}$"_s).match(d.id).hasMatch());
        QCOMPARE(engine.decide(s, c, input).id, d.id);
        QCOMPARE(engine.decide(s, c, input).toJson(), d.toJson());
        DecisionInput later = input;
        later.nowMs += 1;
        QVERIFY(engine.decide(s, c, later).id != d.id);
        DecisionInput coded = input;
        coded.code = u"X"_s;
        QVERIFY(engine.decide(s, c, coded).id != d.id);
        SessionSnapshot other = s;
        other.id = u"cs_test_other"_s;
        QVERIFY(engine.decide(other, c, input).id != d.id);
        const Engine revised(
            test::rules({}, campaign("a", R"("reward": {"type": "percent_off", "percent": 10})")),
            u"rev-2"_s);
        QVERIFY(revised.decide(s, c, input).id != d.id);
    }

    void theWorkedExample()
    {
        const auto read = [](const char *name) {
            QFile file(QStringLiteral(REMISE_TEST_DATA "/examples/") + QString::fromLatin1(name));
            return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                                  : QJsonObject();
        };
        const auto set = campaignfile::parse(QJsonObject(read("campaigns.json")));
        QVERIFY(set);
        const auto s = SessionSnapshot::fromStripe(read("session-open.json"));
        QVERIFY(s);
        CustomerProfile claire;
        const QJsonObject c = read("customer-claire.json");
        claire.id = c[u"id"].toString();
        claire.email = c[u"email"].toString();
        claire.loyaltyTier = c[u"loyalty_tier"].toString();
        claire.orderCount = c[u"order_count"].toInteger();
        claire.lifetimeSpend.set(u"eur"_s, c[u"lifetime_spend"][u"eur"].toInteger());
        claire.tags = {u"newsletter"_s};
        const Engine engine(*set);
        const Decision d = engine.decide(*s, CustomerContext::build(*s, claire),
                                         {{}, at("2026-11-28T12:00:00+01:00"), {}});
        QCOMPARE(d.toJson(), read("decision-expected.json"));
    }
};

QTEST_GUILESS_MAIN(TestDecisions)
#include "tst_decisions.moc"
