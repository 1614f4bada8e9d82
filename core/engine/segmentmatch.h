#pragma once

// Internal to the engine: segments compiled for fast matching, and the customer context seen
// through case-folded fields.

#include "segment.h"
#include "session.h"

#include <QVarLengthArray>

namespace remise::engine {

/// A customer context prepared once per decision: every text field case-folded, so that each
/// rule compares without allocating.
class ContextView
{
public:
    ContextView(const CustomerContext &customer, QStringView currency);

    enum class Kind { Missing, Text, Number, List };
    struct Value
    {
        Kind kind = Kind::Missing;
        QStringView text;
        double number = 0;
        const QStringList *list = nullptr;
    };

    Value field(SegmentField field, const QString &metadataKey) const;
    const QString &country() const { return m_country; }
    bool hasProfile() const { return m_customer.hasProfile; }
    qint64 orderCount() const { return m_customer.profile.orderCount; }

private:
    const CustomerContext &m_customer;
    QString m_customerId;
    QString m_email;
    QString m_emailDomain;
    QString m_country;
    QString m_region;
    QString m_postalCode;
    QString m_loyaltyTier;
    QStringList m_tags;
    std::optional<qint64> m_lifetimeSpend;
    mutable QHash<QString, QString> m_metadata; // folded lazily; few keys are ever asked for
};

struct CompiledRule
{
    SegmentField field;
    QString metadataKey;
    RuleOp op;
    QStringList texts;            // case-folded
    std::optional<double> number; // eq/ne/ordering on numbers
    QList<double> numbers;        // in/not_in on numbers
};

struct CompiledSegment
{
    QString id;
    bool matchAll = true;
    QList<CompiledRule> rules;
};

CompiledSegment compileSegment(const Segment &segment);
bool matches(const CompiledSegment &segment, const ContextView &context);

} // namespace remise::engine
