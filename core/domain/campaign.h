#pragma once

#include "money.h"
#include "segment.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace remise {

enum class CampaignStatus { Draft, Active, Paused, Archived };
enum class Stacking { Exclusive, Stackable };

namespace campaignstatus {
std::optional<CampaignStatus> parse(QStringView name);
QString name(CampaignStatus status);
} // namespace campaignstatus

namespace stacking {
std::optional<Stacking> parse(QStringView name);
QString name(Stacking stacking);
} // namespace stacking

/// Conditions that must all hold; an absent one (nullopt) is no condition.
struct Conditions
{
    std::optional<QStringList> segments;   ///< segment ids; matching any one is enough
    std::optional<QStringList> currencies; ///< lowercase ISO codes
    std::optional<CurrencyAmounts> minSubtotal;
    std::optional<QStringList> countries; ///< ISO 3166-1 alpha-2, uppercase
    std::optional<QStringList> codes;     ///< as written; compared trimmed, case-insensitively
    bool codeWrittenAsList = false;       ///< keeps `"code": "X"` vs `["X"]` on export
    std::optional<bool> firstOrder;
    std::optional<QStringList> products; ///< Stripe product ids

    friend bool operator==(const Conditions &, const Conditions &) = default;
};

/// One step of a tiered reward: reached when the subtotal is at least `minSubtotal`.
struct RewardTier
{
    CurrencyAmounts minSubtotal;
    std::optional<CurrencyAmounts> amountOff; ///< either this…
    std::optional<Percent> percent;           ///< …or this

    friend bool operator==(const RewardTier &, const RewardTier &) = default;
};

struct Reward
{
    enum class Type { PercentOff, AmountOff, Tiered };

    Type type = Type::PercentOff;
    Percent percent;                             ///< PercentOff
    std::optional<CurrencyAmounts> maxAmountOff; ///< PercentOff cap per currency
    CurrencyAmounts amountOff;                   ///< AmountOff
    QList<RewardTier> tiers;                     ///< Tiered

    friend bool operator==(const Reward &, const Reward &) = default;
};

struct Limits
{
    std::optional<qint64> maxRedemptions;
    std::optional<qint64> maxPerCustomer;
    std::optional<CurrencyAmounts> budget;

    bool isEmpty() const { return !maxRedemptions && !maxPerCustomer && !budget; }
    friend bool operator==(const Limits &, const Limits &) = default;
};

/// A discount campaign as marketing staff define it (docs/decisions.md).
struct Campaign
{
    QString id;
    QString name; ///< shown to the customer as the discount label
    CampaignStatus status = CampaignStatus::Draft;
    int priority = 0;
    Stacking stacking = Stacking::Exclusive;
    std::optional<QDateTime> startsAt; ///< inclusive; keeps the offset it was written with
    std::optional<QDateTime> endsAt;   ///< exclusive
    Conditions conditions;
    Reward reward;
    Limits limits;

    friend bool operator==(const Campaign &a, const Campaign &b)
    {
        return a.id == b.id && a.name == b.name && a.status == b.status &&
               a.priority == b.priority && a.stacking == b.stacking &&
               sameInstant(a.startsAt, b.startsAt) && sameInstant(a.endsAt, b.endsAt) &&
               a.conditions == b.conditions && a.reward == b.reward && a.limits == b.limits;
    }

private:
    static bool sameInstant(const std::optional<QDateTime> &a, const std::optional<QDateTime> &b)
    {
        if (a.has_value() != b.has_value())
            return false;
        return !a || (a->toMSecsSinceEpoch() == b->toMSecsSinceEpoch() &&
                      a->offsetFromUtc() == b->offsetFromUtc());
    }
};

/// The whole rule book: what a `remise/1` file holds and what the engine decides with.
/// Segments and campaigns are kept in file order.
struct CampaignSet
{
    QList<Segment> segments;
    QList<Campaign> campaigns;

    const Segment *segment(QStringView id) const;
    const Campaign *campaign(QStringView id) const;

    friend bool operator==(const CampaignSet &, const CampaignSet &) = default;
};

/// `[a-z0-9][a-z0-9_-]{0,63}`
bool isValidCampaignId(QStringView id);

} // namespace remise
