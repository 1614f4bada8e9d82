// Decision engine benchmark (docs/performance.md): time per decision for 1,000 active campaigns and
// 50 segments on a 20-item cart, on one core. Prints figures; it is not a timed test. With
// --quick (as run by ctest) it runs briefly and checks that repeated decisions agree.

#include "engine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

const QStringList currencies = {u"eur"_s, u"usd"_s, u"gbp"_s};
const QStringList countries = {u"FR"_s, u"BE"_s, u"NL"_s, u"DE"_s,
                               u"US"_s, u"GB"_s, u"ES"_s, u"IT"_s};
const QStringList tiers = {u"bronze"_s, u"silver"_s, u"gold"_s, u"platinum"_s};

SegmentRule rule(SegmentField field, RuleOp op, const QJsonValue &value)
{
    SegmentRule r;
    r.field = field;
    r.op = op;
    r.value = value;
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray()) {
            if (v.isString())
                r.texts.append(v.toString());
            else
                r.numbers.append(v.toDouble());
        }
    } else if (value.isString()) {
        r.texts.append(value.toString());
    } else if (value.isDouble()) {
        r.number = value.toDouble();
    }
    return r;
}

// `selective`: every campaign has conditions, so a few percent apply to a given cart (what a
// real rule book looks like). Otherwise most apply and stack: the adversarial case.
CampaignSet makeRules(int campaignCount, int segmentCount, QRandomGenerator &random, bool selective)
{
    CampaignSet set;
    for (int i = 0; i < segmentCount; ++i) {
        Segment s;
        s.id = u"seg-%1"_s.arg(i, 3, 10, QChar(u'0'));
        s.name = u"Segment %1"_s.arg(i);
        s.match = i % 3 == 0 ? Segment::Match::Any : Segment::Match::All;
        s.rules.append(rule(SegmentField::LoyaltyTier, RuleOp::In,
                            QJsonArray{tiers.at(i % 4), tiers.at((i + 1) % 4)}));
        s.rules.append(rule(SegmentField::OrderCount, RuleOp::Gte, qint64(i % 5)));
        if (i % 2)
            s.rules.append(rule(SegmentField::EmailDomain, RuleOp::Ne, u"competitor.example"_s));
        if (i % 7 == 0)
            s.rules.append(rule(SegmentField::Tags, RuleOp::Contains, u"newsletter"_s));
        set.segments.append(s);
    }
    for (int i = 0; i < campaignCount; ++i) {
        Campaign c;
        c.id = u"c-%1"_s.arg(i, 4, 10, QChar(u'0'));
        c.name = u"Campaign %1"_s.arg(i);
        c.status = CampaignStatus::Active;
        c.priority = int(random.bounded(20));
        c.stacking = i % 4 == 0 ? Stacking::Stackable : Stacking::Exclusive;
        if (i % 5 == 0)
            c.startsAt = QDateTime::fromString(u"2026-11-01T00:00:00+01:00"_s, Qt::ISODate);
        if (i % 6 == 0)
            c.endsAt = QDateTime::fromString(u"2026-12-31T00:00:00+01:00"_s, Qt::ISODate);
        Conditions &cond = c.conditions;
        if (selective) {
            // Most campaigns target other countries, segments or codes than this customer's.
            cond.countries = QStringList{countries.at(i % 8), countries.at((i + 5) % 8)};
            if (i % 3 == 0)
                cond.codes = QStringList{u"CODE%1"_s.arg(i)};
        }
        if (i % 2 == 0)
            cond.segments = QStringList{set.segments.at(i % segmentCount).id,
                                        set.segments.at((i * 7) % segmentCount).id};
        if (i % 3 == 0)
            cond.currencies = QStringList{currencies.at(i % 3)};
        if (i % 4 == 1)
            cond.minSubtotal = CurrencyAmounts{{u"eur"_s, 5000 + 100 * (i % 50)}, {u"usd"_s, 6000}};
        if (i % 5 == 2)
            cond.countries = QStringList{countries.at(i % 8), countries.at((i + 3) % 8)};
        if (i % 9 == 4)
            cond.codes = QStringList{u"CODE%1"_s.arg(i)};
        if (i % 11 == 3)
            cond.products = QStringList{u"prod_%1"_s.arg(i % 40), u"prod_%1"_s.arg((i + 1) % 40)};
        if (i % 13 == 5)
            cond.firstOrder = true;
        switch (i % 3) {
        case 0:
            c.reward.type = Reward::Type::PercentOff;
            c.reward.percent = Percent::fromHundredths(500 + 25 * (i % 40));
            if (i % 2)
                c.reward.maxAmountOff =
                    CurrencyAmounts{{u"eur"_s, 5000}, {u"usd"_s, 6000}, {u"gbp"_s, 4000}};
            break;
        case 1:
            c.reward.type = Reward::Type::AmountOff;
            c.reward.amountOff =
                CurrencyAmounts{{u"eur"_s, 500 + i}, {u"usd"_s, 600 + i}, {u"gbp"_s, 400 + i}};
            break;
        default:
            c.reward.type = Reward::Type::Tiered;
            for (int t = 0; t < 3; ++t) {
                RewardTier tier;
                tier.minSubtotal =
                    CurrencyAmounts{{u"eur"_s, 10000 * (t + 1)}, {u"usd"_s, 12000 * (t + 1)}};
                tier.amountOff =
                    CurrencyAmounts{{u"eur"_s, 1000 * (t + 1)}, {u"usd"_s, 1200 * (t + 1)}};
                c.reward.tiers.append(tier);
            }
        }
        if (i % 10 == 0)
            c.limits.maxRedemptions = 1000;
        if (i % 15 == 0)
            c.limits.budget = CurrencyAmounts{{u"eur"_s, 1'000'000}, {u"usd"_s, 1'000'000}};
        set.campaigns.append(c);
    }
    return set;
}

