#include "engine.h"

#include "segmentmatch.h"

#include <QCryptographicHash>
#include <QVarLengthArray>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace remise {

namespace {

// Currencies are three lowercase letters; packing them into an integer makes the per-campaign
// lookups plain integer compares.
using CurrencyKey = quint32;

CurrencyKey currencyKey(QStringView code)
{
    if (code.size() != 3)
        return 0;
    return (quint32(code.at(0).unicode()) << 16) | (quint32(code.at(1).unicode()) << 8) |
           quint32(code.at(2).unicode());
}

class Amounts
{
public:
    Amounts() = default;
    explicit Amounts(const CurrencyAmounts &source)
    {
        for (const auto &[code, amount] : source.entries())
            m_values.append({currencyKey(code), amount});
    }
    std::optional<qint64> get(CurrencyKey key) const
    {
        for (const auto &[k, v] : m_values)
            if (k == key)
                return v;
        return std::nullopt;
    }

private:
    QVarLengthArray<std::pair<CurrencyKey, qint64>, 3> m_values;
};

struct CompiledTier
{
    Amounts minSubtotal;
    std::optional<Amounts> amountOff;
    std::optional<Percent> percent;
};

struct CompiledCampaign
{
    const Campaign *source = nullptr;
    bool active = false;
    qint64 startMs = std::numeric_limits<qint64>::min();
    qint64 endMs = std::numeric_limits<qint64>::max();

    std::optional<QVarLengthArray<CurrencyKey, 4>> currencies;
    std::optional<Amounts> minSubtotal;
    std::optional<QVarLengthArray<qsizetype, 4>> segments; // indices into Compiled::segments
    std::optional<QStringList> countries;                 // case-folded, like the context's
    std::optional<QStringList> codes;                     // trimmed, case-folded
    bool firstOrder = false;
    std::optional<QStringList> products;

    Reward::Type rewardType = Reward::Type::PercentOff;
    Percent percent;
    std::optional<Amounts> maxAmountOff;
    Amounts amountOff;
    QList<CompiledTier> tiers;

    std::optional<qint64> maxRedemptions;
    std::optional<qint64> maxPerCustomer;
    std::optional<Amounts> budget;
    CurrencyAmounts budgetSource;
};

struct Option
{
    qint64 total = 0;
    int topPriority = std::numeric_limits<int>::min();
    QStringView topId;
    QVarLengthArray<qsizetype, 8> members; // indices into the outcome list
};

bool better(const Option &a, const Option &b)
{
    if (a.total != b.total)
        return a.total > b.total;
    if (a.topPriority != b.topPriority)
        return a.topPriority > b.topPriority;
    return a.topId < b.topId;
}

void join(Option &option, qsizetype member, qint64 amount, int priority, QStringView id)
{
    option.members.append(member);
    option.total += amount;
    if (priority > option.topPriority || (priority == option.topPriority && id < option.topId)) {
        option.topPriority = priority;
        option.topId = id;
    }
}

} // namespace

struct Engine::Compiled
{
    CampaignSet rules;
    QString revision;
    QList<engine::CompiledSegment> segments;
    QList<CompiledCampaign> campaigns; // non-archived, sorted by id
    bool anyProducts = false;

    qsizetype segmentIndex(QStringView id) const
    {
        for (qsizetype i = 0; i < segments.size(); ++i)
            if (segments.at(i).id == id)
                return i;
        return -1;
    }
};

