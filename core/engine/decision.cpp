#include "decision.h"

#include <QJsonArray>

#include <array>

using namespace Qt::StringLiterals;

namespace remise {

namespace {

struct ReasonInfo
{
    Reason reason;
    QStringView code;
    QStringView explanation;
};

constexpr std::array reasons{
    ReasonInfo{Reason::NotActive, u"not_active", u"The campaign is not active (draft or paused)."},
    ReasonInfo{Reason::NotStarted, u"not_started", u"The campaign has not started yet."},
    ReasonInfo{Reason::Ended, u"ended", u"The campaign has ended."},
    ReasonInfo{Reason::CurrencyMismatch, u"currency_mismatch",
               u"The campaign does not apply in the session's currency."},
    ReasonInfo{Reason::BelowMinSubtotal, u"below_min_subtotal",
               u"The cart subtotal is below the campaign's minimum."},
    ReasonInfo{Reason::SegmentMismatch, u"segment_mismatch",
               u"The customer is in none of the campaign's segments."},
    ReasonInfo{Reason::CountryMismatch, u"country_mismatch",
               u"The customer's country (shipping, else billing) is not one the campaign covers."},
    ReasonInfo{Reason::CodeMissing, u"code_missing",
               u"The campaign needs a code and none was entered."},
    ReasonInfo{Reason::CodeMismatch, u"code_mismatch",
               u"The code entered is not this campaign's code."},
    ReasonInfo{Reason::NotFirstOrder, u"not_first_order",
               u"The campaign is for first orders and the customer has ordered before."},
    ReasonInfo{Reason::NoMatchingProducts, u"no_matching_products",
               u"The cart holds none of the campaign's products."},
    ReasonInfo{Reason::MaxRedemptionsReached, u"max_redemptions_reached",
               u"The campaign has reached its total number of redemptions."},
    ReasonInfo{Reason::CustomerLimitReached, u"customer_limit_reached",
               u"The customer has used the campaign as often as allowed, or is not yet known."},
    ReasonInfo{Reason::BudgetExhausted, u"budget_exhausted",
               u"The campaign's remaining budget in this currency cannot cover the discount."},
    ReasonInfo{Reason::Outranked, u"outranked",
               u"The campaign was eligible, but a larger or higher-priority discount won."},
};

} // namespace

namespace reason {

QString code(Reason r)
{
    for (const auto &info : reasons)
        if (info.reason == r)
            return info.code.toString();
    return {};
}

std::optional<Reason> parse(QStringView c)
{
    for (const auto &info : reasons)
        if (info.code == c)
            return info.reason;
    return std::nullopt;
}

QString explanation(Reason r)
{
    for (const auto &info : reasons)
        if (info.reason == r)
            return info.explanation.toString();
    return u"The campaign applies."_s;
}

} // namespace reason

QJsonObject Decision::toJson() const
{
    QJsonObject out{
        {u"session"_s, sessionId}, {u"currency"_s, currency}, {u"subtotal"_s, subtotal}};
    if (discount) {
        out.insert(u"discount"_s,
                   QJsonObject{{u"amount_off"_s, discount->amountOff},
                               {u"currency"_s, discount->currency},
                               {u"name"_s, discount->name},
                               {u"campaigns"_s, QJsonArray::fromStringList(discount->campaigns)}});
    } else {
        out.insert(u"discount"_s, QJsonValue::Null);
    }
    QJsonArray list;
    for (const CampaignOutcome &c : campaigns) {
        list.append(QJsonObject{{u"id"_s, c.id},
                                {u"eligible"_s, c.eligible},
                                {u"applied"_s, c.applied},
                                {u"amount_off"_s, c.amountOff},
                                {u"reason"_s, c.reason == Reason::None
                                                  ? QJsonValue()
                                                  : QJsonValue(reason::code(c.reason))}});
    }
    out.insert(u"campaigns"_s, list);
    return out;
}

const QStringList &Decision::jsonKeyOrder()
{
    // One total order that puts each object's keys in the documented order: the decision
    // (session, currency, subtotal, discount, campaigns), the discount (amount_off, currency,
    // name, campaigns) and each campaign (id, eligible, applied, amount_off, reason).
    static const QStringList order = {u"session"_s,    u"id"_s,        u"eligible"_s, u"applied"_s,
                                      u"amount_off"_s, u"currency"_s,  u"subtotal"_s, u"name"_s,
                                      u"discount"_s,   u"campaigns"_s, u"reason"_s};
    return order;
}

} // namespace remise
