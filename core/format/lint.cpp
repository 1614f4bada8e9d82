#include "lint.h"

#include "json.h"
#include "text.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace remise::lint {

QString Finding::format() const
{
    const QString level = severity == Severity::Warning ? u"warning"_s : u"info"_s;
    return u"%1: %2 (%3) %4: %5"_s.arg(level, path, subject, code, message);
}

QJsonObject Finding::toJson() const
{
    return {{u"severity"_s, severity == Severity::Warning ? u"warning"_s : u"info"_s},
            {u"code"_s, code},
            {u"path"_s, path},
            {u"subject"_s, subject},
            {u"message"_s, message}};
}

namespace {

using QStringSet = QSet<QString>;

QStringSet keys(const CurrencyAmounts &amounts)
{
    QStringSet out;
    for (const auto &entry : amounts.entries())
        out.insert(entry.first);
    return out;
}

QString list(const QStringSet &set)
{
    QStringList items = set.values();
    std::sort(items.begin(), items.end());
    return items.join(u", "_s);
}

// Per-currency maps a campaign cannot apply without, with their paths.
struct Required
{
    QString path;
    QString what;
    QStringSet currencies;
};

QList<Required> requiredMaps(const Campaign &c, const QString &path)
{
    QList<Required> out;
    if (c.conditions.minSubtotal)
        out.append({json::at(json::at(path, u"conditions"), u"min_subtotal"),
                    u"conditions.min_subtotal"_s, keys(*c.conditions.minSubtotal)});
    if (c.reward.type == Reward::Type::AmountOff)
        out.append({json::at(json::at(path, u"reward"), u"amount_off"), u"reward.amount_off"_s,
                    keys(c.reward.amountOff)});
    if (c.reward.type == Reward::Type::Tiered) {
        // A currency is covered when at least one tier is usable in it.
        QStringSet covered;
        for (const RewardTier &tier : c.reward.tiers) {
            QStringSet usable = keys(tier.minSubtotal);
            if (tier.amountOff)
                usable.intersect(keys(*tier.amountOff));
            covered.unite(usable);
        }
        out.append({json::at(json::at(path, u"reward"), u"tiers"), u"reward.tiers"_s, covered});
    }
    return out;
}

struct NumberRange
{
    double low = -std::numeric_limits<double>::infinity();
    bool lowOpen = false;
    double high = std::numeric_limits<double>::infinity();
    bool highOpen = false;

    void atLeast(double v, bool open)
    {
        if (v > low || (v == low && open)) {
            low = v;
            lowOpen = open;
        }
    }
    void atMost(double v, bool open)
    {
        if (v < high || (v == high && open)) {
            high = v;
            highOpen = open;
        }
    }
    bool empty() const { return low > high || (low == high && (lowOpen || highOpen)); }
};

} // namespace