Engine::Engine(CampaignSet rules, QString revision)
    : d(std::make_unique<Compiled>())
{
    d->rules = std::move(rules);
    d->revision = std::move(revision);
    for (const Segment &segment : d->rules.segments)
        d->segments.append(engine::compileSegment(segment));

    for (const Campaign &campaign : d->rules.campaigns) {
        if (campaign.status == CampaignStatus::Archived)
            continue;
        CompiledCampaign c;
        c.source = &campaign;
        c.active = campaign.status == CampaignStatus::Active;
        if (campaign.startsAt)
            c.startMs = campaign.startsAt->toMSecsSinceEpoch();
        if (campaign.endsAt)
            c.endMs = campaign.endsAt->toMSecsSinceEpoch();
        const Conditions &cond = campaign.conditions;
        if (cond.currencies) {
            c.currencies.emplace();
            for (const QString &code : *cond.currencies)
                c.currencies->append(currencyKey(code));
        }
        if (cond.minSubtotal)
            c.minSubtotal = Amounts(*cond.minSubtotal);
        if (cond.segments) {
            c.segments.emplace();
            // A reference to an unknown segment never matches (imports refuse such files).
            for (const QString &id : *cond.segments)
                c.segments->append(d->segmentIndex(id));
        }
        if (cond.countries) {
            c.countries.emplace();
            for (const QString &country : *cond.countries)
                c.countries->append(country.toCaseFolded());
        }
        if (cond.codes) {
            c.codes.emplace();
            for (const QString &code : *cond.codes)
                c.codes->append(code.trimmed().toCaseFolded());
        }
        c.firstOrder = cond.firstOrder.value_or(false);
        if (cond.products) {
            c.products = *cond.products;
            d->anyProducts = true;
        }
        const Reward &reward = campaign.reward;
        c.rewardType = reward.type;
        c.percent = reward.percent;
        if (reward.maxAmountOff)
            c.maxAmountOff = Amounts(*reward.maxAmountOff);
        c.amountOff = Amounts(reward.amountOff);
        for (const RewardTier &tier : reward.tiers) {
            CompiledTier t{Amounts(tier.minSubtotal), std::nullopt, tier.percent};
            if (tier.amountOff)
                t.amountOff = Amounts(*tier.amountOff);
            c.tiers.append(std::move(t));
        }
        c.maxRedemptions = campaign.limits.maxRedemptions;
        c.maxPerCustomer = campaign.limits.maxPerCustomer;
        if (campaign.limits.budget)
            c.budget = Amounts(*campaign.limits.budget);
        d->campaigns.append(std::move(c));
    }
    std::sort(d->campaigns.begin(), d->campaigns.end(),
              [](const CompiledCampaign &a, const CompiledCampaign &b) {
                  return a.source->id < b.source->id;
              });
}

Engine::~Engine() = default;
Engine::Engine(Engine &&) noexcept = default;
Engine &Engine::operator=(Engine &&) noexcept = default;

const CampaignSet &Engine::rules() const
{
    return d->rules;
}

const QString &Engine::revision() const
{
    return d->revision;
}

bool Engine::segmentMatches(QStringView segmentId, const CustomerContext &customer,
                            QStringView currency) const
{
    const qsizetype index = d->segmentIndex(segmentId);
    if (index < 0)
        return false;
    const engine::ContextView view(customer, currency);
    return engine::matches(d->segments.at(index), view);
}

QString Engine::label(const QStringList &names)
{
    // Counts Unicode characters (a surrogate pair is one) and stops as soon as the limit is
    // passed, so that a large stack costs no more than a small one.
    QString out;
    qsizetype characters = 0;
    qsizetype cutAt = -1; // UTF-16 length after the 39th character
    const auto add = [&](QStringView part) {
        for (qsizetype i = 0; i < part.size(); ++i) {
            const bool pairStart = part.at(i).isHighSurrogate() && i + 1 < part.size() &&
                                   part.at(i + 1).isLowSurrogate();
            out += part.at(i);
            if (pairStart)
                out += part.at(++i);
            if (++characters == maxLabelLength - 1)
                cutAt = out.size();
            if (characters > maxLabelLength)
                return false;
        }
        return true;
    };
    for (qsizetype n = 0; n < names.size(); ++n) {
        if ((n > 0 && !add(u" + ")) || !add(names.at(n))) {
            out.truncate(cutAt);
            out += QChar(0x2026); // …
            return out;
        }
    }
    return out;
}

namespace {

// The per-decision state shared by the checks.
struct Evaluation
{
    CurrencyKey currency;
    qint64 subtotal;
    const SessionSnapshot &session;
    const engine::ContextView &context;
    QString code;      // trimmed, case-folded
    QString customer;  // key for per-customer limits
    qint64 nowMs;
    const QList<engine::CompiledSegment> &segments;
    QVarLengthArray<qint8, 64> segmentCache; // -1 unknown, 0 no, 1 yes
    std::optional<QHash<QString, qint64>> productSubtotals;

    bool segmentMatches(qsizetype index)
    {
        if (index < 0)
            return false;
        qint8 &cached = segmentCache[index];
        if (cached < 0)
            cached = engine::matches(segments.at(index), context) ? 1 : 0;
        return cached == 1;
    }

