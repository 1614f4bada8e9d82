#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace remise {

/// What a segment rule looks at in the customer context.
enum class SegmentField {
    CustomerId,
    Email,
    EmailDomain,
    Country,
    Region,
    PostalCode,
    LoyaltyTier,
    OrderCount,
    LifetimeSpend,
    Tags,
    Metadata, ///< metadata.<key>
};

enum class RuleOp {
    Eq,
    Ne,
    In,
    NotIn,
    Gt,
    Gte,
    Lt,
    Lte,
    StartsWith,
    EndsWith,
    Contains,
    Exists,
    NotExists,
};

namespace segmentfield {
/// "loyalty_tier" → LoyaltyTier; "metadata.plan" → Metadata (key returned in `metadataKey`).
std::optional<SegmentField> parse(QStringView name, QString *metadataKey);
QString name(SegmentField field, const QString &metadataKey = {});
/// Fields holding whole numbers (order_count, lifetime_spend).
bool isNumeric(SegmentField field);
} // namespace segmentfield

namespace ruleop {
std::optional<RuleOp> parse(QStringView name);
QString name(RuleOp op);
/// Ops that never look at a value (exists, not_exists).
bool takesNoValue(RuleOp op);
/// Ops whose value is a list (in, not_in).
bool takesList(RuleOp op);
/// Ordering ops (gt, gte, lt, lte).
bool isOrdering(RuleOp op);
} // namespace ruleop

/// One `{field, op, value}` rule. `value` keeps the JSON as written (for export); the
/// normalised forms are what matching uses.
struct SegmentRule
{
    SegmentField field = SegmentField::Email;
    QString metadataKey; ///< for SegmentField::Metadata
    RuleOp op = RuleOp::Eq;
    QJsonValue value;

    QStringList texts;            ///< case-folded text value(s)
    std::optional<double> number; ///< numeric value for eq/ne/ordering ops
    QList<double> numbers;        ///< numeric values for in/not_in

    friend bool operator==(const SegmentRule &a, const SegmentRule &b)
    {
        return a.field == b.field && a.metadataKey == b.metadataKey && a.op == b.op &&
               a.value == b.value;
    }
};

/// A named rule set over the customer context.
struct Segment
{
    enum class Match { All, Any };

    QString id;
    QString name;
    Match match = Match::All;
    QList<SegmentRule> rules;

    friend bool operator==(const Segment &, const Segment &) = default;
};

} // namespace remise