bool segmentSatisfiable(const Segment &segment)
{
    if (segment.rules.isEmpty())
        return segment.match == Segment::Match::All;
    if (segment.match == Segment::Match::Any)
        return true; // every valid rule alone can hold for somebody

    // `all`: look for contradictions between rules on the same field.
    QHash<QString, QList<const SegmentRule *>> byField;
    for (const SegmentRule &rule : segment.rules)
        byField[segmentfield::name(rule.field, rule.metadataKey)].append(&rule);
    for (auto it = byField.cbegin(); it != byField.cend(); ++it) {
        const auto &rules = it.value();
        const bool numeric = segmentfield::isNumeric(rules.first()->field);
        bool mustExist = false;
        bool mustNotExist = false;
        std::optional<QStringSet> allowed; // text values still possible
        QStringSet excluded;
        NumberRange range;
        std::optional<QSet<double>> allowedNumbers;
        QSet<double> excludedNumbers;
        for (const SegmentRule *rule : rules) {
            const auto folded = [&] {
                QStringSet s;
                for (const QString &t : rule->texts)
                    s.insert(t.toCaseFolded());
                return s;
            };
            switch (rule->op) {
            case RuleOp::Exists:
                mustExist = true;
                break;
            case RuleOp::NotExists:
                mustNotExist = true;
                break;
            case RuleOp::Ne:
            case RuleOp::NotIn:
                if (numeric) {
                    if (rule->number)
                        excludedNumbers.insert(*rule->number);
                    for (double n : rule->numbers)
                        excludedNumbers.insert(n);
                } else if (rule->field != SegmentField::Tags) {
                    excluded.unite(folded());
                }
                break;
            case RuleOp::Eq:
            case RuleOp::In:
                mustExist = true;
                if (numeric) {
                    QSet<double> values(rule->numbers.begin(), rule->numbers.end());
                    if (rule->number)
                        values.insert(*rule->number);
                    if (allowedNumbers)
                        allowedNumbers->intersect(values);
                    else
                        allowedNumbers = values;
                } else if (rule->field != SegmentField::Tags) {
                    // Tags hold several values, so two different eq rules can both hold.
                    const QStringSet values = folded();
                    if (allowed)
                        allowed->intersect(values);
                    else
                        allowed = values;
                }
                break;
            case RuleOp::Gt:
            case RuleOp::Gte:
                mustExist = true;
                if (rule->number)
                    range.atLeast(*rule->number, rule->op == RuleOp::Gt);
                break;
            case RuleOp::Lt:
            case RuleOp::Lte:
                mustExist = true;
                if (rule->number)
                    range.atMost(*rule->number, rule->op == RuleOp::Lt);
                break;
            case RuleOp::StartsWith:
            case RuleOp::EndsWith:
            case RuleOp::Contains:
                mustExist = true;
                break;
            }
        }
        if (mustExist && mustNotExist)
            return false;
        if (range.empty())
            return false;
        if (allowed) {
            allowed->subtract(excluded);
            if (allowed->isEmpty())
                return false;
        }
        if (allowedNumbers) {
            bool any = false;
            for (double n : std::as_const(*allowedNumbers)) {
                const bool inRange = (n > range.low || (n == range.low && !range.lowOpen)) &&
                                     (n < range.high || (n == range.high && !range.highOpen));
                if (inRange && !excludedNumbers.contains(n))
                    any = true;
            }
            if (!any)
                return false;
        }
    }
    return true;
}

namespace {

bool requiresOrders(const Segment &segment)
{
    if (segment.match != Segment::Match::All)
        return false;
    for (const SegmentRule &rule : segment.rules) {
        if (rule.field != SegmentField::OrderCount || !rule.number)
            continue;
        if ((rule.op == RuleOp::Gt && *rule.number >= 0) ||
            ((rule.op == RuleOp::Gte || rule.op == RuleOp::Eq) && *rule.number >= 1))
            return true;
    }
    return false;
}

bool sameSchedule(const Campaign &a, const Campaign &b)
{
    const auto ms = [](const std::optional<QDateTime> &t) {
        return t ? std::optional(t->toMSecsSinceEpoch()) : std::nullopt;
    };
    return ms(a.startsAt) == ms(b.startsAt) && ms(a.endsAt) == ms(b.endsAt);
}

} // namespace

namespace {

// One pass over a rule book, one method per concern; findings in document order.
class Linter
{
public:
    Linter(const CampaignSet &rules, qint64 nowMs)
        : m_rules(rules)
        , m_nowMs(nowMs)
    {}

    QList<Finding> run()
    {
        for (const Campaign &c : m_rules.campaigns)
            if (c.status != CampaignStatus::Archived && c.conditions.segments)
                for (const QString &id : *c.conditions.segments)
                    m_usedSegments.insert(id);
        for (qsizetype i = 0; i < m_rules.segments.size(); ++i)
            segment(m_rules.segments.at(i), json::at(u"$.segments"_s, i));
        for (qsizetype i = 0; i < m_rules.campaigns.size(); ++i)
            campaign(m_rules.campaigns.at(i), json::at(u"$.campaigns"_s, i));
        return m_findings;
    }

private:
    static constexpr auto warning = Finding::Severity::Warning;
    static constexpr auto info = Finding::Severity::Info;

    void add(Finding::Severity severity, const QString &code, const QString &path,
             const QString &subject, const QString &message)
    {
        m_findings.append({severity, code, path, subject, message});
    }