    const QHash<QString, qint64> &products()
    {
        if (!productSubtotals) {
            productSubtotals.emplace();
            for (const LineItem &item : session.lineItems)
                (*productSubtotals)[item.productId] += item.amountSubtotal;
        }
        return *productSubtotals;
    }
};

struct Check
{
    Reason reason = Reason::None;
    qint64 amount = 0;
};

// Runs the checks of one campaign in reason-code order; computes the amount if it passes.
Check evaluate(const CompiledCampaign &c, Evaluation &e, const CampaignUsage *usage)
{
    if (!c.active)
        return {Reason::NotActive};
    if (e.nowMs < c.startMs)
        return {Reason::NotStarted};
    if (e.nowMs >= c.endMs)
        return {Reason::Ended};

    // currency_mismatch: every per-currency value the campaign uses needs the session currency.
    if (c.currencies && !c.currencies->contains(e.currency))
        return {Reason::CurrencyMismatch};
    std::optional<qint64> minSubtotal;
    if (c.minSubtotal) {
        minSubtotal = c.minSubtotal->get(e.currency);
        if (!minSubtotal)
            return {Reason::CurrencyMismatch};
    }
    std::optional<qint64> fixedAmount;
    if (c.rewardType == Reward::Type::AmountOff) {
        fixedAmount = c.amountOff.get(e.currency);
        if (!fixedAmount)
            return {Reason::CurrencyMismatch};
    }
    const CompiledTier *tier = nullptr;
    if (c.rewardType == Reward::Type::Tiered) {
        bool anyTierInCurrency = false;
        qint64 reachedMin = -1;
        for (const CompiledTier &t : c.tiers) {
            const auto min = t.minSubtotal.get(e.currency);
            if (!min || (t.amountOff && !t.amountOff->get(e.currency)))
                continue; // tiers without the currency are ignored
            anyTierInCurrency = true;
            if (e.subtotal >= *min && *min > reachedMin) {
                reachedMin = *min;
                tier = &t;
            }
        }
        if (!anyTierInCurrency)
            return {Reason::CurrencyMismatch};
    }

    if (minSubtotal && e.subtotal < *minSubtotal)
        return {Reason::BelowMinSubtotal};
    if (c.rewardType == Reward::Type::Tiered && !tier)
        return {Reason::BelowMinSubtotal};

    if (c.segments) {
        bool any = false;
        for (const qsizetype index : *c.segments) {
            if (e.segmentMatches(index)) {
                any = true;
                break;
            }
        }
        if (!any)
            return {Reason::SegmentMismatch};
    }
    if (c.countries && !c.countries->contains(e.context.country()))
        return {Reason::CountryMismatch};
    if (c.codes) {
        if (e.code.isEmpty())
            return {Reason::CodeMissing};
        if (!c.codes->contains(e.code))
            return {Reason::CodeMismatch};
    }
    if (c.firstOrder && e.context.hasProfile() && e.context.orderCount() > 0)
        return {Reason::NotFirstOrder};

    qint64 base = e.subtotal;
    if (c.products) {
        const auto &bySubtotal = e.products();
        bool matched = false;
        base = 0;
        for (const QString &product : *c.products) {
            const auto it = bySubtotal.constFind(product);
            if (it != bySubtotal.constEnd()) {
                matched = true;
                base += it.value();
            }
        }
        if (!matched)
            return {Reason::NoMatchingProducts};
    }

    qint64 amount = 0;
    switch (c.rewardType) {
    case Reward::Type::PercentOff:
        amount = c.percent.of(base);
        if (c.maxAmountOff) {
            if (const auto cap = c.maxAmountOff->get(e.currency))
                amount = std::min(amount, *cap);
        }
        break;
    case Reward::Type::AmountOff:
        amount = *fixedAmount;
        break;
    case Reward::Type::Tiered:
        amount = tier->percent ? tier->percent->of(base) : *tier->amountOff->get(e.currency);
        break;
    }
    amount = std::clamp<qint64>(amount, 0, base);

    if (c.maxRedemptions && (usage ? usage->redemptions : 0) >= *c.maxRedemptions)
        return {Reason::MaxRedemptionsReached};
    if (c.maxPerCustomer) {
        // An unknown customer cannot be held to a per-customer limit, so cannot use the campaign.
        if (e.customer.isEmpty() ||
            (usage ? usage->customerRedemptions : 0) >= *c.maxPerCustomer)
            return {Reason::CustomerLimitReached};
    }
    if (c.budget) {
        // No budget in this currency means nothing may be spent in it.
        const qint64 budget = c.budget->get(e.currency).value_or(0);
        qint64 used = 0;
        if (usage) {
            for (const auto &[code, spent] : usage->budgetUsed.entries())
                if (currencyKey(code) == e.currency)
                    used = spent;
        }
        if (used + amount > budget)
            return {Reason::BudgetExhausted};
    }
    return {Reason::None, amount};
}

QString decisionId(const Engine &engine, const SessionSnapshot &session, const Evaluation &e,
                   const DecisionInput &input, const std::optional<DiscountPlan> &plan)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const auto add = [&hash](QStringView s) {
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(s.utf16()), s.size() * 2));
        hash.addData(QByteArrayView("\x1f", 1));
    };
    add(engine.revision());
    add(session.id);
    add(session.currency);
    add(QString::number(e.subtotal));
    add(e.customer);
    add(e.code);
    add(QString::number(input.nowMs));
    if (plan) {
        add(QString::number(plan->amountOff));
        // The applied ids through FNV-1a first: a big stack then costs no more to hash.
        quint64 fnv = 14695981039346656037ULL;
        for (const QString &id : plan->campaigns) {
            for (const QChar ch : id)
                fnv = (fnv ^ ch.unicode()) * 1099511628211ULL;
            fnv = (fnv ^ u',') * 1099511628211ULL;
        }
        add(QString::number(fnv, 16));
    }
    return u"dec_"_s + QString::fromLatin1(hash.result().toHex().left(24));
}

} // namespace

