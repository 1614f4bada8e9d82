#include "engine.h"

#include "segmentmatch.h"
#include "text.h"

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

// Country codes are two letters: packed into an integer once, compared as integers.
quint32 countryKey(QStringView code)
{
    if (code.size() != 2)
        return 0;
    return (quint32(code.at(0).toCaseFolded().unicode()) << 16) |
           quint32(code.at(1).toCaseFolded().unicode());
}

// A usable tier in one currency.
struct ResolvedTier
{
    qint64 minSubtotal = 0;
    qint64 amountOff = -1; // -1 when the tier is a percent
    std::optional<Percent> percent;
};

// A campaign's per-currency values resolved for one currency, so that deciding does no map
// lookups: built for every currency the rules mention (and once for "any other currency").
struct Resolved
{
    bool currencyOk = true;  // every per-currency value the campaign uses exists here
    qint64 minSubtotal = -1; // -1: no condition
    qint64 amountOff = -1;   // amount_off reward
    qint64 cap = -1;         // max_amount_off; -1: no cap
    qint64 budget = -1;      // -1: no budget limit; otherwise what may be spent (0 if none)
    QVarLengthArray<ResolvedTier, 3> tiers; // usable tiers, in file order
};

struct CompiledCampaign
{
    const Campaign *source = nullptr;
    bool active = false;
    qint64 startMs = std::numeric_limits<qint64>::min();
    qint64 endMs = std::numeric_limits<qint64>::max();

    std::optional<QVarLengthArray<qsizetype, 4>> segments; // indices into Compiled::segments
    std::optional<QVarLengthArray<quint32, 4>> countries;  // countryKey()s
    std::optional<QStringList> codes;                      // trimmed, case-folded
    bool firstOrder = false;
    std::optional<QStringList> products;
    Reward::Type rewardType = Reward::Type::PercentOff;
    Percent percent;
    bool hasLimits = false;
    std::optional<qint64> maxRedemptions;
    std::optional<qint64> maxPerCustomer;
};

Resolved resolve(const Campaign &campaign, const QString &currency)
{
    Resolved r;
    const Conditions &cond = campaign.conditions;
    const Reward &reward = campaign.reward;
    if (cond.currencies && !cond.currencies->contains(currency))
        r.currencyOk = false;
    if (cond.minSubtotal) {
        const auto min = cond.minSubtotal->value(currency);
        r.minSubtotal = min.value_or(-1);
        r.currencyOk = r.currencyOk && min.has_value();
    }
    if (reward.type == Reward::Type::AmountOff) {
        const auto amount = reward.amountOff.value(currency);
        r.amountOff = amount.value_or(-1);
        r.currencyOk = r.currencyOk && amount.has_value();
    }
    if (reward.type == Reward::Type::PercentOff && reward.maxAmountOff)
        r.cap = reward.maxAmountOff->value(currency).value_or(-1);
    if (reward.type == Reward::Type::Tiered) {
        for (const RewardTier &tier : reward.tiers) {
            const auto min = tier.minSubtotal.value(currency);
            const auto amount = tier.amountOff ? tier.amountOff->value(currency) : std::nullopt;
            if (!min || (tier.amountOff && !amount))
                continue; // tiers without the currency are ignored
            r.tiers.append({*min, amount.value_or(-1), tier.percent});
        }
        r.currencyOk = r.currencyOk && !r.tiers.isEmpty();
    }
    if (campaign.limits.budget)
        r.budget = campaign.limits.budget->value(currency).value_or(0);
    return r;
}

struct Option
{
    qint64 total = 0;
    int topPriority = std::numeric_limits<int>::min();
    qsizetype topIndex = -1; // campaigns are in id order: the lower index has the lower id
    QVarLengthArray<qsizetype, 8> members; // indices into the outcome list
};

bool better(const Option &a, const Option &b)
{
    if (a.total != b.total)
        return a.total > b.total;
    if (a.topPriority != b.topPriority)
        return a.topPriority > b.topPriority;
    return a.topIndex < b.topIndex;
}