    void segment(const Segment &s, const QString &path)
    {
        if (!segmentSatisfiable(s)) {
            m_unsatisfiableSegments.insert(s.id);
            add(warning, u"never_satisfiable"_s, json::at(path, u"rules"), s.id,
                u"no customer can match these rules: they contradict each other"_s);
        }
        repeatedRules(s, path);
        if (!m_usedSegments.contains(s.id))
            add(info, u"unused_segment"_s, path, s.id,
                u"no campaign that is not archived uses this segment"_s);
    }

    // A rule given twice in a segment changes nothing (docs/campaign-format.md, "Duplicates").
    void repeatedRules(const Segment &s, const QString &path)
    {
        for (qsizetype i = 0; i < s.rules.size(); ++i)
            for (qsizetype j = 0; j < i; ++j)
                if (s.rules.at(i) == s.rules.at(j)) {
                    add(warning, u"unreachable"_s, json::at(json::at(path, u"rules"), i), s.id,
                        u"repeats rule [%1]: it changes nothing"_s.arg(j));
                    break;
                }
    }

    void campaign(const Campaign &c, const QString &path)
    {
        if (c.status == CampaignStatus::Archived)
            return;
        schedule(c, path);
        const bool satisfiable = applicable(c, path);
        if (satisfiable)
            missingCurrencies(c, path);
        sharedCodes(c, path);
        outranked(c, path);
        label(c, path);
    }

    void schedule(const Campaign &c, const QString &path)
    {
        if (c.endsAt && c.endsAt->toMSecsSinceEpoch() <= m_nowMs)
            add(warning, u"unreachable"_s, json::at(path, u"ends_at"), c.id,
                u"ended on %1; it can never apply again (archive it?)"_s.arg(
                    c.endsAt->toString(Qt::ISODate)));
    }

    // Can the campaign apply at all? Reports why not; remembers the currencies it mentions.
    bool applicable(const Campaign &c, const QString &path)
    {
        m_required = requiredMaps(c, path);
        m_possible.reset();
        if (c.conditions.currencies)
            m_possible =
                QStringSet(c.conditions.currencies->begin(), c.conditions.currencies->end());
        m_mentioned = m_possible.value_or(QStringSet());
        for (const Required &r : std::as_const(m_required)) {
            m_mentioned.unite(r.currencies);
            m_possible = m_possible ? m_possible->intersect(r.currencies) : r.currencies;
        }
        bool ok = true;
        if (m_possible && m_possible->isEmpty()) {
            ok = false;
            QStringList parts;
            if (c.conditions.currencies)
                parts.append(u"currencies: "_s + c.conditions.currencies->join(u", "_s));
            for (const Required &r : std::as_const(m_required))
                parts.append(r.what + u": "_s + list(r.currencies));
            add(warning, u"never_satisfiable"_s, path, c.id,
                u"no currency has every value the campaign needs (%1), so it never applies"_s.arg(
                    parts.join(u"; "_s)));
        }
        if (ok && c.limits.budget && m_possible &&
            !QStringSet(*m_possible).intersects(keys(*c.limits.budget))) {
            add(warning, u"never_satisfiable"_s, json::at(json::at(path, u"limits"), u"budget"),
                c.id,
                u"the budget has no value in any currency the campaign applies in (%1)"_s.arg(
                    list(*m_possible)));
            ok = false;
        }
        return segmentsCanMatch(c, path) && ok; // both reported
    }

    bool segmentsCanMatch(const Campaign &c, const QString &path)
    {
        if (!c.conditions.segments)
            return true;
        const QString conditions = json::at(path, u"conditions");
        const bool allDead =
            std::all_of(c.conditions.segments->begin(), c.conditions.segments->end(),
                        [&](const QString &id) { return m_unsatisfiableSegments.contains(id); });
        bool ok = true;
        if (allDead) {
            add(warning, u"never_satisfiable"_s, json::at(conditions, u"segments"), c.id,
                u"every segment it requires is one no customer can match"_s);
            ok = false;
        }
        if (c.conditions.firstOrder.value_or(false)) {
            const bool allNeedOrders =
                std::all_of(c.conditions.segments->begin(), c.conditions.segments->end(),
                            [&](const QString &id) {
                                const Segment *s = m_rules.segment(id);
                                return s && requiresOrders(*s);
                            });
            if (allNeedOrders) {
                add(warning, u"never_satisfiable"_s, json::at(conditions, u"first_order"), c.id,
                    u"first_order needs a customer without orders, but every segment it requires needs orders"_s);
                ok = false;
            }
        }
        return ok;
    }