Decision Engine::decide(const SessionSnapshot &session, const CustomerContext &customer,
                        const DecisionInput &input) const
{
    const engine::ContextView view(customer, session.currency);
    Evaluation e{currencyKey(session.currency),
                 session.subtotal,
                 session,
                 view,
                 input.code.trimmed().toCaseFolded(),
                 customer.key(),
                 input.nowMs,
                 d->segments,
                 {},
                 std::nullopt};
    e.segmentCache.resize(d->segments.size());
    std::fill(e.segmentCache.begin(), e.segmentCache.end(), qint8(-1));

    Decision decision;
    decision.sessionId = session.id;
    decision.currency = session.currency;
    decision.subtotal = session.subtotal;
    decision.code = input.code.trimmed();
    decision.decidedAtMs = input.nowMs;
    decision.campaigns.reserve(d->campaigns.size());

    Option stack;
    Option best;
    bool haveBest = false;
    for (const CompiledCampaign &c : d->campaigns) {
        const Campaign &campaign = *c.source;
        const CampaignUsage *usage = nullptr;
        if (c.maxRedemptions || c.maxPerCustomer || c.budget) {
            const auto it = input.usage.constFind(campaign.id);
            if (it != input.usage.constEnd())
                usage = &it.value();
        }
        const Check check = evaluate(c, e, usage);
        const qsizetype index = decision.campaigns.size();
        const bool eligible = check.reason == Reason::None;
        decision.campaigns.append(
            CampaignOutcome{campaign.id, eligible, false, check.amount, check.reason});
        if (!eligible)
            continue;
        if (campaign.stacking == Stacking::Stackable) {
            join(stack, index, check.amount, campaign.priority, campaign.id);
        } else {
            Option single;
            join(single, index, check.amount, campaign.priority, campaign.id);
            if (!haveBest || better(single, best)) {
                best = single;
                haveBest = true;
            }
        }
    }
    if (!stack.members.isEmpty()) {
        stack.total = std::min(stack.total, session.subtotal);
        if (!haveBest || better(stack, best)) {
            best = stack;
            haveBest = true;
        }
    }

    // A winning option worth nothing is no discount; its campaigns stay eligible, unapplied.
    if (haveBest && best.total > 0) {
        QList<const CompiledCampaign *> applied;
        for (const qsizetype index : best.members) {
            decision.campaigns[index].applied = true;
            applied.append(&d->campaigns.at(index));
        }
        for (CampaignOutcome &outcome : decision.campaigns)
            if (outcome.eligible && !outcome.applied)
                outcome.reason = Reason::Outranked;
        std::sort(applied.begin(), applied.end(),
                  [](const CompiledCampaign *a, const CompiledCampaign *b) {
                      if (a->source->priority != b->source->priority)
                          return a->source->priority > b->source->priority;
                      return a->source->id < b->source->id;
                  });
        DiscountPlan plan;
        plan.amountOff = best.total;
        plan.currency = session.currency;
        QStringList names;
        for (const CompiledCampaign *c : applied) {
            plan.campaigns.append(c->source->id);
            names.append(c->source->name);
        }
        plan.name = label(names);
        decision.discount = std::move(plan);
    }
    decision.id = decisionId(*this, session, e, input, decision.discount);
    return decision;
}

} // namespace remise
