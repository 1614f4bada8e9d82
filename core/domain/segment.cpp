#include "segment.h"

#include <array>

using namespace Qt::StringLiterals;

namespace remise {

namespace {

struct FieldName
{
    SegmentField field;
    QStringView name;
};

constexpr std::array fieldNames{
    FieldName{SegmentField::CustomerId, u"customer_id"},
    FieldName{SegmentField::Email, u"email"},
    FieldName{SegmentField::EmailDomain, u"email_domain"},
    FieldName{SegmentField::Country, u"country"},
    FieldName{SegmentField::Region, u"region"},
    FieldName{SegmentField::PostalCode, u"postal_code"},
    FieldName{SegmentField::LoyaltyTier, u"loyalty_tier"},
    FieldName{SegmentField::OrderCount, u"order_count"},
    FieldName{SegmentField::LifetimeSpend, u"lifetime_spend"},
    FieldName{SegmentField::Tags, u"tags"},
};

struct OpName
{
    RuleOp op;
    QStringView name;
};

constexpr std::array opNames{
    OpName{RuleOp::Eq, u"eq"},
    OpName{RuleOp::Ne, u"ne"},
    OpName{RuleOp::In, u"in"},
    OpName{RuleOp::NotIn, u"not_in"},
    OpName{RuleOp::Gt, u"gt"},
    OpName{RuleOp::Gte, u"gte"},
    OpName{RuleOp::Lt, u"lt"},
    OpName{RuleOp::Lte, u"lte"},
    OpName{RuleOp::StartsWith, u"starts_with"},
    OpName{RuleOp::EndsWith, u"ends_with"},
    OpName{RuleOp::Contains, u"contains"},
    OpName{RuleOp::Exists, u"exists"},
    OpName{RuleOp::NotExists, u"not_exists"},
};

} // namespace

namespace segmentfield {

std::optional<SegmentField> parse(QStringView name, QString *metadataKey)
{
    if (name.startsWith(u"metadata.")) {
        const QStringView key = name.mid(9);
        if (key.isEmpty())
            return std::nullopt;
        if (metadataKey)
            *metadataKey = key.toString();
        return SegmentField::Metadata;
    }
    for (const auto &entry : fieldNames)
        if (entry.name == name)
            return entry.field;
    return std::nullopt;
}

QString name(SegmentField field, const QString &metadataKey)
{
    if (field == SegmentField::Metadata)
        return u"metadata."_s + metadataKey;
    for (const auto &entry : fieldNames)
        if (entry.field == field)
            return entry.name.toString();
    return {};
}

bool isNumeric(SegmentField field)
{
    return field == SegmentField::OrderCount || field == SegmentField::LifetimeSpend;
}

} // namespace segmentfield

namespace ruleop {

std::optional<RuleOp> parse(QStringView name)
{
    for (const auto &entry : opNames)
        if (entry.name == name)
            return entry.op;
    return std::nullopt;
}

QString name(RuleOp op)
{
    for (const auto &entry : opNames)
        if (entry.op == op)
            return entry.name.toString();
    return {};
}

bool takesNoValue(RuleOp op)
{
    return op == RuleOp::Exists || op == RuleOp::NotExists;
}

bool takesList(RuleOp op)
{
    return op == RuleOp::In || op == RuleOp::NotIn;
}

bool isOrdering(RuleOp op)
{
    return op == RuleOp::Gt || op == RuleOp::Gte || op == RuleOp::Lt || op == RuleOp::Lte;
}

} // namespace ruleop

} // namespace remise