SessionSnapshot makeSession(int items)
{
    SessionSnapshot s;
    s.id = u"cs_test_bench0001"_s;
    s.status = u"open"_s;
    s.mode = u"payment"_s;
    s.currency = u"eur"_s;
    s.customerId = u"cus_bench"_s;
    s.detailsEmail = u"claire.martin@example.org"_s;
    s.shippingAddress.country = u"BE"_s;
    s.hasLineItems = true;
    s.lineItemsComplete = true;
    for (int i = 0; i < items; ++i) {
        LineItem item;
        item.id = u"li_%1"_s.arg(i);
        item.productId = u"prod_%1"_s.arg(i * 2);
        item.priceId = u"price_%1"_s.arg(i);
        item.quantity = 1 + i % 3;
        item.unitAmount = 1500 + 250 * i;
        item.amountSubtotal = item.quantity * item.unitAmount;
        s.subtotal += item.amountSubtotal;
        s.lineItems.append(item);
    }
    return s;
}

} // namespace

int run(const CampaignSet &rules, bool quick);

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(u"--quick"_s);
    QRandomGenerator random(20261128);

    int status = 0;
    for (const bool selective : {true, false}) {
        std::printf("\n== %s\n", selective ? "typical rule book: every campaign has conditions"
                                           : "adversarial: most campaigns apply and stack");
        status |= run(makeRules(1000, 50, random, selective), quick);
    }
    return status;
}

int run(const CampaignSet &rules, bool quick)
{
    const Engine engine(rules, u"bench"_s);
    const SessionSnapshot session = makeSession(20);
    CustomerProfile profile;
    profile.id = u"cus_bench"_s;
    profile.email = u"claire.martin@example.org"_s;
    profile.loyaltyTier = u"gold"_s;
    profile.orderCount = 3;
    profile.lifetimeSpend.set(u"eur"_s, 84000);
    profile.tags = {u"newsletter"_s};
    const CustomerContext customer = CustomerContext::build(session, profile);
    DecisionInput input;
    input.nowMs =
        QDateTime::fromString(u"2026-11-28T12:00:00+01:00"_s, Qt::ISODate).toMSecsSinceEpoch();
    for (const Campaign &c : rules.campaigns)
        if (!c.limits.isEmpty())
            input.usage.insert(c.id, CampaignUsage{10, 0, CurrencyAmounts{{u"eur"_s, 2500}}});

    const Decision reference = engine.decide(session, customer, input);
    const int eligible = int(std::count_if(reference.campaigns.begin(), reference.campaigns.end(),
                                           [](const CampaignOutcome &o) { return o.eligible; }));
    std::printf(
        "engine: %lld campaigns (%d eligible), %lld segments, %lld line items, subtotal %lld\n",
        qint64(reference.campaigns.size()), eligible, qint64(rules.segments.size()),
        qint64(session.lineItems.size()), session.subtotal);
    std::printf("decision: %s, %lld off\n",
                reference.discount ? qPrintable(reference.discount->name) : "none",
                reference.discount ? reference.discount->amountOff : 0);

    const int rounds = quick ? 3 : 7;
    const int perRound = quick ? 200 : 3000;
    QList<double> nsPerDecision;
    for (int round = 0; round < rounds; ++round) {
        QElapsedTimer timer;
        timer.start();
        qint64 checksum = 0;
        for (int i = 0; i < perRound; ++i) {
            const Decision d = engine.decide(session, customer, input);
            checksum += d.discount ? d.discount->amountOff : 0;
        }
        const qint64 ns = timer.nsecsElapsed();
        if (checksum !=
            qint64(perRound) * (reference.discount ? reference.discount->amountOff : 0)) {
            std::fprintf(stderr, "decisions disagree between runs\n");
            return 1;
        }
        nsPerDecision.append(double(ns) / perRound);
    }
    std::sort(nsPerDecision.begin(), nsPerDecision.end());
    const double median = nsPerDecision.at(nsPerDecision.size() / 2);
    std::printf(
        "time per decision: median %.1f us, best %.1f us, worst %.1f us over %d rounds of %d "
        "(target: well under 50 us)\n",
        median / 1000.0, nsPerDecision.first() / 1000.0, nsPerDecision.last() / 1000.0, rounds,
        perRound);
    std::printf("decisions per second on one core: %.0f\n", 1e9 / median);
    return 0;
}