    // Missing currency values (only worth saying about a campaign that can apply).
    void missingCurrencies(const Campaign &c, const QString &path)
    {
        for (const Required &r : std::as_const(m_required)) {
            QStringSet missing = m_mentioned;
            missing.subtract(r.currencies);
            if (!missing.isEmpty())
                add(warning, u"missing_currency"_s, r.path, c.id,
                    u"%1 has no value for %2, which the campaign mentions elsewhere; it will not apply in %2 (currency_mismatch)"_s
                        .arg(r.what, list(missing)));
        }
        if (c.limits.budget) {
            QStringSet missing = m_possible.value_or(m_mentioned);
            missing.subtract(keys(*c.limits.budget));
            if (!missing.isEmpty())
                add(warning, u"missing_currency"_s, json::at(json::at(path, u"limits"), u"budget"),
                    c.id,
                    u"the budget has no value for %1: nothing can be spent in %1 (budget_exhausted)"_s
                        .arg(list(missing)));
        }
        if (c.reward.type == Reward::Type::PercentOff && c.reward.maxAmountOff) {
            QStringSet missing = m_possible.value_or(m_mentioned);
            missing.subtract(keys(*c.reward.maxAmountOff));
            if (!missing.isEmpty())
                add(warning, u"missing_currency"_s,
                    json::at(json::at(path, u"reward"), u"max_amount_off"), c.id,
                    u"max_amount_off has no value for %1: the discount is not capped in %1"_s.arg(
                        list(missing)));
        }
    }

    // Codes shared by several campaigns.
    void sharedCodes(const Campaign &c, const QString &path)
    {
        if (!c.conditions.codes)
            return;
        for (const QString &code : *c.conditions.codes) {
            const QString folded = code.trimmed().toCaseFolded();
            const auto owner = m_codeOwners.constFind(folded);
            if (owner != m_codeOwners.constEnd() && owner.value() != c.id)
                add(warning, u"conflict"_s, json::at(json::at(path, u"conditions"), u"code"), c.id,
                    u"the code \"%1\" also belongs to campaign %2: one code, two campaigns"_s.arg(
                        code, owner.value()));
            else
                m_codeOwners.insert(folded, c.id);
        }
    }

    // An exclusive campaign identical to a stronger one never wins.
    void outranked(const Campaign &c, const QString &path)
    {
        if (c.stacking != Stacking::Exclusive)
            return;
        for (const Campaign &other : m_rules.campaigns) {
            if (&other == &c || other.status != c.status || other.stacking != Stacking::Exclusive ||
                !other.limits.isEmpty() || !(other.conditions == c.conditions) ||
                !(other.reward == c.reward) || !sameSchedule(other, c))
                continue;
            const bool otherWins =
                other.priority > c.priority || (other.priority == c.priority && other.id < c.id);
            if (otherWins) {
                add(warning, u"unreachable"_s, path, c.id,
                    u"campaign %1 has the same conditions, schedule and reward and wins every tie, so this one never applies"_s
                        .arg(other.id));
                return;
            }
        }
    }

    // Counted as Stripe counts (code points), as the engine cuts it.
    void label(const Campaign &c, const QString &path)
    {
        if (text::codePoints(c.name) > text::maxLabelLength)
            add(info, u"label_too_long"_s, json::at(path, u"name"), c.id,
                u"customers see at most 40 characters: the label will be cut to 39 and end with …"_s);
    }

    const CampaignSet &m_rules;
    const qint64 m_nowMs;
    QList<Finding> m_findings;
    QStringSet m_usedSegments;
    QStringSet m_unsatisfiableSegments;
    QHash<QString, QString> m_codeOwners; // folded code -> campaign id
    // The campaign being checked: its per-currency needs.
    QList<Required> m_required;
    std::optional<QStringSet> m_possible;
    QStringSet m_mentioned;
};

} // namespace

QList<Finding> run(const CampaignSet &rules, qint64 nowMs)
{
    return Linter(rules, nowMs).run();
}

} // namespace remise::lint
