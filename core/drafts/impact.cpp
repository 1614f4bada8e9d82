#include "impact.h"

#include "decision.h"
#include "engine.h"

using namespace Qt::StringLiterals;

namespace remise::drafts {

namespace {

QString emailOf(const SessionSnapshot &s)
{
    return !s.detailsEmail.isEmpty() ? s.detailsEmail
           : s.customer              ? s.customer->email
                                     : s.customerEmail;
}

void add(BacktestSide &side, const Decision &decision)
{
    if (!decision.discount || decision.discount->amountOff <= 0)
        return;
    ++side.discounted;
    const QString &currency = decision.discount->currency;
    side.cost.set(currency, side.cost.value(currency).value_or(0) + decision.discount->amountOff);
}

} // namespace

ImpactReport computeImpact(Store &store, const CampaignSet &live, const CampaignSet &draft,
                           const QList<SessionSnapshot> &open,
                           const QList<SessionSnapshot> &completed, qint64 nowMs,
                           const std::atomic<bool> *cancel)
{
    const Engine liveEngine(live, u"live"_s);
    const Engine draftEngine(draft, u"draft"_s);
    ImpactReport report;
    const auto cancelled = [&] {
        return cancel && cancel->load();
    };

    for (const SessionSnapshot &s : open) {
        if (cancelled()) {
            report.cancelled = true;
            return report;
        }
        auto profile = store.findCustomer(s.customerId, emailOf(s));
        if (!profile) {
            report.skipped.append(s.id + u": "_s + profile.error().describe());
            continue;
        }
        const CustomerContext customer = CustomerContext::build(s, *profile);
        auto usage = store.usage(s.id, customer.key(), nowMs);
        auto code = store.sessionCode(s.id);
        if (!usage || !code) {
            report.skipped.append(s.id + u": "_s +
                                  (!usage ? usage.error() : code.error()).describe());
            continue;
        }
        const DecisionInput input{*code, nowMs, *usage};
        const Decision a = liveEngine.decide(s, customer, input);
        const Decision b = draftEngine.decide(s, customer, input);
        SessionImpact row;
        row.sessionId = s.id;
        row.email = emailOf(s);
        row.currency = s.currency;
        row.subtotal = s.subtotal;
        row.current = s.amountDiscount;
        row.live = a.discount ? a.discount->amountOff : 0;
        row.draft = b.discount ? b.discount->amountOff : 0;
        row.liveCampaigns = a.discount ? a.discount->campaigns : QStringList();
        row.draftCampaigns = b.discount ? b.discount->campaigns : QStringList();
        if (row.changed())
            ++report.changed;
        report.open.append(row);
    }

    for (const SessionSnapshot &s : completed) {
        if (cancelled()) {
            report.cancelled = true;
            return report;
        }
        auto profile = store.findCustomer(s.customerId, emailOf(s));
        if (!profile) {
            report.skipped.append(s.id + u": "_s + profile.error().describe());
            continue;
        }
        const CustomerContext customer = CustomerContext::build(s, *profile);
        QString code;
        for (const SessionDiscount &d : s.discounts)
            code = d.metadata.value(metadatakeys::code, code);
        const DecisionInput input{code, s.created * 1000, {}};
        ++report.backtestSessions;
        add(report.backtestLive, liveEngine.decide(s, customer, input));
        add(report.backtestDraft, draftEngine.decide(s, customer, input));
    }
    return report;
}

} // namespace remise::drafts
