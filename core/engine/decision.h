#pragma once

#include "money.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace remise {

/// Why a campaign did not apply. Stable codes, in the order the checks run (docs/decisions.md).
enum class Reason {
    None,
    NotActive,
    NotStarted,
    Ended,
    CurrencyMismatch,
    BelowMinSubtotal,
    SegmentMismatch,
    CountryMismatch,
    CodeMissing,
    CodeMismatch,
    NotFirstOrder,
    NoMatchingProducts,
    MaxRedemptionsReached,
    CustomerLimitReached,
    BudgetExhausted,
    Outranked, ///< eligible, but another option won
};

namespace reason {
/// "code_missing", …; empty for Reason::None.
QString code(Reason reason);
std::optional<Reason> parse(QStringView code);
/// One sentence for people (support staff), in English; the UI translates by code.
QString explanation(Reason reason);
} // namespace reason

/// What the engine concluded about one campaign.
struct CampaignOutcome
{
    QString id;
    bool eligible = false;
    bool applied = false;
    qint64 amountOff = 0; ///< computed for eligible campaigns, 0 otherwise
    Reason reason = Reason::None;

    friend bool operator==(const CampaignOutcome &, const CampaignOutcome &) = default;
};

} // namespace remise
Q_DECLARE_TYPEINFO(remise::CampaignOutcome, Q_RELOCATABLE_TYPE);
namespace remise {

/// The single amount-off discount a session should carry.
struct DiscountPlan
{
    qint64 amountOff = 0;
    QString currency;
    QString name;          ///< the customer-facing label, at most 40 characters
    QStringList campaigns; ///< applied campaign ids, by priority then id

    friend bool operator==(const DiscountPlan &, const DiscountPlan &) = default;
};

/// The result of one evaluation (docs/decisions.md).
struct Decision
{
    QString id; ///< "dec_…": deterministic digest of the inputs and the outcome
    QString sessionId;
    QString currency;
    qint64 subtotal = 0;
    std::optional<DiscountPlan> discount;
    QList<CampaignOutcome> campaigns; ///< every non-archived campaign, in id order
    QString code;                     ///< the submitted code, trimmed, as given
    qint64 decidedAtMs = 0;

    /// The JSON of `simulate` (docs/cli.md): session, currency, subtotal, discount, campaigns.
    QJsonObject toJson() const;
    /// Key order for json::write, so output reads in the documented order.
    static const QStringList &jsonKeyOrder();
};

/// Stripe metadata keys Remise writes on the coupons it creates, so that any session can be
/// traced back to the decision and campaigns behind its discount.
namespace metadatakeys {
inline const QString campaigns = QStringLiteral("remise_campaigns"); ///< comma-separated ids
inline const QString decision = QStringLiteral("remise_decision");
inline const QString code = QStringLiteral("remise_code");
} // namespace metadatakeys

} // namespace remise