// Members join in index (so id) order: among equal priorities the first one stays on top.
void join(Option &option, qsizetype member, qint64 amount, int priority)
{
    option.members.append(member);
    option.total += amount;
    if (priority > option.topPriority) {
        option.topPriority = priority;
        option.topIndex = member;
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
    // Per-currency values of every campaign (same order as `campaigns`), for each currency the
    // rules mention; `otherCurrency` serves every currency they do not.
    QList<std::pair<CurrencyKey, QList<Resolved>>> byCurrency;
    QList<Resolved> otherCurrency;

    const QList<Resolved> &resolvedFor(CurrencyKey key) const
    {
        for (const auto &[k, table] : byCurrency)
            if (k == key)
                return table;
        return otherCurrency;
    }

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
        if (cond.segments) {
            c.segments.emplace();
            // A reference to an unknown segment never matches (imports refuse such files).
            for (const QString &id : *cond.segments)
                c.segments->append(d->segmentIndex(id));
        }
        if (cond.countries) {
            c.countries.emplace();
            for (const QString &country : *cond.countries)
                c.countries->append(countryKey(country));
        }
        if (cond.codes) {
            c.codes.emplace();
            for (const QString &code : *cond.codes)
                c.codes->append(code.trimmed().toCaseFolded());
        }
        c.firstOrder = cond.firstOrder.value_or(false);
        if (cond.products) {
            // Each product once: a product named twice must not count its items twice
            // (campaign files refuse such lists; rules built in code may still have them).
            c.products.emplace();
            for (const QString &product : *cond.products)
                if (!c.products->contains(product))
                    c.products->append(product);
            d->anyProducts = true;
        }
        c.rewardType = campaign.reward.type;
        c.percent = campaign.reward.percent;
        c.hasLimits = !campaign.limits.isEmpty();
        c.maxRedemptions = campaign.limits.maxRedemptions;
        c.maxPerCustomer = campaign.limits.maxPerCustomer;
        d->campaigns.append(std::move(c));
    }
    std::sort(d->campaigns.begin(), d->campaigns.end(),
              [](const CompiledCampaign &a, const CompiledCampaign &b) {
                  return a.source->id < b.source->id;
              });

    QStringList mentioned;
    const auto mention = [&mentioned](const QStringList &codes) {
        for (const QString &code : codes)
            if (!mentioned.contains(code))
                mentioned.append(code);
    };
    for (const CompiledCampaign &c : std::as_const(d->campaigns)) {
        const Campaign &campaign = *c.source;
        if (campaign.conditions.currencies)
            mention(*campaign.conditions.currencies);
        if (campaign.conditions.minSubtotal)
            mention(campaign.conditions.minSubtotal->currencies());
        mention(campaign.reward.amountOff.currencies());
        if (campaign.reward.maxAmountOff)
            mention(campaign.reward.maxAmountOff->currencies());
        for (const RewardTier &tier : campaign.reward.tiers)
            mention(tier.minSubtotal.currencies());
        if (campaign.limits.budget)
            mention(campaign.limits.budget->currencies());
    }
    for (const QString &code : std::as_const(mentioned)) {
        QList<Resolved> table;
        table.reserve(d->campaigns.size());
        for (const CompiledCampaign &c : std::as_const(d->campaigns))
            table.append(resolve(*c.source, code));
        d->byCurrency.append({currencyKey(code), std::move(table)});
    }
    d->otherCurrency.reserve(d->campaigns.size());
    for (const CompiledCampaign &c : std::as_const(d->campaigns))
        d->otherCurrency.append(resolve(*c.source, QString()));
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
    // Joins only as much as decides the cut (limit + 1 code points), so that a large stack
    // costs no more than a small one; text::ellipsize() counts code points and never splits a
    // grapheme cluster (docs/decisions.md, "Text as Stripe counts it").
    QString joined;
    for (qsizetype n = 0; n < names.size(); ++n) {
        if (n > 0)
            joined += u" + "_s;
        joined += names.at(n);
        if (joined.size() > 2 * (maxLabelLength + 1))
            break; // already more than limit + 1 code points (each takes at most 2 units)
    }
    return text::ellipsize(joined, maxLabelLength);
}

