#include "segmentmatch.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace remise::engine {

ContextView::ContextView(const CustomerContext &customer, QStringView currency)
    : m_customer(customer)
    , m_customerId(customer.customerId.toCaseFolded())
    , m_email(customer.email.trimmed().toCaseFolded())
    , m_country(customer.address.country.toCaseFolded())
    , m_region(customer.address.state.toCaseFolded())
    , m_postalCode(customer.address.postalCode.toCaseFolded())
    , m_loyaltyTier(customer.loyaltyTier.toCaseFolded())
{
    const qsizetype at = m_email.lastIndexOf(u'@');
    if (at >= 0)
        m_emailDomain = m_email.mid(at + 1);
    if (customer.hasProfile) {
        m_tags.reserve(customer.profile.tags.size());
        for (const QString &tag : customer.profile.tags)
            m_tags.append(tag.toCaseFolded());
        // A known customer who never bought in this currency has spent zero in it.
        m_lifetimeSpend = customer.profile.lifetimeSpend.value(currency).value_or(0);
    }
}

ContextView::Value ContextView::field(SegmentField field, const QString &metadataKey) const
{
    const auto text = [](const QString &s) {
        return s.isEmpty() ? Value{} : Value{Kind::Text, s, 0, nullptr};
    };
    switch (field) {
    case SegmentField::CustomerId:
        return text(m_customerId);
    case SegmentField::Email:
        return text(m_email);
    case SegmentField::EmailDomain:
        return text(m_emailDomain);
    case SegmentField::Country:
        return text(m_country);
    case SegmentField::Region:
        return text(m_region);
    case SegmentField::PostalCode:
        return text(m_postalCode);
    case SegmentField::LoyaltyTier:
        return text(m_loyaltyTier);
    case SegmentField::OrderCount:
        if (!m_customer.hasProfile)
            return {};
        return Value{Kind::Number, {}, double(m_customer.profile.orderCount), nullptr};
    case SegmentField::LifetimeSpend:
        if (!m_lifetimeSpend)
            return {};
        return Value{Kind::Number, {}, double(*m_lifetimeSpend), nullptr};
    case SegmentField::Tags:
        if (m_tags.isEmpty())
            return {};
        return Value{Kind::List, {}, 0, &m_tags};
    case SegmentField::Metadata: {
        auto it = m_metadata.constFind(metadataKey);
        if (it == m_metadata.constEnd()) {
            const QString raw = m_customer.metadata.value(metadataKey);
            it = m_metadata.insert(metadataKey, raw.toCaseFolded());
        }
        return text(it.value());
    }
    }
    return {};
}

CompiledSegment compileSegment(const Segment &segment)
{
    CompiledSegment out;
    out.id = segment.id;
    out.matchAll = segment.match == Segment::Match::All;
    for (const SegmentRule &rule : segment.rules) {
        CompiledRule c{rule.field, rule.metadataKey, rule.op, {}, rule.number, rule.numbers};
        c.texts.reserve(rule.texts.size());
        for (const QString &t : rule.texts)
            c.texts.append(t.toCaseFolded());
        out.rules.append(std::move(c));
    }
    return out;
}

