#include "campaignfile.h"
#include "json.h"

using namespace Qt::StringLiterals;

// Export: the canonical remise/1 document for a rule book (the reading half, with every check
// the format makes, is campaignfile.cpp).
namespace remise::campaignfile {

namespace {

QJsonValue percentToJson(Percent p)
{
    if (p.hundredths() % 100 == 0)
        return qint64(p.hundredths() / 100);
    return p.toDouble();
}

QJsonObject amountsToJson(const CurrencyAmounts &amounts)
{
    QJsonObject out;
    for (const auto &[code, amount] : amounts.entries())
        out.insert(code, amount);
    return out;
}

QJsonValue timeToJson(const std::optional<QDateTime> &time)
{
    return time ? QJsonValue(formatTimestamp(*time)) : QJsonValue();
}

} // namespace

QString formatTimestamp(const QDateTime &time)
{
    return time.toString(time.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
}

QJsonObject segmentToJson(const Segment &segment)
{
    QJsonArray rules;
    for (const SegmentRule &rule : segment.rules) {
        QJsonObject r{{u"field"_s, segmentfield::name(rule.field, rule.metadataKey)},
                      {u"op"_s, ruleop::name(rule.op)}};
        if (!ruleop::takesNoValue(rule.op))
            r.insert(u"value"_s, rule.value);
        rules.append(r);
    }
    return {{u"id"_s, segment.id},
            {u"name"_s, segment.name},
            {u"match"_s, segment.match == Segment::Match::All ? u"all"_s : u"any"_s},
            {u"rules"_s, rules}};
}

QJsonObject campaignToJson(const Campaign &campaign)
{
    const Conditions &c = campaign.conditions;
    QJsonObject conditions;
    if (c.segments)
        conditions.insert(u"segments"_s, QJsonArray::fromStringList(*c.segments));
    if (c.currencies)
        conditions.insert(u"currencies"_s, QJsonArray::fromStringList(*c.currencies));
    if (c.minSubtotal)
        conditions.insert(u"min_subtotal"_s, amountsToJson(*c.minSubtotal));
    if (c.countries)
        conditions.insert(u"countries"_s, QJsonArray::fromStringList(*c.countries));
    if (c.codes) {
        if (c.codeWrittenAsList || c.codes->size() != 1)
            conditions.insert(u"code"_s, QJsonArray::fromStringList(*c.codes));
        else
            conditions.insert(u"code"_s, c.codes->first());
    }
    if (c.firstOrder)
        conditions.insert(u"first_order"_s, *c.firstOrder);
    if (c.products)
        conditions.insert(u"products"_s, QJsonArray::fromStringList(*c.products));

    const Reward &r = campaign.reward;
    QJsonObject reward;
    switch (r.type) {
    case Reward::Type::PercentOff:
        reward.insert(u"type"_s, u"percent_off"_s);
        reward.insert(u"percent"_s, percentToJson(r.percent));
        if (r.maxAmountOff)
            reward.insert(u"max_amount_off"_s, amountsToJson(*r.maxAmountOff));
        break;
    case Reward::Type::AmountOff:
        reward.insert(u"type"_s, u"amount_off"_s);
        reward.insert(u"amount_off"_s, amountsToJson(r.amountOff));
        break;
    case Reward::Type::Tiered: {
        reward.insert(u"type"_s, u"tiered"_s);
        QJsonArray tiers;
        for (const RewardTier &tier : r.tiers) {
            QJsonObject t{{u"min_subtotal"_s, amountsToJson(tier.minSubtotal)}};
            if (tier.amountOff)
                t.insert(u"amount_off"_s, amountsToJson(*tier.amountOff));
            if (tier.percent)
                t.insert(u"percent"_s, percentToJson(*tier.percent));
            tiers.append(t);
        }
        reward.insert(u"tiers"_s, tiers);
        break;
    }
    }

    const Limits &l = campaign.limits;
    QJsonObject limits;
    if (l.maxRedemptions)
        limits.insert(u"max_redemptions"_s, *l.maxRedemptions);
    if (l.maxPerCustomer)
        limits.insert(u"max_per_customer"_s, *l.maxPerCustomer);
    if (l.budget)
        limits.insert(u"budget"_s, amountsToJson(*l.budget));

    return {{u"id"_s, campaign.id},
            {u"name"_s, campaign.name},
            {u"status"_s, campaignstatus::name(campaign.status)},
            {u"priority"_s, campaign.priority},
            {u"stacking"_s, stacking::name(campaign.stacking)},
            {u"starts_at"_s, timeToJson(campaign.startsAt)},
            {u"ends_at"_s, timeToJson(campaign.endsAt)},
            {u"conditions"_s, conditions},
            {u"reward"_s, reward},
            {u"limits"_s, limits}};
}

QJsonObject toJson(const CampaignSet &set)
{
    QJsonArray segments;
    for (const Segment &segment : set.segments)
        segments.append(segmentToJson(segment));
    QJsonArray campaigns;
    for (const Campaign &campaign : set.campaigns)
        campaigns.append(campaignToJson(campaign));
    return {{u"format"_s, formatName}, {u"segments"_s, segments}, {u"campaigns"_s, campaigns}};
}

const QStringList &keyOrder()
{
    // One total order giving every object of the format its documented key order.
    static const QStringList order = {u"format"_s,
                                      u"id"_s,
                                      u"name"_s,
                                      u"match"_s,
                                      u"rules"_s,
                                      u"field"_s,
                                      u"op"_s,
                                      u"value"_s,
                                      u"status"_s,
                                      u"priority"_s,
                                      u"stacking"_s,
                                      u"starts_at"_s,
                                      u"ends_at"_s,
                                      u"conditions"_s,
                                      u"reward"_s,
                                      u"limits"_s,
                                      u"type"_s,
                                      u"segments"_s,
                                      u"currencies"_s,
                                      u"min_subtotal"_s,
                                      u"countries"_s,
                                      u"code"_s,
                                      u"first_order"_s,
                                      u"products"_s,
                                      u"amount_off"_s,
                                      u"percent"_s,
                                      u"max_amount_off"_s,
                                      u"tiers"_s,
                                      u"max_redemptions"_s,
                                      u"max_per_customer"_s,
                                      u"budget"_s,
                                      u"campaigns"_s};
    return order;
}

QByteArray write(const CampaignSet &set)
{
    return json::write(toJson(set), json::Style::Pretty, keyOrder());
}

} // namespace remise::campaignfile