namespace {

// The per-decision state shared by the checks.
struct Evaluation
{
    CurrencyKey currency;
    qint64 subtotal;
    const SessionSnapshot &session;
    const engine::ContextView &context;
    QString code;     // trimmed, case-folded
    QString customer; // key for per-customer limits
    quint32 country;  // countryKey() of the customer's country
    const QHash<QString, CampaignUsage> &usage;
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

// The one rule every discount obeys: never negative, never above its base, never above the
// session's subtotal (whatever the line items add up to, however the rules are written).
qint64 cap(qint64 amount, qint64 base, qint64 subtotal)
{
    return std::clamp<qint64>(amount, 0, std::max<qint64>(0, std::min(base, subtotal)));
}

// Runs the checks of one campaign in reason-code order; computes the amount if it passes.
Check evaluate(const CompiledCampaign &c, const Resolved &r, Evaluation &e)
{
    if (!c.active)
        return {Reason::NotActive};
    if (e.nowMs < c.startMs)
        return {Reason::NotStarted};
    if (e.nowMs >= c.endMs)
        return {Reason::Ended};
    // Every per-currency value the campaign uses needs the session currency.
    if (!r.currencyOk)
        return {Reason::CurrencyMismatch};
    if (e.subtotal < r.minSubtotal)
        return {Reason::BelowMinSubtotal};
    const ResolvedTier *tier = nullptr;
    if (c.rewardType == Reward::Type::Tiered) {
        for (const ResolvedTier &t : r.tiers)
            if (e.subtotal >= t.minSubtotal && (!tier || t.minSubtotal > tier->minSubtotal))
                tier = &t; // the highest tier reached
        if (!tier)
            return {Reason::BelowMinSubtotal};
    }
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
    if (c.countries && !c.countries->contains(e.country))
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
        if (r.cap >= 0)
            amount = std::min(amount, r.cap);
        break;
    case Reward::Type::AmountOff:
        amount = r.amountOff;
        break;
    case Reward::Type::Tiered:
        amount = tier->percent ? tier->percent->of(base) : tier->amountOff;
        break;
    }
    amount = cap(amount, base, e.subtotal);

    if (!c.hasLimits)
        return {Reason::None, amount};
    const auto found = e.usage.constFind(c.source->id);
    const CampaignUsage *usage = found != e.usage.constEnd() ? &found.value() : nullptr;
    if (c.maxRedemptions && (usage ? usage->redemptions : 0) >= *c.maxRedemptions)
        return {Reason::MaxRedemptionsReached};
    if (c.maxPerCustomer) {
        // An unknown customer cannot be held to a per-customer limit, so cannot use the campaign.
        if (e.customer.isEmpty() || (usage ? usage->customerRedemptions : 0) >= *c.maxPerCustomer)
            return {Reason::CustomerLimitReached};
    }
    if (r.budget >= 0) {
        // No budget in this currency means nothing may be spent in it; a budget with nothing
        // left is exhausted whatever the amount, even one that rounds to zero.
        const qint64 used = usage ? usage->budgetUsed.value(e.session.currency).value_or(0) : 0;
        if (used >= r.budget || used + amount > r.budget)
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
                 countryKey(customer.address.country),
                 input.usage,
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
    // Filled in place: one outcome per campaign, in id order.
    decision.campaigns.resize(d->campaigns.size());
    CampaignOutcome *outcomes = decision.campaigns.data();

    Option stack;
    Option best;
    bool haveBest = false;
    const QList<Resolved> &resolved = d->resolvedFor(e.currency);
    for (qsizetype i = 0; i < d->campaigns.size(); ++i) {
        const CompiledCampaign &c = d->campaigns.at(i);
        const Campaign &campaign = *c.source;
        const Check check = evaluate(c, resolved.at(i), e);
        const bool eligible = check.reason == Reason::None;
        CampaignOutcome &outcome = outcomes[i];
        outcome.id = campaign.id;
        outcome.eligible = eligible;
        outcome.amountOff = check.amount;
        outcome.reason = check.reason;
        if (!eligible)
            continue;
        if (campaign.stacking == Stacking::Stackable) {
            join(stack, i, check.amount, campaign.priority);
        } else {
            Option single;
            join(single, i, check.amount, campaign.priority);
            if (!haveBest || better(single, best)) {
                best = single;
                haveBest = true;
            }
        }
    }
    if (!stack.members.isEmpty()) {
        stack.total = cap(stack.total, stack.total, session.subtotal);
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
                      return a < b; // same array, in id order
                  });
        DiscountPlan plan;
        plan.amountOff = cap(best.total, best.total, session.subtotal); // the final cap
        plan.currency = session.currency;
        QStringList names;
        plan.campaigns.reserve(applied.size());
        names.reserve(applied.size());
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
