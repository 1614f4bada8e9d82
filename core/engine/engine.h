#pragma once

#include "campaign.h"
#include "decision.h"
#include "session.h"

#include <QHash>

#include <memory>

namespace remise {

/// How much of a campaign's limits other sessions have already used: completed redemptions plus
/// reservations held by open sessions other than the one being decided.
struct CampaignUsage
{
    qint64 redemptions = 0;
    qint64 customerRedemptions = 0; ///< the same, for the customer being decided
    CurrencyAmounts budgetUsed;

    friend bool operator==(const CampaignUsage &, const CampaignUsage &) = default;
};

/// The inputs of one decision besides the session, the customer and the rules.
struct DecisionInput
{
    QString code; ///< code the customer submitted, as typed (empty: none)
    qint64 nowMs = 0;
    QHash<QString, CampaignUsage> usage; ///< by campaign id; absent means unused
};

/// The decision engine (docs/decisions.md). Built once from a rule book, then asked any number of
/// times; decide() is pure, deterministic and thread-safe.
class Engine
{
public:
    /// `revision` identifies the rule book (a file digest, a database revision); it is part of
    /// every decision id, so a decision can be traced to the exact rules.
    explicit Engine(CampaignSet rules, QString revision = {});
    ~Engine();
    Engine(Engine &&) noexcept;
    Engine &operator=(Engine &&) noexcept;

    Decision decide(const SessionSnapshot &session, const CustomerContext &customer,
                    const DecisionInput &input) const;

    const CampaignSet &rules() const;
    const QString &revision() const;

    /// Does `customer` match the segment? (For the UI's segment tester; the engine itself
    /// evaluates each segment at most once per decision.) Lifetime spend is read in `currency`.
    bool segmentMatches(QStringView segmentId, const CustomerContext &customer,
                        QStringView currency) const;

    /// Maximum label length in characters; longer labels are cut to 39 and end with "…".
    static constexpr int maxLabelLength = 40; // text::maxLabelLength
    /// Joins names with " + " and applies the 40-character rule, counting Unicode characters.
    static QString label(const QStringList &names);

private:
    struct Compiled;
    std::unique_ptr<Compiled> d;
};

} // namespace remise