namespace {

bool compareNumber(RuleOp op, double actual, double expected)
{
    switch (op) {
    case RuleOp::Eq:
        return actual == expected;
    case RuleOp::Ne:
        return actual != expected;
    case RuleOp::Gt:
        return actual > expected;
    case RuleOp::Gte:
        return actual >= expected;
    case RuleOp::Lt:
        return actual < expected;
    case RuleOp::Lte:
        return actual <= expected;
    default:
        return false;
    }
}

bool textMatches(const CompiledRule &rule, QStringView actual)
{
    switch (rule.op) {
    case RuleOp::Eq:
        return !rule.texts.isEmpty() && actual == rule.texts.first();
    case RuleOp::Ne:
        return rule.texts.isEmpty() || actual != rule.texts.first();
    case RuleOp::In:
        return std::any_of(rule.texts.begin(), rule.texts.end(),
                           [&](const QString &t) { return actual == t; });
    case RuleOp::NotIn:
        return std::none_of(rule.texts.begin(), rule.texts.end(),
                            [&](const QString &t) { return actual == t; });
    case RuleOp::StartsWith:
        return !rule.texts.isEmpty() && actual.startsWith(rule.texts.first());
    case RuleOp::EndsWith:
        return !rule.texts.isEmpty() && actual.endsWith(rule.texts.first());
    case RuleOp::Contains:
        return !rule.texts.isEmpty() && actual.contains(rule.texts.first());
    case RuleOp::Gt:
    case RuleOp::Gte:
    case RuleOp::Lt:
    case RuleOp::Lte: {
        // Text fields (metadata) compare as numbers when both sides are numbers.
        bool ok = false;
        const double n = actual.toDouble(&ok);
        return ok && rule.number && compareNumber(rule.op, n, *rule.number);
    }
    case RuleOp::Exists:
        return true;
    case RuleOp::NotExists:
        return false;
    }
    return false;
}

bool numberMatches(const CompiledRule &rule, double actual)
{
    switch (rule.op) {
    case RuleOp::In:
        return rule.numbers.contains(actual);
    case RuleOp::NotIn:
        return !rule.numbers.contains(actual);
    case RuleOp::Exists:
        return true;
    case RuleOp::NotExists:
        return false;
    default:
        return rule.number && compareNumber(rule.op, actual, *rule.number);
    }
}

bool listMatches(const CompiledRule &rule, const QStringList &items)
{
    const auto has = [&](const QString &t) {
        return items.contains(t);
    };
    switch (rule.op) {
    case RuleOp::Eq:
    case RuleOp::Contains:
        return !rule.texts.isEmpty() && has(rule.texts.first());
    case RuleOp::Ne:
        return rule.texts.isEmpty() || !has(rule.texts.first());
    case RuleOp::In:
        return std::any_of(rule.texts.begin(), rule.texts.end(), has);
    case RuleOp::NotIn:
        return std::none_of(rule.texts.begin(), rule.texts.end(), has);
    case RuleOp::StartsWith:
        return !rule.texts.isEmpty() &&
               std::any_of(items.begin(), items.end(),
                           [&](const QString &i) { return i.startsWith(rule.texts.first()); });
    case RuleOp::EndsWith:
        return !rule.texts.isEmpty() &&
               std::any_of(items.begin(), items.end(),
                           [&](const QString &i) { return i.endsWith(rule.texts.first()); });
    case RuleOp::Exists:
        return true;
    default:
        return false;
    }
}

bool ruleMatches(const CompiledRule &rule, const ContextView &context)
{
    const ContextView::Value value = context.field(rule.field, rule.metadataKey);
    switch (value.kind) {
    case ContextView::Kind::Missing:
        return rule.op == RuleOp::Ne || rule.op == RuleOp::NotIn || rule.op == RuleOp::NotExists;
    case ContextView::Kind::Text:
        return textMatches(rule, value.text);
    case ContextView::Kind::Number:
        return numberMatches(rule, value.number);
    case ContextView::Kind::List:
        return listMatches(rule, *value.list);
    }
    return false;
}

} // namespace

bool matches(const CompiledSegment &segment, const ContextView &context)
{
    if (segment.rules.isEmpty())
        return segment.matchAll; // all of nothing holds; any of nothing does not
    if (segment.matchAll)
        return std::all_of(segment.rules.begin(), segment.rules.end(),
                           [&](const CompiledRule &r) { return ruleMatches(r, context); });
    return std::any_of(segment.rules.begin(), segment.rules.end(),
                       [&](const CompiledRule &r) { return ruleMatches(r, context); });
}

} // namespace remise::engine
